import { app } from '@azure/functions';
import { endpoint } from '../shared/app/entryPoints';
import { jsonResponse } from '../shared/http/responses';
import type { ResponseOf, Schema } from '../shared/api/contractResponses';
import type { EndpointArgs } from '../shared/http/endpoint';

/** Readiness: both stores answer within a short time, checked in parallel. */
app.http('health', {
  methods: ['GET'],
  route: 'health',
  authLevel: 'anonymous',
  handler: endpoint(healthHandler),
});

async function healthHandler({ services, context }: EndpointArgs): Promise<ResponseOf<'health'>> {
  type Check = Schema<'HealthReport'>['checks'][number];
  const check = async (name: Check['name'], probe: () => Promise<void>): Promise<Check> => {
    const started = Date.now();
    try {
      await withTimeout(probe(), 5000);
      return { name, status: 'ok', latencyMs: Date.now() - started };
    } catch (error) {
      context.warn(`health: ${name} unreachable`, error);
      return { name, status: 'unreachable', latencyMs: Date.now() - started };
    }
  };
  const checks = await Promise.all([
    check('cosmos', () => services.store.ping()),
    check('storage', () => services.queue.ping()),
  ]);
  const healthy = checks.every((c) => c.status === 'ok');
  return jsonResponse(healthy ? 200 : 503, { status: healthy ? 'ok' : 'degraded', checks });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
