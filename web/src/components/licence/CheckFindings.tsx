/**
 * A licence's check findings: severity in words (and colour), the rule's title (its id in the
 * tooltip, for support), the message in the reader's language, and the rule's basis (the
 * regulation or practice it rests on) on demand.
 */
import type { Schemas } from '../../api/client';
import { defineMessages, pick, useLang, useT } from '../../i18n';
import { SeverityBadge } from './labels';
import { ruleTitle } from './rule-titles';

const m = defineMessages({
  none: [
    '没有核验发现：按今天的日期，这份记录通过了全部检查。',
    'No findings: as of today the record passes every check.',
  ],
  basis: ['依据', 'Basis'],
});

/** A finding of the checks (POST /api/v1/checks). */
export type FindingView = Schemas['Finding'];

export function CheckFindings({ findings }: { findings: readonly FindingView[] }) {
  const t = useT(m);
  const { lang } = useLang();
  if (findings.length === 0) return <p className="notice notice-ok">{t('none')}</p>;
  return (
    <ul className="licence-findings">
      {findings.map((f, i) => (
        <li key={`${f.ruleId}-${i}`} className={`licence-finding licence-finding-${f.severity}`}>
          <p>
            <SeverityBadge severity={f.severity} />{' '}
            <strong title={f.ruleId}>{ruleTitle(f.ruleId, lang)}</strong>
          </p>
          <p>{pick(lang, f.message, f.messageEn)}</p>
          {f.basis !== '' && (
            <details>
              <summary>{t('basis')}</summary>
              <p>{pick(lang, f.basis, f.basisEn)}</p>
            </details>
          )}
        </li>
      ))}
    </ul>
  );
}
