/**
 * The HTTP adapter's dependencies as the benches build them: the service's stores (main/registry.ts)
 * with text documents only, no reminder deliveries and no scans. One place, so a new dependency of
 * the app is added to every bench at once.
 */
import { textDocumentSource } from '../src/adapters/documents/text-document.js';
import { readElicenceFile } from '../src/adapters/elicence/read-elicence-file.js';
import type { HttpDeps } from '../src/adapters/http/http-deps.js';
import { memoryJobStore } from '../src/adapters/http/memory-job-store.js';
import { nodeHasher } from '../src/adapters/node-hasher.js';
import { nodeSecrets } from '../src/adapters/node-secrets.js';
import { fetchTransport } from '../src/adapters/notify/http-post.js';
import { reminderChannels } from '../src/adapters/notify/reminder-channels.js';
import { DEFAULT_MAX_DOCUMENT_BYTES } from '../src/app/documents/parse-document.js';
import type { RegistryServices } from '../src/main/registry.js';
import type { Clock } from '../src/ports/clock.js';

export const BENCH_DOCUMENTS = {
  sources: { text: textDocumentSource },
  hasher: nodeHasher,
  maxBytes: DEFAULT_MAX_DOCUMENT_BYTES,
};

export function benchHttpDeps(services: RegistryServices, clock: Clock): HttpDeps {
  const { registry, access, deadlines, signing, annualReports } = services;
  return {
    registry,
    access,
    accounts: services.accounts,
    audit: services.audit,
    signing,
    spotChecks: services.spotChecks,
    readElicenceFile,
    documents: BENCH_DOCUMENTS,
    obligations: deadlines.events,
    deadlines,
    annualReports,
    // no deliveries in the bench
    reminders: reminderChannels({ directory: services.reminderDirectory, post: fetchTransport }),
    scans: {
      jobs: memoryJobStore(),
      clock,
      secrets: nodeSecrets,
      scan: () => {
        throw new Error('no scans in the bench');
      },
    },
  };
}
