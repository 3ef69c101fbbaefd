import { format } from 'node:util';

export type HostLogLevel = 'trace' | 'debug' | 'information' | 'warning' | 'error' | 'critical';

/** Where the local hosts write: their own events and the functions' `context.log` lines. */
export type HostLog = (level: HostLogLevel, message: string) => void;

/**
 * The default sink for `npm start`: one line per event on the console, errors on stderr, and
 * trace/debug dropped unless DEBUG is set, so a developer sees what the Functions host would show.
 */
export const consoleHostLog: HostLog = (level, message) => {
  if (level === 'error' || level === 'critical') {
    console.error(message);
  } else if (level === 'warning') {
    console.warn(message);
  } else if ((level === 'trace' || level === 'debug') && !process.env.DEBUG) {
    return;
  } else {
    console.log(message);
  }
};

/**
 * Builds the `logHandler` for an InvocationContext: `context.log('x', obj)` becomes
 * `[functionName] x { ... }`, the same prefix the Functions host uses, so lines from concurrent
 * functions stay attributable.
 */
export function functionLogHandler(
  functionName: string,
  log: HostLog,
): (level: HostLogLevel | 'none', ...args: unknown[]) => void {
  return (level, ...args) => {
    if (level === 'none') {
      return;
    }
    log(level, `[${functionName}] ${format(...args)}`);
  };
}
