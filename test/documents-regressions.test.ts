/**
 * Never a silent step backwards (issue 17), on every dialect: a document that would be a new
 * version of a held licence and reads worse than it (a value lost, a list cut short) is refused,
 * by POST /api/v1/documents?save=true (409 REGRESSION listing the regressions) and by `xuke import`
 * (the file fails, REGRESSION), unless forced; a forced save's note records what it lost, and the
 * audit chain with it. The licence, and its public page, keep the better version meanwhile.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { kyselyTrustStores } from '../src/adapters/db/organisation.repository.js';
import { textDocumentSource } from '../src/adapters/documents/text-document.js';
import { nodeHasher } from '../src/adapters/node-hasher.js';
import { formatImportSummary } from '../src/adapters/cli/registry/format-registry.js';
import { importExitCode } from '../src/adapters/cli/registry/import.command.js';
import { DEFAULT_MAX_DOCUMENT_BYTES } from '../src/app/documents/parse-document.js';
import { importDocuments, type ImportSource } from '../src/app/registry/import-documents.js';
import type { Licence } from '../src/core/licence.js';
import { fixtureText } from './fixtures.js';
import { bearer, expectProblem, harnessFor, SEED, SEED_NUMBER } from './http-harness.js';
import { describeEachDialect, fixedClock } from './registry-dialects.js';

/**
 * The seed read worse, as a re-upload printed or scanned by other hands reads it: the website's
 * server location lost, and the second of the service's exclusions dropped.
 */
function worseSeed(): string {
  return fixtureText('seed')
    .split('\n')
    .filter((line) => !line.startsWith('服务器放置地'))
    .map((line) =>
      line.replace('不含信息搜索查询服务、信息即时交互服务。', '不含信息搜索查询服务。'),
    )
    .join('\n');
}

/** The seed's short term makes it suspect: saving it needs a reason whatever else it reads. */
const ACK = `acknowledge=${encodeURIComponent('原件已核对')}`;

interface Regression {
  field: string;
  fieldName: string;
  fieldNameEn: string;
  kind: string;
  before: string;
  after: string;
}

const EXPECTED: readonly Regression[] = [
  {
    field: 'services[0].excludes',
    fieldName: '第 1 项业务的不含',
    fieldNameEn: 'Service 1: excludes',
    kind: 'shrunk',
    before: '信息搜索查询服务、信息即时交互服务',
    after: '信息搜索查询服务',
  },
  {
    field: 'websites[0].serverLocation',
    fieldName: '第 1 个网站的服务器放置地',
    fieldNameEn: 'Website 1: server location',
    kind: 'lost',
    before: '北京市朝阳区裕民路乙3号A座7层2机房',
    after: '',
  },
];

