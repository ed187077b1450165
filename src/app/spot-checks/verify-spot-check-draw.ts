/**
 * Use case: recompute a published draw (docs/spot-checks.md §3–4) from its seed and inputs and
 * compare with its result and its list of checks. Needs nothing but the record and HMAC-SHA256:
 * `xuke spot-check verify` runs it offline.
 */
import { DomainError } from '../../core/errors.js';
import type { HmacSha256 } from '../../core/spot-check/draw-stream.js';
import {
  SpotCheckRecordSchema,
  verifySpotCheckRecord,
  type Reproduction,
  type SpotCheckRecord,
} from '../../core/spot-check/record.js';

/** The JSON as a published record; INVALID_INPUT naming the first field that is not. */
export function parseSpotCheckRecord(json: unknown): SpotCheckRecord {
  const parsed = SpotCheckRecordSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    throw new DomainError(
      'INVALID_INPUT',
      `不是抽查记录（xuke.spot-check/v1）：字段 ${where === '' ? '（根）' : where} ${issue?.message ?? ''}`,
      `Not a spot-check record (xuke.spot-check/v1): field ${where === '' ? '(root)' : where} ${issue?.message ?? ''}`,
    );
  }
  return parsed.data;
}

export function verifySpotCheckDraw(
  record: SpotCheckRecord,
  deps: { readonly hmacSha256: HmacSha256 },
): Reproduction {
  return verifySpotCheckRecord(record, deps.hmacSha256);
}
