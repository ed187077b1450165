/**
 * Where an organisation's reminders go, as the reminder use cases see it: its webhook subscriptions
 * (signed, through the SSRF guard) and the channels the service's configuration gives it (DingTalk,
 * Feishu/Lark, WeCom robots, e-mail). The composition root builds them; the use cases only send.
 */
import type { Notifier, Reminder } from './notifier.js';

/** One delivery attempt's outcome, as a channel test reports it. */
export interface DeliveryReport {
  readonly ok: boolean;
  /** the receiver's HTTP status; null when none answered (refused, unreachable, timed out) */
  readonly status: number | null;
  /** what went wrong and what to do, in English words, without secrets; null when ok */
  readonly error: string | null;
  /** the same in zh-CN; null when ok */
  readonly errorZh: string | null;
  /**
   * the technical detail (the system's error code, the address policy's rule, the setting that
   * lets a receiver in), without secrets: for the server's log, never shown to the person testing
   */
  readonly detail: string | null;
}

/** A channel that can be tried once, reporting instead of throwing (a webhook's "send a test"). */
export interface ProbeableNotifier extends Notifier {
  probe(reminder: Reminder): Promise<DeliveryReport>;
}

export interface ReminderChannels {
  /**
   * Throw DomainError TARGET_REFUSED when the address policy refuses a webhook URL (scheme,
   * credentials, port, localhost, metadata hosts, private and reserved address literals): before a
   * subscription is stored and before a test. Delivery checks every resolved address again.
   */
  checkWebhookUrl(url: string): void;
  /** Every channel of the organisation: its webhook subscriptions and the configured channels. */
  forOrganisation(org: string): Promise<Notifier[]>;
  /** One webhook subscription of the organisation, without retries; undefined when it has none. */
  webhook(org: string, id: string): Promise<ProbeableNotifier | undefined>;
}

/** A webhook subscription with the secret its deliveries are signed with (never shown again). */
export interface WebhookSubscription {
  readonly id: string;
  readonly organisation: string;
  readonly url: string;
  readonly secret: string;
}

/** What the scheduler reads to find whom to remind. */
export interface ReminderDirectory {
  /** organisations that hold at least one licence */
  listOrganisations(): Promise<string[]>;
  listWebhookSubscriptions(org: string): Promise<WebhookSubscription[]>;
  findWebhookSubscription(org: string, id: string): Promise<WebhookSubscription | undefined>;
}
