/**
 * The web UI (web/): React, built by Vite into dist/web, which the server serves under `/`.
 * `npm install` builds it (prepare → build); `npm run dev:web` serves it with hot reload and
 * proxies the API to a server on :3000.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'web',
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // the budget is 300 kB of script per page (issue 7); test/web-budget.test.ts measures it
    chunkSizeWarningLimit: 300,
    manifest: true,
    rolldownOptions: {
      onLog(level, log, handler) {
        // SWR marks its modules 'use client' for React Server Components; meaningless in a client bundle
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
  server: {
    proxy: Object.fromEntries(
      ['/api', '/openapi.json', '/docs', '/healthz', '/readyz'].map((p) => [
        p,
        'http://127.0.0.1:3000',
      ]),
    ),
  },
});
