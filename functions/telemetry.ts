import { app } from '@azure/functions';
import { traceInvocation } from '../shared/telemetry/invocationTracing';
import { flushTelemetry, startTelemetry } from '../shared/telemetry/startTelemetry';

// The exporters the settings choose (Azure Monitor in Azure, the console with
// TELEMETRY_EXPORTER=console) start once the worker has loaded the functions, not while it
// loads them (see README, Performance); one span per invocation around every function's
// handler; what is still batched is exported when the worker stops.
app.hook.appStart(() => {
  startTelemetry();
});
app.hook.preInvocation(traceInvocation);
app.hook.appTerminate(flushTelemetry);
