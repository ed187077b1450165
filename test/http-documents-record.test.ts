/**
 * POST /api/v1/documents with a multipart `record` field (the review screen's corrections) on every
 * dialect: the document is still parsed and returned, the corrected record is what is checked and
 * saved, the version's note names the fields corrected by hand; invalid records are 400 naming the
 * field, and nothing is written.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Licence } from '../src/core/licence.js';
import { fixtureText } from './fixtures.js';
import { bearer, expectProblem, harnessFor, SEED, SEED_NUMBER } from './http-harness.js';
import { describeEachDialect } from './registry-dialects.js';

const BOUNDARY = 'xukerecordboundary';

interface DocumentResult {
  parse: { licence: Licence };
  report: { licence: Licence; findings: { ruleId: string }[] };
  corrected?: string[];
  saved: { outcome: string; licence: { number: string; version: number; licence: Licence } } | null;
}

type Part =
  | { name: string; file: string; filename?: string }
  | { name: string; value: string; type?: string };

function multipart(parts: readonly Part[]): Buffer {
  const chunks = parts.map((p) => {
    const head =
      'file' in p
        ? `Content-Disposition: form-data; name="${p.name}"; filename="${p.filename ?? 'doc.txt'}"\r\nContent-Type: text/plain`
        : `Content-Disposition: form-data; name="${p.name}"${p.type === undefined ? '' : `\r\nContent-Type: ${p.type}`}`;
    return `--${BOUNDARY}\r\n${head}\r\n\r\n${'file' in p ? p.file : p.value}\r\n`;
  });
  return Buffer.from(`${chunks.join('')}--${BOUNDARY}--\r\n`);
}

describeEachDialect('a record corrected by hand, uploaded with its document', (dialect) => {
  const h = harnessFor(dialect);
  let seed: Licence;
  beforeAll(async () => {
    const res = await h.app.inject({
      url: `/api/v1/licences/${SEED}`,
      headers: bearer(h.tokens.viewer),
    });
    seed = res.json<{ licence: Licence }>().licence;
  });

  const upload = (query: string, parts: readonly Part[], token?: string) =>
    h.app.inject({
      method: 'POST',
      url: `/api/v1/documents${query}`,
      payload: multipart(parts),
      headers: {
        'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
        ...(token === undefined ? {} : bearer(token)),
      },
    });
  const history = async (number: string, token = h.tokens.viewer) =>
    (
      await h.app.inject({
        url: `/api/v1/licences/${encodeURIComponent(number)}/history`,
        headers: bearer(token),
      })
    ).json<{
      versions: { licence: Licence; documentSha256: string | null }[];
      events: { kind: string; note: string | null }[];
    }>();
  const file = (name: 'seed' | 'hu' | 'b1b2'): Part => ({ name: 'file', file: fixtureText(name) });
  const record = (value: unknown, type?: string): Part => ({
    name: 'record',
    value: typeof value === 'string' ? value : JSON.stringify(value),
    ...(type === undefined ? {} : { type }),
  });

  describe('without save', () => {
    it('checks the corrected record, returns the parse as read and the fields corrected', async () => {
      const corrected = { ...seed, expiresOn: '2029-05-03' };
      const res = await upload('', [file('seed'), record(corrected)], h.tokens.viewer);
      expect(res.statusCode, res.body).toBe(200);
      const r = res.json<DocumentResult>();
      expect(r.parse.licence.expiresOn).toBe('2023-05-03');
      expect(r.report.licence.expiresOn).toBe('2029-05-03');
      expect(r.report.findings.map((f) => f.ruleId)).not.toContain('expired');
      expect(r.corrected).toEqual(['expiresOn']);
      expect(r.saved).toBeNull();
    });
    it('the raw-body path is unchanged: no corrected field', async () => {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/v1/documents',
        payload: fixtureText('seed'),
        headers: { 'content-type': 'text/plain', ...bearer(h.tokens.viewer) },
      });
      expect(res.statusCode).toBe(200);
      const r = res.json<DocumentResult>();
      expect('corrected' in r).toBe(false);
      expect(r.report.findings.map((f) => f.ruleId)).toContain('expired');
    });
  });

  describe('?save=true', () => {
    it('saves the corrected record as a new version, noting the fields corrected by hand', async () => {
      const before = await history(SEED_NUMBER);
      // five years from its issue: a consistent record, so no reason is asked for
      const corrected = {
        ...seed,
        holder: { ...seed.holder, address: '北京市海淀区中关村大街1号' },
        expiresOn: '2027-09-05',
      };
      // the record first, then the file: either order
      const res = await upload('?save=true', [record(corrected), file('seed')], h.tokens.member);
      expect(res.statusCode, res.body).toBe(200);
      const r = res.json<DocumentResult>();
      expect(r.saved?.outcome).toBe('changed');
      expect(r.saved?.licence.licence.holder.address).toBe('北京市海淀区中关村大街1号');
      expect(r.corrected).toEqual(['holder', 'expiresOn']);
      const after = await history(SEED_NUMBER);
      expect(after.versions).toHaveLength(before.versions.length + 1);
      expect(after.versions.at(-1)?.licence.expiresOn).toBe('2027-09-05');
      expect(after.versions.at(-1)?.documentSha256).toMatch(/^[0-9a-f]{64}$/u);
      expect(after.events.at(-1)).toMatchObject({
        kind: 'changed',
        note: '人工更正 corrected by hand: holder, expiresOn',
      });
      // the same correction again changes nothing
      const again = await upload('?save=true', [file('seed'), record(corrected)], h.tokens.member);
      expect(again.json<DocumentResult>().saved?.outcome).toBe('unchanged');
    });
    it('a correction that makes the record suspect is saved only with a reason, which is noted', async () => {
      const before = await history(SEED_NUMBER);
      // seven years from its issue: a term no licence has; the address the version before was
      // corrected with is kept (dropping it would be a step backwards: 409 REGRESSION)
      const held = before.versions.at(-1)?.licence ?? seed;
      const corrected = { ...seed, holder: held.holder, expiresOn: '2029-09-05' };
      const refused = await upload(
        '?save=true',
        [file('seed'), record(corrected)],
        h.tokens.member,
      );
      expectProblem(refused, 409, 'ACKNOWLEDGEMENT_REQUIRED');
      expect((await history(SEED_NUMBER)).versions).toHaveLength(before.versions.length);
      const res = await upload(
        `?save=true&acknowledge=${encodeURIComponent('延续批复另附')}`,
        [file('seed'), record(corrected)],
        h.tokens.member,
      );
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<{ report: { verdict: string } }>().report.verdict).toBe('suspect');
      const after = await history(SEED_NUMBER);
      expect(after.versions).toHaveLength(before.versions.length + 1);
      expect(after.events.at(-1)?.note).toContain('延续批复另附');
      expect(after.events.at(-1)?.note).toContain('人工更正 corrected by hand: holder, expiresOn');
    });
    it('a correction that drops what the held version has is 409 REGRESSION, saved only when forced', async () => {
      const before = await history(SEED_NUMBER);
      const held = before.versions.at(-1)?.licence ?? seed;
      expect(held.holder.address).not.toBeNull();
      // the parsed seed has no address: the one corrected by hand earlier would be lost
      const corrected = { ...held, holder: { ...held.holder, address: null } };
      // the held term (seven years) is suspect: a reason is given, so what is refused is the loss
      const ack = `acknowledge=${encodeURIComponent('延续批复另附')}`;
      const refused = await upload(
        `?save=true&${ack}`,
        [file('seed'), record(corrected)],
        h.tokens.member,
      );
      const p = expectProblem(refused, 409, 'REGRESSION');
      expect(p['regressions']).toEqual([
        {
          field: 'holder.address',
          fieldName: '注册住所',
          fieldNameEn: 'Registered address',
          kind: 'lost',
          before: held.holder.address,
          after: '',
        },
      ]);
      expect((await history(SEED_NUMBER)).versions).toHaveLength(before.versions.length);
      const forced = await upload(
        `?save=true&force=true&${ack}`,
        [file('seed'), record(corrected)],
        h.tokens.member,
      );
      expect(forced.statusCode, forced.body).toBe(200);
      expect((await history(SEED_NUMBER)).events.at(-1)?.note).toContain(
        `强制保存 forced despite regressions against v${before.versions.length}: 注册住所（丢失：`,
      );
    });
    it('a record sent as an application/json part creates a new licence, the issue noted', async () => {
      const parsed = (
        await h.app.inject({
          method: 'POST',
          url: '/api/v1/documents',
          payload: fixtureText('hu'),
          headers: { 'content-type': 'text/plain', ...bearer(h.tokens.member) },
        })
      ).json<DocumentResult>().parse.licence;
      const corrected = {
        ...parsed,
        holder: { ...parsed.holder, name: '上海青禾网络科技有限公司（更正）' },
      };
      const res = await upload(
        '?save=true',
        [file('hu'), record(corrected, 'application/json')],
        h.tokens.member,
      );
      expect(res.statusCode, res.body).toBe(201);
      const r = res.json<DocumentResult>();
      expect(r.saved?.licence.licence.holder.name).toBe('上海青禾网络科技有限公司（更正）');
      const hist = await history(r.saved?.licence.number ?? '');
      expect(hist.events[0]).toMatchObject({
        kind: 'issued',
        note: '人工更正 corrected by hand: holder',
      });
    });
    it('unknown keys in the record are dropped, never stored', async () => {
      const res = await upload(
        '',
        [file('seed'), record({ ...seed, secret: 'x', holder: { ...seed.holder, extra: 1 } })],
        h.tokens.viewer,
      );
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<DocumentResult>().report.licence).not.toHaveProperty('secret');
      expect(res.body).not.toContain('"extra"');
    });
  });

  describe('refusals, with nothing written', () => {
    it('400 on a record that is not JSON, or not a licence record (naming the field)', async () => {
      const before = await history(SEED_NUMBER);
      const cases: [Part, RegExp][] = [
        [record('{"holder":'), /not valid JSON/u],
        [record('{"a":', 'application/json'), /not valid JSON/u],
        [record('null'), /record: /u],
        [
          record({ ...seed, services: [{ ...seed.services[0], code: 25 }] }),
          /record\.services\[0\]\.code/u,
        ],
        [record({ ...seed, expiresOn: '2029/05/03' }), /record\.expiresOn/u],
        [record({ ...seed, holder: undefined }), /record\.holder/u],
      ];
      for (const [part, detail] of cases) {
        const p = expectProblem(
          await upload('?save=true', [file('seed'), part], h.tokens.member),
          400,
          'INVALID_INPUT',
        );
        expect(String(p['detail'])).toMatch(detail);
        expect(String(p['detailZh'])).toContain('record');
      }
      expect((await history(SEED_NUMBER)).versions).toHaveLength(before.versions.length);
    });
    it('400 on two record fields, or a record without a file', async () => {
      expectProblem(
        await upload('', [file('seed'), record(seed), record(seed)], h.tokens.viewer),
        400,
        'INVALID_INPUT',
      );
      expectProblem(await upload('', [record(seed)], h.tokens.viewer), 400, 'INVALID_INPUT');
    });
    it('400 on a second file, saying only one is accepted (not that it is too large)', async () => {
      const p = expectProblem(
        await upload('', [file('seed'), file('hu')], h.tokens.viewer),
        400,
        'INVALID_INPUT',
      );
      expect(String(p['detail'])).toMatch(/only one file/iu);
      expect(String(p['detail'])).not.toMatch(/too large/iu);
      expect(String(p['detailZh'])).toContain('一个文件');
    });
    it('413 on a record over 1 MiB', async () => {
      const huge = { ...seed, facilities: ['x'.repeat(1024 * 1024)] };
      expectProblem(
        await upload('', [file('seed'), record(huge)], h.tokens.viewer),
        413,
        'INPUT_TOO_LARGE',
      );
    });
    it('401 without a token; 403 saving as a viewer', async () => {
      expectProblem(await upload('?save=true', [file('seed'), record(seed)]), 401);
      expectProblem(
        await upload('?save=true', [file('seed'), record(seed)], h.tokens.viewer),
        403,
        'FORBIDDEN',
      );
    });
    it('another organisation’s corrected save lands in its own registry only', async () => {
      const before = await history(SEED_NUMBER);
      const corrected = { ...seed, expiresOn: '2027-09-04' };
      const res = await upload(
        '?save=true',
        [file('seed'), record(corrected)],
        h.tokens.otherAdmin,
      );
      expect(res.statusCode, res.body).toBe(201);
      expect((await history(SEED_NUMBER)).versions).toHaveLength(before.versions.length);
      const theirs = await history(SEED_NUMBER, h.tokens.otherAdmin);
      expect(theirs.versions.at(-1)?.licence.expiresOn).toBe('2027-09-04');
    });
  });
});
