/**
 * The LicenceStore on Kysely: one query code for SQLite and PostgreSQL. All SQL of the registry is
 * here; rows are mapped to domain types before they leave (`…Row` types never do).
 *
 * Engine differences handled here and nowhere else: the company-name substring search (FTS5
 * trigram vs pg_trgm), `count(*)` arriving as a string from PostgreSQL, and the drivers' error
 * codes for unique violations and lock contention.
 */
import { sql, type Expression, type Kysely, type Selectable, type SqlBool } from 'kysely';
import { DomainError } from '../../core/errors.js';
import type { LicenceEventKind, LicenceStatus } from '../../core/lifecycle/lifecycle.js';
import type { Licence } from '../../core/licence.js';
import type { Provenance } from '../../core/trust/types.js';
import type { Clock } from '../../ports/clock.js';
import type {
  AuditVerification,
  EventRecord,
  LicenceEvent,
  LicenceQuery,
  LicenceStore,
  LicenceUpdate,
  LicenceVersion,
  NewLicence,
  Page,
  SourceDocument,
  StoredLicence,
} from '../../ports/licence-store.js';
import { appendAuditEntries, type NewAuditEntry } from './append-audit.js';
import { inWriteTransaction } from './write-transaction.js';
import { auditHash, GENESIS_HASH, sha256Hex } from './audit-chain.js';
import { dialectOf } from './dialect-of.js';
import { registrableDomain } from './domain-key.js';
import type { Database, SqlDialect } from './tables/database.js';
import type { LicenceTable } from './tables/licence.table.js';

type LicenceRow = Selectable<LicenceTable>;

/** Rows per multi-row INSERT: well inside SQLite's and PostgreSQL's bound-parameter limits. */
const BATCH = 400;

