/**
 * Evidence files of completed obligations, through `app.inject()` on every dialect: marking an
 * occurrence done with a file (multipart/form-data), the completion shown with the file's name,
 * size, sha256 and download URL, the audit entry with its hash, the download (an attachment, of a
 * type told by the content, to the organisation's readers only), the limits, and the JSON form
 * that sends no file.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EVIDENCE_MAX_BYTES } from '../src/core/obligations/evidence-file.js';
import { bearer, expectProblem, harnessFor, SEED, SEED_NUMBER } from './http-harness.js';
import { describeEachDialect } from './registry-dialects.js';

// the harness's today is 2026-11-28; the seed expired on 2023-05-03, its renewal is overdue
const RENEWAL = 'renewal@2023-05-03';
const DONE = `/api/v1/licences/${SEED}/deadlines/${RENEWAL}/done`;
const EVIDENCE = `/api/v1/licences/${SEED}/deadlines/${RENEWAL}/evidence`;
const BOUNDARY = 'xukeevidenceboundary';

/** A small PDF: what its magic bytes say is enough for the type. */
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n受理回执 118\n'), Buffer.from([0, 1, 2, 0xff])]);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

type Part =
  | { name: string; bytes: Uint8Array; filename: string; type?: string }
  | { name: string; value: string };

function multipart(parts: readonly Part[]): Buffer {
  const chunks = parts.flatMap((p) => {
    const head =
      'bytes' in p
        ? `Content-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: ${p.type ?? 'application/octet-stream'}`
        : `Content-Disposition: form-data; name="${p.name}"`;
    return [
      Buffer.from(`--${BOUNDARY}\r\n${head}\r\n\r\n`),
      'bytes' in p ? Buffer.from(p.bytes) : Buffer.from(p.value),
      Buffer.from('\r\n'),
    ];
  });
  return Buffer.concat([...chunks, Buffer.from(`--${BOUNDARY}--\r\n`)]);
}

interface EvidenceFile {
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
  url: string;
}
interface Occurrence {
  id: string;
  licence?: string;
  status: string;
  done: {
    on: string;
    evidence: { note: string | null; document: string | null; file: EvidenceFile | null };
  } | null;
}

