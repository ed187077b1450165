/**
 * The composition root's factory: every adapter xuke has, built in one place for the service
 * (server.ts) and every CLI command (cli.ts hands it to them as `ctx.services`), each when a process
 * first asks for it. The database and its stores (registry.ts), the reminder channels, the guarded
 * fetcher and the browser are imported only then, so `xuke parse` never loads Kysely, a database
 * driver, undici or playwright. Settings come from the one schema (config/settings.ts).
 */
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { readKeyPassphrase } from '../adapters/crypto/key-encryption.js';
import type { CliRegistry, CliServices, RegistryOptions } from '../adapters/cli/cli-services.js';
import { createDocumentTextSources } from '../adapters/documents/ocr-document-sources.js';
import { createOcrAdmission } from '../adapters/documents/ocr-admission.js';
import type { OnProgress } from '../adapters/documents/ocr-pool.js';
import { nodeHasher } from '../adapters/node-hasher.js';
import { nodeDrawRandomness } from '../adapters/node-draw-randomness.js';
import { nodeSecrets } from '../adapters/node-secrets.js';
import type { ReminderDelivery } from '../adapters/notify/reminder-delivery.js';
import {
  DEFAULT_MAX_DOCUMENT_BYTES,
  type ParseDocumentDeps,
} from '../app/documents/parse-document.js';
import type { Config, ConfigOverrides, DatabaseConfig } from '../config/load-config.js';
import { loadSettings, type Settings, type SettingsSection } from '../config/load-settings.js';
import type { ReminderConfig } from '../config/reminder-config.js';
import type { Env } from '../config/settings.js';
import type { ReminderDirectory } from '../ports/reminder-channels.js';
import type { OpenRegistry, RegistryServiceOptions, RegistryServices } from './registry.js';

export interface ServicesOptions {
  /** OCR progress (a terminal's) */
  readonly onProgress?: OnProgress | undefined;
  /** load the PDF reader at once (a service, at start), not on the first PDF (the CLI) */
  readonly preloadPdf?: boolean;
}

export interface Services extends CliServices {
  /** the named sections of the settings; one DomainError INVALID_INPUT lists every problem */
  settings<const S extends SettingsSection>(
    sections: readonly S[],
    overrides?: ConfigOverrides,
  ): Pick<Settings, S>;
  /** text, PDF and scans (PNG, JPEG, TIFF) through the `tesseract` CLI */
  readonly documents: ParseDocumentDeps;
  /** the database, migrated, with the stores over it */
  openRegistry(config: DatabaseConfig, options: RegistryServiceOptions): Promise<OpenRegistry>;
  /** the reminder channels of `config`: webhook subscriptions from `directory`, robots, e-mail */
  reminderDelivery(directory: ReminderDirectory, config: ReminderConfig): Promise<ReminderDelivery>;
  /** the guarded fetcher; `allowSetting` names where `allowHosts` come from in its refusals */
  safeFetcher(
    allowHosts: readonly string[],
    allowSetting?: string,
  ): ReturnType<CliServices['safeFetcher']>;
}

/**
 * The key-encryption passphrase of `config` (XUKE_KEY_PASSPHRASE or the file of
 * XUKE_KEY_PASSPHRASE_FILE), read when a signing key is first used, not at start, and kept.
 */
export function keyPassphraseOf(config: Config): () => string | undefined {
  // read once (every checkpoint, log entry and e-licence asks), and again only after a failure
  let read: { value: string | undefined } | undefined;
  return () =>
    (read ??= {
      value: readKeyPassphrase(
        { passphrase: config.keyPassphrase, file: config.keyPassphraseFile },
        (path) => readFileSync(path, 'utf8'),
      ),
    }).value;
}

/** Who the CLI records as acting without --actor or XUKE_ACTOR: `cli:<login>`. */
function loginActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

