import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DomainError, type DomainErrorCode } from '../../core/errors.js';
import type { Licence } from '../../core/licence.js';
import type { DocumentTextSource } from '../../ports/document-text-source.js';
import { FakeLicenceStore, fakeTrustDeps } from '../fakes.test-helpers.js';
import { recordEvent } from '../registry/record-event.js';
import {
  commitIngest,
  ingestDocument,
  MAX_STORED_DOCUMENT_BYTES,
  prepareIngest,
  type DocumentReading,
  type IngestDeps,
} from './ingest-document.js';

const HOLDER = { organisation: 'acme', actor: 'clerk' };
const NUMBER = '沪B2-20200731';

/** A licence document as text: five years from its issue (clean), or `expiresOn` (a short term). */
function licenceText(expiresOn = '2030年07月31日', number = NUMBER): Uint8Array {
  return new TextEncoder().encode(
    [
      '中华人民共和国',
      '增值电信业务经营许可证',
      '',
      `经营许可证编号：${number}`,
      '',
      '公司名称：上海青禾网络科技有限公司',
      '统一社会信用代码：91310104MA1FR5C85C',
      '法定代表人：陈思远',
      '注册住所：上海市徐汇区漕溪北路88号15层1503室',
      '',
      '业务种类：第二类增值电信业务中的信息服务业务（仅限互联网信息服务）',
      '业务覆盖范围：上海市',
      '',
      '发证机关：上海市通信管理局',
      '发证日期：2025年07月31日',
      `有效期至：${expiresOn}`,
      '',
    ].join('\n'),
  );
}

/** Nine months where a licence runs five years: a document with an error, and no register to ask. */
const SUSPECT = licenceText('2026年04月30日');

/** The fake store, answering `hasDocument` from the versions it wrote (the port's contract). */
class DocumentStore extends FakeLicenceStore {
  // (org, sha256), as rest parameters: the base fake declares none
  override hasDocument(...[org, sha256]: string[]): Promise<boolean> {
    const held = [...this.licences.entries()]
      .filter(([, l]) => l.organisation === org)
      .some(([key]) => (this.versions.get(key) ?? []).some((v) => v.documentSha256 === sha256));
    return Promise.resolve(held);
  }
}

const textSource: DocumentTextSource = {
  extract: (bytes) =>
    Promise.resolve({
      format: 'text',
      encoding: 'utf-8',
      text: new TextDecoder().decode(bytes),
      baseConfidence: 1,
      notes: [],
    }),
};

function deps(): IngestDeps & { readonly store: DocumentStore } {
  const d = { ...fakeTrustDeps(), store: new DocumentStore() };
  d.organisations.add('acme', 'holder', 'Acme');
  d.organisations.add('bj-authority', 'authority', '北京市通信管理局', ['京']);
  return {
    ...d,
    documents: {
      sources: { text: textSource },
      hasher: { sha256: (bytes) => createHash('sha256').update(bytes).digest('hex') },
      maxBytes: 1024 * 1024,
    },
  };
}

const upload = (
  bytes: Uint8Array,
  more: { record?: Licence; acknowledge?: string; force?: boolean } = {},
) => ({
  name: 'licence.txt',
  bytes,
  save: true,
  ...more,
});

/** The record a document reads as (checked, not saved). */
async function readLicence(bytes: Uint8Array, d: IngestDeps): Promise<Licence> {
  return (await ingestDocument({ ...upload(bytes), save: false }, HOLDER, d)).document.parse
    .licence;
}

/** The DomainError `p` is refused with, which must carry `code`. */
async function refused(p: Promise<unknown>, code: DomainErrorCode): Promise<DomainError> {
  const e = await p.catch((x: unknown) => x);
  expect(e).toBeInstanceOf(DomainError);
  expect((e as DomainError).code).toBe(code);
  return e as DomainError;
}

