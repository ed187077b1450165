/** Run the `xuke` CLI from source in a child process, as a user runs the built command. */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Environment variables added to (or, when undefined, removed from) the test process's. */
export type CliEnv = Readonly<Record<string, string | undefined>>;

function childEnv(env: CliEnv): NodeJS.ProcessEnv {
  const removed = new Set(Object.keys(env).filter((name) => env[name] === undefined));
  return Object.fromEntries(
    Object.entries({ ...process.env, XUKE_LANG: '', ...env }).filter(
      ([name]) => !removed.has(name),
    ),
  );
}

const ARGS = ['--import', 'tsx', 'src/main/cli.ts'];

export function xuke(
  args: readonly string[],
  input?: Uint8Array | string,
  env: CliEnv = {},
): CliRun {
  const r = spawnSync(process.execPath, [...ARGS, ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    env: childEnv(env),
    timeout: 30_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * `xuke` without blocking the test's event loop: for commands that talk to a server the test runs
 * itself (a webhook receiver), which `spawnSync` would keep from answering.
 */
export function xukeAsync(args: readonly string[], env: CliEnv = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...ARGS, ...args], {
      cwd: root,
      env: childEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}
