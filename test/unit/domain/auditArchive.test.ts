import {
  appendMissingEvents,
  archivedFields,
  auditArchiveBlobName,
  auditArchiveCutoff,
} from '../../../shared/domain/auditArchive';

describe('auditArchiveCutoff', () => {
  test.each([
    ['2026-12-04T19:53:00.000Z', 30, '2026-11-04T00:00:00.000Z'],
    ['2026-12-04T00:00:00.000Z', 1, '2026-12-03T00:00:00.000Z'],
    ['2026-03-01T23:59:59.999Z', 365, '2025-03-01T00:00:00.000Z'],
  ])('at %s with %i days: the start of that day, UTC', (now, days, cutoff) => {
    expect(auditArchiveCutoff(new Date(now), days)).toBe(cutoff);
  });
});

test('one blob per partner and UTC day', () => {
  expect(auditArchiveBlobName('t-1', '2025-11-04T23:59:59.999Z')).toBe('t-1/2025-11-04.jsonl');
});

test("an archived event keeps its fields, not the store's", () => {
  expect(archivedFields({ id: 'e', at: 'x', _etag: '"1"', _ts: 1, _rid: 'r' })).toEqual({
    id: 'e',
    at: 'x',
  });
});

describe('appendMissingEvents', () => {
  const event = (id: string, at: string) => ({ id, at, _etag: 'x' });

  test('writes new events as JSON lines in the order of time, then id', () => {
    const { text, added } = appendMissingEvents('', [
      event('b', '2025-01-01T10:00:00Z'),
      event('a', '2025-01-01T10:00:00Z'),
      event('c', '2025-01-01T09:00:00Z'),
    ]);
    expect(added).toBe(3);
    expect(text.split('\n')).toEqual([
      '{"id":"c","at":"2025-01-01T09:00:00Z"}',
      '{"id":"a","at":"2025-01-01T10:00:00Z"}',
      '{"id":"b","at":"2025-01-01T10:00:00Z"}',
      '',
    ]);
  });

  test('adds only what the blob lacks, once, after what it holds', () => {
    const existing = '{"id":"a","at":"1"}\n{"id":"b","at":"2"}';
    expect(appendMissingEvents(existing, [event('b', '2'), event('a', '1')])).toEqual({
      text: existing,
      added: 0,
    });
    expect(
      appendMissingEvents(existing, [event('c', '0'), event('c', '0'), event('a', '1')]),
    ).toEqual({
      text: `${existing}\n{"id":"c","at":"0"}\n`,
      added: 1,
    });
  });
});
