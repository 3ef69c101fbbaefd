import type sanitizeHtml from 'sanitize-html';

/**
 * A CSS value without functions other than rgb()/rgba(), escapes or markup: no `url(...)`,
 * `expression(...)` or `\` tricks, which is what makes inline styles a script vector in old
 * mail clients.
 */
const CSS_VALUE = /^(?:[#\w\s.,%'"!+-]|rgba?\([\d\s.,%]*\))+$/i;

const STYLE_PROPERTIES = [
  'color',
  'background-color',
  'font-family',
  'font-size',
  'font-style',
  'font-weight',
  'line-height',
  'letter-spacing',
  'text-align',
  'text-decoration',
  'text-transform',
  'vertical-align',
  'white-space',
  'display',
  'width',
  'min-width',
  'max-width',
  'height',
  ...['margin', 'padding'].flatMap((box) =>
    ['', '-top', '-right', '-bottom', '-left'].map((side) => `${box}${side}`),
  ),
  ...['', '-top', '-right', '-bottom', '-left', '-color', '-style', '-width', '-radius'].map(
    (part) => `border${part}`,
  ),
  'border-collapse',
];

/**
 * What an invitation email may contain: the document frame the drafts are written in, text
 * formatting, lists, tables and images, styled inline. No scripts, event handlers, forms,
 * frames, embedded objects, `<style>` sheets or comments; links only to https, http, mailto
 * and tel; images only from https.
 */
const EMAIL_HTML: sanitizeHtml.IOptions = {
  allowedTags: [
    ...['html', 'head', 'meta', 'title', 'body'],
    ...['a', 'abbr', 'b', 'blockquote', 'br', 'center', 'cite', 'code', 'del', 'div', 'em'],
    ...['font', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'p', 'pre', 'q'],
    ...['s', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'u'],
    ...['dd', 'dl', 'dt', 'li', 'ol', 'ul'],
    ...['caption', 'col', 'colgroup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr'],
  ],
  allowedAttributes: {
    '*': ['align', 'dir', 'lang', 'style', 'title'],
    a: ['href', 'name', 'target'],
    img: ['src', 'alt', 'width', 'height', 'border'],
    meta: ['charset'],
    font: ['color', 'face', 'size'],
    ol: ['start', 'type'],
    li: ['value'],
    table: ['width', 'border', 'cellpadding', 'cellspacing', 'bgcolor', 'role'],
    td: ['width', 'height', 'colspan', 'rowspan', 'valign', 'bgcolor'],
    th: ['width', 'height', 'colspan', 'rowspan', 'valign', 'bgcolor'],
    col: ['span', 'width'],
    colgroup: ['span', 'width'],
  },
  allowedSchemes: ['https', 'http', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  allowedStyles: {
    '*': Object.fromEntries(STYLE_PROPERTIES.map((property) => [property, [CSS_VALUE]])),
  },
  // An email has no base URL to resolve a relative image against: only https images stay.
  exclusiveFilter: (frame) => frame.tag === 'img' && !/^https:\/\//i.test(frame.attribs.src ?? ''),
  // Their content is code or form state, not text of the email: dropped with the tag.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template'],
};

const DOCTYPE = /^\s*<!doctype html>/i;

/**
 * Reduces partner-authored HTML to what is safe in an email (`EMAIL_HTML`), with
 * `sanitize-html`: disallowed tags are dropped (their text stays, except for scripts and the
 * like), disallowed attributes and links are removed. A leading `<!DOCTYPE html>`, which the
 * library does not keep, is kept. Applying it twice changes nothing more.
 */
export function sanitizeDraftHtml(html: string): string {
  // Required here, not at the top: only draft edits need it, and it (with postcss) is a sizeable
  // part of what every function would otherwise load before its first request.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred loading, see above
  const sanitize = require('sanitize-html') as typeof sanitizeHtml;
  const sanitized = sanitize(html, EMAIL_HTML);
  return DOCTYPE.test(html) ? `<!DOCTYPE html>${sanitized}` : sanitized;
}
