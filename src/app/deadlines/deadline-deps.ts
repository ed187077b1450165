/**
 * What the deadline use cases need: the registry, the obligation events and the completions the
 * holder recorded. Shared by the use-case files that compute a stored licence's deadlines, so the
 * HTTP API, the calendar feed and the reminder runs see the same occurrences.
 */
import type { WorkdayCalendar } from '../../core/calendar/workday-calendar.js';
import type { Licence } from '../../core/licence.js';
import type { Completion, LicenceEvent, Occurrence } from '../../core/obligations/index.js';
import type { CompletionStore, StoredCompletion } from '../../ports/completion-store.js';
import type { ObligationEventStore } from '../../ports/obligation-event-store.js';
import { computeDeadlines, type DeadlinesReport } from './compute-deadlines.js';
import type { RegistryDeps } from '../registry/registry-deps.js';

export interface DeadlineDeps extends RegistryDeps {
  readonly events: ObligationEventStore;
  readonly completions: CompletionStore;
  /** defaults to the vendored holiday-cn calendar */
  readonly calendar?: WorkdayCalendar;
  /**
   * How long one page of the organisation's deadlines may take (GET /deadlines) before it is
   * given up and answered 503 with Retry-After; default 5,000 ms
   */
  readonly pageBudgetMs?: number;
  /**
   * What an issuer on this instance decided about a licence that starts or ends a holder's
   * occurrence (docs/annual-report.md): make-up orders as events, accepted annual reports as
   * completions. A holder's own record of the same event or completion wins.
   */
  readonly issuerRecords?: (
    numbers: readonly string[],
  ) => Promise<ReadonlyMap<string, IssuerRecords>>;
}

export interface IssuerRecords {
  readonly events: readonly LicenceEvent[];
  readonly completions: readonly (Completion & {
    readonly actor: string;
    readonly recordedAt: string;
  })[];
}

/** A completion as stored: the core's (day, evidence) and who recorded it when. */
export interface RecordedCompletion extends Completion {
  readonly actor: string;
  readonly recordedAt: string;
}

/** An occurrence of one licence, as the organisation-wide lists show it. */
export type LicenceOccurrence = Occurrence & { readonly licence: string };

/**
 * Events and completions that are not stored, added to the stored ones for one computation ("what
 * if"): the CLI's `--event` and `--done` on a registry licence. A stored completion of the same
 * occurrence wins over a supposed one.
 */
export interface SupposedRecords {
  readonly events?: readonly LicenceEvent[];
  readonly completions?: readonly Completion[];
}

/**
 * The core's completion of a stored one: the note, the document by its sha256, and the evidence
 * file stored with it (described, not its bytes).
 */
function toCompletion(c: StoredCompletion): Completion {
  return {
    occurrenceId: c.occurrenceId,
    on: c.on,
    evidence: { note: c.note, document: c.documentSha256, file: c.evidenceFile },
  };
}

/**
 * A stored licence's deadlines as of `today`, from its recorded events and completions (and any
 * supposed ones); each occurrence whose completion is stored says who recorded it and when.
 */
export async function storedLicenceDeadlines(
  org: string,
  number: string,
  licence: Licence,
  today: string,
  deps: DeadlineDeps,
  /** the licence's completions, when the caller has read them already */
  known?: readonly StoredCompletion[],
  supposed: SupposedRecords = {},
  /** the issuer's records of this licence, when the caller has read a page of them already */
  knownIssuer?: IssuerRecords,
): Promise<DeadlinesReport> {
  const events = await deps.events.listObligationEvents(org, number);
  const completions = known ?? (await deps.completions.listCompletions(org, number));
  const issuer = knownIssuer ??
    (await deps.issuerRecords?.([number]))?.get(number) ?? { events: [], completions: [] };
  const recorded = new Set(events.map((e) => `${e.kind}@${e.date}`));
  const report = computeDeadlines(
    {
      licence,
      events: [
        ...events.map((e) => ({ kind: e.kind, date: e.date, note: e.note })),
        // an order the holder also recorded itself counts once
        ...issuer.events.filter((e) => !recorded.has(`${e.kind}@${e.date}`)),
        ...(supposed.events ?? []),
      ],
      // the core takes the first completion of an occurrence: the stored one, then the issuer's
      completions: [
        ...completions.map(toCompletion),
        ...issuer.completions.map((c) => ({
          occurrenceId: c.occurrenceId,
          on: c.on,
          evidence: c.evidence,
        })),
        ...(supposed.completions ?? []),
      ],
      today,
    },
    deps.calendar === undefined ? {} : { calendar: deps.calendar },
  );
  const byId = new Map<string, { actor: string; recordedAt: string }>([
    ...issuer.completions.map((c) => [c.occurrenceId, c] as const),
    ...completions.map((c) => [c.occurrenceId, c] as const),
  ]);
  return {
    ...report,
    occurrences: report.occurrences.map((o) => {
      const stored = o.done === null ? undefined : byId.get(o.id);
      if (o.done === null || stored === undefined) return o;
      const done: RecordedCompletion = {
        ...o.done,
        actor: stored.actor,
        recordedAt: stored.recordedAt,
      };
      return { ...o, done };
    }),
  };
}
