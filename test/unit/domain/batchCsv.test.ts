import {
  csvField,
  csvLine,
  detectDelimiter,
  parseBooleanCell,
  readHeader,
} from '../../../shared/domain/batchCsv';

describe('detectDelimiter', () => {
  it.each([
    ['email,companyName,domain,country,includeDelegatedAdmin,locale', ','],
    ['email;companyName;domain;country;includeDelegatedAdmin;locale', ';'],
    ['"a;b",c,d', ','],
    ['"a,b";c;d', ';'],
    ['email', ','],
  ])('%s → %s', (line, delimiter) => {
    expect(detectDelimiter(line)).toBe(delimiter);
  });
});

describe('readHeader', () => {
  it('maps columns in any order and case, ignoring the result columns of a download', () => {
    const result = readHeader([
      'line',
      'status',
      ' Domain ',
      'EMAIL',
      'companyName',
      'country',
      'includeDelegatedAdmin',
    ]);
    expect(result).toEqual({
      columns: [
        undefined,
        undefined,
        'domain',
        'email',
        'companyName',
        'country',
        'includeDelegatedAdmin',
      ],
    });
  });

  it('names missing, unknown and repeated columns; locale may be left out', () => {
    expect(readHeader(['email', 'email', 'company', 'domain', 'country'])).toEqual({
      problem: {
        missing: ['companyName', 'includeDelegatedAdmin'],
        unknown: ['company'],
        repeated: ['email'],
      },
    });
  });
});

describe('parseBooleanCell', () => {
  it.each([
    ['TRUE', true],
    ['WAHR', true],
    ['1', true],
    ['ja', true],
    ['FALSE', false],
    ['FALSCH', false],
    ['', false],
    ['maybe', 'maybe'],
  ])('%s → %s', (cell, value) => {
    expect(parseBooleanCell(cell)).toBe(value);
  });
});

describe('csvField and csvLine', () => {
  it('quotes what needs quoting and defuses formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(undefined)).toBe('');
    expect(csvLine([2, true, 'x y'])).toBe('2,true,x y\r\n');
  });
});
