#!/usr/bin/env node
/**
 * Composition root of the `xuke` command: the settings it starts with, the adapters (services.ts,
 * each built when a command asks), handed to the command groups. The only place (with the
 * server's) that knows which adapter serves which port.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { createTerminalProgress } from '../adapters/documents/ocr-progress.js';
import { systemClock } from '../adapters/system-clock.js';
import { nodeCliIo } from '../adapters/cli/node-cli-io.js';
import type { CliContext, RegisterCommands } from '../adapters/cli/cli-context.js';
import { registerAnnualReportCommands } from '../adapters/cli/annual-report.commands.js';
import { registerBulkCheckCommands } from '../adapters/cli/bulk-check.command.js';
import { registerDocumentCommands } from '../adapters/cli/document.commands.js';
import { registerRegistryCommands } from '../adapters/cli/registry.commands.js';
import { registerReminderCommands } from '../adapters/cli/reminders.commands.js';
import { registerScanCommands } from '../adapters/cli/scan.commands.js';
import { registerServeCommands } from '../adapters/cli/serve.commands.js';
import { registerSpotCheckCommands } from '../adapters/cli/spot-check.commands.js';
import { registerTokenCommands } from '../adapters/cli/token.commands.js';
import { registerTrustCommands } from '../adapters/cli/trust.commands.js';
import { registerUserCommands } from '../adapters/cli/user.commands.js';
import { registerDeadlinesCommands } from '../adapters/cli/workdays-and-deadlines.commands.js';
import { createServices } from './services.js';

const packageRoot = fileURLToPath(new URL('../../', import.meta.url));
const { version } = JSON.parse(readFileSync(`${packageRoot}package.json`, 'utf8')) as {
  version: string;
};

/** What every command is handed; a settings problem (a bad XUKE_LANG) throws, exit 2. */
function context(): CliContext {
  // OCR shows its progress on a terminal
  const services = createServices(process.env, {
    onProgress: createTerminalProgress(process.stderr),
  });
  const { cli } = services.settings(['cli']);
  return {
    io: nodeCliIo,
    documents: services.documents,
    clock: systemClock,
    langOption: () =>
      new Option('--lang <lang>', '输出语言 output language: zh | en').default(cli.lang),
    packageRoot,
    services,
  };
}

/** Every group of commands, in the order `xuke --help` lists them. */
const COMMAND_GROUPS: readonly RegisterCommands[] = [
  registerDocumentCommands,
  registerRegistryCommands,
  registerTrustCommands,
  registerBulkCheckCommands,
  registerAnnualReportCommands,
  registerSpotCheckCommands,
  registerDeadlinesCommands,
  registerReminderCommands,
  registerScanCommands,
  // the server's composition root is loaded only when `xuke serve` runs
  (program, c) => {
    registerServeCommands(program, c, async () => {
      const { runServer } = await import('./server.js');
      return { runServer: (o) => runServer({ ...o, env: process.env }) };
    });
  },
  registerTokenCommands,
  registerUserCommands,
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
try {
  const ctx = context();
  for (const register of COMMAND_GROUPS) register(program, ctx);
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
