/**
 * The service as `npm start` runs it, over real HTTP on 127.0.0.1: first start seeds the demo
 * organisation and prints a one-time sign-in link; the link gives a token that reads the seed
 * licence; a request in flight when the server closes still gets its answer; a second start on
 * the same database seeds nothing.
 */
import { request as httpRequest } from 'node:http';
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
    print: (line) => printed.push(line),
  });
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
      expect(signedIn.status).toBe(200);
      const { token } = (await signedIn.json()) as { token: string };
      expect((await signIn()).status).toBe(401);

      const auth = { authorization: `Bearer ${token}` };
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
      await new Promise((r) => setTimeout(r, 50));
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
});
