import {
  decodeRowPosition,
  encodeRowPosition,
  toBatchRowsCsv,
} from '../../../shared/api/invitationBatchViews';
import { readBatchUpload } from '../../../shared/api/invitationBatchUpload';

describe('toBatchRowsCsv', () => {
  const rows = [
    {
      line: 2,
      status: 'created' as const,
      invitationId: 'inv-1',
      values: { email: 'a@a.example', companyName: 'A; B', domain: 'a.example', country: 'DE' },
    },
    {
      line: 3,
      status: 'failed' as const,
      code: 'INVALID_VALUE',
      field: 'email',
      message: 'must be an email address',
      values: { email: '=cmd', companyName: 'C', includeDelegatedAdmin: true },
    },
  ];

  it('writes a BOM, the result columns, then the upload columns', () => {
    const csv = toBatchRowsCsv(rows);
    expect(csv.split('\r\n')).toEqual([
      '\uFEFFline,status,invitationId,code,field,message,email,companyName,domain,country,includeDelegatedAdmin,locale',
      '2,created,inv-1,,,,a@a.example,"A; B",a.example,DE,,',
      "3,failed,,INVALID_VALUE,email,must be an email address,'=cmd,C,,,true,",
      '',
    ]);
  });

  it('is a file the upload takes back, result columns ignored', () => {
    const back = readBatchUpload('csv', Buffer.from(toBatchRowsCsv(rows), 'utf8'));
    expect(back.map((r) => r.values.companyName)).toEqual(['A; B', 'C']);
    expect(back[1]!.values.includeDelegatedAdmin).toBe(true);
  });
});

describe('row positions as continuation tokens', () => {
  it('round-trips and refuses tampered tokens with a 400', () => {
    const token = encodeRowPosition({ chunk: 3, row: 17 });
    expect(decodeRowPosition(token)).toEqual({ chunk: 3, row: 17 });
    expect(decodeRowPosition(undefined)).toBeUndefined();
    for (const bad of [{ chunk: -1, row: 0 }, null, { chunk: 'x', row: 1 }]) {
      const forged = Buffer.from(JSON.stringify(bad)).toString('base64url');
      expect(() => decodeRowPosition(forged)).toThrow(
        expect.objectContaining({ status: 400, code: 'INVALID_CONTINUATION_TOKEN' }),
      );
    }
  });
});
