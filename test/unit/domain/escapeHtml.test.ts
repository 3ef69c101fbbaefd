import { escapeHtml } from '../../../shared/domain/escapeHtml';

describe('escapeHtml', () => {
  test.each([
    ['plain text is unchanged', 'Contoso Ltd', 'Contoso Ltd'],
    ['empty string', '', ''],
    ['ampersand', 'Fabrikam & Co', 'Fabrikam &amp; Co'],
    ['less-than and greater-than', '<b>', '&lt;b&gt;'],
    ['double quote', 'say "hi"', 'say &quot;hi&quot;'],
    ['single quote', "O'Neil", 'O&#39;Neil'],
    ['an existing entity is escaped again', '&amp;', '&amp;amp;'],
    [
      'a script tag',
      '<script>alert("x")</script>',
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;',
    ],
    ['non-ASCII is left alone', 'Müller GmbH – ÄÖÜ ß €', 'Müller GmbH – ÄÖÜ ß €'],
    ['every special character once', `&<>"'`, '&amp;&lt;&gt;&quot;&#39;'],
  ])('%s', (_name, input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });

  test.each(['&', '<', '>', '"', "'"])('leaves no raw %s behind', (character) => {
    const escaped = escapeHtml(`a${character}b${character}`);
    // Only the `&` that starts an entity may remain.
    expect(escaped.replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toMatch(/[&<>"']/);
  });
});
