/** Where the API and sign-in are: read at start from `/config.json`, written by the host. */
export interface ConsoleConfig {
  readonly apiBaseUrl: string;
  readonly authority: string;
  readonly clientId: string;
  readonly apiScope: string;
}

export async function loadConsoleConfig(): Promise<ConsoleConfig> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) {
    throw new Error(`config.json answered ${response.status}`);
  }
  const config = (await response.json()) as Partial<ConsoleConfig>;
  for (const key of ['apiBaseUrl', 'authority', 'clientId', 'apiScope'] as const) {
    if (typeof config[key] !== 'string' || config[key] === '') {
      throw new Error(`config.json has no ${key}`);
    }
  }
  return config as ConsoleConfig;
}
