import type {
  AnnualReportAttachmentTable,
  AnnualReportHistoryTable,
  AnnualReportTable,
  CreditListEntryTable,
  MakeUpOrderTable,
} from './annual-report.table.js';
import type {
  InvitationTable,
  MembershipTable,
  OidcFlowTable,
  OidcIdentityTable,
  OrganisationAccessTable,
  RecoveryCodeTable,
  SessionTable,
  SignInLinkTable,
  SignInThrottleTable,
  UserTable,
} from './account.table.js';
import type { ApiTokenTable, ObligationEventTable, WebhookTable } from './api-access.table.js';
import type { AuditHeadTable, AuditLogTable } from './audit.table.js';
import type { BulkCheckScheduleTable } from './bulk-check-schedule.table.js';
import type { DocumentTable } from './document.table.js';
import type { JobTable } from './job.table.js';
import type { UsageCounterTable } from './usage.table.js';
import type { LicenceDomainTable, LicenceNameGramTable } from './licence-domain.table.js';
import type { LicenceEventTable } from './licence-event.table.js';
import type { LicenceVersionTable } from './licence-version.table.js';
import type { LicenceTable } from './licence.table.js';
import type { ConfirmationTable, OrganisationTable } from './organisation.table.js';
import type {
  CompletionEvidenceTable,
  ObligationCompletionTable,
  ReminderLogTable,
} from './reminders.table.js';
import type {
  RegisterCheckpointTable,
  RegisterFollowIncidentTable,
  RegisterFollowTable,
  RegisterLogTable,
  SigningKeyTable,
} from './signatures.table.js';
import type { SpotCheckDrawTable, SpotCheckResultTable } from './spot-check.table.js';

/** The schema as Kysely sees it. */
export interface Database {
  organisations: OrganisationTable;
  documents: DocumentTable;
  licences: LicenceTable;
  licence_versions: LicenceVersionTable;
  licence_domains: LicenceDomainTable;
  licence_name_grams: LicenceNameGramTable;
  licence_events: LicenceEventTable;
  audit_log: AuditLogTable;
  audit_heads: AuditHeadTable;
  api_tokens: ApiTokenTable;
  webhooks: WebhookTable;
  obligation_events: ObligationEventTable;
  obligation_completions: ObligationCompletionTable;
  completion_evidence: CompletionEvidenceTable;
  reminder_log: ReminderLogTable;
  confirmations: ConfirmationTable;
  signing_keys: SigningKeyTable;
  register_log: RegisterLogTable;
  register_checkpoints: RegisterCheckpointTable;
  register_follows: RegisterFollowTable;
  register_follow_incidents: RegisterFollowIncidentTable;
  annual_reports: AnnualReportTable;
  annual_report_history: AnnualReportHistoryTable;
  annual_report_attachments: AnnualReportAttachmentTable;
  make_up_orders: MakeUpOrderTable;
  credit_list_entries: CreditListEntryTable;
  spot_check_draws: SpotCheckDrawTable;
  spot_check_results: SpotCheckResultTable;
  users: UserTable;
  memberships: MembershipTable;
  sessions: SessionTable;
  sign_in_links: SignInLinkTable;
  invitations: InvitationTable;
  sign_in_throttle: SignInThrottleTable;
  oidc_identities: OidcIdentityTable;
  oidc_flows: OidcFlowTable;
  organisation_access: OrganisationAccessTable;
  recovery_codes: RecoveryCodeTable;
  jobs: JobTable;
  usage_counters: UsageCounterTable;
  bulk_check_schedules: BulkCheckScheduleTable;
}

export type SqlDialect = 'sqlite' | 'postgres';
