import { missingLinkFields } from '../../../shared/domain/draftLink';

const URL_ = 'https://invite.example/api/accept/k3Y_tok-en?lang=de&src=mail';
const HREF = 'https://invite.example/api/accept/k3Y_tok-en?lang=de&amp;src=mail';
const OTHER_TOKEN = 'https://invite.example/api/accept/zzzzzzzzzz?lang=de&src=mail';

const GOOD_HTML = `<p><a href="${HREF}">Accept</a></p>`;
const GOOD_TEXT = `Hello,\n\n${URL_}\n\nRegards`;

describe('missingLinkFields', () => {
  test('the untouched draft keeps the link', () => {
    expect(missingLinkFields({ text: GOOD_TEXT, html: GOOD_HTML }, URL_)).toEqual([]);
  });

  test('both parts can be reported at once', () => {
    expect(missingLinkFields({ text: 'Hello', html: '<p>Hello</p>' }, URL_)).toEqual([
      'text',
      'html',
    ]);
  });

  test('an empty acceptUrl is a programming error', () => {
    expect(() => missingLinkFields({ text: '', html: '' }, '')).toThrow(/acceptUrl/);
  });

  describe('text edits', () => {
    test.each([
      ['reworded around the link', `Dear admin, please click:\n${URL_}\nThanks!`, true],
      ['the link alone', URL_, true],
      ['the link at the end of a sentence', `Please open ${URL_}.`, true],
      ['the link followed by punctuation and more text', `Open ${URL_}, then sign in.`, true],
      ['the link in angle brackets', `Open <${URL_}> now`, true],
      ['the link in parentheses', `(${URL_})`, true],
      ['the link in quotes', `"${URL_}"`, true],
      ['the link after a colon', `Link:${URL_}`, true],
      ['the link twice, one of them altered', `${URL_}x and ${URL_}`, true],
      ['the link removed', 'Hello,\n\nRegards', false],
      ['empty text', '', false],
      ['a different token', `Open ${OTHER_TOKEN}`, false],
      ['the link extended by a character', `Open ${URL_}x`, false],
      ['the link extended by a parameter', `Open ${URL_}&utm=1`, false],
      ['the link extended by a path segment', `Open ${URL_}/more`, false],
      ['the link extended by a fragment', `Open ${URL_}#top`, false],
      ['the link extended after a dot', `Open ${URL_}.evil`, false],
      ['the link with something glued in front', `Open x${URL_}`, false],
      ['the link wrapped in another URL', `https://evil.example/?u=${URL_}`, false],
      ['the link shortened', `Open ${URL_.slice(0, -1)}`, false],
      ['the link HTML-escaped in the text', `Open ${HREF}`, false],
      ['the link with a changed case', `Open ${URL_.toUpperCase()}`, false],
    ])('%s: kept = %p', (_name, text, kept) => {
      expect(missingLinkFields({ text, html: GOOD_HTML }, URL_)).toEqual(kept ? [] : ['text']);
    });
  });

  describe('HTML edits', () => {
    test.each([
      [
        'reworded around the anchor',
        `<p>Dear admin,</p><p><a href="${HREF}">Click here</a></p>`,
        true,
      ],
      ['double quotes, escaped ampersand', `<a href="${HREF}">x</a>`, true],
      ['single quotes', `<a href='${HREF}'>x</a>`, true],
      ['the raw ampersand (browsers accept it)', `<a href="${URL_}">x</a>`, true],
      ['unquoted value', `<a href=${HREF}>x</a>`, true],
      [
        'numeric character references',
        `<a href="${URL_.replace('&', '&#38;').replace(/:/, '&#x3A;')}">x</a>`,
        true,
      ],
      [
        'a decimal reference for the question mark',
        `<a href="${HREF.replace('?', '&#63;')}">x</a>`,
        true,
      ],
      ['upper-case tag and attribute', `<A HREF="${HREF}">x</A>`, true],
      [
        'other attributes around href',
        `<a class="btn" href="${HREF}" target="_blank" style="color:red">x</a>`,
        true,
      ],
      ['a > inside another quoted attribute', `<a title="a > b" href="${HREF}">x</a>`, true],
      ['spaces around = and a line break in the tag', `<a\n  href = "${HREF}"\n>x</a>`, true],
      ['whitespace around the value', `<a href="  ${HREF}\n">x</a>`, true],
      ['the link removed', '<p>Hello</p>', false],
      ['empty HTML', '', false],
      ['only mentioned as text', `<p>${HREF}</p>`, false],
      [
        'only in another attribute',
        `<a title="${HREF}" href="https://other.example/">x</a>`,
        false,
      ],
      ['href text inside another attribute value', `<a title='href="${HREF}"'>x</a>`, false],
      ['in data-href', `<a data-href="${HREF}">x</a>`, false],
      ['on an img src', `<img src="${HREF}">`, false],
      ['on a link element', `<link href="${HREF}">`, false],
      ['an <abbr> is not an anchor', `<abbr href="${HREF}">x</abbr>`, false],
      ['a different token', `<a href="${OTHER_TOKEN}">x</a>`, false],
      ['extended by a character', `<a href="${HREF}x">x</a>`, false],
      ['extended by a parameter', `<a href="${HREF}&amp;utm=1">x</a>`, false],
      ['extended by a fragment', `<a href="${HREF}#top">x</a>`, false],
      ['shortened', `<a href="${URL_.slice(0, -1)}">x</a>`, false],
      ['double-escaped', `<a href="${HREF.replace('&amp;', '&amp;amp;')}">x</a>`, false],
      [
        'a second href is ignored by browsers',
        `<a href="https://other.example/" href="${HREF}">x</a>`,
        false,
      ],
      ['commented out', `<!-- <a href="${HREF}">x</a> -->`, false],
      ['after an unterminated comment', `<!-- note <a href="${HREF}">x</a>`, false],
      ['inside a script', `<script>var s = '<a href="${HREF}">x</a>';</script>`, false],
      ['inside a textarea', `<textarea><a href="${HREF}">x</a></textarea>`, false],
      [
        'one good anchor among altered ones',
        `<a href="${HREF}x">a</a> <a href="${HREF}">b</a>`,
        true,
      ],
      ['a good anchor after a commented one', `<!-- old --><a href="${HREF}">b</a>`, true],
    ])('%s: kept = %p', (_name, html, kept) => {
      expect(missingLinkFields({ text: GOOD_TEXT, html }, URL_)).toEqual(kept ? [] : ['html']);
    });
  });
});
