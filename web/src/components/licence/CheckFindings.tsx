/**
 * A licence's check findings: severity in words (and colour), the message in the reader's
 * language, and the rule's basis (the regulation or practice it rests on) on demand.
 */
import { defineMessages, pick, useLang, useT } from '../../i18n';
import { SeverityBadge } from './labels';

const m = defineMessages(
  {
    none: '没有核验发现：按今天的日期，这份记录通过了全部检查。',
    basis: '依据',
    rule: '规则 {id}',
  },
  {
    none: 'No findings: as of today the record passes every check.',
    basis: 'Basis',
    rule: 'Rule {id}',
  },
);

/** A finding as the API gives it; the English and the basis when the answer carries them. */
export interface FindingView {
  readonly ruleId: string;
  readonly severity: string;
  readonly message: string;
  readonly messageEn?: string;
  readonly basis?: string;
  readonly basisEn?: string;
}

/**
 * The check report's findings are documented by their key fields, "further fields: messageEn,
 * evidence, basis" (CheckReportSchema): read those when present and of the right type.
 */
export function toFindingView(f: {
  ruleId: string;
  severity: string;
  message: string;
}): FindingView {
  const text = (key: string): string | undefined => {
    const v: unknown = (f as Readonly<Record<string, unknown>>)[key];
    return typeof v === 'string' ? v : undefined;
  };
  const messageEn = text('messageEn');
  const basis = text('basis');
  const basisEn = text('basisEn');
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    ...(messageEn === undefined ? {} : { messageEn }),
    ...(basis === undefined ? {} : { basis }),
    ...(basisEn === undefined ? {} : { basisEn }),
  };
}

export function CheckFindings({ findings }: { findings: readonly FindingView[] }) {
  const t = useT(m);
  const { lang } = useLang();
  if (findings.length === 0) return <p className="notice notice-ok">{t('none')}</p>;
  return (
    <ul className="licence-findings">
      {findings.map((f, i) => (
        <li key={`${f.ruleId}-${i}`} className={`licence-finding licence-finding-${f.severity}`}>
          <p>
            <SeverityBadge severity={f.severity} /> {pick(lang, f.message, f.messageEn)}
          </p>
          <p className="hint">{t('rule', { id: f.ruleId })}</p>
          {f.basis !== undefined && (
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
