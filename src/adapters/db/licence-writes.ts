/**
 * The registry's writes: new licences and the next version of one. Each writes its `licences` row
 * (an INSERT, or the UPDATE that is also the version check), then everything a written version
 * derives goes through one path, `writeDerivedRows`, for both: its document, its row in
 * licence_versions, its domain and name-pair index rows, its event and its audit entry (with the
 * provenance in the version and the audit payload). Call them inside a transaction (the store does).
 */
import type { Kysely } from 'kysely';
import { DomainError } from '../../core/errors.js';
import type { LicenceStatus } from '../../core/lifecycle/lifecycle.js';
import type { Licence } from '../../core/licence.js';
import type { Provenance } from '../../core/trust/types.js';
import type {
  EventRecord,
  LicenceUpdate,
  NewLicence,
  SourceDocument,
  StoredLicence,
} from '../../ports/licence-store.js';
import { appendAuditEntries } from './append-audit.js';
import { sha256Hex } from './audit-chain.js';
import { licenceDomainKeys, nameGrams } from './licence-index-keys.js';
import { findLicence } from './licence-queries.js';
import type { Database } from './tables/database.js';

/** Rows per multi-row INSERT: well inside SQLite's and PostgreSQL's bound-parameter limits. */
const BATCH = 400;

function chunks<T>(items: readonly T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** One version of a licence as just written to `licences`: what its derived rows come from. */
interface WrittenVersion {
  readonly id: number;
  readonly number: string;
  readonly version: number;
  readonly status: LicenceStatus;
  readonly licence: Licence;
  /** the record's JSON as stored */
  readonly record: string;
  readonly provenance: Provenance;
  readonly event: EventRecord;
  readonly document: SourceDocument | null;
}

/** Register new licences (version 1), in order. CONFLICT for a number already registered. */
export async function createLicences(
  db: Kysely<Database>,
  org: string,
  items: readonly NewLicence[],
  at: string,
): Promise<StoredLicence[]> {
  if (items.length === 0) return [];
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.licence.number)) throw alreadyRegistered(item.licence.number);
    seen.add(item.licence.number);
  }
  const existing = await firstExisting(
    db,
    org,
    items.map((i) => i.licence.number),
  );
  if (existing !== undefined) throw alreadyRegistered(existing);
  await ensureOrganisation(db, org, at);

  const written: WrittenVersion[] = [];
  try {
    for (const batch of chunks(items)) {
      const rows = batch.map((item) => ({ item, record: JSON.stringify(item.licence) }));
      const inserted = await db
        .insertInto('licences')
        .values(
          rows.map(({ item, record }) => ({
            organisation_id: org,
            number: item.licence.number,
            status: item.status,
            version: 1,
            holder_name: item.licence.holder.name,
            issued_on: item.licence.issuedOn,
            expires_on: item.licence.expiresOn,
            record,
            provenance: item.provenance,
            created_at: at,
            updated_at: at,
          })),
        )
        .returning(['id', 'number'])
        .execute();
      const ids = new Map(inserted.map((r) => [r.number, r.id]));
      for (const { item, record } of rows) {
        const id = ids.get(item.licence.number);
        if (id === undefined) throw new Error(`no id returned for ${item.licence.number}`);
        written.push({ id, number: item.licence.number, version: 1, record, ...item });
      }
    }
  } catch (e) {
    // Registered by a concurrent writer between the check above and the insert.
    if (isUniqueViolation(e)) throw alreadyRegistered(items[0]?.licence.number ?? '?', e);
    throw e;
  }
  await writeDerivedRows(db, org, at, written, { replacing: false });
  return items.map((item) => ({
    organisation: org,
    number: item.licence.number,
    status: item.status,
    version: 1,
    licence: item.licence,
    provenance: item.provenance,
    createdAt: at,
    updatedAt: at,
  }));
}

/**
 * Write the next version of a licence. CONFLICT when its version is no longer `expectedVersion`;
 * NOT_FOUND when there is no such licence.
 */
export async function updateLicence(
  db: Kysely<Database>,
  org: string,
  u: LicenceUpdate,
  at: string,
): Promise<StoredLicence> {
  const record = JSON.stringify(u.licence);
  const version = u.expectedVersion + 1;
  // The version check and the write are one statement: of two writers, the second finds the
  // version moved on (PostgreSQL re-checks the row after the first commits) and gets CONFLICT.
  const updated = await db
    .updateTable('licences')
    .set({
      status: u.status,
      version,
      holder_name: u.licence.holder.name,
      issued_on: u.licence.issuedOn,
      expires_on: u.licence.expiresOn,
      record,
      provenance: u.provenance,
      updated_at: at,
    })
    .where('organisation_id', '=', org)
    .where('number', '=', u.number)
    .where('version', '=', u.expectedVersion)
    .returning(['id', 'created_at'])
    .executeTakeFirst();
  if (!updated) {
    const current = await findLicence(db, org, u.number);
    if (!current) throw notFound(u.number);
    throw conflict(u.number);
  }
  await writeDerivedRows(db, org, at, [{ id: updated.id, version, record, ...u }], {
    replacing: true,
  });
  return {
    organisation: org,
    number: u.number,
    status: u.status,
    version,
    licence: JSON.parse(record) as Licence,
    provenance: u.provenance,
    createdAt: updated.created_at,
    updatedAt: at,
  };
}

