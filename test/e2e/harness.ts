/**
 * The end-to-end harness: the real server (`startServer`, as `npm start` runs it) on a fresh SQLite
 * database, serving the built UI from dist/web, and Debian's Chromium driven by playwright-core.
 * Without Chromium or without a build the tests skip with the reason printed; under
 * XUKE_REQUIRE_ALL=1 that is a failure instead (see require-service.ts).
 *
 *   XUKE_CHROMIUM      the browser (default /usr/bin/chromium)
 *   XUKE_SCREENSHOTS   where page screenshots go (default a temp directory, removed afterwards);
 *                      `npm run screenshots` sets docs/screenshots
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/main/server.js';

export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CHROMIUM = process.env['XUKE_CHROMIUM'] || '/usr/bin/chromium';
const BUILT_UI = join(PACKAGE_ROOT, 'dist/web/index.html');
export const SEED_FILE = join(PACKAGE_ROOT, 'fixtures/seed/jing-b2-20180910.txt');

/** Flags for a quiet, reproducible headless run in a container (no sandbox, no GPU, no updates). */
const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

/** Why the end-to-end tests cannot run here, or null when they can. */
export function e2eUnavailable(): string | null {
  if (!existsSync(CHROMIUM)) {
    return `no Chromium at ${CHROMIUM} (apt-get install chromium, or set XUKE_CHROMIUM)`;
  }
  if (!existsSync(BUILT_UI)) return `the web UI is not built (${BUILT_UI}); run \`npm run build\``;
  return null;
}

/**
 * The web sources changed after the build the tests will drive: say so (the tests still run, on
 * what was built). `npm run build`, or `npx vite build`, brings it up to date.
 */
export function staleBuildNote(): string | null {
  if (!existsSync(BUILT_UI)) return null;
  const built = statSync(BUILT_UI).mtimeMs;
  const newer = (readdirSync(join(PACKAGE_ROOT, 'web'), { recursive: true }) as string[]).filter(
    (f) => !f.includes('node_modules') && statSync(join(PACKAGE_ROOT, 'web', f)).mtimeMs > built,
  );
  return newer.length === 0
    ? null
    : `the web UI build is older than ${newer.length} file(s) in web/ (${newer.slice(0, 3).join(', ')}…); run \`npm run build\` to test the current sources`;
}

interface BrowserElement {
  readonly textContent: string | null;
  readonly tagName: string;
  closest(selector: string): BrowserElement | null;
  getBoundingClientRect(): { readonly width: number };
}

/**
 * The few browser globals the tests read inside `page.evaluate` (`globalThis as unknown as
 * BrowserGlobals`): the node tsconfig has no DOM types, and should not get them for these.
 */
export interface BrowserGlobals {
  readonly document: {
    readonly documentElement: { readonly lang: string };
    readonly activeElement: BrowserElement | null;
    readonly scrollingElement: { readonly scrollWidth: number } | null;
  };
  readonly sessionStorage: { getItem(key: string): string | null };
  readonly localStorage: {
    getItem(key: string): string | null;
    setItem(key: string, value: string): void;
  };
  readonly innerWidth: number;
}

/**
 * The server's key-encryption passphrase (XUKE_KEY_PASSPHRASE): with it, a signing key made for the
 * demonstration authority (`databaseUrl`) lets the server issue e-licences.
 */
export const KEY_PASSPHRASE = 'xuke e2e key passphrase (not a secret)';

export const DESKTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 375, height: 800 } as const;

export interface E2e {
  readonly server: RunningServer;
  readonly browser: Browser;
  /** the server's database (sqlite://…), for a test's own changes beside the server's */
  readonly databaseUrl: string;
  /** the one-time sign-in link the first start printed */
  readonly signInUrl: string;
  /** what the server printed */
  readonly printed: readonly string[];
  /** a new context in zh-CN, Asia/Shanghai, 1280×800; its console errors are collected */
  newContext(): Promise<BrowserContext>;
  /** console errors, uncaught exceptions and 5xx answers seen in any context so far */
  readonly problems: string[];
  /** a full-page screenshot of `page` as `<name>.png` in the screenshot directory */
  screenshot(page: Page, name: string): Promise<string>;
  readonly screenshotDir: string;
  close(): Promise<void>;
}

export async function startE2e(): Promise<E2e> {
  const dir = mkdtempSync(join(tmpdir(), 'xuke-e2e-'));
  const wanted = process.env['XUKE_SCREENSHOTS'];
  const screenshotDir =
    wanted === undefined || wanted === ''
      ? join(dir, 'screenshots')
      : isAbsolute(wanted)
        ? wanted
        : resolve(PACKAGE_ROOT, wanted);
  mkdirSync(screenshotDir, { recursive: true });

  const printed: string[] = [];
  const databaseUrl = `sqlite://${join(dir, 'xuke.sqlite')}`;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await startServer({
      env: { XUKE_DATABASE_URL: databaseUrl, XUKE_KEY_PASSPHRASE: KEY_PASSPHRASE },
      port: 0,
      host: '127.0.0.1',
      logger: false,
      // as on a terminal: the first start prints the whole one-time link
      interactive: true,
      print: (line) => printed.push(line),
    });
    const signInUrl = server.signInUrl;
    if (signInUrl === null) throw new Error('the first start printed no sign-in link');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      timeout: 30_000,
    });
  } catch (e) {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }

  const problems: string[] = [];
  const b = browser;
  const s = server;
  return {
    server: s,
    browser: b,
    databaseUrl,
    signInUrl: s.signInUrl ?? '',
    printed,
    problems,
    screenshotDir,
    async newContext() {
      const context = await b.newContext({
        baseURL: s.url,
        viewport: DESKTOP,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        reducedMotion: 'reduce',
      });
      context.on('page', (page) => {
        watch(page, problems);
      });
      return context;
    },
    async screenshot(page, name) {
      const path = join(screenshotDir, `${name}.png`);
      // let web fonts and late layout settle: no request in flight
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path, fullPage: true, animations: 'disabled' });
      return path;
    },
    async close() {
      try {
        await b.close();
      } finally {
        await s.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

const CLIENT_ERROR_RESOURCE =
  /^Failed to load resource: the server responded with a status of 4\d\d\b/u;

function watch(page: Page, problems: string[]): void {
  page.on('console', (msg) => {
    // Chromium logs every 4xx answer to a fetch as a console error: a signed-out page's read of
    // GET /session (401), a used invitation (410). The pages handle those answers; a 5xx is still
    // a problem (below), and so is every other console error.
    if (msg.type() === 'error' && !CLIENT_ERROR_RESOURCE.test(msg.text())) {
      problems.push(`console error on ${page.url()}: ${msg.text()}`);
    }
  });
  page.on('pageerror', (error) => {
    problems.push(`uncaught on ${page.url()}: ${error.message}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 500) {
      problems.push(`${response.status()} for ${response.request().method()} ${response.url()}`);
    }
  });
}
