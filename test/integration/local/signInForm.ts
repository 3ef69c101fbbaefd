/**
 * Submits the issuer's sign-in page the way a browser would: every named input with its value,
 * checkboxes only when checked, plus the pressed button. Reading the page's own HTML (rather
 * than rebuilding the request) is what proves the hidden fields carry the OAuth parameters.
 */
export interface SignInForm {
  readonly action: string;
  readonly fields: URLSearchParams;
}

export function readSignInForm(html: string, pageUrl: string): SignInForm {
  return readForm(html, pageUrl);
}

/**
 * The form of a page whose action matches `action` (the first form without one), with the
 * values a browser would submit.
 */
export function readForm(html: string, pageUrl: string, action?: RegExp): SignInForm {
  for (const [, formTag, body] of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const target = new URL(readAttributes(formTag!).get('action') ?? '', pageUrl).href;
    if (action !== undefined && !action.test(target)) {
      continue;
    }
    const fields = new URLSearchParams();
    for (const [, tag] of body!.matchAll(/<input\b([^>]*)>/g)) {
      const attributes = readAttributes(tag!);
      const name = attributes.get('name');
      const type = attributes.get('type');
      if (
        name === undefined ||
        ((type === 'checkbox' || type === 'radio') && !attributes.has('checked'))
      ) {
        continue;
      }
      fields.append(name, attributes.get('value') ?? 'on');
    }
    return { action: target, fields };
  }
  throw new Error(
    `No form${action === undefined ? '' : ` posting to ${action}`} on the page:\n${html}`,
  );
}

/** Fills the form: a string sets a field, an array sets a multi-valued one, null clears it. */
export function fillSignInForm(
  form: SignInForm,
  changes: Readonly<Record<string, string | readonly string[] | null>>,
): URLSearchParams {
  const fields = new URLSearchParams(form.fields);
  for (const [name, value] of Object.entries(changes)) {
    fields.delete(name);
    for (const item of value === null ? [] : typeof value === 'string' ? [value] : value) {
      fields.append(name, item);
    }
  }
  return fields;
}

function readAttributes(tag: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const [, name, value] of tag.matchAll(/([a-zA-Z][\w-]*)(?:="([^"]*)")?/g)) {
    attributes.set(name!, unescapeHtml(value ?? ''));
  }
  return attributes;
}

function unescapeHtml(value: string): string {
  const entities: Record<string, string> = {
    '&amp;': '&',
    '&lt;': '<',
    '&gt;': '>',
    '&quot;': '"',
    '&#39;': "'",
  };
  return value.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => entities[entity]!);
}
