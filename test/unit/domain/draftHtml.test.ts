import { sanitizeDraftHtml } from '../../../shared/domain/draftHtml';
import { missingLinkFields } from '../../../shared/domain/draftLink';
import { draftInvitationEmail } from '../../../shared/domain/invitationEmail';

const URL = 'https://invite.contoso.example/api/accept/abc';

describe('sanitizeDraftHtml', () => {
  test.each([
    ['a script', '<p>Hi</p><script>alert(1)</script>', '<p>Hi</p>'],
    ['a script in odd case', '<p>Hi</p><ScRiPt>alert(1)</sCrIpT>', '<p>Hi</p>'],
    ['an event handler', '<p onclick="alert(1)">Hi</p>', '<p>Hi</p>'],
    ['a javascript: link', '<a href="javascript:alert(1)">x</a>', '<a>x</a>'],
    ['an obfuscated javascript: link', '<a href=" jav&#x09;ascript:alert(1)">x</a>', '<a>x</a>'],
    ['a data: link', '<a href="data:text/html,<script>alert(1)</script>">x</a>', '<a>x</a>'],
    ['a protocol-relative link', '<a href="//evil.example/">x</a>', '<a>x</a>'],
    ['an iframe', '<iframe src="https://evil.example/"></iframe><p>Hi</p>', '<p>Hi</p>'],
    ['a form', '<form action="https://evil.example/"><input name="p"></form>', ''],
    ['a style sheet', '<style>p { color: red }</style><p>Hi</p>', '<p>Hi</p>'],
    ['an svg with a script', '<svg><script>alert(1)</script></svg>', ''],
    ['a comment', '<!-- <script>alert(1)</script> --><p>Hi</p>', '<p>Hi</p>'],
    ['an image without https', '<img src="http://cdn.example/logo.png">', ''],
    ['an image with an onerror handler', '<img src="x" onerror="alert(1)">', ''],
    [
      'a url() in a style',
      '<p style="background-color: red; width: url(x)">Hi</p>',
      '<p style="background-color:red">Hi</p>',
    ],
    ['an expression() in a style', '<p style="width: expression(alert(1))">Hi</p>', '<p>Hi</p>'],
  ])('removes %s', (_name, html, expected) => {
    expect(sanitizeDraftHtml(html)).toBe(expected);
  });

  test.each([
    ['a link', `<p><a href="${URL}" target="_blank">Accept</a></p>`],
    ['a mailto link', '<a href="mailto:sales@contoso.example">Write to us</a>'],
    ['a tel link', '<a href="tel:+49301234567">Call us</a>'],
    [
      'an https image',
      '<img src="https://cdn.contoso.example/logo.png" alt="Contoso" width="120" />',
    ],
    ['inline styles', `<p style="color:#333;font-family:'Segoe UI', Arial;margin:0 0 8px">Hi</p>`],
    ['rgb colours', '<span style="color:rgb(0, 120, 212)">Blue</span>'],
    [
      'a table layout',
      '<table width="600" cellpadding="0"><tbody><tr><td valign="top">Hi</td></tr></tbody></table>',
    ],
    ['lists and emphasis', '<ul><li><strong>One</strong></li><li><em>Two</em></li></ul>'],
  ])('keeps %s', (_name, html) => {
    expect(sanitizeDraftHtml(html)).toBe(html);
  });

  test.each(['en-US', 'de-DE'] as const)(
    'keeps the drafted %s email, its link and its document frame',
    (locale) => {
      const { html } = draftInvitationEmail({
        locale,
        partnerName: 'Contoso & <Partners>',
        customerCompanyName: 'Fabrikam "AG"',
        acceptUrl: URL,
        includeDelegatedAdmin: true,
        expiresAt: new Date('2026-03-01T00:00:00Z'),
      });
      const sanitized = sanitizeDraftHtml(html);
      expect(sanitized).toMatch(/^<!DOCTYPE html>\n<html lang="[a-zA-Z-]+">\n<head>/);
      expect(sanitized).toContain('<meta charset="utf-8" />');
      expect(sanitized).toContain('Contoso &amp; &lt;Partners&gt;');
      expect(missingLinkFields({ text: URL, html: sanitized }, URL)).toEqual([]);
      expect(sanitized.replace(/ \/>/g, '>').replace(/"AG"/g, '&quot;AG&quot;')).toBe(html);
    },
  );

  test('applying it again changes nothing', () => {
    const once = sanitizeDraftHtml(
      `<p onclick="x" style="color:red;width:url(x)">A &amp; B<script>x</script> <a href="${URL}">go</a></p><img src="https://x.example/a.png">`,
    );
    expect(sanitizeDraftHtml(once)).toBe(once);
  });
});
