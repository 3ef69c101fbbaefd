import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app } from '@azure/functions';

/**
 * The contract, served as written (`openapi.yaml` ships beside the compiled app), so the
 * console and partners' own tools read the same document the tests hold the routes to.
 * Anonymous: it describes the API, it grants nothing.
 */
app.http('openApiDocument', {
  methods: ['GET'],
  route: 'openapi.yaml',
  authLevel: 'anonymous',
  handler: async (_request, context) => {
    try {
      return {
        status: 200,
        body: await openApiDocument(),
        headers: {
          'Content-Type': 'application/yaml; charset=utf-8',
          'Cache-Control': 'public, max-age=300',
        },
      };
    } catch (error) {
      context.error('openapi.yaml could not be read', error);
      return { status: 500 };
    }
  },
});

let cached: Promise<string> | undefined;

/** Read once: from `functions/` in source, from `dist/functions/` when compiled. */
function openApiDocument(): Promise<string> {
  cached ??= readFile(join(__dirname, '..', 'openapi.yaml'), 'utf8').catch(() =>
    readFile(join(__dirname, '..', '..', 'openapi.yaml'), 'utf8'),
  );
  cached.catch(() => {
    cached = undefined;
  });
  return cached;
}
