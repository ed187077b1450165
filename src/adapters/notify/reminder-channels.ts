/**
 * An organisation's reminder channels: each of its webhook subscriptions (signed with its secret,
 * POSTed through the SSRF-guarded transport, retried with back-off within a run) and, for the one
 * organisation the service's configuration names, the configured robots and e-mail.
 */
import { isDomainError } from '../../core/errors.js';
import type { AllowedHost } from '../../core/scan/address-policy.js';
import type { Notifier } from '../../ports/notifier.js';
import type {
  ProbeableNotifier,
  ReminderChannels,
  ReminderDirectory,
} from '../../ports/reminder-channels.js';
import { checkWebhookUrl, technicalDetail } from './guarded-post.js';
import type { PostTransport } from './http-post.js';
import { withRetry, type RetryOptions } from './retry.js';
import { webhookNotifier } from './webhook.notifier.js';

export interface ReminderChannelsOptions {
  readonly directory: Pick<
    ReminderDirectory,
    'listWebhookSubscriptions' | 'findWebhookSubscription'
  >;
  /** how webhook deliveries are POSTed: through the SSRF guard (guarded-post.ts) in the service */
  readonly post: PostTransport;
  /** webhook targets allowed past the address policy (the service's webhook allow-list) */
  readonly allow?: readonly AllowedHost[];
  /** the configured channels and the organisation they serve */
  readonly configured?: {
    readonly organisation: string;
    readonly notifiers: readonly Notifier[];
  };
  /** retries around each webhook delivery within a run (default: withRetry's 4 attempts) */
  readonly retry?: RetryOptions;
}

/** A channel the policy refuses: it fails at once, the refusal and its rule in the reminder log. */
function refusedChannel(id: string, refusal: unknown): Notifier {
  const said = isDomainError(refusal)
    ? refusal.messageEn
    : refusal instanceof Error
      ? refusal.message
      : String(refusal);
  const detail = technicalDetail(refusal);
  // the reminder log is the operator's: the rule and the setting belong there
  const message = detail === '' ? said : `${said} (${detail})`;
  return {
    id,
    send: () => Promise.reject(new Error(`${id}: ${message}`)),
  };
}

export function reminderChannels(options: ReminderChannelsOptions): ReminderChannels {
  const allow = options.allow ?? [];
  const channel = (w: { id: string; url: string; secret: string }): ProbeableNotifier =>
    webhookNotifier({ id: `webhook:${w.id}`, url: w.url, secret: w.secret, post: options.post });
  return {
    checkWebhookUrl(url) {
      checkWebhookUrl(url, allow);
    },
    async forOrganisation(org) {
      const webhooks = (await options.directory.listWebhookSubscriptions(org)).map((w) => {
        try {
          checkWebhookUrl(w.url, allow);
        } catch (e) {
          // refused by policy (a subscription older than the rule, an allow-list entry removed):
          // a failure to record at once, not one to retry within the run
          return refusedChannel(`webhook:${w.id}`, e);
        }
        return withRetry(channel(w), options.retry);
      });
      const configured =
        options.configured !== undefined && options.configured.organisation === org
          ? options.configured.notifiers
          : [];
      return [...webhooks, ...configured];
    },
    async webhook(org, id) {
      const w = await options.directory.findWebhookSubscription(org, id);
      if (w === undefined) return undefined;
      checkWebhookUrl(w.url, allow);
      return channel(w);
    },
  };
}
