import { randomUUID } from 'node:crypto';
import { InvocationContext, type TriggerMetadata } from '@azure/functions';
import { appHookData, getHooks, type FunctionRegistration } from './functionsCore';
import { functionLogHandler, type HostLog } from './hostLog';

/**
 * Makes the context the worker would pass: a fresh invocation id, the function's name, its
 * binding options (so `context.options` works) and logs that go to the host's log.
 */
export function createInvocationContext(
  registration: FunctionRegistration,
  log: HostLog,
  triggerMetadata?: TriggerMetadata,
): InvocationContext {
  const { trigger, bindings } = registration;
  const extraInputs = [];
  const extraOutputs = [];
  for (const [name, binding] of Object.entries(bindings)) {
    if (name === trigger.name || name === '$return') {
      continue;
    }
    if (binding.direction === 'in') {
      extraInputs.push({ ...binding, name });
    } else {
      extraOutputs.push({ ...binding, name });
    }
  }
  const returnBinding = bindings.$return;
  return new InvocationContext({
    invocationId: randomUUID(),
    functionName: registration.name,
    triggerMetadata,
    logHandler: functionLogHandler(registration.name, log),
    options: {
      trigger,
      return: returnBinding ? { ...returnBinding, name: '$return' } : undefined,
      extraInputs,
      extraOutputs,
    },
  });
}

/**
 * Names the bindings besides the trigger and the HTTP return that this host does not carry out
 * (e.g. `extraOutputs: [output.storageQueue(...)]`), so a developer is told at start-up instead
 * of finding the messages missing later.
 */
export function unsupportedBindings(registration: FunctionRegistration): string[] {
  return Object.entries(registration.bindings)
    .filter(([name, binding]) => {
      if (name === registration.trigger.name) return false;
      return !(name === '$return' && binding.type.toLowerCase() === 'http');
    })
    .map(([name, binding]) => `${name} (${binding.type}, ${binding.direction})`);
}

/**
 * Calls a registered handler the way the worker does: preInvocation hooks may replace the
 * handler or its inputs, postInvocation hooks see (and may replace) the result or error. Without
 * this, an app that relies on `app.hook.preInvocation` would behave differently locally.
 */
export async function invokeFunction(
  registration: FunctionRegistration,
  triggerInput: unknown,
  context: InvocationContext,
): Promise<unknown> {
  const hookData: Record<string, unknown> = {};
  const preContext: Record<string, unknown> = {
    hookData,
    appHookData,
    invocationContext: context,
    functionCallback: registration.handler,
    inputs: [triggerInput],
  };
  for (const hook of getHooks('preInvocation')) {
    await hook(preContext);
  }
  const handler = preContext.functionCallback as FunctionRegistration['handler'];
  const inputs = preContext.inputs as unknown[];

  let result: unknown;
  let error: unknown;
  try {
    result = await handler(...inputs, context);
  } catch (thrown) {
    error = thrown;
  }

  const postContext: Record<string, unknown> = {
    hookData,
    appHookData,
    invocationContext: context,
    inputs,
    result,
    error,
  };
  for (const hook of getHooks('postInvocation')) {
    await hook(postContext);
  }
  if (postContext.error !== undefined && postContext.error !== null) {
    throw postContext.error;
  }
  return postContext.result;
}

/** Runs `app.hook.appStart` callbacks; the starter calls this once, after loading the functions. */
export async function runAppStartHooks(functionAppDirectory: string): Promise<void> {
  for (const hook of getHooks('appStart')) {
    await hook({ hookData: appHookData, appHookData, functionAppDirectory });
  }
}

/** Runs `app.hook.appTerminate` callbacks, so apps can flush or close clients on shutdown. */
export async function runAppTerminateHooks(): Promise<void> {
  for (const hook of getHooks('appTerminate')) {
    await hook({ hookData: appHookData, appHookData });
  }
}
