/**
 * `xuke check FILE... [--today DATE] [--json] [--lang en]`: parse each document and check it.
 * Exit 0 when no file has an error-level finding, 1 when any has, 2 when any cannot be read (the
 * worst wins). One file with --json: the CheckReport, indented; several: one per line.
 */
import { isIsoDate } from '../../core/dates.js';
import { DomainError } from '../../core/errors.js';
import { checkDocument } from '../../app/check-document.js';
import type { ParseDocumentDeps } from '../../app/parse-document.js';
import type { CliIo } from './cli-io.js';
import { forEachDocument } from './each-document.js';
import { EXIT_CODE } from './exit-codes.js';
import { formatCheckReport } from './format-check-report.js';
import type { Lang } from './lang.js';

export interface CheckCommandOptions {
  readonly json: boolean;
  readonly lang: Lang;
  /** YYYY-MM-DD */
  readonly today: string;
}

/** Exit code when a document has at least one error-level finding. */
export const EXIT_FINDINGS = 1;

export async function runCheckCommand(
  files: readonly string[],
  options: CheckCommandOptions,
  io: CliIo,
  deps: ParseDocumentDeps,
): Promise<number> {
  if (!isIsoDate(options.today)) {
    const e = new DomainError(
      'INVALID_INPUT',
      `--today：“${options.today}”不是有效的 YYYY-MM-DD 日期`,
      `--today: "${options.today}" is not a valid YYYY-MM-DD date`,
    );
    io.stderr(`xuke check: ${options.lang === 'en' ? e.messageEn : e.message}\n`);
    return EXIT_CODE[e.code];
  }
  const context = { io, lang: options.lang, maxBytes: deps.maxBytes };
  return forEachDocument('check', files, context, async (bytes, file, index) => {
    const { report } = await checkDocument(bytes, file, options.today, deps);
    if (options.json) {
      io.stdout(JSON.stringify(report, null, files.length === 1 ? 2 : undefined) + '\n');
    } else {
      const head = files.length > 1 ? `== ${file}\n` : '';
      const text = formatCheckReport(report, options.today, options.lang);
      io.stdout(`${index > 0 ? '\n' : ''}${head}${text}\n`);
    }
    return report.findings.some((f) => f.severity === 'error') ? EXIT_FINDINGS : 0;
  });
}