export function createServices(env: Env, options: ServicesOptions = {}): Services {
  let documents: ParseDocumentDeps | undefined;

  const services: Services = {
    settings: (sections, overrides) => loadSettings(env, sections, overrides),

    get documents(): ParseDocumentDeps {
      if (documents === undefined) {
        const { tesseract, tessdata, ocrEngines, ocrPagesInFlight, ocrQueuePages } = loadSettings(
          env,
          ['documents'],
        ).documents;
        documents = {
          sources: createDocumentTextSources({
            // the process's one OCR bound: every document of every organisation passes it
            admission: createOcrAdmission({
              ...(ocrPagesInFlight === null ? {} : { pagesInFlight: ocrPagesInFlight }),
              ...(ocrQueuePages === null ? {} : { queuePages: ocrQueuePages }),
            }),
            engines: ocrEngines,
            tesseract: {
              ...(tesseract === null ? {} : { binary: tesseract }),
              ...(tessdata === null ? {} : { tessdataDir: tessdata }),
            },
            ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
            preload: options.preloadPdf ?? false,
          }),
          hasher: nodeHasher,
          maxBytes: DEFAULT_MAX_DOCUMENT_BYTES,
        };
      }
      return documents;
    },

    secrets: nodeSecrets,
    drawRandomness: nodeDrawRandomness,

    openRegistry: async (config, registryOptions) => {
      const { openRegistry } = await import('./registry.js');
      return openRegistry(config, registryOptions);
    },

    withRegistry: async (flags, clock, run) => {
      const settings = loadSettings(env, ['registry', 'cli'], {
        databaseUrl: flags.db,
        organisation: flags.org,
      });
      const config = settings.registry;
      const opened = await services.openRegistry(config.database, {
        clock,
        confirmationDays: config.confirmationDays,
        keyPassphrase: keyPassphraseOf(config),
        // the CLI starts no session and sends no mail: its links point at the public URL
        accounts: {
          sessionPolicy: { idleMinutes: 120, maxHours: 12 },
          mail: null,
          publicUrl: config.publicUrl,
        },
      });
      try {
        return await run(cliRegistry(opened, flags, settings));
      } finally {
        await opened.close();
      }
    },

    reminderConfig: () => loadSettings(env, ['reminders']).reminders,

    reminderDelivery: async (directory, config) => {
      const { createReminderDelivery } = await import('../adapters/notify/reminder-delivery.js');
      return createReminderDelivery(config, directory);
    },

    safeFetcher: async (allowHosts, allowSetting) => {
      const { createSafeFetcher } = await import('../adapters/web/safe-fetcher.js');
      return createSafeFetcher({
        allowHosts,
        ...(allowSetting === undefined ? {} : { allowSetting }),
      });
    },

    elicenceTools: async () => {
      const [{ signatureCrypto }, { readElicenceFile }] = await Promise.all([
        import('../adapters/crypto/signature-crypto.js'),
        import('../adapters/elicence/read-elicence-file.js'),
      ]);
      return {
        crypto: signatureCrypto,
        readFile: readElicenceFile,
        renderPdf: async (elicence, qrText) => {
          const { renderElicencePdf } = await import('../adapters/elicence/certificate-pdf.js');
          return renderElicencePdf(elicence, qrText);
        },
      };
    },

    annualReportPdf: async (view) => {
      const { renderAnnualReportPdf } = await import('../adapters/annual-report/report-pdf.js');
      return renderAnnualReportPdf(view);
    },

    chromiumRenderer: async () => {
      const { createChromiumRenderer } = await import('../adapters/web/chromium-renderer.js');
      return createChromiumRenderer();
    },
  };

  /** The registry as a CLI command sees it. */
  function cliRegistry(
    opened: OpenRegistry,
    flags: RegistryOptions,
    settings: Pick<Settings, 'registry' | 'cli'>,
  ): CliRegistry {
    return {
      deps: opened.registry,
      who: {
        organisation: settings.registry.organisation,
        actor: flags.actor ?? settings.cli.actor ?? loginActor(),
      },
      deadlines: opened.deadlines,
      annualReports: opened.annualReports,
      access: opened.access,
      accounts: opened.accounts,
      signing: opened.signing,
      spotChecks: opened.spotChecks,
      publicUrl: settings.registry.publicUrl,
      statistics: opened.statistics,
      database: { location: opened.database.location, dialect: opened.database.dialect },
      applied: opened.applied,
      withReminderRun: ({ config, clock, dryRun }, run) => {
        const over = async (registry: RegistryServices) => {
          const delivery = await services.reminderDelivery(registry.reminderDirectory, config);
          try {
            return await run(
              registry.reminderRun(delivery.channels, { clock, leads: config.leadWorkdays }),
            );
          } finally {
            await delivery.close();
          }
        };
        return dryRun ? opened.rolledBack(over) : over(opened);
      },
    };
  }

  return services;
}
