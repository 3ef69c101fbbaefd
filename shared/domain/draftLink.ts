export type DraftPart = 'text' | 'html';

/**
 * Characters that make the link part of a longer URL when they come right before it, as in
 * `xhttps://…` or `?u=https://…`: RFC 3986 characters minus the usual delimiters `:`, `(`, `[`,
 * quotes and `<`.
 */
const CONTINUES_URL_BEFORE = /[A-Za-z0-9\-._~/?#@!$&*+=%]/;
/** Sentence punctuation that mail apps leave out of a link when it ends the URL. */
const TRAILING_PUNCTUATION = /[.,;:!?]/;
/** What may follow the URL (after any trailing punctuation) without extending it. */
const ENDS_URL = /[\s<>"'`)\]}]/;

/**
 * Elements whose content the HTML parser does not read as tags, plus comments: an anchor written
 * inside them is not a link the customer can click.
 */
const INERT_HTML = [
  /<!--[\s\S]*?(?:-->|$)/g,
  /<(script|style|textarea|title|xmp|iframe|noembed|noframes)\b[\s\S]*?(?:<\/\1\s*>|$)/gi,
];
/** An `<a>` start tag; quoted attribute values may contain `>`. */
const ANCHOR_START_TAG = /<a(?=[\s/>])((?:[^>"']|"[^"]*"|'[^']*')*)>/gi;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
const CHARACTER_REFERENCE = /&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z]+);/g;
const NAMED_REFERENCES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

/**
 * The partner may reword the invitation, but the personalized link is what binds the customer
 * to the partner, so an edit that loses it is refused (`LINK_REQUIRED`). Names each part that no
 * longer carries the link: the text must contain it verbatim as a whole URL, the HTML must have
 * an anchor whose href is exactly the link (mentioning it elsewhere is not clickable). A changed
 * or extended URL does not count, because it would lead the customer somewhere else.
 */
export function missingLinkFields(
  draft: { text: string; html: string },
  acceptUrl: string,
): DraftPart[] {
  if (acceptUrl === '') {
    throw new Error('Cannot check a draft against an empty acceptUrl.');
  }
  const missing: DraftPart[] = [];
  if (!textHasLink(draft.text, acceptUrl)) {
    missing.push('text');
  }
  if (!htmlHasLink(draft.html, acceptUrl)) {
    missing.push('html');
  }
  return missing;
}

function textHasLink(text: string, url: string): boolean {
  for (let start = text.indexOf(url); start !== -1; start = text.indexOf(url, start + 1)) {
    if (startsCleanly(text, start) && endsCleanly(text, start + url.length)) {
      return true;
    }
  }
  return false;
}

function startsCleanly(text: string, start: number): boolean {
  const before = text[start - 1];
  return before === undefined || !CONTINUES_URL_BEFORE.test(before);
}

function endsCleanly(text: string, end: number): boolean {
  let next = end;
  while (next < text.length && TRAILING_PUNCTUATION.test(text.charAt(next))) {
    next += 1;
  }
  const after = text[next];
  if (after === undefined) {
    return true;
  }
  // Punctuation directly followed by more URL characters (`…/token.x`) extends the URL.
  return ENDS_URL.test(after);
}

function htmlHasLink(html: string, url: string): boolean {
  const live = INERT_HTML.reduce((remaining, inert) => remaining.replace(inert, ''), html);
  for (const tag of live.matchAll(ANCHOR_START_TAG)) {
    const href = firstHref(tag[1] ?? '');
    if (href !== undefined && normalizeHref(href) === url) {
      return true;
    }
  }
  return false;
}

/** Browsers use the first of duplicated attributes. */
function firstHref(attributes: string): string | undefined {
  for (const attribute of attributes.matchAll(ATTRIBUTE)) {
    if (attribute[1]?.toLowerCase() === 'href') {
      return attribute[2] ?? attribute[3] ?? attribute[4] ?? '';
    }
  }
  return undefined;
}

/** What a browser would navigate to: references decoded, tabs/newlines dropped, ends trimmed. */
function normalizeHref(value: string): string {
  return decodeCharacterReferences(value)
    .replace(/[\t\n\r]/g, '')
    .trim();
}

/**
 * Decodes numeric references and the named ones an escaper produces. Any other named reference
 * stays as written, so such an href simply does not match: refusing a rare valid edit is safer
 * than accepting a link that goes elsewhere.
 */
function decodeCharacterReferences(value: string): string {
  return value.replace(CHARACTER_REFERENCE, (reference: string, body: string) => {
    if (body.startsWith('#')) {
      const codePoint =
        body[1] === 'x' || body[1] === 'X'
          ? Number.parseInt(body.slice(2), 16)
          : Number.parseInt(body.slice(1), 10);
      return codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : reference;
    }
    return Object.hasOwn(NAMED_REFERENCES, body)
      ? (NAMED_REFERENCES[body] ?? reference)
      : reference;
  });
}
