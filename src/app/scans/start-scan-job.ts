/**
 * Use case: a website scan as a queued job (kind `scan`, docs/http-api.md "Jobs"): `startScanJob`
 * queues it and returns the job at once; `runScanJob` is its handler (src/main/job-handlers.ts),
 * whose result is the xuke.scan/v1 report. A DomainError (a refused target) fails the job with its
 * code; anything else is retried by the queue. Each organisation has at most
 * MAX_PENDING_SCANS scans queued or running.
 */
import { DomainError } from '../../core/errors.js';
import type { Clock } from '../../ports/clock.js';
import type { JobContext, JobQueue, JobRecord, Json } from '../../ports/job-queue.js';
import type { Principal } from '../access/access-deps.js';
import { scanWebsite, type ScanLicenceChoice, type ScanWebsiteDeps } from './scan-website.js';

/** What a scan job's handler needs. */
export interface ScanJobDeps {
  readonly clock: Pick<Clock, 'today'>;
  /** the scan's adapters, for the job's organisation */
  readonly scan: (organisation: string) => ScanWebsiteDeps;
}

/** A scan job's input. */
export interface ScanJobInput {
  readonly url: string;
  readonly licence: ScanLicenceChoice;
}

export const MAX_PENDING_SCANS = 10;
/** one attempt's time limit: a static fetch of a page with its redirects */
const SCAN_TIMEOUT_SECONDS = 120;

export async function startScanJob(
  url: string,
  licence: ScanLicenceChoice,
  who: Principal,
  jobs: JobQueue,
): Promise<JobRecord> {
  if ((await jobs.pending(who.organisation, 'scan')) >= MAX_PENDING_SCANS) {
    throw new DomainError(
      'RATE_LIMITED',
      `本机构已有 ${MAX_PENDING_SCANS} 个扫描在排队或运行；请等待其完成后再提交`,
      `This organisation has ${MAX_PENDING_SCANS} scans queued or running; wait for one to finish`,
      { retryAfterSeconds: 30 },
    );
  }
  const input: ScanJobInput = { url, licence };
  return jobs.enqueue({
    kind: 'scan',
    organisation: who.organisation,
    owner: who.actor,
    input: input as unknown as Json,
    maxAttempts: 2,
    timeoutSeconds: SCAN_TIMEOUT_SECONDS,
  });
}

/** The scan's URL as the job was started with it. */
export function scanJobInput(job: Pick<JobRecord, 'input'>): ScanJobInput {
  return job.input as unknown as ScanJobInput;
}

/** The `scan` handler: one attempt of the scan; its result is the report. */
export async function runScanJob(context: JobContext, deps: ScanJobDeps): Promise<Json> {
  const { url, licence } = scanJobInput(context.job);
  context.progress(0, 1);
  const { report } = await scanWebsite(
    url,
    { today: deps.clock.today(), render: false, licence },
    deps.scan(context.job.organisation),
  );
  context.progress(1, 1);
  return report as unknown as Json;
}
