import { followUpSubject } from '../../../shared/domain/followUpEmail';

describe('follow-up email subjects', () => {
  test.each([
    ['reminder', 'en-US', 'Contoso invites you', 'Reminder: Contoso invites you'],
    ['reminder', 'de-DE', 'Contoso lädt Sie ein', 'Erinnerung: Contoso lädt Sie ein'],
    ['reminder', 'en-US', 'Reminder: already', 'Reminder: already'],
    ['resend', 'en-US', 'Contoso invites you', 'Contoso invites you'],
    ['resend', 'de-DE', 'Contoso lädt Sie ein', 'Contoso lädt Sie ein'],
  ] as const)('%s in %s: %p → %p', (kind, locale, subject, expected) => {
    expect(followUpSubject(kind, locale, subject)).toBe(expected);
  });
});
