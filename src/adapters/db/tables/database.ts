import type { ApiTokenTable, ObligationEventTable, WebhookTable } from './api-access.table.js';
import type { AuditHeadTable, AuditLogTable } from './audit.table.js';
import type { DocumentTable } from './document.table.js';
import type { LicenceDomainTable, LicenceNameGramTable } from './licence-domain.table.js';
import type { LicenceEventTable } from './licence-event.table.js';
import type { LicenceVersionTable } from './licence-version.table.js';
import type { LicenceTable } from './licence.table.js';
import type { ConfirmationTable, OrganisationTable } from './organisation.table.js';
import type { ObligationCompletionTable, ReminderLogTable } from './reminders.table.js';
import type {
  RegisterCheckpointTable,
  RegisterFollowIncidentTable,
  RegisterFollowTable,
  RegisterLogTable,
  SigningKeyTable,
} from './signatures.table.js';

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
  reminder_log: ReminderLogTable;
  confirmations: ConfirmationTable;
  signing_keys: SigningKeyTable;
  register_log: RegisterLogTable;
  register_checkpoints: RegisterCheckpointTable;
  register_follows: RegisterFollowTable;
  register_follow_incidents: RegisterFollowIncidentTable;
}

export type SqlDialect = 'sqlite' | 'postgres';
