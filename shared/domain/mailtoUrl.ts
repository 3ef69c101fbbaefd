export interface MailtoMessage {
  to: string;
  subject: string;
  body: string;
}

/** Lone UTF-16 surrogates cannot be encoded as UTF-8; `encodeURIComponent` throws on them. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function toWellFormed(value: string): string {
  return value.replace(LONE_SURROGATE, '\uFFFD');
}

/** RFC 6068 section 5: line breaks in a body are CRLF, whatever the draft was typed with. */
function toCrlf(value: string): string {
  return value.replace(/\r\n|\r|\n/g, '\r\n');
}

/**
 * `encodeURIComponent` leaves only unreserved characters and `!*'()` (all allowed by RFC 6068's
 * `qchar`) unencoded; everything else, including `&`, `=`, `?`, `#`, `%`, `+` and spaces,
 * becomes UTF-8 percent-encoding, so no mail client can read a field boundary or a `+`-space
 * into the text.
 */
function encodeField(value: string): string {
  return encodeURIComponent(toWellFormed(value));
}

/**
 * Keeps the `@` between local part and domain readable; any earlier `@` (legal only in a quoted
 * local part) is encoded like everything else.
 */
function encodeAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at === -1) {
    return encodeField(address);
  }
  return `${encodeField(address.slice(0, at))}@${encodeField(address.slice(at + 1))}`;
}

/**
 * Lets the partner open the invitation in their own mail app with recipient, subject and body
 * filled in. Hand-built rather than with URLSearchParams, which writes spaces as `+`: mail
 * clients following RFC 6068 would show those as literal plus signs. Empty fields are left out.
 */
export function buildMailtoUrl(message: MailtoMessage): string {
  const hfields: string[] = [];
  if (message.subject !== '') {
    hfields.push(`subject=${encodeField(message.subject)}`);
  }
  if (message.body !== '') {
    hfields.push(`body=${encodeField(toCrlf(message.body))}`);
  }
  const query = hfields.length > 0 ? `?${hfields.join('&')}` : '';
  return `mailto:${encodeAddress(message.to)}${query}`;
}
