import { afterEach, describe, expect, it } from 'vitest';
import { createUserManager } from './signIn';

const config = {
  apiBaseUrl: 'http://127.0.0.1:7071',
  authority: 'http://127.0.0.1:7072/organizations/v2.0',
  clientId: 'reseller-console-local',
  apiScope: 'api://reseller-invitations-local/access_as_user',
};

afterEach(() => {
  window.sessionStorage.clear();
  window.localStorage.clear();
});

describe('createUserManager', () => {
  it('keeps the sign-in state (state, nonce, PKCE verifier) in sessionStorage, never localStorage', async () => {
    const manager = createUserManager(config);
    await manager.settings.stateStore.set('probe-state', '{"code_verifier":"v"}');
    expect(Object.keys(window.sessionStorage)).toEqual(['oidc.probe-state']);
    expect(window.localStorage.length).toBe(0);
  });

  it('keeps the signed-in user in sessionStorage too', async () => {
    const manager = createUserManager(config);
    await manager.settings.userStore.set('probe-user', '{}');
    expect(Object.keys(window.sessionStorage)).toEqual(['oidc.probe-user']);
    expect(window.localStorage.length).toBe(0);
  });
});
