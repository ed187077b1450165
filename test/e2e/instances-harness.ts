/**
 * Several `xuke serve` processes on one PostgreSQL database, as docs/deployment.md deploys them: each
 * a child process run from source (`node --import tsx src/main/cli.ts serve --role …`), in its own
 * temporary working directory (the data directory of a PostgreSQL service is `xuke-data` there), on
 * a random port. The test reads what each printed, kills one with SIGKILL, and stops the rest.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const CLI = join(ROOT, 'src/main/cli.ts');

export type Role = 'all' | 'web' | 'worker';

export interface Instance {
  readonly name: string;
  readonly role: Role;
  readonly pid: number;
  /** http://127.0.0.1:port once a listening instance printed it; null for a worker */
  readonly url: string | null;
  /** a worker's /healthz (XUKE_WORKER_HEALTH_PORT), or null */
  readonly health: string | null;
  /** what it printed on stdout and stderr so far */
  output(): string;
  /** whether the process has exited */
  exited(): boolean;
  /** SIGKILL: no shutdown, no goodbye */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL after `graceMs` */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Start `xuke serve --role <role>` with `env` added to this process's environment; resolves once it
 * printed its ready line (listening, or a worker's "running jobs"), rejects when it exits first or
 * stays silent for `timeoutMs`.
 */
export async function startInstance(
  name: string,
  role: Role,
  env: Readonly<Record<string, string>>,
  timeoutMs = 45_000,
): Promise<Instance> {
  const cwd = mkdtempSync(join(tmpdir(), `xuke-${name}-`));
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', TSX, CLI, 'serve', '--role', role, '--port', '0', '--host', '127.0.0.1'],
    {
      cwd,
      env: { ...process.env, XUKE_LANG: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let done = false;
  const exited = new Promise<void>((resolve) => {
    child.on('exit', () => {
      done = true;
      rmSync(cwd, { recursive: true, force: true });
      resolve();
    });
  });
  child.stdout?.setEncoding('utf8').on('data', (c: string) => (out += c));
  child.stderr?.setEncoding('utf8').on('data', (c: string) => (out += c));

  const ready = await new Promise<string | null>((resolve, reject) => {
    const timer = setTimeout(() => {
      clearInterval(poll);
      child.kill('SIGKILL');
      reject(new Error(`${name} (${role}) was not ready in ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const poll = setInterval(() => {
      const listening = /xuke: listening on (http:\/\/\S+)/u.exec(out);
      const working = /xuke: worker .*running jobs/u.test(out);
      if (listening !== null || (role === 'worker' && working)) {
        clearTimeout(timer);
        clearInterval(poll);
        resolve(listening?.[1] ?? null);
      } else if (done) {
        clearTimeout(timer);
        clearInterval(poll);
        reject(new Error(`${name} (${role}) exited before it was ready:\n${out}`));
      }
    }, 50);
  });

  const signal = async (sig: NodeJS.Signals, graceMs: number): Promise<void> => {
    if (done) return;
    child.kill(sig);
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  return {
    name,
    role,
    pid: child.pid ?? -1,
    url: ready,
    health: /running jobs \(health (\S+);/u.exec(out)?.[1] ?? null,
    output: () => out,
    exited: () => done,
    kill: () => signal('SIGKILL', 0),
    stop: (graceMs = 10_000) => signal('SIGTERM', graceMs),
  };
}

/** Poll `check` every `everyMs` until it returns a value (not undefined), or fail after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs: number,
  everyMs = 100,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
