import { app } from '@azure/functions';
import { traceInvocation } from '../shared/telemetry/invocationTracing';
import { startTelemetry } from '../shared/telemetry/startTelemetry';

// Loaded with the function files, before any invocation: the exporters the settings choose
// (Azure Monitor in Azure, the console with TELEMETRY_EXPORTER=console), then one span per
// invocation around every function's handler.
startTelemetry();
app.hook.preInvocation(traceInvocation);
