import { join } from 'node:path';
import { INFRA_DIR, withBrokenCopy, type Mutation } from './support/brokenCopy';
import { checkModuleWiring } from './support/moduleWiringCheck';
import { loadTemplateSet } from './support/templateSet';

const wiringProblemsAfter = (mutations: readonly Mutation[]) =>
  withBrokenCopy(mutations, (root) => checkModuleWiring(loadTemplateSet(join(root, 'infra'))));

const at = (file: string, message: string) =>
  expect.stringMatching(new RegExp(`^${file.replace(/[./]/g, '\\$&')}:\\d+ ${message}$`));

describe('module wiring (e)', () => {
  it('resolves every module path, passes only declared params and every required one', () => {
    expect(checkModuleWiring(loadTemplateSet(INFRA_DIR))).toEqual([]);
  });

  it('reports a misspelt param, which also leaves the real one unpassed', () => {
    const problems = wiringProblemsAfter([
      { file: 'infra/main.bicep', find: '    planName: ', replace: '    plnaName: ' },
    ]);
    expect(problems).toEqual([
      at('main.bicep', 'module api passes unknown param plnaName to ./app/api.bicep'),
      at('main.bicep', 'module api does not pass required param planName of ./app/api.bicep'),
    ]);
  });

  it('reports a module path that does not exist, and the file it no longer reaches', () => {
    const problems = wiringProblemsAfter([
      {
        file: 'infra/main.bicep',
        find: "'./app/monitoring.bicep'",
        replace: "'./app/monitor.bicep'",
      },
    ]);
    expect(problems).toEqual([
      at('main.bicep', 'module monitoring: ./app/monitor.bicep does not exist'),
      'app/monitoring.bicep is not used by main.bicep',
    ]);
  });

  it('reports an output the module does not declare', () => {
    const problems = wiringProblemsAfter([
      {
        file: 'infra/main.bicep',
        find: 'cosmos.outputs.endpoint',
        replace: 'cosmos.outputs.documentEndpoint',
      },
    ]);
    expect(problems).toEqual([
      at(
        'main.bicep',
        'cosmos.outputs.documentEndpoint: ./app/cosmos.bicep has no output documentEndpoint',
      ),
    ]);
  });

  it('reports a registry module, which cannot be checked offline', () => {
    const problems = wiringProblemsAfter([
      {
        file: 'infra/main.bicep',
        find: "module identity './app/identity.bicep'",
        replace:
          "module identity 'br/public:avm/res/managed-identity/user-assigned-identity:0.4.1'",
      },
    ]);
    expect(problems).toEqual([
      at(
        'main.bicep',
        'module identity uses registry module br/public:avm/res/managed-identity/user-assigned-identity:0.4.1; declare resources locally',
      ),
      'app/identity.bicep is not used by main.bicep',
    ]);
  });
});