describe('ingestDocument', () => {
  it('registers a new document as a declared copy, with its status as of today', async () => {
    const d = deps();
    const r = await ingestDocument(upload(licenceText()), HOLDER, d);
    expect(r.document.report.verdict).toBe('unverified');
    expect(r.saved).toMatchObject({
      outcome: 'created',
      licence: { number: NUMBER, version: 1, provenance: 'declared', currentStatus: 'valid' },
    });
    const [version] = await d.store.listVersions('acme', NUMBER);
    expect(version?.documentSha256).toBe(r.document.parse.source.sha256);
    expect(d.store.writes).toBe(1);
  });

  it('only checks without save: the report, nothing written', async () => {
    const d = deps();
    const r = await ingestDocument({ ...upload(SUSPECT), save: false }, HOLDER, d);
    expect(r.saved).toBeNull();
    expect(r.document.report.verdict).toBe('suspect');
    expect(d.store.writes).toBe(0);
  });

  it('answers a document held already as unchanged, with the licence as stored, writing nothing', async () => {
    const d = deps();
    const bytes = licenceText();
    await ingestDocument(upload(bytes), HOLDER, d);
    // the licence moved on since: the old document read again must not take it back
    await recordEvent(NUMBER, { kind: 'renewal-applied' }, HOLDER, d);
    const writes = d.store.writes;
    const again = await ingestDocument(upload(bytes), HOLDER, d);
    expect(again.saved).toMatchObject({
      outcome: 'unchanged',
      licence: { version: 2, status: 'renewal-pending', currentStatus: 'renewal-pending' },
    });
    expect(again.document.parse.licence.number).toBe(NUMBER);
    expect(d.store.writes).toBe(writes);
  });

  it('a record corrected by hand is never a duplicate: saved as a new version, noted', async () => {
    const d = deps();
    const bytes = licenceText();
    const first = await ingestDocument(upload(bytes), HOLDER, d);
    const parsed = first.document.parse.licence;
    const record = { ...parsed, holder: { ...parsed.holder, address: '上海市徐汇区1号' } };
    const r = await ingestDocument(upload(bytes, { record }), HOLDER, d);
    expect(r.saved).toMatchObject({ outcome: 'changed', licence: { version: 2 } });
    expect((await d.store.listEvents('acme', NUMBER)).at(-1)?.note).toBe(
      '人工更正 corrected by hand: holder',
    );
  });

  it('refuses a document held under another number (CONFLICT), writing nothing', async () => {
    const d = deps();
    const bytes = licenceText();
    const parsed = await readLicence(bytes, d);
    await ingestDocument(
      upload(bytes, { record: { ...parsed, number: '沪B2-20250101' } }),
      HOLDER,
      d,
    );
    const writes = d.store.writes;
    const e = await refused(ingestDocument(upload(bytes), HOLDER, d), 'CONFLICT');
    expect(e.messageEn).toBe(
      `licence.txt: this document was already imported, though not as licence ${NUMBER}; nothing was written`,
    );
    expect(d.store.writes).toBe(writes);
  });

  it('saves a suspect document only with a reason, which goes into the note', async () => {
    const d = deps();
    const e = await refused(ingestDocument(upload(SUSPECT), HOLDER, d), 'ACKNOWLEDGEMENT_REQUIRED');
    expect(e.message).toMatch(/^licence\.txt：核验结论为“需人工复核”（suspect）：/u);
    const blank = ingestDocument(upload(SUSPECT, { acknowledge: '  ' }), HOLDER, d);
    await refused(blank, 'ACKNOWLEDGEMENT_REQUIRED');
    expect(d.store.writes).toBe(0);

    const r = await ingestDocument(upload(SUSPECT, { acknowledge: '原件已核对' }), HOLDER, d);
    expect(r.saved).toMatchObject({ outcome: 'created', licence: { provenance: 'declared' } });
    expect((await d.store.listEvents('acme', NUMBER))[0]?.note).toBe(
      '已确认保存（核验结论 suspect）：原件已核对',
    );
    // held already: nothing is saved, so no reason is asked for
    const again = await ingestDocument(upload(SUSPECT), HOLDER, d);
    expect(again.saved?.outcome).toBe('unchanged');
    expect(d.store.writes).toBe(1);
  });

  it('notes the fields corrected by hand before the acknowledgement', async () => {
    const d = deps();
    const parsed = await readLicence(licenceText(), d);
    const record = { ...parsed, expiresOn: '2026-04-30' };
    const r = await ingestDocument(
      upload(licenceText(), { record, acknowledge: '延续批复另附' }),
      HOLDER,
      d,
    );
    expect(r.document.corrected).toEqual(['expiresOn']);
    expect((await d.store.listEvents('acme', NUMBER))[0]?.note).toBe(
      '人工更正 corrected by hand: expiresOn；已确认保存（核验结论 suspect）：延续批复另附',
    );
  });

  it('writes nothing for an invalid record, a record without a number, or an authority', async () => {
    const d = deps();
    const parsed = await readLicence(licenceText(), d);
    // the checks find both records suspect: a reason is given, so what is refused is the record
    const saving = (record: Licence) =>
      ingestDocument(upload(licenceText(), { record, acknowledge: 'x' }), HOLDER, d);
    await refused(saving({ ...parsed, number: '不是编号' }), 'INVALID_INPUT');
    await refused(saving({ ...parsed, number: null }), 'NOT_A_LICENCE');
    const authority = { organisation: 'bj-authority', actor: 'officer' };
    await refused(ingestDocument(upload(licenceText()), authority, d), 'FORBIDDEN');
    expect(d.store.writes).toBe(0);
    expect(d.store.licences.size).toBe(0);
  });
});

