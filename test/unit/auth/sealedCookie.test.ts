import { csrfTokenMatches, newCsrfToken, SealedCookie } from '../../../shared/auth/sealedCookie';

const secret = 'unit-test-secret-with-at-least-32-characters';

function asCookieHeader(cookie: { name: string; value: string }): string {
  return `other=1; ${cookie.name}=${cookie.value}`;
}

describe('sealed sign-in cookies', () => {
  const session = new SealedCookie<{ user: string }>('session', { secret, secure: false });

  test('open what was sealed, with the attributes a session cookie needs', async () => {
    const cookie = await session.seal({ user: 'ada@contoso.com' }, 600);
    expect(cookie).toMatchObject({
      name: 'ri_session',
      path: '/',
      maxAge: 600,
      httpOnly: true,
      secure: false,
      sameSite: 'Lax',
    });
    expect(cookie.value).not.toContain('ada');
    await expect(session.open(asCookieHeader(cookie))).resolves.toEqual({
      user: 'ada@contoso.com',
    });
  });

  test('outside plain-http loopback the cookie is Secure and __Host- prefixed', async () => {
    const secure = new SealedCookie<{ user: string }>('session', { secret, secure: true });
    const cookie = await secure.seal({ user: 'x' }, 60);
    expect(cookie).toMatchObject({ name: '__Host-ri_session', secure: true, path: '/' });
  });

  test('a tampered, foreign-key, other-purpose or expired cookie opens to nothing', async () => {
    const cookie = await session.seal({ user: 'ada' }, 600);
    const flipped = cookie.value.slice(0, -3) + (cookie.value.endsWith('AAA') ? 'BBB' : 'AAA');
    await expect(session.open(`ri_session=${flipped}`)).resolves.toBeUndefined();

    const otherKey = new SealedCookie<{ user: string }>('session', {
      secret: 'another-secret-of-at-least-thirty-two-chars',
      secure: false,
    });
    await expect(otherKey.open(asCookieHeader(cookie))).resolves.toBeUndefined();

    // The pending sign-in cookie cannot be replayed as a session (its own key and audience).
    const pending = new SealedCookie<{ user: string }>('signin', { secret, secure: false });
    const pendingCookie = await pending.seal({ user: 'ada' }, 600);
    await expect(session.open(`ri_session=${pendingCookie.value}`)).resolves.toBeUndefined();

    jest.useFakeTimers({ now: Date.now() });
    try {
      const shortLived = await session.seal({ user: 'ada' }, 1);
      jest.setSystemTime(Date.now() + 5_000);
      await expect(session.open(asCookieHeader(shortLived))).resolves.toBeUndefined();
    } finally {
      jest.useRealTimers();
    }
  });

  test('no cookie, an empty one or a cleared one is no session', async () => {
    await expect(session.open(null)).resolves.toBeUndefined();
    await expect(session.open('ri_session=')).resolves.toBeUndefined();
    expect(session.clear()).toMatchObject({ name: 'ri_session', value: '', maxAge: 0 });
  });
});

describe('anti-forgery tokens', () => {
  test('match only the same token', () => {
    const token = newCsrfToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(csrfTokenMatches(token, token)).toBe(true);
    expect(csrfTokenMatches(token, newCsrfToken())).toBe(false);
    expect(csrfTokenMatches(token, token.slice(1))).toBe(false);
    expect(csrfTokenMatches(token, undefined)).toBe(false);
    expect(csrfTokenMatches(token, '')).toBe(false);
  });
});
