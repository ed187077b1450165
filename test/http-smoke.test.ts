/**
 * The service as `npm start` runs it, over real HTTP on 127.0.0.1: first start seeds the demo
 * organisation and prints a one-time sign-in link; the link opens the administrator's browser
 * session, which reads the seed licence; a request in flight when the server closes still gets its answer; a second start on
 * the same database seeds nothing.
 */
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/main/server.js';
import { FIXTURES } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'xuke-serve-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
const env = { XUKE_DATABASE_URL: `sqlite://${join(dir, 'xuke.sqlite')}` };
const SEED = encodeURIComponent('京B2-20180910');

async function start(printed: string[]): Promise<RunningServer> {
  return startServer({
    env,
    port: 0,
    host: '127.0.0.1',
    logger: false,
    // as on a terminal: the link is printed in full
    interactive: true,
    print: (line) => printed.push(line),
  });
}

/** The first start's link → the session's cookie and CSRF token, as request headers. */
async function signInWith(url: string, signInUrl: string): Promise<Record<string, string>> {
  const code = new URLSearchParams(new URL(signInUrl).hash.slice(1)).get('code') ?? '';
  const signedIn = await fetch(`${url}/api/v1/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  expect(signedIn.status).toBe(204);
  const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const session = await fetch(`${url}/api/v1/session`, { headers: { cookie } });
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken };
}

describe('the service over HTTP', () => {
  it('first start: seed, sign-in link, API; graceful close; second start does not re-seed', async () => {
    const printed: string[] = [];
    const server = await start(printed);
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/u);
      expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok' });
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);

      expect(server.signInUrl).not.toBeNull();
      expect(printed.join('\n')).toContain(server.signInUrl ?? '-');
      // the link opens the web UI; its code travels in the fragment, which no server log sees
      const link = new URL(server.signInUrl ?? '');
      expect(link.pathname).toBe('/sign-in');
      const page = await fetch(link);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/u);
      const code = new URLSearchParams(link.hash.slice(1)).get('code') ?? '';
      const signIn = () =>
        fetch(`${server.url}/api/v1/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code }),
        });
      const signedIn = await signIn();
      expect(signedIn.status).toBe(204);
      const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      expect((await signIn()).status).toBe(401);
      const session = await fetch(`${server.url}/api/v1/session`, { headers: { cookie } });
      const { csrfToken } = (await session.json()) as { csrfToken: string };
      const auth = { cookie, 'x-csrf-token': csrfToken };
      const licence = await fetch(`${server.url}/api/v1/licences/${SEED}`, { headers: auth });
      expect(licence.status).toBe(200);
      expect(((await licence.json()) as { number: string }).number).toBe('京B2-20180910');
      expect((await fetch(`${server.url}/api/v1/licences/${SEED}`)).status).toBe(401);
      const pub = await fetch(`${server.url}/api/v1/public/licences/${SEED}`);
      expect(pub.status).toBe(200);
      expect(pub.headers.get('x-content-type-options')).toBe('nosniff');

      // A request in flight when the server closes still gets its answer.
      const body = readFileSync(FIXTURES.hu);
      const url = new URL(`${server.url}/api/v1/documents`);
      // in flight once the server has taken it (fastify's own listener runs first): a fixed wait
      // could end before a loaded machine has read its headers, and the request would be refused
      const received = new Promise((resolve) => server.app.server.once('request', resolve));
      const answered = new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          {
            host: url.hostname,
            port: url.port,
            path: url.pathname,
            method: 'POST',
            headers: { ...auth, 'content-type': 'text/plain', 'content-length': body.length },
          },
          (res) => {
            res.resume();
            res.on('end', () => {
              resolve(res.statusCode ?? 0);
            });
          },
        );
        req.on('error', reject);
        req.write(body.subarray(0, 100));
        setTimeout(() => {
          req.end(body.subarray(100));
        }, 200);
      });
      await received;
      const closed = server.close();
      expect(await answered).toBe(200);
      await closed;
    } finally {
      await server.close();
    }

    const again: string[] = [];
    const second = await start(again);
    try {
      expect(second.signInUrl).toBeNull();
      expect(again.join('\n')).not.toContain('sign-in');
    } finally {
      await second.close();
    }
  });

  it('lets scans reach a site on another port only when XUKE_SCAN_ALLOW_HOSTS names it', async () => {
    const site = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<p>京B2-20180910</p>');
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    const hostPort = `127.0.0.1:${(site.address() as AddressInfo).port}`;
    const scanEnv = { XUKE_DATABASE_URL: `sqlite://${join(dir, 'scan.sqlite')}` };
    let auth: Record<string, string> = {};
    const scanWith = async (extra: Record<string, string>) => {
      const server = await startServer({
        env: { ...scanEnv, ...extra },
        port: 0,
        host: '127.0.0.1',
        logger: false,
        print: () => undefined,
      });
      try {
        // the session outlives the server: it is in the database every start shares
        if (server.signInUrl !== null) auth = await signInWith(server.url, server.signInUrl);
        const started = await fetch(`${server.url}/api/v1/scans`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({ url: `http://${hostPort}/`, licence: '京B2-20180910' }),
        });
        expect(started.status).toBe(202);
        const { id } = (await started.json()) as { id: string };
        for (;;) {
          const job = (await (
            await fetch(`${server.url}/api/v1/scans/${id}`, { headers: auth })
          ).json()) as { status: string; error: { detail?: string; message?: string } | null };
          if (job.status !== 'running') return job;
          await new Promise((r) => setTimeout(r, 20));
        }
      } finally {
        await server.close();
      }
    };
    try {
      const refused = await scanWith({});
      expect(refused.status).toBe('failed');
      // what to do, in words: the setting's name is the operator's (the log), not the user's
      expect(JSON.stringify(refused.error)).toContain(
        `ask your administrator to allow ${hostPort} in the service’s settings`,
      );
      expect(JSON.stringify(refused.error)).not.toMatch(/XUKE_SCAN_ALLOW_HOSTS|--allow-host/u);
      expect((await scanWith({ XUKE_SCAN_ALLOW_HOSTS: hostPort })).status).toBe('done');
      await expect(scanWith({ XUKE_SCAN_ALLOW_HOSTS: 'nohost' })).rejects.toThrow(
        /XUKE_SCAN_ALLOW_HOSTS：“nohost”应为 主机:端口/u,
      );
    } finally {
      await new Promise((resolve) => site.close(resolve));
    }
  });
});