function chunks<T>(items: readonly T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function rowToStoredLicence(row: LicenceRow): StoredLicence {
  return {
    organisation: row.organisation_id,
    number: row.number,
    status: row.status as LicenceStatus,
    version: row.version,
    licence: JSON.parse(row.record) as Licence,
    provenance: row.provenance as Provenance,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The registrable domains a record lists, distinct. */
export function licenceDomainKeys(licence: Licence): string[] {
  const keys = new Set<string>();
  for (const site of licence.websites) {
    for (const host of site.domains) {
      const key = registrableDomain(host);
      if (key !== undefined) keys.add(key);
    }
  }
  return [...keys];
}

/** The distinct pairs of adjacent characters of a holder's name, lower-cased (no whitespace). */
export function nameGrams(name: string | null): string[] {
  if (name === null) return [];
  const chars = Array.from(name.toLowerCase());
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const gram = `${chars[i] ?? ''}${chars[i + 1] ?? ''}`;
    if (!/\s/u.test(gram)) grams.add(gram);
  }
  return [...grams];
}

/** PostgreSQL returns bigint aggregates as strings; SQLite as numbers. */
function toCount(value: unknown): number {
  return typeof value === 'bigint' ? Number(value) : Number(value ?? 0);
}

function encodeCursor(number: string): string {
  return Buffer.from(number, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): string {
  return Buffer.from(cursor, 'base64url').toString('utf8');
}

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

function conflict(number: string): DomainError {
  return new DomainError(
    'CONFLICT',
    `许可证 ${number} 已被他人修改，请重新读取后再试`,
    `Licence ${number} was changed by someone else; re-read it and try again`,
  );
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/gu, (c) => `\\${c}`);
}

export class KyselyLicenceStore implements LicenceStore {
  readonly dialect: SqlDialect;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {
    this.dialect = dialectOf(db);
  }

  transaction<T>(fn: (store: LicenceStore) => Promise<T>): Promise<T> {
    return this.inTransaction(fn);
  }

  /** Run `fn` with a store bound to one transaction (this one, when already inside). */
  private inTransaction<T>(fn: (store: KyselyLicenceStore) => Promise<T>): Promise<T> {
    if (this.db.isTransaction) return fn(this);
    return inWriteTransaction(this.db, (trx) => fn(new KyselyLicenceStore(trx, this.clock)));
  }

  async findLicence(org: string, number: string): Promise<StoredLicence | undefined> {
    const row = await this.db
      .selectFrom('licences')
      .selectAll()
      .where('organisation_id', '=', org)
      .where('number', '=', number)
      .executeTakeFirst();
    return row && rowToStoredLicence(row);
  }

  async countLicences(org: string): Promise<number> {
    const row = await this.db
      .selectFrom('licences')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('organisation_id', '=', org)
      .executeTakeFirst();
    return toCount(row?.n);
  }

  async findLicences(org: string, query: LicenceQuery): Promise<Page<StoredLicence>> {
    const limit = Math.max(1, Math.min(1000, Math.trunc(query.limit)));
    let q = this.db
      .selectFrom('licences')
      .selectAll('licences')
      .where('licences.organisation_id', '=', org);

    if (query.number !== undefined) q = q.where('licences.number', '=', query.number);
    if (query.domain !== undefined) {
      const key = registrableDomain(query.domain);
      if (key === undefined) {
        throw new DomainError(
          'INVALID_INPUT',
          `"${query.domain}"不是域名`,
          `"${query.domain}" is not a domain name`,
        );
      }
      q = q.where(
        'licences.id',
        'in',
        this.db
          .selectFrom('licence_domains')
          .select('licence_domains.licence_id')
          .where('licence_domains.organisation_id', '=', org)
          .where('licence_domains.domain', '=', key),
      );
    }
    if (query.company !== undefined) {
      const fragment = query.company.trim();
      if (fragment === '') {
        throw new DomainError(
          'INVALID_INPUT',
          '公司名称片段为空',
          'The company-name fragment is empty',
        );
      }
      q = q.where(this.companyFilter(org, fragment));
    }
    if (query.statuses !== undefined && query.statuses.length > 0) {
      const today = query.today;
      const statuses = query.statuses;
      q = q.where((eb) =>
        eb.or(
          statuses.map((s) => {
            if (s === 'expired') {
              return eb.or([
                eb('licences.status', '=', 'expired'),
                eb.and([
                  eb('licences.status', 'in', ['valid', 'renewal-pending']),
                  eb('licences.expires_on', '<', today),
                ]),
              ]);
            }
            if (s === 'valid' || s === 'renewal-pending') {
              return eb.and([
                eb('licences.status', '=', s),
                eb.or([
                  eb('licences.expires_on', 'is', null),
                  eb('licences.expires_on', '>=', today),
                ]),
              ]);
            }
            return eb('licences.status', '=', s);
          }),
        ),
      );
    }
    if (query.serviceCodes !== undefined) q = q.where(this.serviceFilter(query.serviceCodes));
    if (query.expiresFrom !== undefined)
      q = q.where('licences.expires_on', '>=', query.expiresFrom);
    if (query.expiresTo !== undefined) q = q.where('licences.expires_on', '<=', query.expiresTo);
    if (query.cursor !== undefined) q = q.where('licences.number', '>', decodeCursor(query.cursor));

    const rows = await q
      .orderBy('licences.number')
      .limit(limit + 1)
      .execute();
    const items = rows.slice(0, limit).map(rowToStoredLicence);
    const last = items[items.length - 1];
    return { items, next: rows.length > limit && last ? encodeCursor(last.number) : null };
  }

  /**
   * Holder names containing `fragment`. Three or more characters use the trigram index (FTS5 on
   * SQLite, pg_trgm on PostgreSQL); two characters the pair index (licence_name_grams); a single
   * character has nothing to index and is scanned.
   */
  private companyFilter(org: string, fragment: string): Expression<SqlBool> {
    const pattern = `%${escapeLike(fragment)}%`;
    if (Array.from(fragment).length === 2) {
      return sql<SqlBool>`licences.id in (select g.licence_id from licence_name_grams g
        where g.organisation_id = ${org} and g.gram = ${fragment.toLowerCase()})`;
    }
    if (this.dialect === 'postgres') {
      return sql<SqlBool>`licences.holder_name ilike ${pattern}`;
    }
    if (Array.from(fragment).length >= 3) {
      const phrase = `"${fragment.replace(/"/gu, '""')}"`;
      return sql<SqlBool>`licences.id in (select rowid from licence_names where licence_names match ${phrase})`;
    }
    return sql<SqlBool>`licences.holder_name like ${pattern} escape '\\'`;
  }

  /**
   * Licences with a service whose code is one of `codes`, read from the stored record's JSON
   * (json_each on SQLite, jsonb_array_elements on PostgreSQL). Not indexed: it narrows what the
   * other criteria and the organisation select, which a registry's size keeps cheap; a services
   * table would be the index if registries grow to where it is not.
   */
  private serviceFilter(codes: readonly string[]): Expression<SqlBool> {
    if (codes.length === 0) return sql<SqlBool>`1 = 0`;
    const list = sql.join(codes);
    if (this.dialect === 'postgres') {
      return sql<SqlBool>`exists (select 1 from jsonb_array_elements(licences.record::jsonb -> 'services') s
        where s.value ->> 'code' in (${list}))`;
    }
    return sql<SqlBool>`exists (select 1 from json_each(licences.record, '$.services') s
      where json_extract(s.value, '$.code') in (${list}))`;
  }

  async createLicences(org: string, items: readonly NewLicence[]): Promise<StoredLicence[]> {
    if (items.length === 0) return [];
    return this.inTransaction((s) => s.createInTransaction(org, items));
  }

  private async createInTransaction(
    org: string,
    items: readonly NewLicence[],
  ): Promise<StoredLicence[]> {
    const at = this.clock.now().toISOString();
    const seen = new Set<string>();
    for (const item of items) {
      if (seen.has(item.licence.number)) throw this.alreadyRegistered(item.licence.number);
      seen.add(item.licence.number);
    }
    const existing = await this.firstExisting(
      org,
      items.map((i) => i.licence.number),
    );
    if (existing !== undefined) throw this.alreadyRegistered(existing);
    await this.ensureOrganisation(org, at);
    await this.storeDocuments(
      items.map((i) => i.document).filter((d): d is SourceDocument => d !== null),
      at,
    );

    const records = items.map((i) => JSON.stringify(i.licence));
    const ids = new Map<string, number>();
    try {
      for (const batch of chunks(items.map((item, k) => ({ item, record: records[k] ?? '' })))) {
        const inserted = await this.db
          .insertInto('licences')
          .values(
            batch.map(({ item, record }) => ({
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
        for (const r of inserted) ids.set(r.number, r.id);
      }
    } catch (e) {
      // Registered by a concurrent writer between the check above and the insert.
      if (isUniqueViolation(e)) throw this.alreadyRegistered(items[0]?.licence.number ?? '?', e);
      throw e;
    }
    const idOf = (number: string): number => {
      const id = ids.get(number);
      if (id === undefined) throw new Error(`no id returned for ${number}`);
      return id;
    };

    for (const batch of chunks(items.map((item, k) => ({ item, record: records[k] ?? '' })))) {
      await this.db
        .insertInto('licence_versions')
        .values(
          batch.map(({ item, record }) => ({
            licence_id: idOf(item.licence.number),
            version: 1,
            organisation_id: org,
            status: item.status,
            record,
            provenance: item.provenance,
            document_sha256: item.document?.sha256 ?? null,
            recorded_at: at,
          })),
        )
        .execute();
    }
    const domains = items.flatMap((item) =>
      licenceDomainKeys(item.licence).map((domain) => ({
        organisation_id: org,
        domain,
        licence_id: idOf(item.licence.number),
      })),
    );
    for (const batch of chunks(domains))
      await this.db.insertInto('licence_domains').values(batch).execute();
    const grams = items.flatMap((item) =>
      nameGrams(item.licence.holder.name).map((gram) => ({
        organisation_id: org,
        gram,
        licence_id: idOf(item.licence.number),
      })),
    );
    for (const batch of chunks(grams, 800)) {
      await this.db.insertInto('licence_name_grams').values(batch).execute();
    }
    for (const batch of chunks([...items])) {
      await this.db
        .insertInto('licence_events')
        .values(
          batch.map((item) =>
            this.eventRow(org, idOf(item.licence.number), item.event, 1, item.status, at),
          ),
        )
        .execute();
    }
    await this.appendAudit(
      org,
      at,
      items.map((item, k) => ({
        actor: item.event.actor,
        action: `licence.${item.event.kind}`,
        subject: item.licence.number,
        payload: this.auditPayload(
          item.event,
          1,
          item.status,
          item.provenance,
          records[k] ?? '',
          item.document,
        ),
      })),
    );
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

  async updateLicence(org: string, update: LicenceUpdate): Promise<StoredLicence> {
    return this.inTransaction((s) => s.updateInTransaction(org, update));
  }

  private async updateInTransaction(org: string, u: LicenceUpdate): Promise<StoredLicence> {
    const at = this.clock.now().toISOString();
    const record = JSON.stringify(u.licence);
    const version = u.expectedVersion + 1;
    // The version check and the write are one statement: of two writers, the second finds the
    // version moved on (PostgreSQL re-checks the row after the first commits) and gets CONFLICT.
    const updated = await this.db
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
      const current = await this.findLicence(org, u.number);
      if (!current) throw notFound(u.number);
      throw conflict(u.number);
    }
    await this.storeDocuments(u.document ? [u.document] : [], at);
    await this.db
      .insertInto('licence_versions')
      .values({
        licence_id: updated.id,
        version,
        organisation_id: org,
        status: u.status,
        record,
        provenance: u.provenance,
        document_sha256: u.document?.sha256 ?? null,
        recorded_at: at,
      })
      .execute();
    await this.db.deleteFrom('licence_domains').where('licence_id', '=', updated.id).execute();
    const domains = licenceDomainKeys(u.licence).map((domain) => ({
      organisation_id: org,
      domain,
      licence_id: updated.id,
    }));
    if (domains.length > 0) await this.db.insertInto('licence_domains').values(domains).execute();
    await this.db.deleteFrom('licence_name_grams').where('licence_id', '=', updated.id).execute();
    const grams = nameGrams(u.licence.holder.name).map((gram) => ({
      organisation_id: org,
      gram,
      licence_id: updated.id,
    }));
    if (grams.length > 0) await this.db.insertInto('licence_name_grams').values(grams).execute();
    await this.db
      .insertInto('licence_events')
      .values(this.eventRow(org, updated.id, u.event, version, u.status, at))
      .execute();
    await this.appendAudit(org, at, [
      {
        actor: u.event.actor,
        action: `licence.${u.event.kind}`,
        subject: u.number,
        payload: this.auditPayload(u.event, version, u.status, u.provenance, record, u.document),
      },
    ]);
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

  async listVersions(org: string, number: string): Promise<LicenceVersion[]> {
    const rows = await this.db
      .selectFrom('licence_versions as v')
      .innerJoin('licences as l', 'l.id', 'v.licence_id')
      .select([
        'v.version',
        'v.status',
        'v.record',
        'v.provenance',
        'v.document_sha256',
        'v.recorded_at',
      ])
      .where('l.organisation_id', '=', org)
      .where('v.organisation_id', '=', org)
      .where('l.number', '=', number)
      .orderBy('v.version')
      .execute();
    return rows.map((r) => ({
      number,
      version: r.version,
      status: r.status as LicenceStatus,
      licence: JSON.parse(r.record) as Licence,
      provenance: r.provenance as Provenance,
      documentSha256: r.document_sha256,
      recordedAt: r.recorded_at,
    }));
  }

  async listEvents(org: string, number: string): Promise<LicenceEvent[]> {
    const rows = await this.eventsQuery(org)
      .where('l.number', '=', number)
      .orderBy('e.id')
      .execute();
    return rows.map(rowToEvent);
  }

  async listRecentEvents(org: string, limit: number): Promise<LicenceEvent[]> {
    // The identity column is the recording order (recorded_at ties within a batch).
    const rows = await this.eventsQuery(org)
      .orderBy('e.id', 'desc')
      .limit(Math.max(1, Math.min(1000, Math.trunc(limit))))
      .execute();
    return rows.map(rowToEvent);
  }

  private eventsQuery(org: string) {
    return this.db
      .selectFrom('licence_events as e')
      .innerJoin('licences as l', 'l.id', 'e.licence_id')
      .select([
        'l.number',
        'e.kind',
        'e.occurred_on',
        'e.note',
        'e.actor',
        'e.recorded_at',
        'e.version',
        'e.status',
        'e.data',
      ])
      .where('l.organisation_id', '=', org)
      .where('e.organisation_id', '=', org);
  }

  async hasDocument(org: string, sha256: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('licence_versions')
      .select('version')
      .where('organisation_id', '=', org)
      .where('document_sha256', '=', sha256)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Refresh the query planner's statistics after a bulk change. Without them SQLite walks the
   * (organisation, number) index to avoid a sort instead of starting from the selective domain or
   * name index; with them every look-up starts where it should.
   */
  async refreshStatistics(): Promise<void> {
    if (this.dialect === 'sqlite') {
      await sql`pragma analysis_limit = 400`.execute(this.db);
      await sql`pragma optimize = 0x10002`.execute(this.db);
    } else {
      await sql`analyze licences, licence_domains, licence_name_grams, licence_versions`.execute(
        this.db,
      );
    }
  }

  async verifyAudit(org: string): Promise<AuditVerification> {
    const head = await this.db
      .selectFrom('audit_heads')
      .select(['seq', 'hash'])
      .where('organisation_id', '=', org)
      .executeTakeFirst();
    let prev = GENESIS_HASH;
    let expected = 1;
    let entries = 0;
    const broken = (seq: number, reason: string, reasonEn: string): AuditVerification => ({
      ok: false,
      entries,
      seq,
      reason,
      reasonEn,
    });
    for (;;) {
      const rows = await this.db
        .selectFrom('audit_log')
        .selectAll()
        .where('organisation_id', '=', org)
        .where('seq', '>=', expected)
        .orderBy('seq')
        .limit(2000)
        .execute();
      for (const r of rows) {
        if (r.seq !== expected) {
          return broken(
            expected,
            `审计记录 #${expected} 缺失`,
            `Audit entry #${expected} is missing`,
          );
        }
        if (r.prev_hash !== prev) {
          return broken(
            r.seq,
            `审计记录 #${r.seq} 的前一哈希与链不符`,
            `Audit entry #${r.seq} does not follow the chain (prev_hash)`,
          );
        }
        const hash = auditHash({
          organisationId: r.organisation_id,
          seq: r.seq,
          at: r.at,
          actor: r.actor,
          action: r.action,
          subject: r.subject,
          payload: r.payload,
          prevHash: r.prev_hash,
        });
        if (hash !== r.hash) {
          return broken(
            r.seq,
            `审计记录 #${r.seq} 的内容已被修改（哈希不符）`,
            `Audit entry #${r.seq} was altered (hash mismatch)`,
          );
        }
        prev = r.hash;
        expected++;
        entries++;
      }
      if (rows.length < 2000) break;
    }
    const headSeq = head?.seq ?? 0;
    if (headSeq !== entries || (head !== undefined && head.hash !== prev)) {
      return broken(
        Math.max(headSeq, entries),
        `审计链末端与链头记录不符（链头 #${headSeq}，实有 ${entries} 条）`,
        `The end of the audit chain does not match its head (head #${headSeq}, ${entries} entries)`,
      );
    }
    return { ok: true, entries, head: prev };
  }

  // ---- helpers -------------------------------------------------------------------------------

  private alreadyRegistered(number: string, cause?: unknown): DomainError {
    return new DomainError(
      'CONFLICT',
      `许可证 ${number} 已登记`,
      `Licence ${number} is already registered`,
      cause === undefined ? undefined : { cause },
    );
  }

  private async firstExisting(
    org: string,
    numbers: readonly string[],
  ): Promise<string | undefined> {
    for (const batch of chunks(numbers)) {
      const row = await this.db
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

  private async ensureOrganisation(org: string, at: string): Promise<void> {
    await this.db
      .insertInto('organisations')
      .values({ id: org, name: org, created_at: at })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }

  private async storeDocuments(documents: readonly SourceDocument[], at: string): Promise<void> {
    const distinct = new Map(documents.map((d) => [d.sha256, d]));
    for (const batch of chunks([...distinct.values()], 50)) {
      await this.db
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

  private eventRow(
    org: string,
    licenceId: number,
    event: EventRecord,
    version: number,
    status: LicenceStatus,
    at: string,
  ) {
    return {
      organisation_id: org,
      licence_id: licenceId,
      kind: event.kind,
      occurred_on: event.on,
      note: event.note,
      actor: event.actor,
      recorded_at: at,
      version,
      status,
      data: event.data === null ? null : JSON.stringify(event.data),
    };
  }

  private auditPayload(
    event: EventRecord,
    version: number,
    status: LicenceStatus,
    provenance: Provenance,
    record: string,
    document: SourceDocument | null,
  ): string {
    return JSON.stringify({
      kind: event.kind,
      on: event.on,
      note: event.note,
      data: event.data,
      version,
      status,
      provenance,
      recordSha256: sha256Hex(record),
      documentSha256: document?.sha256 ?? null,
    });
  }

  /** Append entries to the organisation's chain (append-audit.ts), in batches for bulk imports. */
  private async appendAudit(org: string, at: string, entries: readonly NewAuditEntry[]) {
    await appendAuditEntries(this.db, org, at, entries, BATCH);
  }
}

function rowToEvent(r: {
  number: string;
  kind: string;
  occurred_on: string;
  note: string | null;
  actor: string;
  recorded_at: string;
  version: number;
  status: string;
  data: string | null;
}): LicenceEvent {
  return {
    number: r.number,
    kind: r.kind as LicenceEventKind,
    on: r.occurred_on,
    note: r.note,
    actor: r.actor,
    recordedAt: r.recorded_at,
    version: r.version,
    status: r.status as LicenceStatus,
    data: r.data === null ? null : (JSON.parse(r.data) as LicenceEvent['data']),
  };
}

function notFound(number: string): DomainError {
  return new DomainError('NOT_FOUND', `未找到许可证 ${number}`, `No licence ${number}`);
}
