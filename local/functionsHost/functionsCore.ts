/**
 * The local stand-in for '@azure/functions-core', the module the real Functions Node.js worker
 * injects into the app's process. `@azure/functions` 4.x requires it by that name; when it is
 * found, every `app.http` / `app.storageQueue` / `app.timer` call and every `app.hook.*` call
 * arrives here with its full binding metadata, so the local hosts run the app's real
 * registrations instead of a hand-written list. jest maps the name here (jest.config.js); plain
 * node gets it through `installFunctionsCoreHook()` in loadFunctions.ts.
 *
 * Only the surface that `@azure/functions` 4.16 calls is implemented.
 */

/** A binding as `@azure/functions` describes it to the worker (toCoreFunctionMetadata). */
export interface CoreBindingInfo {
  type: string;
  direction: 'in' | 'out' | 'inout';
  [property: string]: unknown;
}

export interface CoreFunctionMetadata {
  name: string;
  bindings: Record<string, CoreBindingInfo>;
  retryOptions?: unknown;
}

/** The raw user handler: `(triggerInput, context) => result`. */
export type FunctionCallback = (...args: unknown[]) => unknown;

export interface Disposable {
  dispose(): void;
}

export type HookName = 'appStart' | 'appTerminate' | 'preInvocation' | 'postInvocation' | 'log';
export type HookCallback = (coreContext: Record<string, unknown>) => unknown;

export type CoreLogLevel =
  'information' | 'debug' | 'error' | 'trace' | 'warning' | 'critical' | 'none';
export type CoreLogHandler = (level: CoreLogLevel, category: string, message: string) => void;

export interface HttpTriggerBinding extends CoreBindingInfo {
  type: 'httpTrigger';
  name: string;
  methods?: string[];
  authLevel?: string;
  route?: string;
}

export interface QueueTriggerBinding extends CoreBindingInfo {
  type: 'queueTrigger';
  name: string;
  queueName: string;
  connection?: string;
}

export interface TimerTriggerBinding extends CoreBindingInfo {
  type: 'timerTrigger';
  name: string;
  schedule: string;
  runOnStartup?: boolean;
  useMonitor?: boolean;
}

/** Any trigger the local hosts do not run (blob, Service Bus, Cosmos DB, ...). */
export interface OtherTriggerBinding extends CoreBindingInfo {
  name: string;
}

export type TriggerBinding =
  HttpTriggerBinding | QueueTriggerBinding | TimerTriggerBinding | OtherTriggerBinding;

export interface FunctionRegistration {
  name: string;
  trigger: TriggerBinding;
  /** Every binding, keyed by binding name (`$return` for the return binding). */
  bindings: Record<string, CoreBindingInfo>;
  handler: FunctionCallback;
}

const triggerTypePattern = /trigger$/i;

const registrations = new Map<string, FunctionRegistration>();
const hooks = new Map<HookName, HookCallback[]>();
let programmingModel: unknown;
let logHandler: CoreLogHandler = defaultCoreLogHandler;

/** Shared across all hooks of the app, as the worker's `appHookData`. */
export const appHookData: Record<string, unknown> = {};

function defaultCoreLogHandler(level: CoreLogLevel, category: string, message: string): void {
  // The library's system logs are mostly debug chatter; only surface what needs attention.
  if (level === 'warning' || level === 'error' || level === 'critical') {
    console.warn(`[${category}] ${level}: ${message}`);
  }
}

// ---- the '@azure/functions-core' surface ----

/** Called by `@azure/functions` on its first registration; kept only so getProgrammingModel works. */
export function setProgrammingModel(model: unknown): void {
  programmingModel = model;
}

/** Part of the worker interface; the local hosts call handlers directly and do not use the model. */
export function getProgrammingModel(): unknown {
  return programmingModel;
}

/**
 * Receives each `app.*` registration. Duplicate names are refused, as the worker does, because
 * two functions under one name would shadow each other's routes and logs silently.
 */