describeEachDialect('a re-upload that reads worse than the held version', (dialect) => {
  const h = harnessFor(dialect);
  const upload = (query: string, text: string, token = h.tokens.member) =>
    h.app.inject({
      method: 'POST',
      url: `/api/v1/documents${query}`,
      payload: Buffer.from(text),
      headers: { 'content-type': 'text/plain', ...bearer(token) },
    });
  const current = async () =>
    (
      await h.app.inject({ url: `/api/v1/licences/${SEED}`, headers: bearer(h.tokens.viewer) })
    ).json<{ version: number; licence: Licence }>();

  beforeAll(async () => {
    // acme publishes its declared records: the public page shows its current version
    await h.deps.registry.organisations.setPublishDeclared('acme', true, 'test');
  });

  it('was saved as version 2 without a word; now it is 409 REGRESSION, and the licence and its public page keep the better version', async () => {
    const before = await current();
    expect(before.version).toBe(1);
    const p = expectProblem(
      await upload(`?save=true&name=seed-rescan.txt&${ACK}`, worseSeed()),
      409,
      'REGRESSION',
    );
    expect(p['regressions']).toEqual(EXPECTED);
    expect(String(p['detailZh'])).toContain('第 1 个网站的服务器放置地（丢失');
    expect(String(p['detail'])).toMatch(
      /^seed-rescan\.txt: against the saved version 1 of licence/u,
    );
    const after = await current();
    expect(after.version).toBe(1);
    expect(after.licence).toEqual(before.licence);
    const pub = await h.app.inject({ url: `/api/v1/public/licences/${SEED}` });
    expect(pub.statusCode, pub.body).toBe(200);
    const shown = pub.json<{ services: { excludes: string[] }[] }>();
    expect(shown.services[0]?.excludes).toEqual(['信息搜索查询服务', '信息即时交互服务']);
  });

  it('shows the review screen the difference without saving', async () => {
    const res = await upload('', worseSeed());
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ regressions?: Regression[]; saved: unknown }>();
    expect(body.saved).toBeNull();
    expect(body.regressions).toEqual(EXPECTED);
    // the held document itself loses nothing; a licence the organisation does not hold: no field
    const same = await upload('', fixtureText('seed'));
    expect(same.json<{ regressions?: Regression[] }>().regressions).toEqual([]);
    const other = await upload('', fixtureText('hu'));
    expect(other.json<Record<string, unknown>>()).not.toHaveProperty('regressions');
  });

  it('with force=true saves it, and the version’s note records what it lost, in the audit chain too', async () => {
    const res = await upload(`?save=true&force=true&name=seed-rescan.txt&${ACK}`, worseSeed());
    expect(res.statusCode, res.body).toBe(200);
    expect(
      res.json<{ saved: { outcome: string; licence: { version: number } } }>().saved,
    ).toMatchObject({
      outcome: 'changed',
      licence: { version: 2 },
    });
    const history = await h.app.inject({
      url: `/api/v1/licences/${SEED}/history`,
      headers: bearer(h.tokens.viewer),
    });
    const events = history.json<{ events: { version: number; note: string | null }[] }>().events;
    const note = events.find((e) => e.version === 2)?.note ?? '';
    expect(note).toBe(
      '已确认保存（核验结论 suspect）：原件已核对；强制保存 forced despite regressions against v1: 第 1 项业务的不含（变短：信息搜索查询服务、信息即时交互服务 → 信息搜索查询服务）；第 1 个网站的服务器放置地（丢失：北京市朝阳区裕民路乙3号A座7层2机房）',
    );
    const audit = await h.app.inject({ url: '/api/v1/audit', headers: bearer(h.tokens.admin) });
    expect(audit.statusCode, audit.body).toBe(200);
    expect(audit.body).toContain('强制保存 forced despite regressions against v1');
    expect((await h.deps.registry.store.verifyAudit('acme')).ok).toBe(true);
  });
});

describeEachDialect(
  'xuke import of a document that reads worse than the held version',
  (dialect) => {
    const who = { organisation: 'default', actor: 'test' };
    const source = (name: string, text: string): ImportSource => ({
      name,
      read: () => Promise.resolve(new TextEncoder().encode(text)),
    });

    it('refuses that file (REGRESSION, exit 14) naming what it loses, imports the rest, and saves it with --force', async () => {
      const t = await dialect.fresh();
      try {
        const clock = fixedClock();
        const deps = {
          store: t.store(clock),
          clock,
          documents: {
            sources: { text: textDocumentSource },
            hasher: nodeHasher,
            maxBytes: DEFAULT_MAX_DOCUMENT_BYTES,
          },
          ...kyselyTrustStores(t.open.db, clock),
        };
        await importDocuments(
          [source('seed.txt', fixtureText('seed'))],
          { atomic: false },
          who,
          deps,
        );
        const summary = await importDocuments(
          [source('rescan.txt', worseSeed()), source('hu.txt', fixtureText('hu'))],
          { atomic: false },
          who,
          deps,
        );
        expect(summary).toMatchObject({ created: 1, changed: 0 });
        expect(summary.failed).toHaveLength(1);
        expect(summary.failed[0]).toMatchObject({ name: 'rescan.txt', code: 'REGRESSION' });
        expect(summary.failed[0]?.regressions).toEqual(EXPECTED);
        expect(importExitCode(summary)).toBe(14);
        const text = formatImportSummary(summary, 'zh');
        expect(text).toContain('✗ rescan.txt：与已保存的许可证 京B2-20180910 第 1 版相比');
        expect(text).toContain('第 1 个网站的服务器放置地（丢失');
        expect(text).toContain('--force');
        expect((await deps.store.findLicence('default', SEED_NUMBER))?.version).toBe(1);

        const forced = await importDocuments(
          [source('rescan.txt', worseSeed())],
          { atomic: false, force: true },
          who,
          deps,
        );
        expect(forced).toMatchObject({ changed: 1, failed: [] });
        const events = await deps.store.listEvents('default', SEED_NUMBER);
        expect(events.at(-1)?.note).toMatch(/^强制保存 forced despite regressions against v1: /u);
      } finally {
        await t.close();
      }
    });
  },
);

describe('the regression shape', () => {
  it('is the contract’s: field, fieldName, fieldNameEn, kind, before, after', () => {
    for (const r of EXPECTED) {
      expect(Object.keys(r)).toEqual([
        'field',
        'fieldName',
        'fieldNameEn',
        'kind',
        'before',
        'after',
      ]);
    }
  });
});
