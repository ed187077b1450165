/**
 * The register's word, shown the same everywhere: the verdict banner (a green ✓ only when the
 * verdict is verified and the licence is in force), and the differences between a document and the
 * register. Every mark has words and a symbol, not only a colour.
 */
import { useCallback } from 'react';
import type { Schemas } from '../../api/client';
import { defineMessages, pick, PUNCT, useLang, useT, zhDates } from '../../i18n';
import { ColumnHeads } from '../common';
import { earnsGreenMark, glossary, glossaryKey } from './glossary';
import './trust.css';

const m = defineMessages({
  field: ['字段', 'Field'],
  document: ['文件', 'Document'],
  register: ['登记', 'Register'],
  differencesCaption: ['文件与登记不一致之处', 'Where the document differs from the register'],
  empty: ['（空）', '(empty)'],
});

/** The glossary's word for a code: `word('verdict', 'suspect')` → 需人工复核; unknown codes as they are. */
export function useWord(): (
  group: 'verdict' | 'headline' | 'provenance' | 'validity' | 'kind',
  code: string,
) => string {
  const g = useT(glossary);
  return useCallback(
    (group, code) => {
      const key = glossaryKey(group, code);
      return key === null ? code : g(key);
    },
    [g],
  );
}

type Difference = Schemas['RegisterSummary']['differences'][number];

export const ICONS: Readonly<Record<string, string>> = {
  mismatch: '✕',
  suspect: '⚠',
  unverified: '',
  verified: '',
};

/**
 * The verdict in a banner: 已核实 ✓ (green) only for verified and in force; 与登记不符，疑似伪造
 * (red), 需人工复核 (amber), 未经发证机关核实 (grey, no mark). `headingLevel` null: not a heading.
 */
export function VerdictBanner({
  verdict,
  reason,
  reasonEn,
  validity,
  headingLevel = 2,
  id,
  children,
}: {
  verdict: string;
  reason: string;
  reasonEn: string;
  validity: string;
  headingLevel?: 2 | 3 | null;
  id?: string;
  children?: React.ReactNode;
}) {
  const { lang } = useLang();
  const g = useT(glossary);
  const word = useWord();
  const green = earnsGreenMark(verdict, validity);
  const tone = green ? 'is-verified' : verdict === 'verified' ? 'is-neutral' : `is-${verdict}`;
  const headline = word('headline', verdict);
  const Heading = headingLevel === null ? 'p' : headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className={`verdict-banner ${tone}`} data-verdict={verdict} aria-labelledby={id}>
      <Heading className="verdict-headline" id={id}>
        {green ? (
          <span className="verified-mark" aria-hidden="true">
            ✓{' '}
          </span>
        ) : (
          ICONS[verdict] !== undefined &&
          ICONS[verdict] !== '' && <span aria-hidden="true">{ICONS[verdict]} </span>
        )}
        <span className="visually-hidden">
          {g('verdictLabel')}
          {PUNCT[lang].colon}
        </span>
        {headline}
      </Heading>
      <p className="verdict-reason">{pick(lang, reason, reasonEn)}</p>
      <p className="verdict-validity">
        {g('validityLabel')}
        {PUNCT[lang].colon}
        {word('validity', validity)}
      </p>
      {children}
    </section>
  );
}

/** The register's differences: 字段 / 文件 / 登记. */
export function DifferencesTable({ differences }: { differences: readonly Difference[] }) {
  const t = useT(m);
  const { lang } = useLang();
  if (differences.length === 0) return null;
  // a day as the page writes days; the rest as recorded
  const value = (v: string) =>
    v === '' ? <span className="hint">{t('empty')}</span> : lang === 'zh' ? zhDates(v) : v;
  return (
    <div className="table-wrap">
      <table className="differences-table">
        <caption>{t('differencesCaption')}</caption>
        <ColumnHeads names={[t('field'), t('document'), t('register')]} />
        <tbody>
          {differences.map((d, i) => (
            <tr key={`${d.field}-${i}`}>
              <th scope="row">{pick(lang, d.label, d.labelEn)}</th>
              <td className="differences-document">{value(d.documentValue)}</td>
              <td className="differences-register">{value(d.registerValue)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
