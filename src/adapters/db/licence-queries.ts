/**
 * The registry's reads: one licence, look-ups (the filters and the cursor), history, documents.
 * Rows are mapped to domain types before they leave (`…Row` types never do).
 *
 * Engine differences handled here: the company-name substring search (FTS5 trigram vs pg_trgm),
 * the record's JSON (json_each vs jsonb_array_elements), and `count(*)` arriving as a string from
 * PostgreSQL.
 */
import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type Selectable,
  type SqlBool,
} from 'kysely';
import { DomainError } from '../../core/errors.js';
import type { LicenceEventKind, LicenceStatus } from '../../core/lifecycle/lifecycle.js';
import type { IsoDate, Licence, SourceFormat } from '../../core/licence.js';
import type { Provenance } from '../../core/trust/types.js';
import type {
  LicenceEvent,
  LicenceQuery,
  LicenceVersion,
  Page,
  StoredDocument,
  StoredLicence,
} from '../../ports/licence-store.js';
import { dialectOf } from './dialect-of.js';
import { registrableDomain } from './domain-key.js';
import type { Database, SqlDialect } from './tables/database.js';
import type { LicenceEventTable } from './tables/licence-event.table.js';
import type { LicenceTable } from './tables/licence.table.js';

type LicenceRow = Selectable<LicenceTable>;

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

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/gu, (c) => `\\${c}`);
}

export async function findLicence(
  db: Kysely<Database>,
  org: string,
  number: string,
): Promise<StoredLicence | undefined> {
  const row = await db
    .selectFrom('licences')
    .selectAll()
    .where('organisation_id', '=', org)
    .where('number', '=', number)
    .executeTakeFirst();
  return row && rowToStoredLicence(row);
}

export async function countLicences(
  db: Kysely<Database>,
  org: string,
  filter?: { readonly statuses: readonly LicenceStatus[]; readonly today: IsoDate },
): Promise<number> {
  let q = db
    .selectFrom('licences')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('organisation_id', '=', org);
  if (filter !== undefined) q = q.where((eb) => statusFilter(eb, filter.statuses, filter.today));
  const row = await q.executeTakeFirst();
  return toCount(row?.n);
}

/** A look-up: the criteria given, combined with AND, ordered by number, one page after the cursor. */
export async function findLicences(
  db: Kysely<Database>,
  org: string,
  query: LicenceQuery,
): Promise<Page<StoredLicence>> {
  const dialect = dialectOf(db);
  const limit = Math.max(1, Math.min(1000, Math.trunc(query.limit)));
  let q = db
    .selectFrom('licences')
    .selectAll('licences')
    .where('licences.organisation_id', '=', org);

  if (query.number !== undefined) q = q.where('licences.number', '=', query.number);
  // a part of a number: its characters (digits, letters, . - and CJK) carry no LIKE wildcard
  if (query.numberContains !== undefined) {
    q = q.where('licences.number', 'like', `%${query.numberContains}%`);
  }
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
      db
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
    q = q.where(companyFilter(dialect, org, fragment));
  }
  const statuses = query.statuses;
  if (statuses !== undefined && statuses.length > 0) {
    q = q.where((eb) => statusFilter(eb, statuses, query.today));
  }
  if (query.serviceCodes !== undefined) q = q.where(serviceFilter(dialect, query.serviceCodes));
  if (query.expiresFrom !== undefined) q = q.where('licences.expires_on', '>=', query.expiresFrom);
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
 * Licences whose status as of `today` is one of `statuses`: the core's `effectiveStatus` in SQL (a
 * licence recorded valid or renewal-pending whose expiry has passed is expired; the rest are as
 * recorded). test/registry-status-filter.test.ts checks that the two agree on generated licences.
 */
export function statusFilter(
  eb: ExpressionBuilder<Database, 'licences'>,
  statuses: readonly LicenceStatus[],
  today: IsoDate,
): Expression<SqlBool> {
  return eb.or(
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
          eb.or([eb('licences.expires_on', 'is', null), eb('licences.expires_on', '>=', today)]),
        ]);
      }
      return eb('licences.status', '=', s);
    }),
  );
}

