/**
 * `xuke check FILE... [--today DATE] [--json] [--lang en] [--org ORG] [--db URL]`: parse each
 * document, check it, and assess it against what its issuer recorded (docs/trust.md). With --org or
 * --db the registry is opened and each document is compared with the register of an authority on
 * this instance (or the organisation's official-query confirmation); without either nothing is
 * opened or created, and the verdict says the document was not compared.
 *
 * Exit 0 when no file has an error-level finding (register findings included), 1 when any has, 2
 * when any cannot be read (the worst wins). One file with --json: the report, indented; several:
 * one per line.
 */
import { assessReport, assessWith, type AssessedReport } from '../../app/trust/assess-report.js';
import { checkDocument } from '../../app/documents/check-document.js';
import type { ParseDocumentDeps } from '../../app/documents/parse-document.js';
import type { CheckReport } from '../../core/checks/index.js';
import type { Evidence } from '../../core/licence.js';
import { clockAsOf } from '../system-clock.js';
import type { CliContext } from './cli-context.js';
import type { CliIo } from './cli-io.js';
import type { RegistryOptions } from './cli-services.js';
import { forEachDocument } from './each-document.js';
import { formatCheckReport } from './format-check-report.js';
import type { Lang } from './lang.js';
import { parseToday, runCommand } from './run-command.js';

export interface CheckCommandOptions {
  readonly json: boolean;
  readonly lang: Lang;
  /** --today YYYY-MM-DD; the clock's today without it */
  readonly today?: string | undefined;
  /** --db / --org: assess against the registry; undefined: against nothing (no database) */
  readonly registry?: RegistryOptions | undefined;
}

/** Exit code when a document has at least one error-level finding. */
export const EXIT_FINDINGS = 1;

type Assess = (
  report: CheckReport,
  evidence: Readonly<Record<string, Evidence>>,
) => Promise<AssessedReport>;

export function runCheckCommand(
  files: readonly string[],
  options: CheckCommandOptions,
  ctx: Pick<CliContext, 'io' | 'documents' | 'clock' | 'services'>,
): Promise<number> {
  return runCommand(ctx.io, 'check', options.lang, async () => {
    const today = parseToday(options.today, ctx.clock);
    const run = (assess: Assess) =>
      checkEach(files, { ...options, today }, ctx.io, ctx.documents, assess);
    if (options.registry === undefined) {
      return run((report, evidence) =>
        Promise.resolve(assessWith(report, { kind: 'none' }, today, evidence)),
      );
    }
    // As of --today: a confirmation is current or fallen due by the day the check is made for.
    // An error opening the registry (a bad --db, an unreachable server) is the command's.
    return ctx.services.withRegistry(options.registry, clockAsOf(ctx.clock, today), (registry) =>
      run((report, evidence) =>
        assessReport(report, today, registry.who.organisation, registry.deps, evidence),
      ),
    );
  });
}

function checkEach(
  files: readonly string[],
  options: CheckCommandOptions & { readonly today: string },
  io: CliIo,
  deps: ParseDocumentDeps,
  assess: Assess,
): Promise<number> {
  const context = { io, lang: options.lang, maxBytes: deps.maxBytes };
  return forEachDocument('check', files, context, async (bytes, file, index) => {
    const { parse, report } = await checkDocument(bytes, file, options.today, deps);
    const assessed = await assess(report, parse.evidence);
    if (options.json) {
      io.stdout(JSON.stringify(assessed, null, files.length === 1 ? 2 : undefined) + '\n');
    } else {
      const head = files.length > 1 ? `== ${file}\n` : '';
      const text = formatCheckReport(assessed, options.today, options.lang);
      io.stdout(`${index > 0 ? '\n' : ''}${head}${text}\n`);
    }
    return assessed.findings.some((f) => f.severity === 'error') ? EXIT_FINDINGS : 0;
  });
}
