/** A JSON call to the local API for the load scripts: any answer of 400 or more throws. */
export async function callApi(
  baseUrl: string,
  path: string,
  init: RequestInit & { token?: string } = {},
): Promise<Record<string, unknown> | undefined> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('Authorization', `Bearer ${init.token}`);
  if (init.body) headers.set('Content-Type', 'application/json');
  headers.set('Accept', 'application/json');
  const response = await fetch(`${baseUrl}${path}`, { ...init, headers, redirect: 'manual' });
  const text = await response.text();
  if (response.status >= 400) {
    throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${text}`);
  }
  return text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>);
}
