/**
 * Where reminders go: a channel (generic webhook, DingTalk, Feishu/Lark, WeCom robot, e-mail).
 * Adapters format the reminder in their channel's own message format and throw when the channel
 * refuses it; retries with back-off wrap them (adapters/notify/retry.ts).
 */
import type { IsoDate } from '../core/licence.js';
import type { ObligationId } from '../core/obligations/catalogue.js';

/** One reminder of one occurrence, at one lead time. */
export interface Reminder {
  /** `<licence number>/<occurrence id>#<lead>`: the sent-log key, stable across runs */
  readonly key: string;
  readonly licenceNumber: string | null;
  readonly holder: string | null;
  readonly occurrenceId: string;
  readonly obligation: ObligationId;
  readonly title: string;
  readonly titleEn: string;
  readonly dueOn: IsoDate;
  /** the last working day to act */
  readonly actBy: IsoDate;
  /** the lead time this reminder is for, in working days before `actBy` */
  readonly leadWorkdays: number;
  /** the day it was meant to go out */
  readonly scheduledOn: IsoDate;
  /** working days left from today to `actBy` (negative when past) */
  readonly remainingWorkdays: number;
  /** sent after `scheduledOn` (the service was down) */
  readonly late: boolean;
  readonly overdue: boolean;
  readonly provisional: boolean;
  readonly explanation: string;
  readonly explanationEn: string;
  /**
   * Set on a notice of something that happened (an annual report returned or accepted, a listing
   * on the 不良名单 or its removal) rather than a reminder ahead of a deadline: the day it happened,
   * and whether `dueOn` is a deadline it brings (a returned report's) or only that day.
   */
  readonly notice?: { readonly on: IsoDate; readonly hasDue: boolean };
}

export interface Notifier {
  /** a stable name for the sent-log: `dingtalk`, `webhook:ops` */
  readonly id: string;
  /** deliver, or throw (the error message must not contain secrets) */
  send(reminder: Reminder): Promise<void>;
}