describe('prepareIngest and commitIngest', () => {
  const reading = (licence: Licence): DocumentReading => ({
    licence,
    format: 'text',
    corrected: [],
    assessment: null,
  });

  it('finds a duplicate before reading the document', async () => {
    const d = deps();
    const bytes = licenceText();
    const first = await ingestDocument(upload(bytes), HOLDER, d);
    const request = { name: 'a.txt', sha256: first.document.parse.source.sha256, corrected: false };
    let reads = 0;
    const prepared = await prepareIngest(
      request,
      () => {
        reads++;
        return Promise.resolve(reading(first.document.parse.licence));
      },
      HOLDER,
      d,
    );
    expect(prepared.kind).toBe('duplicate');
    expect(reads).toBe(0);
    expect(await commitIngest(prepared, () => Promise.resolve(bytes), HOLDER, d)).toEqual({
      outcome: 'duplicate',
    });
  });

  it('checks again when it writes: a document taken meanwhile is a duplicate, its bytes unread', async () => {
    const d = deps();
    const bytes = licenceText();
    const parsed = (await ingestDocument({ ...upload(bytes), save: false }, HOLDER, d)).document
      .parse;
    const request = { name: 'a.txt', sha256: parsed.source.sha256, corrected: false };
    const prepared = await prepareIngest(
      request,
      () => Promise.resolve(reading(parsed.licence)),
      HOLDER,
      d,
    );
    expect(prepared.kind).toBe('document');
    await ingestDocument(upload(bytes), HOLDER, d); // another writer
    let asked = false;
    const r = await commitIngest(
      prepared,
      () => {
        asked = true;
        return Promise.resolve(bytes);
      },
      HOLDER,
      d,
    );
    expect(r).toEqual({ outcome: 'duplicate' });
    expect(asked).toBe(false);
    expect(d.store.writes).toBe(1);
  });
});

