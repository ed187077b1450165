/**
 * Use case: one page of the organisation's deadlines (GET /deadlines), computed for the licences
 * the page needs, never for the whole organisation at once.
 *
 * Order: by licence number (the registry's order), then by due date, then by occurrence id. The
 * page walks the licences from where the previous one stopped, computes each one's occurrences,
 * keeps those the filters match and stops when `limit` occurrences are in, or when it has computed
 * `maxLicences` licences (a filter that matches few occurrences then answers a short page, possibly
 * empty, with a `next`: only a null `next` means the end). Between licences it yields to the event
 * loop (every few milliseconds of work, shared by every page computed at once:
 * event-loop-slices.ts), so other requests (/healthz) are answered meanwhile, and it stops with the
 * signal's reason as soon as its signal is aborted (time budget, client gone).
 */
import type { IsoDate } from '../../core/licence.js';
import type { Occurrence } from '../../core/obligations/index.js';
import { slicer } from './event-loop-slices.js';
import {
  storedLicenceDeadlines,
  type DeadlineDeps,
  type IssuerRecords,
  type LicenceOccurrence,
} from './deadline-deps.js';

/** Where a page stopped, to start the next one there. */
export interface DeadlinePosition {
  /** the registry's cursor of the batch of licences the licence was read in (null: the first) */
  readonly batch: string | null;
  /** the licence the page stopped at; null: the batch's first licence is next */
  readonly licence: string | null;
  /** its last occurrence served; null: every occurrence of it was */
  readonly after: { readonly dueOn: string; readonly id: string } | null;
}

export interface DeadlinePageQuery {
  /** occurrences per page */
  readonly limit: number;
  /** the previous page's `next` */
  readonly after?: DeadlinePosition;
  /** occurrence statuses (overdue, due-soon, upcoming, done, not-applicable) */
  readonly statuses?: readonly string[];
  /** due on or after */
  readonly from?: IsoDate;
  /** due on or before */
  readonly to?: IsoDate;
  /** aborted: the page stops at the next licence, rejecting with the signal's reason */
  readonly signal?: AbortSignal;
  /** licences computed per page at most (default 250) */
  readonly maxLicences?: number;
}

export interface DeadlinePage {
  readonly items: readonly LicenceOccurrence[];
  readonly next: DeadlinePosition | null;
}

const NO_ISSUER_RECORDS: IssuerRecords = { events: [], completions: [] };

function occurrenceOrder(a: Occurrence, b: Occurrence): number {
  return a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function isAfter(o: Occurrence, after: { dueOn: string; id: string }): boolean {
  return o.dueOn > after.dueOn || (o.dueOn === after.dueOn && o.id > after.id);
}

export async function pageOrganisationDeadlines(
  org: string,
  query: DeadlinePageQuery,
  deps: DeadlineDeps,
): Promise<DeadlinePage> {
  const today = deps.clock.today();
  const { limit, after, signal } = query;
  const maxLicences = query.maxLicences ?? 250;
  const statuses = query.statuses === undefined ? undefined : new Set(query.statuses);
  const keep = (o: Occurrence) =>
    (statuses === undefined || statuses.has(o.status)) &&
    (query.from === undefined || o.dueOn >= query.from) &&
    (query.to === undefined || o.dueOn <= query.to);
  // licences read from the registry at a time: enough for a page at a few occurrences each
  const batchSize = Math.min(100, Math.max(10, Math.ceil(limit / 4)));
  const pause = slicer();
  const items: LicenceOccurrence[] = [];
  let batch = after?.batch ?? null;
  let computed = 0;
  /** the position of the last occurrence taken */
  let last: DeadlinePosition | undefined;
  // the licences of the first batch up to the one the previous page stopped at were served
  let resume = after;
  for (;;) {
    signal?.throwIfAborted();
    const read = await deps.store.findLicences(org, {
      today,
      limit: batchSize,
      ...(batch === null ? {} : { cursor: batch }),
    });
    let licences = read.items;
    if (resume !== undefined && resume.licence !== null) {
      const stop = resume.licence;
      const at = licences.findIndex((l) => l.number === stop);
      // the licence is gone meanwhile: those numbered after it (the registry orders by number)
      licences = at >= 0 ? licences.slice(at) : licences.filter((l) => l.number > stop);
    }
    const issuer = await deps.issuerRecords?.(licences.map((l) => l.number));
    for (const l of licences) {
      signal?.throwIfAborted();
      await pause();
      signal?.throwIfAborted();
      let occurrences = (
        await storedLicenceDeadlines(
          org,
          l.number,
          l.licence,
          today,
          deps,
          undefined,
          {},
          issuer?.get(l.number) ?? NO_ISSUER_RECORDS,
        )
      ).occurrences
        .filter(keep)
        .sort(occurrenceOrder);
      if (resume?.licence === l.number) {
        const from = resume.after;
        occurrences = from === null ? [] : occurrences.filter((o) => isAfter(o, from));
      }
      resume = undefined;
      computed += 1;
      for (const o of occurrences) {
        if (items.length === limit && last !== undefined) return { items, next: last };
        items.push({ ...o, licence: l.number });
        last = { batch, licence: l.number, after: { dueOn: o.dueOn, id: o.id } };
      }
      if (computed >= maxLicences && l !== licences[licences.length - 1]) {
        return { items, next: { batch, licence: l.number, after: null } };
      }
    }
    resume = undefined;
    if (read.next === null) return { items, next: null };
    batch = read.next;
    if (computed >= maxLicences) return { items, next: { batch, licence: null, after: null } };
  }
}
