/**
 * The HTTP adapter's dependencies as the benches build them: the service's stores (main/registry.ts)
 * with text documents only, no reminder deliveries and no scans. One place, so a new dependency of
 * the app is added to every bench at once.
 */
import { documentViews } from '../src/adapters/documents/page-images.js';
import { textDocumentSource } from '../src/adapters/documents/text-document.js';
import { readElicenceFile } from '../src/adapters/elicence/read-elicence-file.js';
import type { HttpDeps } from '../src/adapters/http/http-deps.js';
import { nodeHasher } from '../src/adapters/node-hasher.js';
import { fetchTransport } from '../src/adapters/notify/http-post.js';
import { reminderChannels } from '../src/adapters/notify/reminder-channels.js';
import { DEFAULT_MAX_DOCUMENT_BYTES } from '../src/app/documents/parse-document.js';
import type { RegistryServices } from '../src/main/registry.js';
import type { Clock } from '../src/ports/clock.js';
import { DomainError } from '../src/core/errors.js';
import type { JobQueue } from '../src/ports/job-queue.js';

export const BENCH_DOCUMENTS = {
  sources: { text: textDocumentSource },
  hasher: nodeHasher,
  maxBytes: DEFAULT_MAX_DOCUMENT_BYTES,
};

/** No queued work in the benches: a queue that holds nothing and refuses new jobs (BUSY). */
const NO_JOBS: JobQueue = {
  enqueue: () => Promise.reject(new DomainError('BUSY', '基准测试不排队', 'No jobs in the bench')),
  get: () => Promise.resolve(undefined),
  list: () => Promise.resolve({ items: [], next: null }),
  pending: () => Promise.resolve(0),
  depth: () => Promise.resolve(0),
  cancel: () => Promise.resolve(undefined),
  work: () => undefined,
  every: () => undefined,
  start: () => Promise.resolve(),
  stop: () => Promise.resolve(),
};

export function benchHttpDeps(
  services: RegistryServices,
  clock: Clock,
  jobs: JobQueue = NO_JOBS,
): HttpDeps {
  const { registry, access, deadlines, signing, annualReports } = services;
  return {
    registry,
    access,
    accounts: services.accounts,
    audit: services.audit,
    signing,
    spotChecks: services.spotChecks,
    readElicenceFile,
    originals: documentViews,
    documents: BENCH_DOCUMENTS,
    obligations: deadlines.events,
    deadlines,
    annualReports,
    // no deliveries in the bench
    reminders: reminderChannels({ directory: services.reminderDirectory, post: fetchTransport }),
    jobs,
    scans: {
      clock,
      scan: () => {
        throw new Error('no scans in the bench');
      },
    },
  };
}
