/**
 * The Azure Functions host stand-in: the one entry the rest of local/ and the tools use. It loads
 * the compiled function app as the Functions host would (package.json "main"), answers its HTTP
 * triggers, drives its queue and timer triggers from Azurite and the clock, and serves the host's
 * admin endpoint. See README.md.
 */
export { createAdminEndpoint } from './adminEndpoint';
export { parseCorsSetting } from './cors';
export {
  getRegistrations,
  isHttpTrigger,
  resetRegistrations,
  setCoreLogHandler,
} from './functionsCore';
export * from './hostJson';
export { consoleHostLog, type HostLog, type HostLogLevel } from './hostLog';
export { startHttpHost, type HttpHost } from './httpHost';
export { runAppStartHooks, runAppTerminateHooks } from './invokeFunction';
export { loadFunctionApp, resolveMainGlob } from './loadFunctions';
export { startQueueHost, type QueueHost } from './queueHost';
export { startTimerHost } from './timerHost';