describeEachDialect('evidence files of completed obligations over HTTP', (dialect) => {
  const h = harnessFor(dialect);

  const upload = (parts: readonly Part[], token: string = h.tokens.member, url = DONE) =>
    h.app.inject({
      method: 'POST',
      url,
      payload: multipart(parts),
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, ...bearer(token) },
    });
  const get = (url: string, token?: string) =>
    h.app.inject({ method: 'GET', url, headers: token === undefined ? {} : bearer(token) });
  const undo = () =>
    h.app.inject({ method: 'DELETE', url: DONE, headers: bearer(h.tokens.member) });
  const occurrence = async (token = h.tokens.viewer) =>
    (await get(`/api/v1/licences/${SEED}/deadlines`, token))
      .json<{ occurrences: Occurrence[] }>()
      .occurrences.find((o) => o.id === RENEWAL);

  describe('marking done with a file', () => {
    it('stores the file with the completion, shows it, audits its hash, and serves it back', async () => {
      const res = await upload([
        { name: 'on', value: '2023-01-10' },
        { name: 'note', value: '已提交延续申请，受理回执 118' },
        { name: 'file', bytes: PDF, filename: '受理回执 118.pdf', type: 'application/pdf' },
      ]);
      expect(res.statusCode, res.body).toBe(201);
      const file: EvidenceFile = {
        name: '受理回执 118.pdf',
        mediaType: 'application/pdf',
        size: PDF.byteLength,
        sha256: sha256(PDF),
        url: `/api/v1/licences/${SEED}/deadlines/${encodeURIComponent(RENEWAL)}/evidence`,
      };
      expect(res.json<Occurrence>()).toMatchObject({
        licence: SEED_NUMBER,
        status: 'done',
        done: {
          on: '2023-01-10',
          evidence: { note: '已提交延续申请，受理回执 118', document: sha256(PDF), file },
        },
      });
      // every read of the deadlines shows it
      expect((await occurrence())?.done?.evidence.file).toEqual(file);
      const list = await get('/api/v1/deadlines?status=done', h.tokens.viewer);
      expect(list.json<{ items: Occurrence[] }>().items[0]?.done?.evidence.file).toEqual(file);

      // the audit entry records the file's hash
      const audit = await get('/api/v1/audit?limit=1000', h.tokens.admin);
      const entries = audit.json<{ items: { action: string; payload: unknown }[] }>().items;
      expect(entries.at(-1)).toMatchObject({
        action: 'obligation.done',
        payload: {
          documentSha256: sha256(PDF),
          evidenceFile: { name: file.name, mediaType: 'application/pdf', sha256: sha256(PDF) },
        },
      });

      // the calendar feed, which exports the completions, names the file and its hash
      const key = await h.app.inject({
        method: 'POST',
        url: '/api/v1/calendar/keys',
        headers: bearer(h.tokens.member),
      });
      const feedUrl = new URL(key.json<{ url: string }>().url);
      const feed = await get(`${feedUrl.pathname}${feedUrl.search}`);
      const unfolded = feed.body.replace(/\r\n[ \t]/gu, '');
      expect(unfolded).toContain(`凭证文件：受理回执 118.pdf（SHA-256：${sha256(PDF)}）`);
      const en = await get(`${feedUrl.pathname}${feedUrl.search}&lang=en`);
      expect(en.body.replace(/\r\n[ \t]/gu, '')).toContain(
        `Evidence file: 受理回执 118.pdf (SHA-256 ${sha256(PDF)})`,
      );

      // a reader of the organisation downloads it: an attachment, its own type, its bytes
      const download = await get(file.url, h.tokens.viewer);
      expect(download.statusCode, download.body).toBe(200);
      expect(download.headers['content-type']).toBe('application/pdf');
      expect(download.headers['content-disposition']).toBe(
        `attachment; filename="____ 118.pdf"; filename*=UTF-8''${encodeURIComponent('受理回执 118.pdf')}`,
      );
      expect(download.headers['x-content-type-options']).toBe('nosniff');
      expect(download.headers['cache-control']).toBe('private, no-store');
      expect(download.rawPayload.equals(PDF)).toBe(true);
      expect(sha256(download.rawPayload)).toBe(file.sha256);
    });

    it('keeps the file from every other organisation and from anyone without a token', async () => {
      expectProblem(await get(EVIDENCE, h.tokens.otherAdmin), 404, 'NOT_FOUND');
      expectProblem(await get(EVIDENCE), 401, 'UNAUTHENTICATED');
      // an occurrence done without a file has none to download
      expectProblem(
        await get(
          `/api/v1/licences/${SEED}/deadlines/annual-report@2022/evidence`,
          h.tokens.viewer,
        ),
        404,
      );
    });

    it('takes the file back with the completion', async () => {
      expect((await undo()).statusCode).toBe(204);
      const p = expectProblem(await get(EVIDENCE, h.tokens.viewer), 404, 'NOT_FOUND');
      expect(p['detailZh']).toBe(`${SEED_NUMBER} 的期限事项 ${RENEWAL} 没有上传凭证文件`);
      expect(await occurrence()).toMatchObject({ status: 'overdue', done: null });
    });

    it('stores a file by what its content is: HTML is served as text, never as a page', async () => {
      const html = Buffer.from('<html><script>alert(1)</script></html>');
      const res = await upload([
        { name: 'note', value: '截图' },
        { name: 'file', bytes: html, filename: 'page.html', type: 'text/html' },
      ]);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json<Occurrence>().done?.evidence.file?.mediaType).toBe('text/plain');
      const download = await get(EVIDENCE, h.tokens.viewer);
      expect(download.headers['content-type']).toBe('text/plain');
      expect(download.headers['content-disposition']).toMatch(/^attachment; /u);
      expect(download.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
      expect((await undo()).statusCode).toBe(204);
    });

    it('checks a given sha256 against the file, and takes the file’s when they agree', async () => {
      const wrong = expectProblem(
        await upload([
          { name: 'note', value: '回执' },
          { name: 'documentSha256', value: 'a'.repeat(64) },
          { name: 'file', bytes: PDF, filename: 'r.pdf' },
        ]),
        400,
        'INVALID_INPUT',
      );
      expect(wrong['detailZh']).toMatch(/^上传的凭证文件与填写的 SHA-256 不一致/u);
      expect((await occurrence())?.done).toBeNull();
      const right = await upload([
        { name: 'note', value: '回执' },
        { name: 'documentSha256', value: sha256(PDF).toUpperCase() },
        { name: 'file', bytes: PDF, filename: 'r.pdf' },
      ]);
      expect(right.statusCode, right.body).toBe(201);
      expect(right.json<Occurrence>().done?.evidence.document).toBe(sha256(PDF));
      expect((await undo()).statusCode).toBe(204);
    });
  });

  describe('what a mark-done form may not be', () => {
    it('says in words what is wrong with its fields, as for JSON', async () => {
      const p = expectProblem(
        await upload([{ name: 'file', bytes: PDF, filename: 'r.pdf' }]),
        400,
        'INVALID_INPUT',
      );
      expect(p['detailZh']).toBe('请求有误：请填写说明。请改正后重试。');
      expect(p['errors']).toEqual([
        expect.objectContaining({ path: '/note', in: 'body', code: 'invalid_type' }),
      ]);
      const extra = expectProblem(
        await upload([
          { name: 'note', value: '回执' },
          { name: 'colour', value: 'red' },
        ]),
        400,
      );
      expect(extra['detailZh']).toContain('不接受的字段“colour”');
      expect((await occurrence())?.done).toBeNull();
    });

    it('refuses a file over 10 MiB (413), an empty one, two files, or a file under another name', async () => {
      const big = expectProblem(
        await upload([
          { name: 'note', value: '回执' },
          { name: 'file', bytes: Buffer.alloc(EVIDENCE_MAX_BYTES + 1, 0x25), filename: 'big.pdf' },
        ]),
        413,
        'INPUT_TOO_LARGE',
      );
      expect(big['detailZh']).toBe('凭证文件过大：最大 10 MiB，请压缩或拆分后再上传');
      const empty = expectProblem(
        await upload([
          { name: 'note', value: '回执' },
          { name: 'file', bytes: Buffer.alloc(0), filename: 'empty.pdf' },
        ]),
        400,
        'INVALID_INPUT',
      );
      expect(empty['detailZh']).toBe('凭证文件是空的，请选择有内容的文件');
      const two = expectProblem(
        await upload([
          { name: 'note', value: '回执' },
          { name: 'file', bytes: PDF, filename: 'a.pdf' },
          { name: 'file', bytes: PDF, filename: 'b.pdf' },
        ]),
        400,
        'INVALID_INPUT',
      );
      expect(two['detailZh']).toBe('只能上传一个凭证文件：请求中有多个文件');
      expectProblem(
        await upload([
          { name: 'note', value: '回执' },
          { name: 'attachment', bytes: PDF, filename: 'a.pdf' },
        ]),
        400,
        'INVALID_INPUT',
      );
      // nothing of any of them was kept
      expect((await occurrence())?.done).toBeNull();
      const audit = await get('/api/v1/audit?limit=1000', h.tokens.admin);
      const actions = audit.json<{ items: { action: string }[] }>().items.map((e) => e.action);
      expect(actions.at(-1)).toBe('obligation.undone');
    });

    it('says so when the form cannot be read at all', async () => {
      const p = expectProblem(
        await h.app.inject({
          method: 'POST',
          url: DONE,
          payload: Buffer.from([0]),
          headers: {
            'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
            ...bearer(h.tokens.member),
          },
        }),
        400,
        'INVALID_INPUT',
      );
      expect(p['detailZh']).toBe('表单无法读取：multipart/form-data 格式有误，请重新提交');
    });

    it('is not taken from a viewer, whose upload is refused before it is read', async () => {
      expectProblem(
        await upload(
          [
            { name: 'note', value: '回执' },
            { name: 'file', bytes: PDF, filename: 'r.pdf' },
          ],
          h.tokens.viewer,
        ),
        403,
        'FORBIDDEN',
      );
      expectProblem(
        await upload(
          [
            { name: 'note', value: '回执' },
            { name: 'file', bytes: PDF, filename: 'r.pdf' },
          ],
          h.tokens.otherAdmin,
        ),
        404,
        'NOT_FOUND',
      );
    });
  });

  describe('the JSON form, without a file', () => {
    it('still marks done with a note and a sha256 only; there is no file to download', async () => {
      const res = await h.app.inject({
        method: 'POST',
        url: DONE,
        headers: bearer(h.tokens.member),
        payload: { note: '回执 118', documentSha256: 'B'.repeat(64) },
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json<Occurrence>().done?.evidence).toEqual({
        note: '回执 118',
        document: 'b'.repeat(64),
        file: null,
      });
      expectProblem(await get(EVIDENCE, h.tokens.viewer), 404);
      expect((await undo()).statusCode).toBe(204);
    });

    it('a POST without any body says what is missing', async () => {
      const p = expectProblem(
        await h.app.inject({ method: 'POST', url: DONE, headers: bearer(h.tokens.member) }),
        400,
        'INVALID_INPUT',
      );
      expect(p['detailZh']).toBe('请求有误：请填写请求内容。请改正后重试。');
    });
  });
});
