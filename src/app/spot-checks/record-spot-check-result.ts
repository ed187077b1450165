/**
 * Use case: the authority records a drawn licence's inspection (docs/spot-checks.md §1): planned →
 * done with its outcome (compliant, issues-found), a note, the day it was done and, optionally,
 * the finding's text. Once recorded it stands (audited); a second record is a CONFLICT.
 */
import { isIsoDate } from '../../core/dates.js';
import { DomainError } from '../../core/errors.js';
import type { IsoDate } from '../../core/licence.js';
import { isSpotCheckOutcome, SPOT_CHECK_OUTCOMES } from '../../core/spot-check/types.js';
import { canonicalLicenceNumber, type Actor } from '../registry/registry-deps.js';
import {
  noSuchSpotCheck,
  requireSpotCheckAuthority,
  type SpotCheckDeps,
} from './spot-check-deps.js';
import { spotCheckView, type SpotCheckView } from './spot-check-view.js';

export interface ResultRequest {
  /** the drawn licence */
  readonly number: string;
  readonly outcome: string;
  /** what was checked and how (published) */
  readonly note: string;
  /** the day the inspection was done; default today */
  readonly on?: IsoDate;
  /** the finding's text, when there is one (published) */
  readonly finding?: string | null;
}

const MAX_NOTE = 2000;
const MAX_FINDING = 10_000;

export async function recordSpotCheckResult(
  drawId: string,
  request: ResultRequest,
  who: Actor,
  deps: SpotCheckDeps,
): Promise<SpotCheckView> {
  const authority = await requireSpotCheckAuthority(who, deps);
  const number = canonicalLicenceNumber(request.number);
  if (!isSpotCheckOutcome(request.outcome)) {
    throw new DomainError(
      'INVALID_INPUT',
      `检查结果应为 ${SPOT_CHECK_OUTCOMES.join('、')} 之一：${request.outcome}`,
      `The outcome must be one of ${SPOT_CHECK_OUTCOMES.join(', ')}: ${request.outcome}`,
    );
  }
  const note = request.note.trim();
  if (note === '' || note.length > MAX_NOTE) {
    throw new DomainError(
      'INVALID_INPUT',
      `检查结果须附说明（1–${MAX_NOTE} 字）`,
      `A result needs a note (1–${MAX_NOTE} characters)`,
    );
  }
  const finding = request.finding?.trim() ?? '';
  if (finding.length > MAX_FINDING) {
    throw new DomainError(
      'INVALID_INPUT',
      `检查发现不超过 ${MAX_FINDING} 字`,
      `A finding is at most ${MAX_FINDING} characters`,
    );
  }
  const today = deps.clock.today();
  const on = request.on ?? today;
  if (!isIsoDate(on)) {
    throw new DomainError(
      'INVALID_INPUT',
      `检查日期应为 YYYY-MM-DD：${on}`,
      `The inspection day must be a YYYY-MM-DD date: ${on}`,
    );
  }
  const draw = await deps.spotChecks.findDraw(drawId);
  if (draw?.authority !== authority.id) throw noSuchSpotCheck(drawId);
  if (on < draw.drawnOn || on > today) {
    throw new DomainError(
      'INVALID_INPUT',
      `检查日期 ${on} 应在抽取日 ${draw.drawnOn} 与今天 ${today} 之间`,
      `The inspection day ${on} must fall between the draw day ${draw.drawnOn} and today ${today}`,
    );
  }
  const updated = await deps.spotChecks.recordResult(authority.id, drawId, number, {
    outcome: request.outcome,
    note,
    finding: finding === '' ? null : finding,
    doneOn: on,
    recordedBy: who.actor,
    recordedAt: deps.clock.now().toISOString(),
  });
  return spotCheckView(updated, authority);
}
