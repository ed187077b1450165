/**
 * Use case: scan a website in the background. Returns the job at once (status `running`); the
 * outcome lands in the job store. A domain error becomes the job's error (code and message); an
 * unexpected one is recorded as INTERNAL without its message.
 */
import { isDomainError } from '../../core/errors.js';
import type { Clock } from '../../ports/clock.js';
import type { JobStore, ScanJob } from '../../ports/job-store.js';
import type { Secrets } from '../../ports/secrets.js';
import type { Principal } from '../access/access-deps.js';
import { scanWebsite, type ScanLicenceChoice, type ScanWebsiteDeps } from './scan-website.js';

export interface ScanJobDeps {
  readonly jobs: JobStore;
  readonly clock: Clock;
  readonly secrets: Pick<Secrets, 'newId'>;
  /** the scan's adapters, for the caller's organisation */
  readonly scan: (organisation: string) => ScanWebsiteDeps;
}

export function startScanJob(
  url: string,
  licence: ScanLicenceChoice,
  who: Principal,
  deps: ScanJobDeps,
): { job: ScanJob; done: Promise<void> } {
  const job: ScanJob = {
    id: deps.secrets.newId(),
    organisation: who.organisation,
    url,
    status: 'running',
    createdAt: deps.clock.now().toISOString(),
    finishedAt: null,
    report: null,
    error: null,
  };
  deps.jobs.put(job);
  const done = scanWebsite(
    url,
    { today: deps.clock.today(), render: false, licence },
    deps.scan(who.organisation),
  ).then(
    ({ report }) => {
      deps.jobs.put({
        ...job,
        status: 'done',
        report,
        finishedAt: deps.clock.now().toISOString(),
      });
    },
    (e: unknown) => {
      deps.jobs.put({
        ...job,
        status: 'failed',
        finishedAt: deps.clock.now().toISOString(),
        error: isDomainError(e)
          ? { code: e.code, message: e.messageEn }
          : { code: 'INTERNAL', message: 'the scan failed unexpectedly' },
      });
    },
  );
  return { job, done };
}
