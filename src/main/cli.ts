#!/usr/bin/env node
/**
 * Composition root of the `xuke` command: reads configuration, builds the adapters, hands them to
 * the commands. The only place (with the server's) that knows which adapter serves which port.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { DEFAULT_MAX_DOCUMENT_BYTES, type ParseDocumentDeps } from '../app/parse-document.js';
import { textDocumentSource } from '../adapters/documents/text-document.js';
import { nodeHasher } from '../adapters/node-hasher.js';
import { nodeCliIo } from '../adapters/cli/node-cli-io.js';
import { runParseCommand } from '../adapters/cli/parse.command.js';
import { parseLang } from '../adapters/cli/lang.js';
import { runCheckCommand } from '../adapters/cli/check.command.js';
import { formatRules } from '../adapters/cli/format-check-report.js';
import { systemClock } from '../adapters/system-clock.js';
import { RULES } from '../core/checks/index.js';

const packageRoot = fileURLToPath(new URL('../../', import.meta.url));
const { version } = JSON.parse(readFileSync(`${packageRoot}package.json`, 'utf8')) as {
  version: string;
};
/** The seed licence that ships with xuke (京B2-20180910). */
export const SEED_DOCUMENT = `${packageRoot}fixtures/seed/jing-b2-20180910.txt`;

const deps: ParseDocumentDeps = {
  sources: { text: textDocumentSource },
  hasher: nodeHasher,
  maxBytes: DEFAULT_MAX_DOCUMENT_BYTES,
};

const langOption = (): Option =>
  new Option('--lang <lang>', '输出语言 output language: zh | en').default(
    process.env['XUKE_LANG'] || 'zh',
  );

const program = new Command()
  .name('xuke')
  .description(
    '许可 xuke：增值电信业务经营许可证的解析、核验与合规管理\nChina value-added telecom licences: parse, check, track, verify',
  )
  .version(version)
  .showHelpAfterError()
  .exitOverride();

program
  .command('parse')
  .description('解析许可证文件（- 为标准输入） / parse licence documents (- for stdin)')
  .argument('<files...>', 'licence documents: text (UTF-8, GB18030, UTF-16)')
  .option('--json', '输出 JSON（xuke.licence/v1） / print the ParseResult as JSON', false)
  .addOption(langOption())
  .action(async (files: string[], opts: { json: boolean; lang: string }) => {
    process.exitCode = await runParseCommand(
      files,
      { json: opts.json, lang: parseLang(opts.lang) },
      nodeCliIo,
      deps,
    );
  });

program
  .command('check')
  .description('解析并核验许可证文件 / parse and check licence documents')
  .argument('<files...>', 'licence documents (- for stdin)')
  .option('--today <date>', '核验日期 YYYY-MM-DD（默认为北京时间今天） / the day to check as of')
  .option('--json', '输出 JSON（xuke.check/v1） / print the CheckReport as JSON', false)
  .addOption(langOption())
  .action(async (files: string[], opts: { json: boolean; lang: string; today?: string }) => {
    process.exitCode = await runCheckCommand(
      files,
      { json: opts.json, lang: parseLang(opts.lang), today: opts.today ?? systemClock.today() },
      nodeCliIo,
      deps,
    );
  });

program
  .command('rules')
  .description('列出核验规则 / list the check rules')
  .addOption(langOption())
  .action((opts: { lang: string }) => {
    process.stdout.write(`${formatRules(RULES, parseLang(opts.lang))}\n`);
  });

program
  .command('demo')
  .description('解析随附的示例许可证并显示摘要 / parse and summarise the bundled seed licence')
  .addOption(langOption())
  .action(async (opts: { lang: string }) => {
    process.exitCode = await runParseCommand(
      [SEED_DOCUMENT],
      { json: false, lang: parseLang(opts.lang) },
      nodeCliIo,
      deps,
    );
  });

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    // --help and --version end here with code 0; usage errors are exit 2.
    process.exitCode = e.exitCode === 0 ? 0 : 2;
  } else {
    process.stderr.write(`xuke: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  }
}