export function registerFunction(
  metadata: CoreFunctionMetadata,
  handler: FunctionCallback,
): Disposable {
  const { name, bindings } = metadata;
  if (registrations.has(name)) {
    throw new Error(`A function with the name "${name}" has already been registered.`);
  }
  const trigger = Object.entries(bindings).find(([, binding]) =>
    triggerTypePattern.test(binding.type),
  );
  if (!trigger) {
    throw new Error(`Function "${name}" has no trigger binding.`);
  }
  const [triggerName, triggerBinding] = trigger;
  registrations.set(name, {
    name,
    trigger: { ...triggerBinding, name: triggerName } as TriggerBinding,
    bindings,
    handler,
  });
  return {
    dispose: () => {
      registrations.delete(name);
    },
  };
}

/** Stores `app.hook.*` callbacks so the local hosts can run them around invocations. */
export function registerHook(hookName: HookName, callback: HookCallback): Disposable {
  const list = hooks.get(hookName) ?? [];
  list.push(callback);
  hooks.set(hookName, list);
  return {
    dispose: () => {
      const current = hooks.get(hookName) ?? [];
      hooks.set(
        hookName,
        current.filter((registered) => registered !== callback),
      );
    },
  };
}

/** The library's own diagnostics ("system" logs), e.g. a discarded GET body. */
export function log(level: CoreLogLevel, category: string, message: string): void {
  logHandler(level, category, message);
}

// ---- the local hosts' view of the registry ----

/** Every function registered so far, in registration order. */
export function getRegistrations(): FunctionRegistration[] {
  return [...registrations.values()];
}

/** Callbacks registered for one hook, in registration order. */
export function getHooks(hookName: HookName): HookCallback[] {
  return [...(hooks.get(hookName) ?? [])];
}

/**
 * Forgets every registration and hook, so a test can load a different set of function files.
 * It does not clear Node's module cache: files already required will not register again.
 */
export function resetRegistrations(): void {
  registrations.clear();
  hooks.clear();
  for (const key of Object.keys(appHookData)) {
    delete appHookData[key];
  }
}

/** What one step of loading added to the registry; see captureRegistrations. */
export interface RegistrySnapshot {
  readonly registrations: readonly FunctionRegistration[];
  readonly hooks: readonly (readonly [HookName, HookCallback])[];
}

function hookEntries(): [HookName, HookCallback][] {
  return [...hooks.entries()].flatMap(([hookName, callbacks]) =>
    callbacks.map((callback): [HookName, HookCallback] => [hookName, callback]),
  );
}

/**
 * Runs `load` (typically a `require`) and returns the functions and hooks it registered. Node
 * caches modules, so a file required a second time registers nothing; remembering what it
 * registered the first time lets a host be started again after resetRegistrations().
 */
export function captureRegistrations(load: () => void): RegistrySnapshot {
  const knownFunctions = new Set(registrations.values());
  const knownHooks = new Set(hookEntries().map(([, callback]) => callback));
  load();
  return {
    registrations: [...registrations.values()].filter((r) => !knownFunctions.has(r)),
    hooks: hookEntries().filter(([, callback]) => !knownHooks.has(callback)),
  };
}

/** Re-adds what captureRegistrations saw, skipping anything still registered. */
export function replayRegistrations(snapshot: RegistrySnapshot): void {
  for (const registration of snapshot.registrations) {
    if (!registrations.has(registration.name)) {
      registrations.set(registration.name, registration);
    }
  }
  for (const [hookName, callback] of snapshot.hooks) {
    if (!(hooks.get(hookName) ?? []).includes(callback)) {
      registerHook(hookName, callback);
    }
  }
}

/** Routes the library's system logs somewhere other than the console (e.g. the host's logger). */
export function setCoreLogHandler(handler: CoreLogHandler): void {
  logHandler = handler;
}

/** Narrows a trigger so hosts can read `route`/`methods` without casts. */
export function isHttpTrigger(trigger: TriggerBinding): trigger is HttpTriggerBinding {
  return trigger.type.toLowerCase() === 'httptrigger';
}

/** Narrows a trigger so hosts can read `queueName`/`connection` without casts. */
export function isQueueTrigger(trigger: TriggerBinding): trigger is QueueTriggerBinding {
  return trigger.type.toLowerCase() === 'queuetrigger';
}

/** Narrows a trigger to a timer's `schedule`; no local host runs timers yet. */
export function isTimerTrigger(trigger: TriggerBinding): trigger is TimerTriggerBinding {
  return trigger.type.toLowerCase() === 'timertrigger';
}
