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
import { assessReport, assessWith, type AssessedReport } from '../../app/assess-report.js';
import { checkDocument } from '../../app/check-document.js';
import type { ParseDocumentDeps } from '../../app/parse-document.js';
import { isIsoDate } from '../../core/dates.js';
import { DomainError, isDomainError } from '../../core/errors.js';
import type { CheckReport } from '../../core/checks/index.js';
import type { Evidence } from '../../core/licence.js';
import { clockAsOf } from '../system-clock.js';
import type { CliContext } from './cli-context.js';
import type { CliIo } from './cli-io.js';
import { forEachDocument } from './each-document.js';
import { EXIT_CODE, EXIT_INTERNAL } from './exit-codes.js';
import { formatCheckReport } from './format-check-report.js';
import type { Lang } from './lang.js';
import type { RegistryOptions } from './registry/open-registry.js';

export interface CheckCommandOptions {
  readonly json: boolean;
  readonly lang: Lang;
  /** YYYY-MM-DD */
  readonly today: string;
  /** --db / --org: assess against the registry; undefined: against nothing (no database) */
  readonly registry?: RegistryOptions | undefined;
}

/** Exit code when a document has at least one error-level finding. */
export const EXIT_FINDINGS = 1;

type Assess = (
  report: CheckReport,
  evidence: Readonly<Record<string, Evidence>>,
) => Promise<AssessedReport>;

export async function runCheckCommand(
  files: readonly string[],
  options: CheckCommandOptions,
  io: CliIo,
  deps: ParseDocumentDeps,
  ctx?: Pick<CliContext, 'env' | 'clock'>,
): Promise<number> {
  const { today } = options;
  if (!isIsoDate(today)) {
    const e = new DomainError(
      'INVALID_INPUT',
      `--today：“${today}”不是有效的 YYYY-MM-DD 日期`,
      `--today: "${today}" is not a valid YYYY-MM-DD date`,
    );
    io.stderr(`xuke check: ${options.lang === 'en' ? e.messageEn : e.message}\n`);
    return EXIT_CODE[e.code];
  }
  const run = (assess: Assess) => checkEach(files, options, io, deps, assess);
  if (options.registry === undefined || ctx === undefined) {
    return run((report, evidence) =>
      Promise.resolve(assessWith(report, { kind: 'none' }, today, evidence)),
    );
  }
  const { withRegistry } = await import('./registry/with-registry.js');
  try {
    // As of --today: a confirmation is current or fallen due by the day the check is made for.
    const clock = clockAsOf(ctx.clock, today);
    return await withRegistry(options.registry, { env: ctx.env, clock }, (registry) =>
      run((report, evidence) =>
        assessReport(report, today, registry.who.organisation, registry.deps, evidence),
      ),
    );
  } catch (e) {
    // the registry could not be opened (a bad --db, an unreachable server)
    if (isDomainError(e)) {
      io.stderr(`xuke check: ${options.lang === 'en' ? e.messageEn : e.message}\n`);
      return EXIT_CODE[e.code];
    }
    io.stderr(`xuke check: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT_INTERNAL;
  }
}

function checkEach(
  files: readonly string[],
  options: CheckCommandOptions,
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
