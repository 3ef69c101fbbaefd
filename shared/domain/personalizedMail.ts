import { escapeHtml } from './escapeHtml';

/** One recipient's email, with the values that make it theirs. */
export interface PersonalEmail<T> {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /**
   * The values only this recipient's email holds (the personal link, the company name), by
   * substitution name. Emails that differ in nothing else share one body in a request.
   */
  readonly personal: Readonly<Record<string, string>>;
  /** What the caller needs back with the outcome (ids, custom arguments). */
  readonly item: T;
}

/** One mail/send request: a body shared by every personalization, each with its own values. */
export interface MailRun<T> {
  readonly text: string;
  readonly html: string;
  readonly personalizations: readonly {
    readonly to: string;
    readonly subject: string;
    /** Substitution name (unwrapped) → value; empty when the body is sent as written. */
    readonly substitutions: Readonly<Record<string, string>>;
    readonly item: T;
  }[];
}

/** SendGrid's limit of personalizations (and recipients) in one mail/send request. */
export const MAX_PERSONALIZATIONS = 1000;

/** How the client wraps a substitution name into the tag that stands in the body. */
export const substitutionTag = (name: string) => `{{${name}}}`;

/**
 * Groups emails into mail/send requests of at most `limit` personalizations. Each email's
 * personal values are lifted out of its text and HTML into substitutions, so invitations that
 * differ only in link and company share one body; an email the partner reworded has a body of
 * its own and is sent as written. A lifting that would not give back the exact email (a tag
 * already in the text, a value inside another) is not used: that email goes as written. An
 * address appears once per request, as SendGrid requires.
 */
export function mailRuns<T>(
  emails: readonly PersonalEmail<T>[],
  limit = MAX_PERSONALIZATIONS,
): MailRun<T>[] {
  const byBody = new Map<
    string,
    { text: string; html: string; members: MailRun<T>['personalizations'][number][] }
  >();
  for (const email of emails) {
    const lifted = liftPersonalValues(email);
    const key = `${lifted.text}\u0000${lifted.html}`;
    let group = byBody.get(key);
    if (group === undefined) {
      group = { text: lifted.text, html: lifted.html, members: [] };
      byBody.set(key, group);
    }
    group.members.push({
      to: email.to,
      subject: email.subject,
      substitutions: lifted.substitutions,
      item: email.item,
    });
  }
  const runs: MailRun<T>[] = [];
  for (const group of byBody.values()) {
    let current: MailRun<T>['personalizations'][number][] = [];
    let addresses = new Set<string>();
    const flush = () => {
      if (current.length > 0)
        runs.push({ text: group.text, html: group.html, personalizations: current });
      current = [];
      addresses = new Set();
    };
    for (const member of group.members) {
      const address = member.to.toLowerCase();
      if (current.length >= limit || addresses.has(address)) flush();
      current.push(member);
      addresses.add(address);
    }
    flush();
  }
  return runs;
}

/** Applies substitutions as SendGrid does: every tag replaced by its value. */
export function applySubstitutions(
  body: string,
  substitutions: Readonly<Record<string, string>>,
): string {
  let result = body;
  for (const [tag, value] of Object.entries(substitutions)) {
    result = result.split(tag).join(value);
  }
  return result;
}

function liftPersonalValues<T>(email: PersonalEmail<T>): {
  text: string;
  html: string;
  substitutions: Record<string, string>;
} {
  const asWritten = { text: email.text, html: email.html, substitutions: {} };
  const entries = Object.entries(email.personal).filter(([, value]) => value !== '');
  // A tag already in the body, or a value that reads like one, could be replaced twice.
  if (
    entries.some(([, value]) => value.includes('{{')) ||
    [email.text, email.html].some((body) => body.includes('{{'))
  ) {
    return asWritten;
  }
  // Longest first, so a value that contains another is lifted whole.
  entries.sort(([, a], [, b]) => b.length - a.length);
  let text = email.text;
  let html = email.html;
  const substitutions: Record<string, string> = {};
  for (const [name, value] of entries) {
    const textName = name;
    const htmlName = `${name}Html`;
    if (text.includes(value)) {
      text = text.split(value).join(substitutionTag(textName));
      substitutions[textName] = value;
    }
    const escaped = escapeHtml(value);
    if (html.includes(escaped)) {
      html = html.split(escaped).join(substitutionTag(htmlName));
      substitutions[htmlName] = escaped;
    }
  }
  const wrapped = Object.fromEntries(
    Object.entries(substitutions).map(([name, value]) => [substitutionTag(name), value]),
  );
  if (
    applySubstitutions(text, wrapped) !== email.text ||
    applySubstitutions(html, wrapped) !== email.html
  ) {
    return asWritten;
  }
  return { text, html, substitutions };
}
