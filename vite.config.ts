/**
 * The web UI (web/): React, built by Vite into dist/web, which the server serves under `/`.
 * `npm install` builds it (prepare → build); `npm run dev:web` serves it with hot reload and
 * proxies the API to a server on :3000.
 *
 * The build keeps each page within its script budget (300 kB, test/web-budget.test.ts; the
 * budget section of docs/web-ui.md) with two measures that change no behaviour: React's functions
 * bound to names once (reactBindings), and chunks shared by pages named by their hash alone.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const BINDINGS = fileURLToPath(new URL('web/src/react-bindings.ts', import.meta.url));

/**
 * React is CommonJS: a bundled call of one of its functions goes through the module object,
 * `(0,r.jsx)(…)` for every JSX element, where a name bound once is `r(…)`. In the build, the UI's
 * own imports of `react` and `react/jsx-runtime` get web/src/react-bindings.ts, which binds the
 * functions it uses (the same functions: a missing one fails the build, MISSING_EXPORT), and
 * `use-sync-external-store/shim` (wouter's and SWR's) gets React's own useSyncExternalStore, which
 * the shim hands out anyway on React 18 and later. The dev server and the tests import React as it
 * is.
 */
function reactBindings(): Plugin {
  return {
    name: 'xuke:react-bindings',
    apply: 'build',
    enforce: 'pre',
    resolveId(id, importer) {
      if (importer === undefined || importer === BINDINGS) return null;
      if (id === 'use-sync-external-store/shim' || id === 'use-sync-external-store/shim/index.js')
        return BINDINGS;
      const ownImport = !importer.includes('/node_modules/');
      return ownImport && (id === 'react' || id === 'react/jsx-runtime') ? BINDINGS : null;
    },
  };
}

export default defineConfig({
  root: 'web',
  base: '/',
  plugins: [reactBindings()],
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // the budget is 300 kB of script per page (issue 7); test/web-budget.test.ts measures it
    chunkSizeWarningLimit: 300,
    manifest: true,
    // browsers since 2023 (Chrome 66, Firefox 115, Safari 17) preload modules themselves; in older
    // ones the polyfill (0.5 kB on every page) only fetched a page's chunks a little earlier
    modulePreload: { polyfill: false },
    rolldownOptions: {
      onLog(level, log, handler) {
        // SWR marks its modules 'use client' for React Server Components; meaningless in a client bundle
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
      output: {
        // a shared chunk's name is written wherever it is imported or preloaded (every page's entry
        // lists them all): its hash alone names it; the pages keep theirs (the manifest maps both)
        chunkFileNames: (chunk) =>
          /\/web\/src\/pages\/[^/]+\.tsx$/u.test(chunk.facadeModuleId ?? '')
            ? 'assets/[name]-[hash].js'
            : 'assets/[hash].js',
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
