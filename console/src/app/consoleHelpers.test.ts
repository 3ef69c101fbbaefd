import { describe, expect, it } from 'vitest';
import { resendWait } from '../invitations/resendWait';
import { matchPath } from './router';

describe('matchPath', () => {
  it.each([
    ['/invitations/:id/review', '/invitations/abc-1/review', { id: 'abc-1' }],
    ['/invitations/:id/review', '/invitations/abc/review/', { id: 'abc' }],
    ['/customers', '/customers?x=1', {}],
    ['/invitations/:id/review', '/invitations//review', undefined],
    ['/customers', '/customers/request', undefined],
  ])('%s against %s', (pattern, path, expected) => {
    expect(matchPath(pattern, path)).toEqual(expected);
  });
});

describe('resendWait', () => {
  it('rounds the wait up to whole minutes, at least one', () => {
    const now = new Date('2026-01-01T10:00:00Z');
    expect(resendWait(540, now)).toEqual({ minutes: 9, at: new Date('2026-01-01T10:09:00Z') });
    expect(resendWait(5, now).minutes).toBe(1);
  });
});
