/**
 * The check report the review shows: the document's as uploaded, or, once the reviewer corrects
 * the record, the latest re-check of the corrected record. Re-checks wait for typing to pause; one
 * overtaken by a later edit is aborted.
 */
import { useEffect, useState } from 'react';
import { evidenceForDraft, type Draft } from './draft';
import type { CheckState } from './ReportView';
import { recheckLicence, type Licence, type ParseResult, type Report } from './review-api';

/** How long typing may pause before the checks run again. */
export const RECHECK_DELAY_MS = 600;

export interface RecheckInput {
  readonly parse: ParseResult;
  /** the report on the document as uploaded */
  readonly documentReport: Report;
  readonly initial: Draft;
  readonly draft: Draft;
  /** the record the draft describes: the same object for as long as the draft is unchanged */
  readonly licence: Licence;
  /** how many corrections the draft holds; with none the document's report stands */
  readonly changes: number;
}

export function useRecheck({
  parse,
  documentReport,
  initial,
  draft,
  licence,
  changes,
}: RecheckInput): { readonly report: Report; readonly checkState: CheckState } {
  const [last, setLast] = useState<{ licence: Licence; report: Report } | null>(null);
  const [failure, setFailure] = useState<{ licence: Licence; error: unknown } | null>(null);
  useEffect(() => {
    if (changes === 0) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      const body = {
        licence,
        evidence: evidenceForDraft(parse.evidence, initial, draft),
        pageLabels: parse.source.pageLabels,
      };
      recheckLicence(body, controller.signal).then(
        (report) => {
          setLast({ licence, report });
        },
        (error: unknown) => {
          if (!controller.signal.aborted) setFailure({ licence, error });
        },
      );
    }, RECHECK_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [licence, changes, parse, initial, draft]);
  const report = changes === 0 ? documentReport : (last?.report ?? documentReport);
  const checkState: CheckState =
    changes === 0
      ? { kind: 'document' }
      : last?.licence === licence
        ? { kind: 'rechecked' }
        : failure?.licence === licence
          ? { kind: 'failed', error: failure.error }
          : { kind: 'pending' };
  return { report, checkState };
}
