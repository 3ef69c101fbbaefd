const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Makes a user-supplied value inert inside HTML. Quotes are escaped too, so the one function
 * is safe both between tags and inside a quoted attribute value (either quote style): the
 * invitation HTML carries partner and customer names that anyone can type.
 */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
}
