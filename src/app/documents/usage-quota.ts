/**
 * The quotas of docs/settings.md (XUKE_OCR_PAGES_PER_HOUR, XUKE_UPLOAD_BYTES_PER_DAY) over a
 * counter store: calendar windows in UTC (the hour, the day), and a refusal that names the quota
 * and when it frees (RATE_LIMITED, 429 with Retry-After).
 */
import { DomainError } from '../../core/errors.js';
import type { Clock } from '../../ports/clock.js';
import type { UsageCounterStore, UsageMeter, UsageQuota } from '../../ports/usage-quota.js';

export interface UsageLimits {
  /** OCR pages per organisation per hour; 0 turns the quota off */
  readonly ocrPagesPerHour: number;
  /** uploaded document bytes per organisation per day (UTC); 0 turns the quota off */
  readonly uploadBytesPerDay: number;
}

export const DEFAULT_USAGE_LIMITS: UsageLimits = {
  ocrPagesPerHour: 600,
  uploadBytesPerDay: 1024 * 1024 * 1024,
};

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The window `now` falls in: its start and end. */
function windowOf(now: Date, length: number): { start: Date; end: Date } {
  const start = Math.floor(now.getTime() / length) * length;
  return { start: new Date(start), end: new Date(start + length) };
}

/** A charge that could never pass: the document alone is over the quota (retrying cannot help). */
function overQuota(meter: UsageMeter, limit: number, asked: number): DomainError {
  return meter === 'ocr-pages'
    ? new DomainError(
        'INPUT_TOO_LARGE',
        `本文档需文字识别 ${asked} 页，超过本机构每小时 ${limit} 页的文字识别配额`,
        `This document needs ${asked} OCR pages, more than the organisation's quota of ${limit} OCR pages per hour`,
      )
    : new DomainError(
        'INPUT_TOO_LARGE',
        `本文件 ${asked} 字节，超过本机构每日上传 ${limit} 字节的配额`,
        `This file of ${asked} bytes is more than the organisation's upload quota of ${limit} bytes per day`,
      );
}

/** The quota is spent for this window: when it frees. */
function refusal(
  meter: UsageMeter,
  limit: number,
  asked: number,
  end: Date,
  now: Date,
): DomainError {
  const seconds = Math.max(1, Math.ceil((end.getTime() - now.getTime()) / 1000));
  const at = end.toISOString();
  return meter === 'ocr-pages'
    ? new DomainError(
        'RATE_LIMITED',
        `本机构每小时 ${limit} 页的文字识别配额已用尽（本文档需 ${asked} 页），${at} 恢复（约 ${seconds} 秒后）`,
        `The organisation's quota of ${limit} OCR pages per hour is spent (this document needs ${asked}); it frees at ${at} (in about ${seconds} s)`,
        { retryAfterSeconds: seconds },
      )
    : new DomainError(
        'RATE_LIMITED',
        `本机构每日上传 ${limit} 字节的配额已用尽（本文件 ${asked} 字节），${at} 恢复（约 ${seconds} 秒后）`,
        `The organisation's upload quota of ${limit} bytes per day is spent (this file has ${asked}); it frees at ${at} (in about ${seconds} s)`,
        { retryAfterSeconds: seconds },
      );
}

export function createUsageQuota(
  store: UsageCounterStore,
  clock: Pick<Clock, 'now'>,
  limits: UsageLimits = DEFAULT_USAGE_LIMITS,
): UsageQuota {
  const charge = async (
    organisation: string,
    meter: UsageMeter,
    amount: number,
    limit: number,
    length: number,
  ) => {
    if (limit === 0 || amount <= 0) return;
    if (amount > limit) throw overQuota(meter, limit, amount);
    const now = clock.now();
    const { start, end } = windowOf(now, length);
    const total = await store.charge(organisation, meter, start.toISOString(), amount, limit);
    if (total === null) throw refusal(meter, limit, amount, end, now);
  };
  return {
    chargeOcrPages: (organisation, pages) =>
      charge(organisation, 'ocr-pages', pages, limits.ocrPagesPerHour, HOUR_MS),
    chargeUploadBytes: (organisation, bytes) =>
      charge(organisation, 'upload-bytes', bytes, limits.uploadBytesPerDay, DAY_MS),
  };
}
