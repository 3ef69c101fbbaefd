import { resolveBindingExpression } from '../../../local/functionsHost/bindingExpressions';

const env = {
  HOUSEKEEPING_SCHEDULE: '0 */15 * * * *',
  QUEUE_PREFIX: 'dev',
  QUEUE_SUFFIX: 'emails',
  EMPTY: '',
  'Dotted.Name': 'dotted',
};

describe('resolveBindingExpression', () => {
  it.each([
    ['%HOUSEKEEPING_SCHEDULE%', '0 */15 * * * *'],
    ['%QUEUE_PREFIX%-invitation-email', 'dev-invitation-email'],
    ['%QUEUE_PREFIX%-%QUEUE_SUFFIX%', 'dev-emails'],
    ['x%EMPTY%y', 'xy'],
    ['%Dotted.Name%', 'dotted'],
    ['invitation-email', 'invitation-email'],
    ['0 */5 * * * *', '0 */5 * * * *'],
    ['{queueTrigger}', '{queueTrigger}'],
    ['', ''],
  ])('resolves %j to %j', (value, expected) => {
    expect(resolveBindingExpression(value, env)).toBe(expected);
  });

  it('does not resolve a setting value again', () => {
    expect(resolveBindingExpression('%A%', { A: '%B%', B: 'no' })).toBe('%B%');
  });

  it('looks the name up exactly as written (Linux app settings are case-sensitive)', () => {
    expect(() => resolveBindingExpression('%housekeeping_schedule%', env)).toThrow(
      '"%housekeeping_schedule%" refers to the app setting "housekeeping_schedule", which is not set',
    );
  });

  it('names the missing setting', () => {
    expect(() => resolveBindingExpression('%QUEUE_PREFIX%-%MISSING%', env)).toThrow(
      /app setting "MISSING", which is not set/,
    );
  });

  it.each([
    ['50%', /without a closing "%"/],
    ['%QUEUE_PREFIX', /without a closing "%"/],
    ['%%', /names no app setting/],
    ['% %', /names no app setting/],
  ])('refuses %j', (value, message) => {
    expect(() => resolveBindingExpression(value, env)).toThrow(message);
  });

  it('reads process.env when given it', () => {
    process.env.BINDING_EXPRESSION_TEST = 'from-env';
    try {
      expect(resolveBindingExpression('%BINDING_EXPRESSION_TEST%', process.env)).toBe('from-env');
    } finally {
      delete process.env.BINDING_EXPRESSION_TEST;
    }
  });
});