describe('never a silent step backwards', () => {
  /** The licence text read worse: its address and its service's coverage lost. */
  const worse = (bytes: Uint8Array) =>
    new TextEncoder().encode(
      new TextDecoder()
        .decode(bytes)
        .split('\n')
        .filter((l) => !l.startsWith('注册住所') && !l.startsWith('业务覆盖范围'))
        .join('\n'),
    );

  it('refuses a worse reading of a held licence (REGRESSION), listing what it loses, writing nothing', async () => {
    const d = deps();
    await ingestDocument(upload(licenceText()), HOLDER, d);
    const writes = d.store.writes;
    const e = await refused(ingestDocument(upload(worse(licenceText())), HOLDER, d), 'REGRESSION');
    expect(e.regressions?.map((r) => [r.field, r.kind, r.fieldName])).toEqual([
      ['holder.address', 'lost', '注册住所'],
      ['services[0].coverage', 'lost', '第 1 项业务的覆盖范围'],
    ]);
    expect(e.regressions?.[0]?.before).toBe('上海市徐汇区漕溪北路88号15层1503室');
    expect(e.message).toContain('注册住所（丢失');
    expect(d.store.writes).toBe(writes);
    expect((await d.store.listVersions('acme', NUMBER)).length).toBe(1);
  });

  it('shows the regressions without saving, and has none to show for a licence not held', async () => {
    const d = deps();
    const fresh = await ingestDocument({ ...upload(licenceText()), save: false }, HOLDER, d);
    expect(fresh.regressions).toBeNull();
    await ingestDocument(upload(licenceText()), HOLDER, d);
    const same = await ingestDocument({ ...upload(licenceText()), save: false }, HOLDER, d);
    expect(same.regressions).toEqual([]);
    const r = await ingestDocument({ ...upload(worse(licenceText())), save: false }, HOLDER, d);
    expect(r.regressions?.map((x) => x.field)).toEqual(['holder.address', 'services[0].coverage']);
  });

  it('saves a worse reading when forced, and its note names what it lost', async () => {
    const d = deps();
    await ingestDocument(upload(licenceText()), HOLDER, d);
    const r = await ingestDocument({ ...upload(worse(licenceText())), force: true }, HOLDER, d);
    expect(r.saved).toMatchObject({ outcome: 'changed', licence: { version: 2 } });
    const note = (await d.store.listEvents('acme', NUMBER)).at(-1)?.note ?? '';
    expect(note).toMatch(/^强制保存 forced despite regressions against v1: 注册住所（丢失：/u);
    expect(note).toContain('第 1 项业务的覆盖范围（丢失：上海市）');
  });

  it('compares with the version the write replaces, not the one seen when the file was read', async () => {
    const d = deps();
    const text = licenceText();
    await ingestDocument(upload(text), HOLDER, d);
    // a reading that only adds a machine room: no regression against version 1
    const parsed = await readLicence(text, d);
    const next = { ...parsed, facilities: ['上海市'] };
    const request = { name: 'b.txt', sha256: 'b'.repeat(64), corrected: false };
    const prepared = await prepareIngest(
      request,
      () => Promise.resolve({ licence: next, format: 'text', corrected: [], assessment: null }),
      HOLDER,
      d,
    );
    // meanwhile another writer's version 2 states the licence's apps
    await d.store.updateLicence('acme', {
      number: NUMBER,
      expectedVersion: 1,
      licence: { ...parsed, apps: [{ name: '青禾读书', stores: [] }] },
      status: 'valid',
      provenance: 'declared',
      event: { kind: 'changed', on: '2026-11-28', note: null, actor: 'other', data: null },
      document: null,
    });
    const e = await refused(
      commitIngest(prepared, () => Promise.resolve(text), HOLDER, d),
      'REGRESSION',
    );
    expect(e.regressions?.map((r) => [r.field, r.kind])).toEqual([['apps', 'lost']]);
    expect(e.messageEn).toContain('version 2');
  });

  it('stores no original over the limit every document is read within', async () => {
    const d = deps();
    const parsed = await readLicence(licenceText(), d);
    const request = { name: 'big.pdf', sha256: 'c'.repeat(64), corrected: false };
    const prepared = await prepareIngest(
      request,
      () => Promise.resolve({ licence: parsed, format: 'pdf', corrected: [], assessment: null }),
      HOLDER,
      d,
    );
    const big = new Uint8Array(MAX_STORED_DOCUMENT_BYTES + 1);
    const e = await refused(
      commitIngest(prepared, () => Promise.resolve(big), HOLDER, d),
      'INPUT_TOO_LARGE',
    );
    expect(e.messageEn).toContain(`limit of ${MAX_STORED_DOCUMENT_BYTES}`);
    expect(d.store.writes).toBe(0);
  });
});
