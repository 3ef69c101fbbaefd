/**
 * Typecheck-only fixture (`npm run typecheck`, part of `npm test`): the console's client is
 * typed from openapi.yaml, so a call the document does not describe fails `tsc`. Each
 * `@ts-expect-error` is a deliberate mistake; if `tsc` stopped refusing one, the directive would
 * be unused and `tsc` would fail on it instead.
 */
import { answered, type ApiClient } from './apiClient';

declare const api: ApiClient;

export async function documentedCalls(): Promise<string> {
  const customers = await answered(
    api.GET('/api/customers', { params: { query: { confirmation: 'awaitingCustomer' } } }),
  );
  const created = await answered(
    api.POST('/api/webhooks', {
      body: { url: 'https://example.com/hook', events: ['relationship.confirmed'] },
    }),
  );
  return `${customers.body.items.length} ${created.body.secret}`;
}

export async function undocumentedPath(): Promise<void> {
  // @ts-expect-error there is no /api/customer-list in openapi.yaml.
  await api.GET('/api/customer-list');
}

export async function undocumentedMethod(): Promise<void> {
  // @ts-expect-error customers are removed through their relationship, never deleted.
  await api.DELETE('/api/customers/{id}', { params: { path: { id: 'c' } } });
}

export async function undocumentedQuery(): Promise<void> {
  // @ts-expect-error the Customers list has no `sort` parameter.
  await api.GET('/api/customers', { params: { query: { sort: 'name' } } });
}

export async function wrongBody(): Promise<void> {
  // @ts-expect-error a webhook's events are event types, not free text.
  await api.POST('/api/webhooks', { body: { url: 'https://example.com', events: ['anything'] } });
}

export async function missingRequiredHeader(): Promise<void> {
  // @ts-expect-error an edit of the draft needs the ETag it is based on (If-Match).
  await api.PATCH('/api/invitations/{id}/draft', { params: { path: { id: 'i' } }, body: {} });
}

export async function fieldTheAnswerLacks(): Promise<unknown> {
  const invitation = await answered(
    api.GET('/api/invitations/{id}', { params: { path: { id: 'i' } } }),
  );
  // @ts-expect-error an invitation has no `owner` field.
  return invitation.body.owner;
}
