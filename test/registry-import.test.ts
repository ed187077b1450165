import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { assessParsed } from '../src/adapters/cli/registry/import.command.js';
import { kyselyTrustStores } from '../src/adapters/db/organisation.repository.js';
import { kyselyRegistryStatistics } from '../src/adapters/db/planner-statistics.js';
import { nodeHasher } from '../src/adapters/node-hasher.js';
import { textDocumentSource } from '../src/adapters/documents/text-document.js';
import { exportLicences } from '../src/app/registry/export-licences.js';
import { findLicences } from '../src/app/registry/find-licences.js';
import { importDocuments, type ImportSource } from '../src/app/registry/import-documents.js';
import { DEFAULT_MAX_DOCUMENT_BYTES } from '../src/app/documents/parse-document.js';
import { describeEachDialect, fixedClock, type TestDatabase } from './registry-dialects.js';
import { FIXTURES } from './fixtures.js';

const who = { organisation: 'default', actor: 'test' };
const SEED = new URL('../fixtures/seed/jing-b2-20180910.txt', import.meta.url).pathname;
const documents = {
  sources: { text: textDocumentSource },
  hasher: nodeHasher,
  maxBytes: DEFAULT_MAX_DOCUMENT_BYTES,
};

function fileSource(path: string): ImportSource {
  return { name: path, read: () => Promise.resolve(readFileSync(path)) };
}

function bytesSource(name: string, text: string): ImportSource {
  return { name, read: () => Promise.resolve(new TextEncoder().encode(text)) };
}

const FIXTURE_FILES = [SEED, FIXTURES.seed, FIXTURES.hu, FIXTURES.b1b2, FIXTURES.huGb18030];

