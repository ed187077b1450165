/**
 * Keep the original (issue 17), on every dialect: GET /api/v1/licences/{number}/documents/{sha256}
 * answers the stored bytes to those who may read the licence, inline, with the format's type, an
 * ETag and no shared caching; …/pages/{page} answers a page as an upright image (a PDF page
 * rasterised at 150 dpi as PNG, a scan turned upright by its orientation tag as JPEG). A sha256
 * that is not one of that licence's versions' documents in the caller's organisation is 404,
 * whoever else holds the same bytes.
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { beforeAll, expect, it } from 'vitest';
import { registerLicence } from '../src/app/registry/register-licence.js';
import type { Licence } from '../src/core/licence.js';
import { documentBytes } from './documents-builders.js';
import { fixtureBytes } from './fixtures.js';
import { bearer, expectProblem, harnessFor, OTHER, SEED } from './http-harness.js';
import { describeEachDialect } from './registry-dialects.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A PNG's width and height, from its IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const HU = encodeURIComponent('沪B2-20200731');

describeEachDialect('the originals of a licence’s versions', (dialect) => {
  const h = harnessFor(dialect);
  const seedSha = sha256(fixtureBytes('seed'));
  const b1b2Sha = sha256(fixtureBytes('b1b2'));
  const pdf = documentBytes('huPdf');
  const scan = documentBytes('huPage1');
  const get = (url: string, token: string | null = h.tokens.viewer, headers = {}) =>
    h.app.inject({
      url: `/api/v1${url}`,
      headers: { ...(token === null ? {} : bearer(token)), ...headers },
    });

  beforeAll(async () => {
    // 沪B2-20200731 in acme: version 1 read from its PDF, version 2 from a scan of its first page
    const hu = (
      await h.app.inject({
        method: 'POST',
        url: '/api/v1/documents',
        payload: fixtureBytes('hu'),
        headers: { 'content-type': 'text/plain', ...bearer(h.tokens.viewer) },
      })
    ).json<{ parse: { licence: Licence } }>().parse.licence;
    const who = { organisation: 'acme', actor: 'test' };
    await registerLicence(
      { licence: hu, document: { sha256: sha256(pdf), format: 'pdf', bytes: pdf } },
      who,
      h.deps.registry,
    );
    await registerLicence(
      {
        licence: { ...hu, facilities: ['上海市'] },
        document: { sha256: sha256(scan), format: 'image', bytes: scan },
      },
      who,
      h.deps.registry,
    );
  });

  it('answers the stored bytes inline, with the format’s type, an ETag and no shared caching', async () => {
    const list = await get(`/licences/${SEED}/documents`);
    expect(list.json<{ items: { sha256: string }[] }>().items.map((d) => d.sha256)).toEqual([
      seedSha,
    ]);
    const res = await get(`/licences/${SEED}/documents/${seedSha}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.rawPayload.equals(Buffer.from(fixtureBytes('seed')))).toBe(true);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('inline');
    expect(res.headers['etag']).toBe(`"${seedSha}"`);
    expect(String(res.headers['cache-control'])).toMatch(/^private\b/u);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(Number(res.headers['content-length'])).toBe(fixtureBytes('seed').length);
    // an upper-case sha256 names the same document
    expect((await get(`/licences/${SEED}/documents/${seedSha.toUpperCase()}`)).statusCode).toBe(
      200,
    );

    const again = await get(`/licences/${SEED}/documents/${seedSha}`, h.tokens.viewer, {
      'if-none-match': `"${seedSha}"`,
    });
    expect(again.statusCode).toBe(304);
    expect(again.headers['etag']).toBe(`"${seedSha}"`);
    // no bytes again (Node sends a 304 without its body; the injected reply shows fastify's)
    expect(again.rawPayload.length).toBeLessThan(8);

    const original = await get(`/licences/${HU}/documents/${sha256(pdf)}`);
    expect(original.headers['content-type']).toBe('application/pdf');
    expect(original.rawPayload.equals(Buffer.from(pdf))).toBe(true);
    const image = await get(`/licences/${HU}/documents/${sha256(scan)}`);
    expect(image.headers['content-type']).toBe('image/jpeg');
  });

  it('keeps each organisation’s originals its own, and a licence’s its own', async () => {
    // other holds B1.B2-20233345; acme holds neither it nor its document
    expectProblem(
      await get(`/licences/${SEED}/documents/${seedSha}`, h.tokens.otherAdmin),
      404,
      'NOT_FOUND',
    );
    expectProblem(await get(`/licences/${OTHER}/documents/${b1b2Sha}`), 404, 'NOT_FOUND');
    expect(
      (await get(`/licences/${OTHER}/documents/${b1b2Sha}`, h.tokens.otherAdmin)).statusCode,
    ).toBe(200);
    // a document of another of acme's licences is not this one's
    const wrong = expectProblem(await get(`/licences/${SEED}/documents/${sha256(pdf)}`), 404);
    expect(String(wrong['detailZh'])).toContain('京B2-20180910');
    expectProblem(
      await get(`/licences/${SEED}/documents/${seedSha}/pages/1`, h.tokens.otherAdmin),
      404,
    );
    expectProblem(await get(`/licences/${SEED}/documents/${seedSha}`, null), 401);
    expectProblem(await get(`/licences/${SEED}/documents/not-a-sha`), 400, 'INVALID_INPUT');
  });

  it('rasterises a PDF page at 150 dpi as PNG, and has no page past the last', async () => {
    const res = await get(`/licences/${HU}/documents/${sha256(pdf)}/pages/1`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['etag']).toBe(`"${sha256(pdf)}-p1"`);
    const { width, height } = pngSize(res.rawPayload);
    // the page's size in points, as the PDF states it, at 150 dpi
    const box = /MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/u.exec(
      Buffer.from(pdf).toString('latin1'),
    );
    expect(box).not.toBeNull();
    expect(Math.abs(width - (Number(box?.[1]) * 150) / 72)).toBeLessThanOrEqual(2);
    expect(Math.abs(height - (Number(box?.[2]) * 150) / 72)).toBeLessThanOrEqual(2);
    const pages = Number(res.headers['x-page-count']);
    expect(pages).toBeGreaterThanOrEqual(2);
    const past = expectProblem(
      await get(`/licences/${HU}/documents/${sha256(pdf)}/pages/${pages + 1}`),
      404,
      'NOT_FOUND',
    );
    expect(String(past['detail'])).toContain(`there is no page ${pages + 1}`);
    expectProblem(await get(`/licences/${HU}/documents/${sha256(pdf)}/pages/0`), 400);
  });

  it('answers a scan’s page upright as JPEG, and says a text document has no page images', async () => {
    const res = await get(`/licences/${HU}/documents/${sha256(scan)}/pages/1`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    const shown = await sharp(res.rawPayload).metadata();
    const stored = await sharp(scan).metadata();
    expect([shown.width, shown.height]).toEqual([stored.width, stored.height]);
    expectProblem(await get(`/licences/${HU}/documents/${sha256(scan)}/pages/2`), 404);
    const text = expectProblem(await get(`/licences/${SEED}/documents/${seedSha}/pages/1`), 404);
    expect(String(text['detail'])).toContain('a text document has no page images');
  });

  it('turns a photo upright by its orientation tag, as OCR reads it', async () => {
    // the scan stored sideways, with the EXIF tag that says to turn it 90° clockwise
    const { data } = await sharp(scan).rotate(270).toBuffer({ resolveWithObject: true });
    const sideways = new Uint8Array(
      await sharp(data).withMetadata({ orientation: 6 }).jpeg().toBuffer(),
    );
    const hu = (await get(`/licences/${HU}`)).json<{ licence: Licence }>().licence;
    await registerLicence(
      {
        licence: { ...hu, facilities: ['上海市', '北京市'] },
        document: { sha256: sha256(sideways), format: 'image', bytes: sideways },
      },
      { organisation: 'acme', actor: 'test' },
      h.deps.registry,
    );
    const res = await get(`/licences/${HU}/documents/${sha256(sideways)}/pages/1`);
    expect(res.statusCode).toBe(200);
    const shown = await sharp(res.rawPayload).metadata();
    const stored = await sharp(scan).metadata();
    // upright again: as tall as the original scan, not as wide
    expect([shown.width, shown.height]).toEqual([stored.width, stored.height]);
  });
});
