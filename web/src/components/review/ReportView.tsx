/**
 * The check report: a short summary that stays beside the source (and announces each re-check), and
 * the findings — severity in words and a symbol, the rule's title (its id in the tooltip), the
 * message and the basis in the current language, and buttons to the lines and fields they rest on.
 */
import type { ReactNode } from 'react';
import { commonWords, errorText } from '../common';
import { pick, useLang, useT } from '../../i18n';
import { ruleTitle } from '../licence/rule-titles';
import { useWord } from '../trust/TrustViews';
import { focusInput } from './form-fields';
import { reviewMessages as m } from './messages';
import type { Report, ReportFinding } from './review-api';

export type CheckState =
  | { readonly kind: 'document' }
  | { readonly kind: 'pending' }
  | { readonly kind: 'rechecked' }
  | { readonly kind: 'failed'; readonly error: unknown };

type Validity = Report['validity'];
type Severity = ReportFinding['severity'];

/**
 * Validity in words, apart from the verdict: never a green mark here (only the verdict banner
 * earns one, when the register agrees and the licence is in force).
 */
const VALIDITY_BADGE: Readonly<Record<Validity, string>> = {
  valid: 'badge-unknown',
  expiring: 'badge-due-soon',
  expired: 'badge-expired',
  'not-yet-valid': 'badge-warning',
  suspended: 'badge-warning',
  cancelled: 'badge-expired',
  revoked: 'badge-expired',
  unknown: 'badge-unknown',
};
const SEVERITY_ICON: Readonly<Record<Severity, string>> = { error: '✕', warning: '⚠', info: 'ℹ' };

export function ReportStatus({ validity }: { validity: Validity }) {
  const word = useWord();
  return <span className={`badge ${VALIDITY_BADGE[validity]}`}>{word('validity', validity)}</span>;
}

/** The summary beside the source; a live region, so each re-check is announced. */
export function ReportSummary({ report, state }: { report: Report; state: CheckState }) {
  const t = useT(m);
  const tc = useT(commonWords);
  const { lang } = useLang();
  const word = useWord();
  const count = (s: string) => report.findings.filter((f) => f.severity === s).length;
  let line: ReactNode;
  switch (state.kind) {
    case 'document':
      line = t('reportFromDocument');
      break;
    case 'pending':
      line = t('reportPending');
      break;
    case 'rechecked':
      line = t('reportRechecked');
      break;
    case 'failed':
      line = (
        <span className="review-report-failed">
          {t('reportFailed')}
          {errorText(state.error, lang, tc)}
        </span>
      );
      break;
  }
  return (
    <div className="review-summary card">
      <div role="status" aria-live="polite" aria-atomic="true">
        <p className="review-summary-line">
          <strong>{t('reportHeading')}</strong> <ReportStatus validity={report.validity} />
        </p>
        <p className="review-summary-counts">
          {t('reportSummary', {
            status: word('validity', report.validity),
            verdict: word('verdict', report.verdict),
            errors: count('error'),
            warnings: count('warning'),
            infos: count('info'),
          })}
        </p>
        <p className={`review-summary-state is-${state.kind}`}>
          {state.kind === 'pending' && <span className="review-spinner" aria-hidden="true" />}
          {line}
        </p>
      </div>
      <a href="#review-report-heading">{t('seeReport')}</a>
    </div>
  );
}

export interface FindingTarget {
  readonly line: number;
  readonly text: string;
}

export function ReportList({
  report,
  stale,
  linesOf,
  onShowLine,
  fieldTargets,
}: {
  report: Report;
  /** the findings shown are from before the latest corrections */
  stale: boolean;
  /** the lines a finding rests on (its evidence, else its fields' evidence) */
  linesOf: (f: ReportFinding) => readonly FindingTarget[];
  onShowLine: (line: number) => void;
  /** the inputs of a finding's fields, to jump to */
  fieldTargets: (f: ReportFinding) => readonly { readonly id: string; readonly label: string }[];
}) {
  const t = useT(m);
  const { lang } = useLang();
  return (
    <section className="review-report" aria-labelledby="review-report-heading">
      <h2 id="review-report-heading" tabIndex={-1}>
        {t('reportHeading')} <ReportStatus validity={report.validity} />
      </h2>
      {stale && <p className="hint">{t('reportStale')}</p>}
      {report.findings.length === 0 ? (
        <p>{t('noFindings')}</p>
      ) : (
        <ul className="review-findings">
          {report.findings.map((f, i) => (
            <li key={`${f.ruleId}-${i}`} className={`review-finding is-${f.severity}`}>
              <p className="review-finding-head">
                <span className={`badge badge-${f.severity}`}>
                  <span aria-hidden="true">{SEVERITY_ICON[f.severity]} </span>
                  {t(`severity_${f.severity}`)}
                </span>{' '}
                <strong className="review-finding-rule" title={f.ruleId}>
                  {ruleTitle(f.ruleId, lang)}
                </strong>
              </p>
              <p className="review-finding-message">{pick(lang, f.message, f.messageEn)}</p>
              <div className="review-finding-actions">
                {linesOf(f).map((l) => (
                  <button
                    key={l.line}
                    type="button"
                    className="link-button"
                    onClick={() => {
                      onShowLine(l.line);
                    }}
                  >
                    {t('showLine', { line: l.line })}
                  </button>
                ))}
                {fieldTargets(f).map((target) => (
                  <button
                    key={target.id}
                    type="button"
                    className="link-button"
                    onClick={() => {
                      focusInput(target.id);
                    }}
                  >
                    {t('goToField', { field: target.label })}
                  </button>
                ))}
              </div>
              {f.basis !== '' && (
                <details className="review-finding-basis">
                  <summary>{t('basis')}</summary>
                  <p>{pick(lang, f.basis, f.basisEn)}</p>
                </details>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