describeEachDialect('importing licence documents', (h) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });
  const deps = async () => {
    t = await h.fresh();
    const clock = fixedClock();
    return {
      store: t.store(clock),
      clock,
      documents,
      statistics: kyselyRegistryStatistics(t.open.db),
      ...kyselyTrustStores(t.open.db, clock),
    };
  };

  it('imports the fixture documents, and finds them by host, number and name fragment', async () => {
    const d = await deps();
    const summary = await importDocuments(FIXTURE_FILES.map(fileSource), { atomic: false }, who, d);
    // The seed ships twice (fixtures/seed and the test copy): same bytes, skipped the second time.
    // The GB18030 copy of 沪B2-20200731 has other bytes but the same record: unchanged.
    expect(summary).toMatchObject({ files: 5, created: 3, skipped: 1, unchanged: 1, failed: [] });
    const numbers = async (c: Parameters<typeof findLicences>[0]) =>
      (await findLicences(c, who, d)).items.map((l) => l.number);
    expect(await numbers({ domain: 'www.upliveapp.com' })).toEqual(['京B2-20180910']);
    expect(await numbers({ domain: 'mall.xingqiao-cloud.com' })).toEqual(['B1.B2-20233345']);
    expect(await numbers({ number: '京Ｂ２－２０１８０９１０' })).toEqual(['京B2-20180910']);
    expect(await numbers({ company: '星桥' })).toEqual(['B1.B2-20233345']);
    expect(await d.store.verifyAudit('default')).toMatchObject({
      ok: true,
      entries: 3 + summary.changed,
    });

    const again = await importDocuments(FIXTURE_FILES.map(fileSource), { atomic: false }, who, d);
    expect(again).toMatchObject({ created: 0, changed: 0, skipped: 4, unchanged: 1, failed: [] });
  });

  it('names a bad file with its reason and imports the rest', async () => {
    const d = await deps();
    const summary = await importDocuments(
      [fileSource(SEED), bytesSource('notes.txt', '今天天气很好。'), fileSource(FIXTURES.b1b2)],
      { atomic: false },
      who,
      d,
    );
    expect(summary.created).toBe(2);
    expect(summary.failed).toHaveLength(1);
    expect(summary.failed[0]?.name).toBe('notes.txt');
    expect(summary.failed[0]?.message).toMatch(/^notes\.txt：/u);
  });

  it('with atomic, a bad file leaves the registry as it was', async () => {
    const d = await deps();
    await importDocuments([fileSource(FIXTURES.hu)], { atomic: false }, who, d);
    const before = await d.store.verifyAudit('default');
    const summary = await importDocuments(
      [fileSource(SEED), fileSource(FIXTURES.b1b2), bytesSource('bad.txt', '不是许可证')],
      { atomic: true },
      who,
      d,
    );
    expect(summary).toMatchObject({ rolledBack: true, created: 0 });
    expect(await d.store.countLicences('default')).toBe(1);
    expect(await d.store.verifyAudit('default')).toEqual(before);
    expect(await d.store.hasDocument('default', nodeHasher.sha256(readFileSync(SEED)))).toBe(false);
  });

  it('assessed documents: a suspect one is refused unless acknowledged, and the reason is audited', async () => {
    const d = await deps();
    // the CLI's assessment, reading the registers and confirmations (here: none) as it imports
    const assess = assessParsed(who.organisation, d);
    const refused = await importDocuments(
      [fileSource(SEED), fileSource(FIXTURES.b1b2)],
      { atomic: false },
      who,
      { ...d, assess },
    );
    expect(refused).toMatchObject({
      created: 1,
      failed: [{ name: SEED, code: 'ACKNOWLEDGEMENT_REQUIRED' }],
    });
    expect(refused.failed[0]?.message).toContain(
      '核验结论为“需人工复核”（suspect）：有效期 240 天',
    );
    const atomicRefused = await importDocuments([fileSource(SEED)], { atomic: true }, who, {
      ...d,
      assess,
    });
    expect(atomicRefused).toMatchObject({ rolledBack: true, failed: [{ name: SEED }] });

    const saved = await importDocuments(
      [fileSource(SEED)],
      { atomic: true, acknowledge: '客户旧证，留档' },
      who,
      { ...d, assess },
    );
    expect(saved).toMatchObject({ created: 1, failed: [] });
    const [issued] = await d.store.listEvents('default', '京B2-20180910');
    expect(issued?.note).toBe('已确认保存（核验结论 suspect）：客户旧证，留档');
    expect(await d.store.verifyAudit('default')).toMatchObject({ ok: true, entries: 2 });
    expect((await d.store.findLicence('default', '京B2-20180910'))?.provenance).toBe('declared');
  });

  it('a JSONL export imported into an empty registry reproduces every licence exactly', async () => {
    const d = await deps();
    await importDocuments(FIXTURE_FILES.map(fileSource), { atomic: false }, who, d);
    const exported: string[] = [];
    for await (const line of exportLicences(who, d)) exported.push(JSON.stringify(line));
    expect(exported).toHaveLength(3);

    const dir = mkdtempSync(join(tmpdir(), 'xuke-export-'));
    const file = join(dir, 'export.jsonl');
    writeFileSync(file, `${exported.join('\n')}\n`);
    const target = await h.fresh();
    try {
      const clock = fixedClock();
      const d2 = {
        store: target.store(clock),
        clock,
        documents,
        ...kyselyTrustStores(target.open.db, clock),
      };
      const summary = await importDocuments([fileSource(file)], { atomic: false }, who, d2);
      expect(summary).toMatchObject({ created: 3, failed: [] });
      const again: { number: string; status: string; licence: unknown }[] = [];
      for await (const line of exportLicences(who, d2)) again.push(line);
      const strip = (s: string) => {
        const { number, status, licence } = JSON.parse(s) as {
          number: string;
          status: string;
          licence: unknown;
        };
        return { number, status, licence };
      };
      expect(
        again.map((l) => ({ number: l.number, status: l.status, licence: l.licence })),
      ).toEqual(exported.map(strip));
    } finally {
      await target.close();
    }
  });
});
