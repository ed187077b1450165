/** What the HTTP adapter is built from: the composition root (main/server.ts) or a test. */
import type { DocumentViews } from '../../ports/document-views.js';
import type { AccessDeps } from '../../app/access/access-deps.js';
import type { AccountDeps } from '../../app/accounts/account-deps.js';
import type { OidcClient } from '../../app/accounts/oidc-sign-in.js';
import type { AnnualReportDeps } from '../../app/annual-report/annual-report-deps.js';
import type { ReportView } from '../../app/annual-report/report-view.js';
import type { DeadlineDeps } from '../../app/deadlines/deadline-deps.js';
import type { ParseDocumentDeps } from '../../app/documents/parse-document.js';
import type { TrustDeps } from '../../app/registry/registry-deps.js';
import type { ScanJobDeps } from '../../app/scans/start-scan-job.js';
import type { SigningDeps } from '../../app/signing/signing-deps.js';
import type { SpotCheckDeps } from '../../app/spot-checks/spot-check-deps.js';
import type { ElicenceFile } from '../../core/elicence/types.js';
import type { ObligationEventStore } from '../../ports/obligation-event-store.js';
import type { AuditLog } from '../../ports/audit-log.js';
import type { ReminderChannels } from '../../ports/reminder-channels.js';
import type { JobQueue } from '../../ports/job-queue.js';
import type { BulkCheckScheduleStore } from '../../ports/bulk-check-schedule-store.js';
import type { AsyncDocumentThresholds } from './document-jobs.js';

export interface HttpDeps {
  readonly registry: TrustDeps;
  readonly access: AccessDeps;
  /** people: accounts, sessions, invitations, single sign-on, second factors (docs/accounts.md) */
  readonly accounts: AccountDeps;
  /** single sign-on's discovered provider (XUKE_OIDC_*); absent or null: not configured */
  readonly oidc?: OidcClient | null;
  /** the audit log read with filters (docs/accounts.md) */
  readonly audit: AuditLog;
  readonly documents: ParseDocumentDeps;
  /** what a scan job's handler needs (the jobs themselves are on the queue) */
  readonly scans: ScanJobDeps;
  /**
   * the job queue (docs/http-api.md "Jobs"): documents read asynchronously, scans, bulk checks; the
   * jobs routes read and cancel its jobs
   */
  readonly jobs: JobQueue;
  /** bulk checks' scheduled re-checks (docs/bulk-check.md); absent: their routes answer 404 */
  readonly bulkCheckSchedules?: BulkCheckScheduleStore;
  /**
   * when POST /documents answers 202 with a job: a body over `bytes` or a PDF of more than `pages`
   * pages (XUKE_ASYNC_DOCUMENT_BYTES, XUKE_ASYNC_DOCUMENT_PAGES; default 4 MiB and 4 pages), or a
   * request with `Prefer: respond-async`
   */
  readonly asyncDocuments?: AsyncDocumentThresholds;
  /**
   * the registry with the obligation events holders record (deadlines.md) and the occurrences
   * they marked done, with their evidence: the deadline use cases' dependencies
   */
  readonly deadlines: DeadlineDeps;
  /** the deadlines and the register with the annual-report cycle's records */
  readonly annualReports: AnnualReportDeps;
  /** the annual report printed to PDF (Chromium); absent: the PDF route answers 503 */
  readonly renderAnnualReportPdf?: (view: ReportView) => Promise<Uint8Array>;
  /** the obligation events (`deadlines.events`), as the licence and insight routes read them */
  readonly obligations: ObligationEventStore;
  /** reminder channels: a webhook's test delivery, the address policy for webhook URLs */
  readonly reminders: ReminderChannels;
  /** the registry with signing keys, the register's log and follows (docs/elicence.md) */
  readonly signing: SigningDeps;
  /** an authority's random spot checks and their publication (docs/spot-checks.md) */
  readonly spotChecks: SpotCheckDeps;
  /** an uploaded e-licence file's JSON, or its QR's text read off a PDF or a photo */
  readonly readElicenceFile: (bytes: Uint8Array, name: string) => Promise<ElicenceFile>;
  /** a stored original's media type and page images (adapters/documents/page-images.ts) */
  readonly originals: DocumentViews;
}

export interface HttpOptions {
  /** fastify's logger: false in tests, pino options in the server */
  readonly logger?: boolean | Record<string, unknown>;
  /** request body cap in bytes (documents included); over it is 413 */
  readonly bodyLimit?: number;
  /**
   * requests per minute: per token or signed-in person, and per client address (an IPv6 client by
   * its /64) for requests without valid credentials, counted before any look-up (rate-limits.ts)
   */
  readonly rateLimitPerMinute?: number;
  /** how often the summary of refused requests is logged at info, in ms; default a minute */
  readonly rateLimitSummaryMs?: number;
  /**
   * XUKE_TRUST_PROXY: the peers (addresses, CIDRs) whose X-Forwarded-For is believed; the client
   * is then the right-most hop not among them. Empty or absent: the peer is the client.
   */
  readonly trustProxy?: readonly string[];
  /** requests per address per minute to the public verification */
  readonly publicRateLimitPerMinute?: number;
  /**
   * the organisation whose admins administer the instance (create and list organisations, switch
   * to another organisation's side); XUKE_ADMIN_ORG, default `demo`
   */
  readonly adminOrganisation?: string;
  /** origins allowed cross-origin requests; none (no CORS headers) unless configured */
  readonly corsOrigins?: readonly string[];
  /** the base URL links are printed with (calendar feeds) */
  readonly publicUrl?: string;
  /** the built web UI (dist/web), served under `/`; without it a page says it is not built */
  readonly webRoot?: string;
}
