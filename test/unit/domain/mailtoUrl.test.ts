import { buildMailtoUrl, type MailtoMessage } from '../../../shared/domain/mailtoUrl';

/** Reads a mailto URL back the way an RFC 6068 client does: split first, then percent-decode. */
function parseMailto(mailto: string): MailtoMessage {
  const url = new URL(mailto);
  expect(url.protocol).toBe('mailto:');
  const fields = new Map<string, string>();
  for (const hfield of url.search.replace(/^\?/, '').split('&').filter(Boolean)) {
    const [name = '', value = ''] = hfield.split('=');
    expect(hfield.split('=')).toHaveLength(2);
    fields.set(decodeURIComponent(name), decodeURIComponent(value));
  }
  return {
    to: decodeURIComponent(url.pathname),
    subject: fields.get('subject') ?? '',
    body: fields.get('body') ?? '',
  };
}

const ACCEPT_URL = 'https://invite.example/api/accept/AbC123-_x?lang=de-DE&src=mail#top';

describe('buildMailtoUrl', () => {
  test.each([
    [
      'plain ASCII',
      { to: 'admin@contoso.com', subject: 'Hello', body: 'Hi there' },
      'mailto:admin@contoso.com?subject=Hello&body=Hi%20there',
    ],
    [
      'spaces are %20, never +',
      { to: 'a@b.example', subject: 'a b', body: 'c d' },
      'mailto:a@b.example?subject=a%20b&body=c%20d',
    ],
    [
      'a literal plus sign is encoded',
      { to: 'a@b.example', subject: '1+1', body: 'x' },
      'mailto:a@b.example?subject=1%2B1&body=x',
    ],
    [
      'German umlauts and ß as UTF-8',
      { to: 'a@b.example', subject: 'Grüße', body: 'Äpfel & Öl' },
      'mailto:a@b.example?subject=Gr%C3%BC%C3%9Fe&body=%C3%84pfel%20%26%20%C3%96l',
    ],
    [
      'reserved characters & = ? # %',
      { to: 'a@b.example', subject: 'a&b=c?d#e%f', body: 'x' },
      'mailto:a@b.example?subject=a%26b%3Dc%3Fd%23e%25f&body=x',
    ],
    [
      'LF becomes CRLF',
      { to: 'a@b.example', subject: 's', body: 'line 1\nline 2' },
      'mailto:a@b.example?subject=s&body=line%201%0D%0Aline%202',
    ],
    [
      'CRLF stays CRLF',
      { to: 'a@b.example', subject: 's', body: 'line 1\r\nline 2' },
      'mailto:a@b.example?subject=s&body=line%201%0D%0Aline%202',
    ],
    [
      'a lone CR becomes CRLF',
      { to: 'a@b.example', subject: 's', body: 'line 1\rline 2' },
      'mailto:a@b.example?subject=s&body=line%201%0D%0Aline%202',
    ],
    [
      'blank lines are kept',
      { to: 'a@b.example', subject: 's', body: 'a\n\nb' },
      'mailto:a@b.example?subject=s&body=a%0D%0A%0D%0Ab',
    ],
    [
      'a URL with ?, & and = inside the body',
      { to: 'a@b.example', subject: 's', body: `Open ${ACCEPT_URL}` },
      'mailto:a@b.example?subject=s&body=Open%20https%3A%2F%2Finvite.example%2Fapi%2Faccept%2FAbC123-_x%3Flang%3Dde-DE%26src%3Dmail%23top',
    ],
    [
      'a plus-addressed recipient',
      { to: 'it+csp@contoso.com', subject: 's', body: 'b' },
      'mailto:it%2Bcsp@contoso.com?subject=s&body=b',
    ],
    [
      'reserved characters in the local part',
      { to: 'a&b?c#d%e@contoso.com', subject: 's', body: 'b' },
      'mailto:a%26b%3Fc%23d%25e@contoso.com?subject=s&body=b',
    ],
    [
      'an internationalized domain as UTF-8',
      { to: 'info@müller.example', subject: 's', body: 'b' },
      'mailto:info@m%C3%BCller.example?subject=s&body=b',
    ],
    [
      'only the last @ stays literal (quoted local part)',
      { to: '"a@b"@c.example', subject: 's', body: 'b' },
      'mailto:%22a%40b%22@c.example?subject=s&body=b',
    ],
    [
      'an empty subject is left out',
      { to: 'a@b.example', subject: '', body: 'b' },
      'mailto:a@b.example?body=b',
    ],
    [
      'an empty body is left out',
      { to: 'a@b.example', subject: 's', body: '' },
      'mailto:a@b.example?subject=s',
    ],
    ['no fields at all', { to: 'a@b.example', subject: '', body: '' }, 'mailto:a@b.example'],
    ['no recipient', { to: '', subject: 's', body: 'b' }, 'mailto:?subject=s&body=b'],
    [
      'a lone surrogate becomes U+FFFD instead of throwing',
      { to: 'a@b.example', subject: 'x\uD800y', body: 'b' },
      'mailto:a@b.example?subject=x%EF%BF%BDy&body=b',
    ],
    [
      'an emoji (surrogate pair) is encoded as UTF-8',
      { to: 'a@b.example', subject: '👋', body: 'b' },
      'mailto:a@b.example?subject=%F0%9F%91%8B&body=b',
    ],
  ])('%s', (_name, message, expected) => {
    expect(buildMailtoUrl(message)).toBe(expected);
  });

  test.each([
    [
      'English invitation',
      'admin@contoso.com',
      'Fabrikam requests a reseller relationship',
      `Hello,\r\n\r\nOpen this link:\r\n${ACCEPT_URL}\r\n`,
    ],
    [
      'German invitation',
      'it-leitung@müller-gmbh.example',
      'Anfrage von Müller & Söhne',
      `Guten Tag,\r\n\r\nÖffnen Sie:\r\n${ACCEPT_URL}\r\n\r\nMit freundlichen Grüßen`,
    ],
    ['every reserved character', 'x@y.example', '&=?#%+ ;/:@', "&=?#%+ ;/:@!$'()*,[]"],
  ])('%s survives a round trip', (_name, to, subject, body) => {
    const mailto = buildMailtoUrl({ to, subject, body });
    expect(mailto).not.toMatch(/[\s+]/);
    expect(parseMailto(mailto)).toEqual({ to, subject, body });
  });

  test('a body written with LF reads back with CRLF', () => {
    const mailto = buildMailtoUrl({ to: 'a@b.example', subject: 's', body: 'a\nb\n' });
    expect(parseMailto(mailto).body).toBe('a\r\nb\r\n');
  });
});
