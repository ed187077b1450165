#!/usr/bin/env node
/**
 * Composition root of the `xuke` command: reads configuration, builds the adapters, hands them to
 * the command groups. The only place (with the server's) that knows which adapter serves which port.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { DEFAULT_MAX_DOCUMENT_BYTES } from '../app/parse-document.js';
import { createDocumentTextSources } from '../adapters/documents/ocr-document-sources.js';
import { createTerminalProgress } from '../adapters/documents/ocr-progress.js';
import { nodeHasher } from '../adapters/node-hasher.js';
import { systemClock } from '../adapters/system-clock.js';
import { nodeCliIo } from '../adapters/cli/node-cli-io.js';
import type { CliContext, RegisterCommands } from '../adapters/cli/cli-context.js';
import { registerDocumentCommands } from '../adapters/cli/document.commands.js';
import { registerRegistryCommands } from '../adapters/cli/registry.commands.js';
import { registerDeadlinesCommands } from '../adapters/cli/deadlines.commands.js';
import { registerReminderCommands } from '../adapters/cli/reminders.commands.js';
import { registerScanCommands } from '../adapters/cli/scan.commands.js';
import { registerServeCommands } from '../adapters/cli/serve.commands.js';
import { registerTokenCommands } from '../adapters/cli/token.commands.js';
import { registerTrustCommands } from '../adapters/cli/trust.commands.js';

const packageRoot = fileURLToPath(new URL('../../', import.meta.url));
const { version } = JSON.parse(readFileSync(`${packageRoot}package.json`, 'utf8')) as {
  version: string;
};

const ctx: CliContext = {
  io: nodeCliIo,
  documents: {
    // text, PDF and scans (PNG, JPEG, TIFF) through the `tesseract` CLI; progress on a terminal
    sources: createDocumentTextSources({
      env: process.env,
      onProgress: createTerminalProgress(process.stderr),
    }),
    hasher: nodeHasher,
    maxBytes: DEFAULT_MAX_DOCUMENT_BYTES,
  },
  clock: systemClock,
  langOption: () =>
    new Option('--lang <lang>', '输出语言 output language: zh | en').default(
      process.env['XUKE_LANG'] || 'zh',
    ),
  packageRoot,
  env: process.env,
};

/** Every group of commands, in the order `xuke --help` lists them. */
const COMMAND_GROUPS: readonly RegisterCommands[] = [
  registerDocumentCommands,
  registerRegistryCommands,
  registerTrustCommands,
  registerDeadlinesCommands,
  registerReminderCommands,
  registerScanCommands,
  // the server's composition root is loaded only when `xuke serve` runs
  (program, c) => {
    registerServeCommands(program, c, () => import('./server.js'));
  },
  registerTokenCommands,
];

const program = new Command()
  .name('xuke')
  .description(
    '许可 xuke：增值电信业务经营许可证的解析、核验与合规管理\nChina value-added telecom licences: parse, check, track, verify',
  )
  .version(version)
  // A group's options stop at its subcommand's name (`deadlines done … --json` is done's --json).
  .enablePositionalOptions()
  .showHelpAfterError()
  .exitOverride();
for (const register of COMMAND_GROUPS) register(program, ctx);

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
