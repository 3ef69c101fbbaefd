import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { propertyAt, sourceText, toPlain } from './support/bicepModel';
import { INFRA_DIR } from './support/brokenCopy';
import { kqlSyntaxErrors } from './support/kql';
import { declaredResources, loadTemplateSet } from './support/templateSet';

const set = loadTemplateSet(INFRA_DIR);
const alertsFile = [...set.files.values()].find((file) => file.path.endsWith('app/alerts.bicep'))!;

interface AlertDefinition {
  readonly name: string;
  readonly query: string;
  readonly scope: { readonly $expr: string };
}

/** The `alerts` variable of alerts.bicep: one entry per scheduled query rule. */
function alertDefinitions(): AlertDefinition[] {
  const variable = alertsFile.variables.find((candidate) => candidate.name === 'alerts');
  return toPlain(variable?.value) as AlertDefinition[];
}

const only = (type: string) => {
  const found = declaredResources(set, type);
  expect(found).toHaveLength(1);
  return found[0]!.resource;
};

describe('alerts (infra/app/alerts.bicep)', () => {
  it('emails the operators through one action group, its address the alertEmailAddress parameter', () => {
    const group = only('Microsoft.Insights/actionGroups');
    expect(toPlain(propertyAt(group.body, 'properties.emailReceivers'))).toEqual([
      expect.objectContaining({ emailAddress: { $expr: 'alertEmailAddress' } }),
    ]);
    const module = set.main.modules.find((candidate) => candidate.symbol === 'alerts');
    const param = propertyAt(module?.body, 'params.alertEmailAddress');
    expect(param && sourceText(param)).toBe('alertEmailAddress');
    const declared = set.main.params.find((candidate) => candidate.name === 'alertEmailAddress');
    expect(declared).toBeDefined();
    expect(declared?.defaultValue).toBeUndefined();
  });

  it('has one rule per situation the issue names, each sent to the action group', () => {
    expect(alertDefinitions().map((alert) => alert.name)).toEqual([
      'poison-message',
      'email-dispatch-failures',
      'webhook-delivery-failures',
      'api-server-errors',
      'function-failures',
      'housekeeping-not-run',
      'microsoft-checks-lost',
      'partition-size',
    ]);
    const rules = only('Microsoft.Insights/scheduledQueryRules');
    expect(rules.loop && sourceText(rules.loop.source)).toBe('alerts');
    expect(toPlain(propertyAt(rules.body, 'properties.actions.actionGroups'))).toEqual([
      { $expr: 'actionGroup.id' },
    ]);
  });

  it('watches the housekeeping timer by the name it is registered with', () => {
    const housekeeping = alertDefinitions().find((alert) => alert.name === 'housekeeping-not-run')!;
    const registered = readFileSync(join(INFRA_DIR, '..', 'functions', 'housekeeping.ts'), 'utf8');
    const name = /app\.timer\('([^']+)'/.exec(registered)?.[1];
    expect(name).toBeDefined();
    expect(housekeeping.query).toContain(`name == "${name}"`);
  });

  it('counts the lost checks by the event the resumeStuckWork timer logs for each restart', () => {
    const lost = alertDefinitions().find((alert) => alert.name === 'microsoft-checks-lost')!;
    const timer = readFileSync(join(INFRA_DIR, '..', 'functions', 'housekeeping.ts'), 'utf8');
    const event = /'warning',\s*'([^']+)'/.exec(timer)?.[1];
    expect(event).toBe('microsoft.check.restarted');
    expect(lost.query).toContain(`customDimensions["event"] == "${event}"`);
  });

  it("sends Cosmos DB's partition key statistics to Log Analytics and alerts at half the 20 GB cap", () => {
    const diagnostics = only('Microsoft.Insights/diagnosticSettings');
    expect(toPlain(propertyAt(diagnostics.body, 'properties.logs'))).toEqual([
      { category: 'PartitionKeyStatistics', enabled: true },
    ]);
    expect(toPlain(propertyAt(diagnostics.body, 'scope'))).toEqual({ $expr: 'cosmosAccount' });
    const threshold = alertsFile.params.find((param) => param.name === 'partitionSizeAlertGB');
    expect(Number(toPlain(threshold?.defaultValue))).toBeLessThanOrEqual(10);
    const partition = alertDefinitions().find((alert) => alert.name === 'partition-size')!;
    expect(partition.scope).toEqual({ $expr: 'logAnalytics.id' });
  });

  it("has queries Kusto's parser takes: every alert, every workbook query, every query of the README", () => {
    const workbookFile = [...set.files.values()].find((file) =>
      file.path.endsWith('app/workbook.bicep'),
    )!;
    const workbookQueries = workbookFile.variables
      .filter((variable) => variable.name.endsWith('Query'))
      .map((variable) => [`workbook ${variable.name}`, toPlain(variable.value)] as const);
    const readme = readFileSync(join(INFRA_DIR, '..', 'README.md'), 'utf8');
    const readmeQueries = [...readme.matchAll(/```kusto\n([\s\S]*?)```/g)].map(
      (match, index) => [`README query ${index + 1}`, match[1]!] as const,
    );
    const queries = [
      ...alertDefinitions().map((alert) => [`alert ${alert.name}`, alert.query] as const),
      ...workbookQueries,
      ...readmeQueries,
    ];
    expect(workbookQueries.length).toBeGreaterThanOrEqual(6);
    expect(readmeQueries.length).toBeGreaterThanOrEqual(7);
    for (const [name, query] of queries) {
      // An interpolated Bicep string ('… > ${partitionSizeAlertKb}'), with a number in its place.
      const text =
        typeof query === 'string'
          ? query
          : String((query as { $expr: string }).$expr).replace(/\$\{[^}]+\}/g, '1');
      expect({ name, errors: kqlSyntaxErrors(text) }).toEqual({ name, errors: [] });
    }
    // The parser does find mistakes: a comparison without its right side.
    expect(kqlSyntaxErrors('requests | where name == | count')).not.toEqual([]);
  });

  it('is explained in the README runbook, each alert with what it means, a query and what to do', () => {
    const readme = readFileSync(join(INFRA_DIR, '..', 'README.md'), 'utf8');
    const runbook = readme.slice(readme.indexOf('### Runbook'), readme.indexOf('### Capacity'));
    const sections = runbook.split(/^#### /m).slice(1);
    const explained = new Map(
      sections.map((section) => [/^`([^`]+)`/.exec(section)?.[1], section] as const),
    );
    expect([...explained.keys()]).toEqual(alertDefinitions().map((alert) => alert.name));
    for (const [name, section] of explained) {
      expect({ name, means: section.includes('**Means:**') }).toEqual({ name, means: true });
      expect({ name, look: /\*\*Look[:*]/.test(section) }).toEqual({ name, look: true });
      expect({ name, query: /```kusto|`requests \|/.test(section) }).toEqual({ name, query: true });
      expect({ name, what: section.includes('**Do:**') }).toEqual({ name, what: true });
    }
  });
});
