import { authenticateClient } from '../../../../local/servers/devIssuer/clientAuthentication';

const CLIENTS = { confidential: { secret: 'p@ss word:1' }, spa: {} };
const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
const form = (fields: Record<string, string>) => new URLSearchParams(fields);

describe('authenticateClient', () => {
  it.each([
    [
      'client_secret_post',
      form({ client_id: 'confidential', client_secret: 'p@ss word:1' }),
      undefined,
    ],
    ['client_secret_basic', form({}), basic('confidential', 'p@ss word:1')],
    [
      'basic with a matching client_id in the body',
      form({ client_id: 'confidential' }),
      basic('confidential', 'p@ss word:1'),
    ],
    ['a listed public client', form({ client_id: 'spa' }), undefined],
    [
      'an unlisted client, secret or not',
      form({ client_id: 'other', client_secret: 'x' }),
      undefined,
    ],
  ])('accepts %s', (_case, fields, authorization) => {
    expect(authenticateClient(fields, authorization, CLIENTS)).toMatchObject({ ok: true });
  });

  it.each([
    ['a wrong secret', form({ client_id: 'confidential', client_secret: 'guess' }), undefined, 401],
    ['no secret from a confidential client', form({ client_id: 'confidential' }), undefined, 401],
    ['a wrong basic secret', form({}), basic('confidential', 'guess'), 401],
    ['basic that is not base64 of id:secret', form({}), 'Basic bm9jb2xvbg==', 401],
    [
      'a secret from a listed public client',
      form({ client_id: 'spa', client_secret: 'x' }),
      undefined,
      401,
    ],
    [
      'two methods at once',
      form({ client_secret: 'p@ss word:1' }),
      basic('confidential', 'p@ss word:1'),
      400,
    ],
    [
      'a body client_id that differs from basic',
      form({ client_id: 'spa' }),
      basic('confidential', 'p@ss word:1'),
      400,
    ],
    ['no client_id at all', form({}), undefined, 400],
  ])('refuses %s', (_case, fields, authorization, status) => {
    expect(authenticateClient(fields, authorization, CLIENTS)).toMatchObject({
      ok: false,
      status,
      error: status === 401 ? 'invalid_client' : 'invalid_request',
    });
  });

  it('does not treat inherited object members as registered clients', () => {
    const fields = form({ client_id: 'constructor', client_secret: 'x' });

    expect(authenticateClient(fields, undefined, CLIENTS)).toEqual({
      ok: true,
      clientId: 'constructor',
    });
  });
});
