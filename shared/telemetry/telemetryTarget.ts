/** Where the app's telemetry goes, decided once from the settings. */
export type TelemetryTarget =
  | {
      readonly kind: 'azureMonitor';
      readonly connectionString: string;
      /** The user-assigned identity that holds Monitoring Metrics Publisher (Entra auth). */
      readonly managedIdentityClientId: string | undefined;
    }
  | { readonly kind: 'console' }
  | { readonly kind: 'none' };

/**
 * Azure Monitor when the template gave the app a connection string, else the console when
 * `TELEMETRY_EXPORTER=console` (`TELEMETRY_EXPORTER=console npm start`), else nothing (a test
 * installs its own exporters).
 */
export function telemetryTarget(
  env: Readonly<Record<string, string | undefined>>,
): TelemetryTarget {
  const connectionString = env.APPLICATIONINSIGHTS_CONNECTION_STRING?.trim();
  if (connectionString) {
    return {
      kind: 'azureMonitor',
      connectionString,
      managedIdentityClientId: env.AZURE_CLIENT_ID?.trim() || undefined,
    };
  }
  const exporter = env.TELEMETRY_EXPORTER?.trim().toLowerCase();
  if (exporter === 'console') return { kind: 'console' };
  if (exporter === undefined || exporter === '' || exporter === 'none') return { kind: 'none' };
  throw new Error(`TELEMETRY_EXPORTER must be console or none, not "${exporter}"`);
}
