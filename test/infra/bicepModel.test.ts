import { parseBicep, propertyAt, toPlain } from './support/bicepModel';
import { resolveText } from './support/resolveText';

describe('bicepModel', () => {
  it('reads params with their decorators, defaults and @secure()', () => {
    const file = parseBicep(
      [
        '@secure()',
        "@description('the key')",
        'param apiKey string',
        '@minValue(1)',
        '// a comment between decorator and declaration',
        'param days int = 90',
      ].join('\n'),
    );
    expect(file.params.map(({ name, type, secure }) => ({ name, type, secure }))).toEqual([
      { name: 'apiKey', type: 'string', secure: true },
      { name: 'days', type: 'int', secure: false },
    ]);
    expect(file.params[0]!.defaultValue).toBeUndefined();
    expect(toPlain(file.params[1]!.defaultValue)).toBe(90);
    expect(file.params[1]!.decorators.map((d) => d.name)).toEqual(['minValue']);
  });

  it('gives nested child resources their full type and the parent api version', () => {
    const file = parseBicep(
      [
        "resource site 'Microsoft.Web/sites@2024-04-01' existing = {",
        "  name: 'app'",
        "  resource settings 'config' = {",
        "    name: 'appsettings'",
        '    properties: {',
        "      A: 'x'",
        '    }',
        '  }',
        '}',
      ].join('\n'),
    );
    expect(
      file.resources.map(({ symbol, type, apiVersion, existing }) => ({
        symbol,
        type,
        apiVersion,
        existing,
      })),
    ).toEqual([
      { symbol: 'site', type: 'Microsoft.Web/sites', apiVersion: '2024-04-01', existing: true },
      {
        symbol: 'settings',
        type: 'Microsoft.Web/sites/config',
        apiVersion: '2024-04-01',
        existing: false,
      },
    ]);
    expect(toPlain(propertyAt(file.resources[1]!.body, 'properties'))).toEqual({ A: 'x' });
  });

  it('unwraps conditional and looped bodies', () => {
    const file = parseBicep(
      [
        "var names = ['a', 'b']",
        "resource q 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [for n in names: {",
        '  name: n',
        '}]',
        "module m './m.bicep' = if (deploy) {",
        "  name: 'm'",
        '}',
      ].join('\n'),
    );
    expect(file.resources[0]!.loop?.itemName).toBe('n');
    expect(file.modules[0]).toMatchObject({ path: './m.bicep', condition: '(deploy)' });
    expect(toPlain(propertyAt(file.modules[0]!.body, 'name'))).toBe('m');
  });

  it('keeps interpolations apart from literal text and unescapes quotes', () => {
    const file = parseBicep("param p string\nvar a = 'it\\'s ${p}/x'\nvar b = '/\"_etag\"/?'");
    expect(resolveText(file.variables[0]!.value, file)).toBe("it's {param:p}/x");
    expect(toPlain(file.variables[1]!.value)).toBe('/"_etag"/?');
  });

  it('folds role definition ids built from variables and subscriptionResourceId()', () => {
    const file = parseBicep(
      [
        "var roleId = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'",
        "var full = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)",
      ].join('\n'),
    );
    expect(resolveText(file.variables[1]!.value, file)).toBe(
      '/subscriptions/{subscription}/providers/Microsoft.Authorization/roleDefinitions/b7e6dc6d-f1e8-4753-8033-0f276bb0955b',
    );
  });

  it('reports syntax errors with their line instead of throwing', () => {
    const file = parseBicep("param ok string\nresource x 'A/b@2020-01-01' = {\n  name: \n}\n");
    expect(file.syntaxErrors.length).toBeGreaterThan(0);
    expect(file.syntaxErrors[0]!.line).toBeGreaterThanOrEqual(2);
  });
});
