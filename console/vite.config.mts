import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const consoleDir = fileURLToPath(new URL('.', import.meta.url));

/**
 * The partner console: built into dist/console (served by `npm start` and by the Static Web
 * App in Azure). Vite's own TSX transform is enough (no React plugin): the console is served
 * built, so Fast Refresh would buy nothing here.
 */
export default defineConfig({
  root: consoleDir,
  base: '/',
  build: {
    outDir: fileURLToPath(new URL('../dist/console', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // Fluent UI marks its modules 'use client' (for React Server Components); meaningless here.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  oxc: { jsx: { runtime: 'automatic' } },
  test: {
    root: consoleDir,
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