/**
 * Holder names containing `fragment`. Three or more characters use the trigram index (FTS5 on
 * SQLite, pg_trgm on PostgreSQL); two characters the pair index (licence_name_grams); a single
 * character has nothing to index and is scanned.
 */
function companyFilter(dialect: SqlDialect, org: string, fragment: string): Expression<SqlBool> {
  const pattern = `%${escapeLike(fragment)}%`;
  if (Array.from(fragment).length === 2) {
    return sql<SqlBool>`licences.id in (select g.licence_id from licence_name_grams g
      where g.organisation_id = ${org} and g.gram = ${fragment.toLowerCase()})`;
  }
  if (dialect === 'postgres') {
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
function serviceFilter(dialect: SqlDialect, codes: readonly string[]): Expression<SqlBool> {
  if (codes.length === 0) return sql<SqlBool>`1 = 0`;
  const list = sql.join(codes);
  if (dialect === 'postgres') {
    return sql<SqlBool>`exists (select 1 from jsonb_array_elements(licences.record::jsonb -> 'services') s
      where s.value ->> 'code' in (${list}))`;
  }
  return sql<SqlBool>`exists (select 1 from json_each(licences.record, '$.services') s
    where json_extract(s.value, '$.code') in (${list}))`;
}

// ---- history and documents ---------------------------------------------------------------------

export async function listVersions(
  db: Kysely<Database>,
  org: string,
  number: string,
): Promise<LicenceVersion[]> {
  const rows = await db
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

export async function listEvents(
  db: Kysely<Database>,
  org: string,
  number: string,
): Promise<LicenceEvent[]> {
  const rows = await eventsQuery(db, org).where('l.number', '=', number).orderBy('e.id').execute();
  return rows.map(rowToEvent);
}

export async function listRecentEvents(
  db: Kysely<Database>,
  org: string,
  limit: number,
): Promise<LicenceEvent[]> {
  // By the day it happened, newest first; within a day the identity column is the recording
  // order (recorded_at ties within a batch), newest recorded first.
  const rows = await eventsQuery(db, org)
    .orderBy('e.occurred_on', 'desc')
    .orderBy('e.id', 'desc')
    .limit(Math.max(1, Math.min(1000, Math.trunc(limit))))
    .execute();
  return rows.map(rowToEvent);
}

function eventsQuery(db: Kysely<Database>, org: string) {
  return db
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

function rowToEvent(
  r: Omit<Selectable<LicenceEventTable>, 'id' | 'organisation_id' | 'licence_id'> & {
    number: string;
  },
): LicenceEvent {
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

/** Whether a document with this content was already imported into the organisation. */
export async function hasDocument(
  db: Kysely<Database>,
  org: string,
  sha256: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('licence_versions')
    .select('version')
    .where('organisation_id', '=', org)
    .where('document_sha256', '=', sha256)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The document a version of the licence cites, with its bytes; undefined when none cites it. */
export async function findLicenceDocument(
  db: Kysely<Database>,
  org: string,
  number: string,
  sha256: string,
): Promise<StoredDocument | undefined> {
  const row = await db
    .selectFrom('documents as d')
    .select(['d.sha256', 'd.format', 'd.size', 'd.bytes', 'd.created_at'])
    .where('d.sha256', '=', sha256)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('licence_versions as v')
          .innerJoin('licences as l', 'l.id', 'v.licence_id')
          .select('v.version')
          .where('l.organisation_id', '=', org)
          .where('v.organisation_id', '=', org)
          .where('l.number', '=', number)
          .whereRef('v.document_sha256', '=', 'd.sha256'),
      ),
    )
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return {
    sha256: row.sha256,
    format: row.format as SourceFormat,
    size: row.size,
    // a Buffer on both drivers: handed on as the bytes it holds
    bytes: new Uint8Array(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength),
    storedAt: row.created_at,
  };
}
