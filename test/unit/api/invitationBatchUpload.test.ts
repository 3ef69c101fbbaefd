import {
  BATCH_MAX_ROWS,
  readBatchUpload,
  rowToInvitation,
} from '../../../shared/api/invitationBatchUpload';
import { ProblemError } from '../../../shared/domain/problem';

const HEADER = 'email,companyName,domain,country,includeDelegatedAdmin,locale';

function problemOf(work: () => unknown): ProblemError {
  try {
    work();
  } catch (error) {
    if (error instanceof ProblemError) return error;
    throw error;
  }
  throw new Error('expected a problem');
}

const csv = (text: string) => Buffer.from(text, 'utf8');

describe('readBatchUpload (CSV)', () => {
  it('reads a comma file, numbering rows as Excel does (header = line 1)', () => {
    const rows = readBatchUpload(
      'csv',
      csv(`${HEADER}\r\nadmin@a.example,A AG,a.onmicrosoft.com,DE,TRUE,de-DE\r\n`),
    );
    expect(rows).toEqual([
      {
        line: 2,
        values: {
          email: 'admin@a.example',
          companyName: 'A AG',
          domain: 'a.onmicrosoft.com',
          country: 'DE',
          includeDelegatedAdmin: true,
          locale: 'de-DE',
        },
      },
    ]);
  });

  it('reads German Excel: UTF-8 BOM, semicolons, WAHR/FALSCH, quoted semicolons, empty rows', () => {
    const text =
      '\uFEFF' +
      `${HEADER.replace(/,/g, ';')}\r\n` +
      'a@müller.example;"Müller; Söhne GmbH";mueller.onmicrosoft.com;AT;WAHR;de-DE\r\n' +
      ';;;;;\r\n' +
      'b@b.example;B GmbH;b.onmicrosoft.com;DE;FALSCH;\r\n';
    const rows = readBatchUpload('csv', csv(text));
    expect(rows.map((r) => r.line)).toEqual([2, 4]);
    expect(rows[0]!.values.companyName).toBe('Müller; Söhne GmbH');
    expect(rows[0]!.values.includeDelegatedAdmin).toBe(true);
    expect(rows[1]!.values.includeDelegatedAdmin).toBe(false);
    expect(rows[1]!.values).not.toHaveProperty('locale');
  });

  it.each([
    ['a JSON document', csv('{"rows": []}'), 'CSV_HEADER_INVALID'],
    ['a workbook', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'CSV_NOT_TEXT'],
    ['Windows-1252 text', Buffer.from([0x65, 0x6d, 0x61, 0x69, 0x6c, 0xe4, 0x0a]), 'CSV_NOT_TEXT'],
    ['an unclosed quote', csv(`${HEADER}\n"a@b.example,x,y,DE,true,en-US\n`), 'CSV_MALFORMED'],
    ['only a header', csv(`${HEADER}\n`), 'BATCH_EMPTY'],
    ['an empty body', csv(''), 'CSV_HEADER_INVALID'],
  ])('refuses %s', (_, body, code) => {
    const problem = problemOf(() => readBatchUpload('csv', body));
    expect(problem.status).toBe(400);
    expect(problem.code).toBe(code);
  });

  it('names the missing and unknown columns', () => {
    const problem = problemOf(() =>
      readBatchUpload(
        'csv',
        csv('email,company,domain,country,includeDelegatedAdmin\nx,y,z,DE,1\n'),
      ),
    );
    expect(problem.code).toBe('CSV_HEADER_INVALID');
    expect(problem.errors).toEqual([
      expect.objectContaining({ field: 'companyName', code: 'COLUMN_MISSING' }),
      expect.objectContaining({ field: 'company', code: 'COLUMN_UNKNOWN' }),
    ]);
  });

  it(`takes ${BATCH_MAX_ROWS} rows and refuses one more`, () => {
    const row = 'a@a.example,A,a.example,DE,false,en-US\n';
    expect(readBatchUpload('csv', csv(HEADER + '\n' + row.repeat(BATCH_MAX_ROWS)))).toHaveLength(
      BATCH_MAX_ROWS,
    );
    const problem = problemOf(() =>
      readBatchUpload('csv', csv(HEADER + '\n' + row.repeat(BATCH_MAX_ROWS + 1))),
    );
    expect(problem.code).toBe('BATCH_TOO_MANY_ROWS');
  });
});

describe('readBatchUpload (JSON)', () => {
  it('numbers JSON rows as the same rows of a CSV file', () => {
    const rows = readBatchUpload('json', csv(JSON.stringify([{ email: 'a' }, { email: 'b' }])));
    expect(rows.map((r) => r.line)).toEqual([2, 3]);
  });

  it.each([
    ['{}', 'BATCH_NOT_AN_ARRAY'],
    ['[', 'MALFORMED_JSON'],
    ['[]', 'BATCH_EMPTY'],
  ])('refuses %s', (body, code) => {
    expect(problemOf(() => readBatchUpload('json', csv(body))).code).toBe(code);
  });
});

describe('rowToInvitation', () => {
  const valid = {
    email: 'admin@a.example',
    companyName: 'A AG',
    domain: 'A.onmicrosoft.com',
    country: 'de',
    includeDelegatedAdmin: true,
  };

  it('validates with the single-invitation schema (trimmed, lower-cased, default locale)', () => {
    expect(rowToInvitation(valid)).toEqual({
      input: {
        customer: {
          email: 'admin@a.example',
          companyName: 'A AG',
          domain: 'a.onmicrosoft.com',
          country: 'DE',
        },
        includeDelegatedAdmin: true,
        locale: 'en-US',
      },
    });
  });

  it.each([
    [{ ...valid, email: 'not-an-email' }, 'INVALID_VALUE', 'email'],
    [{ ...valid, country: 'XX' }, 'INVALID_VALUE', 'country'],
    [{ ...valid, domain: undefined }, 'REQUIRED', 'domain'],
    [{ ...valid, includeDelegatedAdmin: 'maybe' }, 'WRONG_TYPE', 'includeDelegatedAdmin'],
    [{ ...valid, locale: 'xx-XX' }, 'INVALID_VALUE', 'locale'],
    [{ ...valid, extra: 1 }, 'UNKNOWN_FIELD', 'extra'],
    [{ '(row)': 5 }, 'WRONG_TYPE', 'row'],
  ])('refuses %j with %s on %s', (values, code, field) => {
    expect(rowToInvitation(values)).toEqual({
      problem: expect.objectContaining({ code, field }),
    });
  });
});
