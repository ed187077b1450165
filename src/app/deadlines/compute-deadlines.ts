/**
 * Use case: a licence record, the events its holder recorded and the occurrences marked done →
 * its obligations and dated occurrences as of today (deadlines.md). The registry (issue 4) will feed
 * it the stored licence and events; the CLI feeds it a parsed document and `--event` options.
 */
import { chinaCalendar } from '../../core/calendar/index.js';
import type { WorkdayCalendar } from '../../core/calendar/workday-calendar.js';
import { DomainError } from '../../core/errors.js';
import type { IsoDate, Licence } from '../../core/licence.js';
import {
  CompletionSchema,
  LicenceEventSchema,
  scheduleObligations,
  type Completion,
  type Deadlines,
  type LicenceEvent,
} from '../../core/obligations/index.js';
import { isIsoDate } from '../../core/dates.js';

export const DEADLINES_SCHEMA_ID = 'xuke.deadlines/v1';

export interface DeadlinesReport extends Deadlines {
  readonly schema: typeof DEADLINES_SCHEMA_ID;
  readonly licence: {
    readonly number: string | null;
    readonly holder: string | null;
    readonly expiresOn: IsoDate | null;
  };
  readonly events: readonly LicenceEvent[];
}

export interface ComputeDeadlinesInput {
  readonly licence: Licence;
  /** validated here: kind one of EVENT_KINDS, date a real YYYY-MM-DD */
  readonly events: readonly unknown[];
  readonly completions?: readonly unknown[];
  readonly today: IsoDate;
  readonly dueSoonWorkdays?: number;
}

export interface ComputeDeadlinesDeps {
  /** defaults to the vendored holiday-cn calendar */
  readonly calendar?: WorkdayCalendar;
}

function invalid(what: string, value: unknown, issues: string): DomainError {
  const shown = JSON.stringify(value);
  return new DomainError(
    'INVALID_INPUT',
    `${what} ${shown} 无效：${issues}`,
    `${what} ${shown} is invalid: ${issues}`,
  );
}

/** Validate the events and completions, then compute. */
export function computeDeadlines(
  input: ComputeDeadlinesInput,
  deps: ComputeDeadlinesDeps = {},
): DeadlinesReport {
  const events = input.events.map((e) => {
    const r = LicenceEventSchema.safeParse(e);
    if (!r.success) throw invalid('事件 event', e, r.error.issues.map((i) => i.message).join('; '));
    if (!isIsoDate(r.data.date)) throw invalid('事件 event', e, 'not a calendar date');
    return r.data;
  });
  const completions: Completion[] = (input.completions ?? []).map((c) => {
    const r = CompletionSchema.safeParse(c);
    if (!r.success)
      throw invalid('完成记录 completion', c, r.error.issues.map((i) => i.message).join('; '));
    return r.data;
  });
  const core = scheduleObligations(
    {
      licence: input.licence,
      events,
      completions,
      today: input.today,
      ...(input.dueSoonWorkdays === undefined ? {} : { dueSoonWorkdays: input.dueSoonWorkdays }),
    },
    deps.calendar ?? chinaCalendar(),
  );
  return {
    schema: DEADLINES_SCHEMA_ID,
    licence: {
      number: input.licence.number,
      holder: input.licence.holder.name,
      expiresOn: input.licence.expiresOn,
    },
    events,
    ...core,
  };
}
