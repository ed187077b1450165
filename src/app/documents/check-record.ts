/**
 * Use case: a licence record without its document (edited by hand on the review screen) → its
 * CheckReport as of a day. Only what the record says is checked, unless the parse's page labels and
 * evidence come along: then the page-sequence check runs and findings cite their document lines.
 */
import { checkLicence, type CheckReport } from '../../core/checks/index.js';
import type { Evidence, IsoDate, Licence } from '../../core/licence.js';
import type { Clock } from '../../ports/clock.js';

export interface RecordCheck {
  readonly licence: Licence;
  /** default: today (Asia/Shanghai) */
  readonly today?: IsoDate;
  readonly evidence?: Readonly<Record<string, Evidence>>;
  readonly pageLabels?: readonly string[];
}

/** @throws DomainError INVALID_INPUT when `today` is not a real date */
export function checkRecord(input: RecordCheck, deps: { readonly clock: Clock }): CheckReport {
  return checkLicence({
    licence: input.licence,
    today: input.today ?? deps.clock.today(),
    ...(input.evidence === undefined ? {} : { evidence: input.evidence }),
    ...(input.pageLabels === undefined ? {} : { pageLabels: input.pageLabels }),
  });
}
