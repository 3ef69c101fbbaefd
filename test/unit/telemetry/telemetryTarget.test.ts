import { telemetryTarget } from '../../../shared/telemetry/telemetryTarget';

describe('telemetryTarget', () => {
  test('exports to Azure Monitor with the managed identity when the template set a connection string', () => {
    expect(
      telemetryTarget({
        APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=k;IngestionEndpoint=https://x/',
        AZURE_CLIENT_ID: 'client-id',
        TELEMETRY_EXPORTER: 'console',
      }),
    ).toEqual({
      kind: 'azureMonitor',
      connectionString: 'InstrumentationKey=k;IngestionEndpoint=https://x/',
      managedIdentityClientId: 'client-id',
    });
  });

  test('prints to the console locally when asked, exports nothing otherwise', () => {
    expect(telemetryTarget({ TELEMETRY_EXPORTER: 'Console' })).toEqual({ kind: 'console' });
    expect(telemetryTarget({})).toEqual({ kind: 'none' });
    expect(
      telemetryTarget({ TELEMETRY_EXPORTER: 'none', APPLICATIONINSIGHTS_CONNECTION_STRING: ' ' }),
    ).toEqual({
      kind: 'none',
    });
  });

  test('names the setting when its value is unknown', () => {
    expect(() => telemetryTarget({ TELEMETRY_EXPORTER: 'otlp' })).toThrow(/TELEMETRY_EXPORTER/);
  });
});
