/**
 * `xuke deadlines FILE|NUMBER [--event KIND=DATE]... [--done ID=DATE[:NOTE]]... [--today DATE]
 * [--json] [--ics] [--lang en]`: a licence's obligations and dated deadlines, each explained.
 * NUMBER (a licence number that is not a readable file) is looked up in the registry, with the
 * obligation events and completions stored for it; `--event` and `--done` add to those ("what if",
 * nothing is stored).
 */
import { computeDeadlines, type DeadlinesReport } from '../../app/deadlines/compute-deadlines.js';
import type { SupposedRecords } from '../../app/deadlines/deadline-deps.js';
import { parseDocument, type ParseDocumentDeps } from '../../app/documents/parse-document.js';
import { isIsoDate } from '../../core/dates.js';
import { DomainError, isDomainError } from '../../core/errors.js';
import { parseLicenceNumber } from '../../core/licence-number.js';
import { EVENT_KINDS, type Completion, type LicenceEvent } from '../../core/obligations/events.js';
import type { CliContext } from './cli-context.js';
import type { CliIo } from './cli-io.js';
import { formatDeadlines } from './format-deadlines.js';
import type { Lang } from './lang.js';
import { parseToday, runCommand } from './run-command.js';

export interface DeadlinesCommandOptions {
  readonly events: readonly string[];
  readonly done: readonly string[];
  /** --today YYYY-MM-DD; the clock's today without it */
  readonly today?: string | undefined;
  readonly json: boolean;
  readonly ics: boolean;
  readonly lang: Lang;
  /**
   * The registry's deadlines of a licence number as of `today`, from its stored events and
   * completions plus the supposed ones (NOT_FOUND when there is no such licence).
   */
  readonly lookUp?: (
    number: string,
    supposed: SupposedRecords,
    today: string,
  ) => Promise<DeadlinesReport>;
}

function bad(zh: string, en: string): DomainError {
  return new DomainError('INVALID_INPUT', zh, en);
}

/** `KIND=DATE` → an event. */
export function parseEventOption(text: string): LicenceEvent {
  const m = /^([a-z-]+)=(\S+)$/u.exec(text.trim());
  if (!m?.[1] || !m[2]) {
    throw bad(
      `--event：“${text}”应为 类型=YYYY-MM-DD`,
      `--event: "${text}" should be KIND=YYYY-MM-DD`,
    );
  }
  const kind = EVENT_KINDS.find((k) => k === m[1]);
  if (kind === undefined) {
    throw bad(
      `--event：未知事件类型“${m[1]}”（可用：${EVENT_KINDS.join('、')}）`,
      `--event: unknown kind "${m[1]}" (one of ${EVENT_KINDS.join(', ')})`,
    );
  }
  if (!isIsoDate(m[2])) {
    throw bad(`--event：“${m[2]}”不是有效日期`, `--event: "${m[2]}" is not a valid date`);
  }
  return { kind, date: m[2], note: null };
}

/** `ID=DATE[:NOTE]` → a completion with a note as its evidence. */
export function parseDoneOption(text: string): Completion {
  const m = /^([a-z-]+@[\w-]+)=(\d{4}-\d{2}-\d{2})(?::(.*))?$/u.exec(text.trim());
  if (!m?.[1] || !m[2] || !isIsoDate(m[2])) {
    throw bad(
      `--done：“${text}”应为 事项编号=YYYY-MM-DD[:说明]（如 renewal@2023-05-03=2023-01-10:受理回执）`,
      `--done: "${text}" should be ID=YYYY-MM-DD[:NOTE] (e.g. renewal@2023-05-03=2023-01-10:receipt)`,
    );
  }
  const note = m[3]?.trim() ?? '';
  return {
    occurrenceId: m[1],
    on: m[2],
    evidence: { note: note === '' ? null : note, document: null },
  };
}

/**
 * The deadlines of a document's licence (a file, or - for stdin), or of the registry's licence for
 * a licence number, with the supposed events and completions.
 */
async function readReport(
  target: string,
  supposed: Required<SupposedRecords>,
  today: string,
  options: DeadlinesCommandOptions,
  io: CliIo,
  deps: ParseDocumentDeps,
): Promise<DeadlinesReport> {
  let licence;
  try {
    const bytes =
      target === '-' ? await io.readStdin(deps.maxBytes) : await io.readFile(target, deps.maxBytes);
    licence = (await parseDocument(bytes, target, deps)).licence;
  } catch (e) {
    // Not a readable file but a licence number: the registry's record.
    const isNumber = target !== '-' && parseLicenceNumber(target).ok;
    if (isDomainError(e) && e.code === 'UNREADABLE_DOCUMENT' && isNumber && options.lookUp) {
      return options.lookUp(target, supposed, today);
    }
    throw e;
  }
  return computeDeadlines({ licence, ...supposed, today });
}

export function runDeadlinesCommand(
  target: string,
  options: DeadlinesCommandOptions,
  ctx: Pick<CliContext, 'io' | 'documents' | 'clock'>,
): Promise<number> {
  const { io } = ctx;
  return runCommand(io, 'deadlines', options.lang, async () => {
    const today = parseToday(options.today, ctx.clock);
    const supposed = {
      events: options.events.map(parseEventOption),
      completions: options.done.map(parseDoneOption),
    };
    const report = await readReport(target, supposed, today, options, io, ctx.documents);
    if (options.ics) {
      // ical-generator is loaded only for --ics.
      const { licenceFeed } = await import('../calendar/ical-feed.js');
      io.stdout(licenceFeed(report, { lang: options.lang, stamp: ctx.clock.now() }));
    } else if (options.json) {
      io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      io.stdout(`${formatDeadlines(report, options.lang)}\n`);
    }
    return 0;
  });
}
