import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeGlobals = {
  module: 'readonly',
  require: 'readonly',
  process: 'readonly',
  __dirname: 'readonly',
  console: 'readonly',
};

/*
 * The layers of shared/, lowest first: a folder may import only the folders listed for it (and
 * itself). Nothing in shared/ imports the entry layer (functions/, local/) or the console; only
 * the entry layer imports the composition root (shared/app). test/unit/layers.test.ts shows an
 * upward import failing this rule.
 */
export const LAYERS = {
  domain: [],
  graph: ['domain'],
  store: ['domain'],
  config: ['domain'],
  archive: ['domain', 'config'],
  auth: ['domain', 'store', 'config'],
  telemetry: ['domain', 'store', 'config'],
  mail: ['domain', 'config', 'telemetry'],
  queue: ['domain', 'config', 'telemetry'],
  outbound: ['domain', 'telemetry'],
  services: [
    'domain',
    'graph',
    'store',
    'archive',
    'config',
    'auth',
    'telemetry',
    'mail',
    'queue',
    'outbound',
  ],
  http: ['domain', 'store', 'config', 'auth', 'telemetry', 'services'],
  api: ['domain', 'store', 'config', 'http', 'services'],
  web: ['domain', 'store', 'config', 'auth', 'telemetry', 'http', 'services'],
  app: [
    'domain',
    'graph',
    'store',
    'archive',
    'config',
    'auth',
    'telemetry',
    'mail',
    'queue',
    'outbound',
    'services',
    'http',
    'api',
    'web',
  ],
};

const layerRules = Object.entries(LAYERS).map(([layer, allowed]) => {
  const forbidden = Object.keys(LAYERS).filter(
    (other) => other !== layer && !allowed.includes(other),
  );
  return {
    files: [`shared/${layer}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...(forbidden.length === 0
              ? []
              : [
                  {
                    group: forbidden.flatMap((other) => [`../${other}`, `../${other}/*`]),
                    message: `shared/${layer} may import only ${allowed.length === 0 ? 'itself' : allowed.join(', ')} (layers: eslint.config.mjs).`,
                  },
                ]),
            {
              group: ['../../*'],
              message:
                'shared/ does not import the entry layer (functions/, local/) or the console.',
            },
          ],
        },
      ],
    },
  };
});

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', '.local/', 'shared/api/openapiTypes.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: nodeGlobals },
  },
  {
    // CommonJS files load their dependencies with require (the local Cosmos server's process).
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'no-console': 'off',
    },
  },
  {
    // What the deployed bundle holds (tools/bundle.mjs). zod's named export `z` is its whole API
    // as one object: importing it keeps all of zod in main.js (every locale, JSON Schema in both
    // directions), 450 KB that every worker parses before its first request. `import * as z`
    // lets esbuild keep only what the code calls.
    files: ['functions/**/*.ts', 'shared/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "ImportDeclaration[source.value='zod'][importKind='value'] > ImportSpecifier[imported.name='z'][importKind='value']",
          message: "Use `import * as z from 'zod'`: the named `z` keeps all of zod in the bundle.",
        },
      ],
    },
  },
  ...layerRules,
);
