import { describe, expect, it } from 'vitest';
import { ApiProblem } from '../api/apiProblem';
import { de } from '../i18n/de';
import { en } from '../i18n/en';
import {
  batchTemplateCsv,
  isBatchFinished,
  rowReason,
  uploadFixes,
  uploadProblemText,
} from './batchText';

const problem = (status: number, code: string, errors: ApiProblem['errors'] = []) =>
  new ApiProblem(status, code, 'English title from the API', errors, undefined);

describe('a refused upload', () => {
  it('says per column what to change in the first line, in the page language', () => {
    const header = problem(400, 'CSV_HEADER_INVALID', [
      { field: 'email', code: 'COLUMN_MISSING', message: 'The column "email" is missing.' },
      { field: 'mail', code: 'COLUMN_UNKNOWN', message: '"mail" is not a column.' },
      { field: 'domain', code: 'COLUMN_REPEATED', message: 'twice' },
    ]);
    expect(uploadProblemText(de, header)).toBe(
      'Die erste Zeile der Datei muss die Spalten benennen.',
    );
    expect(uploadFixes(de, header)).toEqual([
      'Die Spalte „email“ fehlt: Ergänzen Sie sie in der ersten Zeile.',
      '„mail“ ist keine Spalte einer Einladungsdatei: Benennen Sie sie um oder entfernen Sie sie.',
      'Die Spalte „domain“ kommt mehrfach vor: Behalten Sie eine.',
    ]);
  });

  it('names the line of broken quoting when the API does', () => {
    const broken = problem(400, 'CSV_MALFORMED', [
      {
        field: 'body',
        code: 'CSV_MALFORMED',
        message: 'The file is not valid CSV (line 7): Quote not closed',
      },
    ]);
    expect(uploadFixes(en, broken)).toEqual(['Check the quotes around line 7.']);
    expect(uploadFixes(en, problem(400, 'CSV_MALFORMED'))).toEqual([]);
  });

  it('explains a file too large for a batch, and falls back to the general problem texts', () => {
    expect(uploadProblemText(en, problem(413, 'PAYLOAD_TOO_LARGE'))).toBe(
      'The file is larger than 4 MB: split it.',
    );
    expect(uploadProblemText(en, problem(403, 'ROLE_REQUIRED'))).toBe(
      'Your role does not allow this. Ask an Admin agent.',
    );
  });
});

describe('a failed line', () => {
  it.each([
    [
      { code: 'DUPLICATE_DOMAIN_IN_BATCH', field: 'domain' },
      'This domain is already on an earlier line of the file.',
    ],
    [
      { code: 'INVALID_VALUE', field: 'email' },
      'Enter an email address such as admin@contoso.com.',
    ],
    [{ code: 'INVALID_VALUE', field: 'locale' }, 'This value is not valid.'],
    [
      { code: 'INVITATION_ALREADY_PENDING', field: 'domain' },
      'This customer already has an open invitation from you: revoke it on Invitations first, or wait until it is accepted or expires.',
    ],
    [{ code: 'SOMETHING_NEW', field: 'row' }, 'This line was not accepted (SOMETHING_NEW).'],
  ])('%j → %s', (failure, text) => {
    expect(rowReason(en, { line: 3, status: 'failed', input: {}, ...failure })).toBe(text);
  });

  it('is explained in German too', () => {
    expect(
      rowReason(de, {
        line: 3,
        status: 'failed',
        input: {},
        code: 'CUSTOMER_OUTSIDE_REGION',
        field: 'country',
      }),
    ).toBe('Dieses Land liegt außerhalb Ihrer CSP-Region.');
  });
});

describe('batch helpers', () => {
  it('knows when a batch stops changing', () => {
    expect(
      ['validating', 'running', 'completed', 'completed_with_errors'].map((s) =>
        isBatchFinished(s as never),
      ),
    ).toEqual([false, false, true, true]);
  });

  it('offers a template whose first line names every column the API reads', () => {
    const [header] = batchTemplateCsv().split('\r\n');
    expect(header).toBe('email,companyName,domain,country,includeDelegatedAdmin,locale');
  });
});
