/**
 * Servers for the scan tests, all on 127.0.0.1 with a random port: the fixture sites
 * (test/fixtures/sites), extra pages defined by a test, and a count of TCP connections each server
 * accepted, so a test can assert that a refused target was never connected to. Plus a recorder of
 * undici's connection attempts (diagnostics channels) and an async CLI runner (spawnSync would block
 * the in-process server).
 */
import { spawn } from 'node:child_process';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

export const SITES_DIR = fileURLToPath(new URL('./fixtures/sites/', import.meta.url));
const ROOT = fileURLToPath(new URL('../', import.meta.url));

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface TestServer {
  readonly port: number;
  readonly origin: string;
  /** `127.0.0.1:PORT`, for --allow-host */
  readonly hostPort: string;
  /** TCP connections accepted so far */
  connections(): number;
  /** request paths served so far */
  readonly paths: string[];
  close(): Promise<void>;
}

/** A server on 127.0.0.1:0 that counts connections. */
export async function startServer(handler: Handler): Promise<TestServer> {
  let count = 0;
  const paths: string[] = [];
  const server: Server = createServer((req, res) => {
    paths.push(req.url ?? '');
    handler(req, res);
  });
  server.on('connection', () => {
    count++;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    hostPort: `127.0.0.1:${port}`,
    connections: () => count,
    paths,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

/**
 * The fixture sites under `/<site>/`, plus `extra` pages by path (HTML strings). Everything else
 * is 404.
 */
export function sitesHandler(extra: Readonly<Record<string, string>> = {}): Handler {
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const page = extra[path];
    if (page !== undefined) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page);
      return;
    }
    const m = /^\/(qinghe-read|xingqiao-cloud|no-number)\/(index\.html)?$/u.exec(path);
    if (!m) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    readFile(`${SITES_DIR}${m[1] ?? ''}/index.html`).then(
      (body) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(body);
      },
      () => {
        res.writeHead(500);
        res.end();
      },
    );
  };
}

/** Counts undici's connection attempts and completed connections while `fn` runs. */
export async function countUndiciConnections<T>(
  fn: () => Promise<T>,
): Promise<{ result: T | undefined; error: unknown; attempts: string[]; connected: string[] }> {
  const attempts: string[] = [];
  const connected: string[] = [];
  const onBefore = (m: unknown): void => {
    const p = (m as { connectParams: { hostname: string; port: string } }).connectParams;
    attempts.push(`${p.hostname}:${p.port}`);
  };
  const onConnected = (m: unknown): void => {
    const p = (m as { connectParams: { hostname: string; port: string } }).connectParams;
    connected.push(`${p.hostname}:${p.port}`);
  };
  subscribe('undici:client:beforeConnect', onBefore);
  subscribe('undici:client:connected', onConnected);
  try {
    const result = await fn();
    return { result, error: undefined, attempts, connected };
  } catch (error) {
    return { result: undefined, error, attempts, connected };
  } finally {
    unsubscribe('undici:client:beforeConnect', onBefore);
    unsubscribe('undici:client:connected', onConnected);
  }
}

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `xuke ARGS` from source in a child process, without blocking this process's servers. */
export function xukeAsync(args: readonly string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/cli.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, XUKE_LANG: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
