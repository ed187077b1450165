/**
 * The web UI, built by Vite into dist/web: hashed assets under /assets (cached for a year), and
 * index.html for every other GET that is not the API, so the UI's own routes (/licences/…,
 * /verify/…) load the app. Without a build (a checkout before `npm run build`), a short page says so.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodApp } from './route-types.js';

const NOT_UI = /^\/(?:api|openapi\.json|docs|healthz|readyz|metrics)(?:[/?#]|$)/u;

const UNBUILT = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>xuke</title></head><body style="font-family:sans-serif;max-width:42rem;margin:2rem auto"><h1>许可 xuke</h1><p>网页界面尚未构建：请运行 <code>npm run build</code>。The web UI is not built: run <code>npm run build</code>.</p><p><a href="/docs">API 文档 / API reference</a> · <a href="/openapi.json">openapi.json</a></p></body></html>`;

/**
 * index.html for every GET that is not the API or an asset (a browser asking for a page), or false
 * to let the request fall through to the 404 problem.
 */
export function webUiIndex(
  webRoot: string | undefined,
): (request: FastifyRequest, reply: FastifyReply) => boolean {
  const indexFile = webRoot === undefined ? undefined : join(webRoot, 'index.html');
  const index =
    indexFile !== undefined && existsSync(indexFile) ? readFileSync(indexFile, 'utf8') : UNBUILT;
  return (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    const path = request.url;
    if (NOT_UI.test(path) || path.startsWith('/assets/')) return false;
    const accept = request.headers.accept ?? '';
    if (accept !== '' && !accept.includes('text/html') && !accept.includes('*/*')) return false;
    void reply
      .code(200)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(index);
    return true;
  };
}

/** The hashed build assets under /assets/, cached for a year (their names change with them). */
export async function registerWebAssets(app: ZodApp, webRoot: string | undefined): Promise<void> {
  if (webRoot === undefined || !existsSync(join(webRoot, 'assets'))) return;
  await app.register(fastifyStatic, {
    root: join(webRoot, 'assets'),
    prefix: '/assets/',
    index: false,
    wildcard: true,
    cacheControl: false,
    setHeaders: (res) => {
      res.setHeader('cache-control', 'public, max-age=31536000, immutable');
    },
  });
}
