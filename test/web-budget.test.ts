/**
 * The web UI's script budget (issue 7): no page needs more than 300 kB of script before gzip,
 * React included. A page needs the entry chunk (the shell, React, the router) with its static
 * imports, and its own lazy chunk with its static imports, each file counted once; what the page
 * itself loads later on (its own dynamic imports, such as a form opened on demand) must fit too.
 * The sizes come from the build's manifest (dist/web/.vite/manifest.json) and the files it names.
 * kB here is 1,000 bytes. CSS is checked too, with a loose bound that catches a stylesheet gone
 * wrong.
 *
 * Without a build the test skips saying so (fails under XUKE_REQUIRE_ALL=1): `npm run build`.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { describeWith } from './require-service.js';

const WEB = fileURLToPath(new URL('../dist/web/', import.meta.url));
const MANIFEST = `${WEB}.vite/manifest.json`;

/** bytes of script a page may need, before gzip (300 kB, kB = 1,000 bytes) */
const SCRIPT_BUDGET = 300_000;
/** bytes of CSS a page may need: far above what hand-written styles weigh */
const CSS_BUDGET = 50_000;

interface Chunk {
  readonly file: string;
  readonly src?: string;
  readonly isEntry?: boolean;
  readonly imports?: readonly string[];
  readonly dynamicImports?: readonly string[];
  readonly css?: readonly string[];
}
type Manifest = Readonly<Record<string, Chunk>>;

interface PageWeight {
  readonly page: string;
  /** what the page needs beyond the entry: its chunk and the chunks it imports */
  readonly beyondEntry: number;
  /** everything the page needs to show: entry + page, with static imports, each file once */
  readonly js: number;
  /** …plus what the page may load later (its own dynamic imports, not other pages) */
  readonly withLazy: number;
  readonly css: number;
  readonly files: readonly string[];
}

function bytes(file: string): number {
  return statSync(`${WEB}${file}`).size;
}

/** Add to `seen` the manifest keys reachable from `key` by static imports, `key` included. */
function staticClosure(manifest: Manifest, key: string, seen: Set<string>): Set<string> {
  if (seen.has(key)) return seen;
  const chunk = manifest[key];
  if (chunk === undefined) throw new Error(`the manifest names ${key} but has no entry for it`);
  seen.add(key);
  for (const i of chunk.imports ?? []) staticClosure(manifest, i, seen);
  return seen;
}

/** What each page (a lazy `src/pages/*.tsx` chunk of the entry) needs, in bytes. */
function weighPages(manifest: Manifest): PageWeight[] {
  const entryKey = Object.keys(manifest).find((k) => manifest[k]?.isEntry === true);
  const entry = entryKey === undefined ? undefined : manifest[entryKey];
  if (entryKey === undefined || entry === undefined) throw new Error('no entry in the manifest');
  const shell = staticClosure(manifest, entryKey, new Set());
  const pages = (entry.dynamicImports ?? []).filter((k) => /^src\/pages\/[^/]+\.tsx$/u.test(k));
  const files = (keys: Iterable<string>) => [...keys].map((k) => manifest[k]?.file ?? '');
  const sum = (keys: Iterable<string>) =>
    [...new Set(files(keys))].reduce((n, f) => n + bytes(f), 0);
  return pages.map((pageKey) => {
    const keys = staticClosure(manifest, pageKey, new Set(shell));
    const lazy = new Set(keys);
    for (let grew = true; grew;) {
      const before = lazy.size;
      for (const k of [...lazy]) {
        for (const d of manifest[k]?.dynamicImports ?? []) {
          if (!pages.includes(d)) staticClosure(manifest, d, lazy);
        }
      }
      grew = lazy.size > before;
    }
    const css = new Set([...keys].flatMap((k) => manifest[k]?.css ?? []));
    return {
      page: pageKey.replace(/^src\/pages\/|\.tsx$/gu, ''),
      beyondEntry: sum([...keys].filter((k) => !shell.has(k))),
      js: sum(keys),
      withLazy: sum(lazy),
      css: [...css].reduce((n, f) => n + bytes(f), 0),
      files: [...files(keys), ...css],
    };
  });
}

const built = existsSync(MANIFEST);

describeWith(
  'the built web UI',
  built,
  `${MANIFEST} is missing; run \`npm run build\` first`,
)('the web UI’s weight per page', () => {
  it(`keeps every page within ${SCRIPT_BUDGET / 1000} kB of script and ${CSS_BUDGET / 1000} kB of CSS`, () => {
    const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest;
    const weights = weighPages(manifest);
    expect(weights.map((w) => w.page)).toEqual(
      expect.arrayContaining([
        'SignIn',
        'Dashboard',
        'Licences',
        'Licence',
        'Upload',
        'Deadlines',
        'Settings',
        'Verify',
      ]),
    );
    const kB = (n: number) => (n / 1000).toFixed(1).padStart(8);
    const table = [
      `kB = 1,000 bytes, before gzip; budget ${SCRIPT_BUDGET / 1000} kB of script a page`,
      'page          script  +lazy parts  beyond entry     CSS',
      ...weights.map(
        (w) =>
          `${w.page.padEnd(10)} ${kB(w.js)}     ${kB(w.withLazy)}      ${kB(w.beyondEntry)} ${kB(w.css)}`,
      ),
    ].join('\n');
    process.stdout.write(`\n${table}\n`);
    for (const w of weights) {
      expect(w.js, `${w.page}: ${w.files.join(', ')}`).toBeLessThanOrEqual(SCRIPT_BUDGET);
      expect(w.withLazy, `${w.page} with the parts it loads later`).toBeLessThanOrEqual(
        SCRIPT_BUDGET,
      );
      expect(w.css, `${w.page}: CSS`).toBeLessThanOrEqual(CSS_BUDGET);
    }
  });
});
