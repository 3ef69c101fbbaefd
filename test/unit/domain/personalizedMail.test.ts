import {
  applySubstitutions,
  mailRuns,
  substitutionTag,
  type PersonalEmail,
} from '../../../shared/domain/personalizedMail';

function email(n: number, overrides: Partial<PersonalEmail<number>> = {}): PersonalEmail<number> {
  const link = `https://accept.example/i/${n}`;
  const company = `Company ${n} & Co`;
  return {
    to: `admin@c${n}.example`,
    subject: `Request for ${company}`,
    text: `Hello ${company}, open ${link}`,
    html: `<p>Hello Company ${n} &amp; Co, <a href="${link}">open</a></p>`,
    personal: { link, company },
    item: n,
    ...overrides,
  };
}

/** What SendGrid makes of one personalization: the body with its substitutions applied. */
function delivered(run: ReturnType<typeof mailRuns<number>>[number], index: number) {
  const wrapped = Object.fromEntries(
    Object.entries(run.personalizations[index]!.substitutions).map(([k, v]) => [
      substitutionTag(k),
      v,
    ]),
  );
  return {
    text: applySubstitutions(run.text, wrapped),
    html: applySubstitutions(run.html, wrapped),
  };
}

describe('mailRuns', () => {
  test('emails that differ only in link and company share one body, each gets back exactly its own', () => {
    const emails = [1, 2, 3].map((n) => email(n));
    const runs = mailRuns(emails);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.text).not.toContain('https://accept.example');
    runs[0]!.personalizations.forEach((p, index) => {
      const sent = emails.find((e) => e.item === p.item)!;
      expect(delivered(runs[0]!, index)).toEqual({ text: sent.text, html: sent.html });
    });
  });

  test.each([
    ['a reworded text', { text: 'Dear Company 2 & Co: https://accept.example/i/2 awaits.' }],
    ['a tag typed by the partner', { text: 'Hello {{link}} https://accept.example/i/2' }],
    [
      'a company named like a tag',
      { personal: { link: 'https://accept.example/i/2', company: '{{link}}' } },
    ],
  ])('%s gets a body of its own and is delivered as written', (_, change) => {
    const emails = [email(1), email(2, change), email(3)];
    const runs = mailRuns(emails);
    expect(runs).toHaveLength(2);
    const own = runs.find((run) => run.personalizations.some((p) => p.item === 2))!;
    expect(own.personalizations).toHaveLength(1);
    expect(delivered(own, 0)).toEqual({ text: emails[1]!.text, html: emails[1]!.html });
  });

  test('a run holds at most the limit, and an address only once', () => {
    const emails = [1, 2, 3, 4, 5].map((n) => email(n));
    expect(mailRuns(emails, 2).map((run) => run.personalizations.length)).toEqual([2, 2, 1]);
    const twice = [email(1), email(2, { to: 'ADMIN@c1.example' })];
    expect(mailRuns(twice).map((run) => run.personalizations.length)).toEqual([1, 1]);
  });
});
