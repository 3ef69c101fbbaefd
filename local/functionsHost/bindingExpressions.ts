/** App settings as the host reads them: the process environment, or a plain map in tests. */
export type AppSettings = Readonly<Record<string, string | undefined>>;

/**
 * Replaces each `%SETTING%` in a binding property (a timer's schedule, a queue name) with that
 * app setting, as the Functions host does when it indexes the function, so one build can run on
 * a different schedule or queue per environment. `{...}` runtime expressions are left alone.
 * Throws an Error naming the setting when it is not set, and refuses a `%` without its partner,
 * which neither a schedule nor a queue name can contain.
 */
export function resolveBindingExpression(value: string, env: AppSettings): string {
  let resolved = '';
  let index = 0;
  for (;;) {
    const open = value.indexOf('%', index);
    if (open < 0) {
      return resolved + value.slice(index);
    }
    const close = value.indexOf('%', open + 1);
    if (close < 0) {
      throw new Error(`"${value}" has a "%" without a closing "%"`);
    }
    const settingName = value.slice(open + 1, close);
    if (settingName.trim() === '') {
      throw new Error(`"${value}" has "%${settingName}%", which names no app setting`);
    }
    const setting = env[settingName];
    if (setting === undefined) {
      throw new Error(`"${value}" refers to the app setting "${settingName}", which is not set`);
    }
    resolved += value.slice(index, open) + setting;
    index = close + 1;
  }
}
