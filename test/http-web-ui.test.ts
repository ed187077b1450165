/**
 * The server serves the built web UI: index.html for the UI's own paths (so /licences/京B2-… and
 * /verify/… load the app), hashed assets with a year's cache, and still a problem+json 404 for the
 * API, for assets that do not exist and for clients that do not ask for HTML.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHarness, type HttpHarness } from './http-harness.js';
import { describeEachDialect } from './registry-dialects.js';

describeEachDialect('the web UI under /', (dialect) => {
  let dir: string;
  let h: HttpHarness;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xuke-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>xuke ui</title>');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    h = await startHarness(dialect, { webRoot: dir });
  });
  afterAll(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const html = { accept: 'text/html,application/xhtml+xml' };

  it('answers the UI’s paths with index.html, never cached', async () => {
    for (const url of [
      '/',
      '/sign-in',
      '/licences',
      `/verify/${encodeURIComponent('京B2-20180910')}`,
    ]) {
      const r = await h.app.inject({ url, headers: html });
      expect(r.statusCode, url).toBe(200);
      expect(r.body).toContain('xuke ui');
      expect(r.headers['cache-control']).toBe('no-cache');
      expect(r.headers['content-security-policy']).toContain("default-src 'self'");
    }
  });

  it('serves hashed assets with a long cache', async () => {
    const r = await h.app.inject({ url: '/assets/index-abc123.js' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['cache-control']).toContain('immutable');
  });

  it('keeps 404 problems for the API, missing assets, other methods and non-HTML clients', async () => {
    for (const [method, url, headers] of [
      ['GET', '/api/v1/nope', html],
      ['GET', '/assets/missing.js', html],
      ['POST', '/licences', html],
      ['GET', '/licences', { accept: 'application/json' }],
    ] as const) {
      const r = await h.app.inject({ method, url, headers });
      expect(r.statusCode, `${method} ${url}`).toBe(404);
      expect(r.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('without a build, says how to build it', async () => {
    const bare = await startHarness(dialect, { webRoot: join(dir, 'nowhere') });
    try {
      const r = await bare.app.inject({ url: '/', headers: html });
      expect(r.statusCode).toBe(200);
      expect(r.body).toContain('npm run build');
    } finally {
      await bare.close();
    }
  });
});