/**
 * Everything the written versions derive, for new licences and new versions alike: documents,
 * versions, the domain and name-pair indexes (`replacing` the previous version's rows), events and
 * audit entries, in batches for bulk imports.
 */
async function writeDerivedRows(
  db: Kysely<Database>,
  org: string,
  at: string,
  written: readonly WrittenVersion[],
  { replacing }: { readonly replacing: boolean },
): Promise<void> {
  await storeDocuments(
    db,
    written.map((w) => w.document).filter((d): d is SourceDocument => d !== null),
    at,
  );
  for (const batch of chunks(written)) {
    await db
      .insertInto('licence_versions')
      .values(
        batch.map((w) => ({
          licence_id: w.id,
          version: w.version,
          organisation_id: org,
          status: w.status,
          record: w.record,
          provenance: w.provenance,
          document_sha256: w.document?.sha256 ?? null,
          recorded_at: at,
        })),
      )
      .execute();
  }

  if (replacing) {
    for (const batch of chunks(written.map((w) => w.id))) {
      await db.deleteFrom('licence_domains').where('licence_id', 'in', batch).execute();
      await db.deleteFrom('licence_name_grams').where('licence_id', 'in', batch).execute();
    }
  }
  const domains = written.flatMap((w) =>
    licenceDomainKeys(w.licence).map((domain) => ({
      organisation_id: org,
      domain,
      licence_id: w.id,
    })),
  );
  for (const batch of chunks(domains))
    await db.insertInto('licence_domains').values(batch).execute();
  const grams = written.flatMap((w) =>
    nameGrams(w.licence.holder.name).map((gram) => ({
      organisation_id: org,
      gram,
      licence_id: w.id,
    })),
  );
  for (const batch of chunks(grams, 800)) {
    await db.insertInto('licence_name_grams').values(batch).execute();
  }

  for (const batch of chunks(written)) {
    await db
      .insertInto('licence_events')
      .values(
        batch.map((w) => ({
          organisation_id: org,
          licence_id: w.id,
          kind: w.event.kind,
          occurred_on: w.event.on,
          note: w.event.note,
          actor: w.event.actor,
          recorded_at: at,
          version: w.version,
          status: w.status,
          data: w.event.data === null ? null : JSON.stringify(w.event.data),
        })),
      )
      .execute();
  }
  await appendAuditEntries(
    db,
    org,
    at,
    written.map((w) => ({
      actor: w.event.actor,
      action: `licence.${w.event.kind}`,
      subject: w.number,
      payload: auditPayload(w),
    })),
    BATCH,
  );
}

/** The audit entry's payload: the event, the resulting version, status and provenance, hashes. */
function auditPayload(w: WrittenVersion): string {
  return JSON.stringify({
    kind: w.event.kind,
    on: w.event.on,
    note: w.event.note,
    data: w.event.data,
    version: w.version,
    status: w.status,
    provenance: w.provenance,
    recordSha256: sha256Hex(w.record),
    documentSha256: w.document?.sha256 ?? null,
  });
}

async function firstExisting(
  db: Kysely<Database>,
  org: string,
  numbers: readonly string[],
): Promise<string | undefined> {
  for (const batch of chunks(numbers)) {
    const row = await db
      .selectFrom('licences')
      .select('number')
      .where('organisation_id', '=', org)
      .where('number', 'in', batch)
      .limit(1)
      .executeTakeFirst();
    if (row) return row.number;
  }
  return undefined;
}

async function ensureOrganisation(db: Kysely<Database>, org: string, at: string): Promise<void> {
  await db
    .insertInto('organisations')
    .values({ id: org, name: org, created_at: at })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

async function storeDocuments(
  db: Kysely<Database>,
  documents: readonly SourceDocument[],
  at: string,
): Promise<void> {
  const distinct = new Map(documents.map((d) => [d.sha256, d]));
  for (const batch of chunks([...distinct.values()], 50)) {
    await db
      .insertInto('documents')
      .values(
        batch.map((d) => ({
          sha256: d.sha256,
          format: d.format,
          size: d.bytes.length,
          bytes: d.bytes,
          created_at: at,
        })),
      )
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
  }
}

// ---- errors ------------------------------------------------------------------------------------

function errorCode(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

function isUniqueViolation(e: unknown): boolean {
  const code = errorCode(e);
  return (
    code === '23505' ||
    code.startsWith('SQLITE_CONSTRAINT_UNIQUE') ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

function alreadyRegistered(number: string, cause?: unknown): DomainError {
  return new DomainError(
    'CONFLICT',
    `许可证 ${number} 已登记`,
    `Licence ${number} is already registered`,
    cause === undefined ? undefined : { cause },
  );
}

function conflict(number: string): DomainError {
  return new DomainError(
    'CONFLICT',
    `许可证 ${number} 已被他人修改，请重新读取后再试`,
    `Licence ${number} was changed by someone else; re-read it and try again`,
  );
}

function notFound(number: string): DomainError {
  return new DomainError('NOT_FOUND', `未找到许可证 ${number}`, `No licence ${number}`);
}
