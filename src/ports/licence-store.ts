/**
 * The registry as the use cases see it. One implementation (adapters/db) serves SQLite and
 * PostgreSQL. Every method acts within one organisation (tenant) and never sees another's rows.
 *
 * Writes keep the invariants together, in one transaction: a licence's current row, its version
 * history, its lifecycle event, its domain index and the audit chain never disagree.
 */
import type { LicenceEventKind, LicenceStatus } from '../core/lifecycle/lifecycle.js';
import type { IsoDate, Licence, SourceFormat } from '../core/licence.js';
import type { Provenance } from '../core/trust/types.js';

/** A licence as the registry holds it now. */
export interface StoredLicence {
  readonly organisation: string;
  /** canonical number: the key within the organisation */
  readonly number: string;
  /** the status as recorded by events (see `effectiveStatus` for the status as of a day) */
  readonly status: LicenceStatus;
  /** 1 on issue, +1 with every event; the optimistic-locking token */
  readonly version: number;
  readonly licence: Licence;
  /** who asserts the current version: the register (`issued`) or a copy (`declared`) */
  readonly provenance: Provenance;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** One version of a licence's record, and the event that produced it. */
export interface LicenceVersion {
  readonly number: string;
  readonly version: number;
  readonly status: LicenceStatus;
  readonly licence: Licence;
  readonly provenance: Provenance;
  readonly documentSha256: string | null;
  readonly recordedAt: string;
}

/** Event details beyond who, when and why. */
export interface LicenceEventData {
  readonly expiresOn?: IsoDate;
  readonly year?: number;
  /** a register decision's document number (文号) */
  readonly decisionNumber?: string;
}

/** A lifecycle event as stored. */
export interface LicenceEvent {
  readonly number: string;
  readonly kind: LicenceEventKind;
  /** the day it happened */
  readonly on: IsoDate;
  readonly note: string | null;
  /** who recorded it */
  readonly actor: string;
  /** when it was recorded (ISO instant) */
  readonly recordedAt: string;
  /** the version and status it left the licence in */
  readonly version: number;
  readonly status: LicenceStatus;
  readonly data: LicenceEventData | null;
}

/** The event that accompanies a write. */
export interface EventRecord {
  readonly kind: LicenceEventKind;
  readonly on: IsoDate;
  readonly note: string | null;
  readonly actor: string;
  readonly data: LicenceEventData | null;
}

/** A source document's bytes, stored once by content. */
export interface SourceDocument {
  readonly sha256: string;
  readonly format: SourceFormat;
  readonly bytes: Uint8Array;
}

/** A source document as stored, with when it was first stored. */
export interface StoredDocument extends SourceDocument {
  readonly size: number;
  /** when its bytes were first stored (ISO instant): they never change after */
  readonly storedAt: string;
}

export interface NewLicence {
  readonly licence: Licence & { readonly number: string };
  readonly status: LicenceStatus;
  readonly provenance: Provenance;
  readonly event: EventRecord;
  readonly document: SourceDocument | null;
}

export interface LicenceUpdate {
  readonly number: string;
  /** the version the change was computed from; another writer's change in between is a CONFLICT */
  readonly expectedVersion: number;
  readonly licence: Licence;
  readonly status: LicenceStatus;
  readonly provenance: Provenance;
  readonly event: EventRecord;
  readonly document: SourceDocument | null;
}

/**
 * A look-up; the criteria given are combined with AND. Results are ordered by number and paged by
 * an opaque cursor.
 */
export interface LicenceQuery {
  /** canonical number */
  readonly number?: string;
  /** a part of a number (`20180910`, `B2-2018`), folded and upper-case: numbers containing it */
  readonly numberContains?: string;
  /** any host name: matched by its registrable domain */
  readonly domain?: string;
  /** a fragment of the holder's name */
  readonly company?: string;
  /** statuses as of `today` (recorded valid/renewal-pending past expiry count as expired) */
  readonly statuses?: readonly LicenceStatus[];
  /** catalogue codes: a licence matches when any of its services has one of them */
  readonly serviceCodes?: readonly string[];
  /** expiry on or after / on or before */
  readonly expiresFrom?: IsoDate;
  readonly expiresTo?: IsoDate;
  /** the day statuses are judged on */
  readonly today: IsoDate;
  /** 1–1000 */
  readonly limit: number;
  /** from a previous page's `next` */
  readonly cursor?: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** pass as `cursor` for the next page; null on the last page */
  readonly next: string | null;
}

/** The outcome of checking an organisation's audit chain. */
export type AuditVerification =
  | { readonly ok: true; readonly entries: number; readonly head: string }
  | {
      readonly ok: false;
      readonly entries: number;
      /** the first entry that does not verify (or the head's seq when the tail is missing) */
      readonly seq: number;
      readonly reason: string;
      readonly reasonEn: string;
    };

export interface LicenceStore {
  /** Run `fn` in one transaction: everything it writes lands together or not at all. */
  transaction<T>(fn: (store: LicenceStore) => Promise<T>): Promise<T>;

  /** The licence with this canonical number, or undefined. */
  findLicence(org: string, number: string): Promise<StoredLicence | undefined>;
  findLicences(org: string, query: LicenceQuery): Promise<Page<StoredLicence>>;
  /** How many licences the organisation holds; with a filter, of those statuses as of `today`. */
  countLicences(
    org: string,
    filter?: { readonly statuses: readonly LicenceStatus[]; readonly today: IsoDate },
  ): Promise<number>;

  /**
   * Register new licences (version 1, with their event, domains and audit entries), in order.
   * A number already registered in the organisation is a CONFLICT.
   */
  createLicences(org: string, items: readonly NewLicence[]): Promise<StoredLicence[]>;

  /**
   * Write the next version of a licence. CONFLICT when its version is no longer `expectedVersion`;
   * NOT_FOUND when there is no such licence.
   */
  updateLicence(org: string, update: LicenceUpdate): Promise<StoredLicence>;

  /** Every version, oldest first. */
  listVersions(org: string, number: string): Promise<LicenceVersion[]>;
  /** Every event, oldest first. */
  listEvents(org: string, number: string): Promise<LicenceEvent[]>;
  /**
   * The organisation's latest events across its licences: by the day they happened, newest first;
   * on the same day, the last recorded first.
   */
  listRecentEvents(org: string, limit: number): Promise<LicenceEvent[]>;

  /** Whether a document with this content was already imported into the organisation. */
  hasDocument(org: string, sha256: string): Promise<boolean>;

  /**
   * The document with this sha256, when a version of this licence (canonical number) in the
   * organisation was read from it; undefined otherwise, whoever else holds the same bytes.
   */
  findLicenceDocument(
    org: string,
    number: string,
    sha256: string,
  ): Promise<StoredDocument | undefined>;

  /** Recompute the organisation's audit chain from its first entry. */
  verifyAudit(org: string): Promise<AuditVerification>;
}

/**
 * The query planner's statistics over the registry's tables: the engine's upkeep, not the
 * registry's data, so apart from LicenceStore. Refreshed after a bulk change (an import).
 */
export interface RegistryStatistics {
  refresh(): Promise<void>;
}
