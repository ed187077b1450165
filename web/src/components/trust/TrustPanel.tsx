/**
 * A licence's comparison with the register (`GET /licences/{number}/trust`): the verdict, whose
 * register (or which confirmation) it was compared with, the differences, validity and the most
 * severe finding; and, for a holder or a platform, the form that records what the official query
 * (电信业务市场综合管理信息系统) showed — a confirmation.
 */
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { api, call } from '../../api/client';
import { useOrganisation } from '../../api/organisation';
import { useData } from '../../api/use-data';
import { formatDate, formatTimestamp } from '../../format';
import { defineMessages, pick, PUNCT, useLang, useT } from '../../i18n';
import { actorName } from '../actors';
import { useNames } from '../licence/labels';
import { ruleTitle } from '../licence/rule-titles';
import { Loaded } from '../Loaded';
import { glossary, officialQueryUrl } from './glossary';
import { DifferencesTable, useWord, VerdictBanner } from './TrustViews';

const m = defineMessages({
  checking: ['正在与登记簿比对…', 'Comparing with the register…'],
  authority: ['登记机关', 'Register of'],
  noRegister: [
    '本实例没有这张许可证的登记，也没有有效的官方系统核实记录。',
    'This instance has no register entry for this licence and no current confirmation from the official system.',
  ],
  registerStatus: ['登记状态', 'Register status'],
  registerVersion: ['登记版本', 'Register version'],
  registerUpdated: ['登记最后变更', 'Register last changed'],
  confirmation: ['官方系统核实', 'Official-system confirmation'],
  confirmedBy: [
    '{date} 由 {who} 核实；{due} 前需再次核实{stale}',
    'Confirmed on {date} by {who}; due again by {due}{stale}',
  ],
  stale: ['（已到期）', ' (overdue)'],
  notFound: ['登记簿中没有此编号', 'Not in the register'],
  topFinding: ['最严重的发现', 'Most severe finding'],
  counts: ['（{errors} 个错误，{warnings} 个警告）', ' ({errors} error(s), {warnings} warning(s))'],
  official: [
    '在工业和信息化部电信业务市场综合管理信息系统查询 {number}（新窗口）',
    'Look up {number} in the MIIT licence system (new window)',
  ],
  confirm: ['记录官方系统查询结果', 'Record what the official query showed'],
  confirmHint: [
    '（连同截图；作为核实记录，90 天内用作比对的依据）',
    '(with a screenshot; kept as a confirmation, compared against for 90 days)',
  ],
});

/** A fact of the comparison: its name, then its value. */
function fact(label: string, value: ReactNode) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}

export function TrustPanel({ number }: { number: string }) {
  const t = useT(m);
  const g = useT(glossary);
  const word = useWord();
  const name = useNames();
  const { lang } = useLang();
  const organisation = useOrganisation();
  const trust = useData(['licence', number, 'trust'], () =>
    call(api.GET('/api/v1/licences/{number}/trust', { params: { path: { number } } })),
  );
  const sep = PUNCT[lang].colon;
  const canConfirm = organisation.data !== undefined && organisation.data.kind !== 'authority';
  return (
    <>
      <div aria-live="polite">
        <Loaded read={trust} loadingLabel={t('checking')}>
          {(tr) => {
            const r = tr.register;
            return (
              <VerdictBanner
                verdict={tr.verdict}
                reason={tr.verdictReason}
                reasonEn={tr.verdictReasonEn}
                validity={tr.validity}
                headingLevel={3}
              >
                {r === null ? (
                  <p>{t('noRegister')}</p>
                ) : (
                  <dl className="facts">
                    {fact(g('provenanceLabel'), word('provenance', r.provenance))}
                    {r.authority !== null && fact(t('authority'), r.authority.name)}
                    {fact(
                      t('registerStatus'),
                      // in words, without a badge's colour: the verdict alone earns green
                      r.found
                        ? r.status === null
                          ? '—'
                          : name('status', r.status)
                        : t('notFound'),
                    )}
                    {r.version !== null && fact(t('registerVersion'), r.version)}
                    {r.updatedAt !== null &&
                      fact(t('registerUpdated'), formatTimestamp(r.updatedAt, lang))}
                    {r.confirmation !== null &&
                      fact(
                        t('confirmation'),
                        t('confirmedBy', {
                          date: formatDate(r.confirmation.checkedOn, lang),
                          who: actorName(r.confirmation.checkedBy, lang),
                          due: formatDate(r.confirmation.dueOn, lang),
                          stale: r.confirmation.current ? '' : t('stale'),
                        }),
                      )}
                  </dl>
                )}
                {r !== null && <DifferencesTable differences={r.differences} />}
                {tr.topFinding !== null && (
                  <p>
                    {t('topFinding')}
                    {sep}
                    <strong title={tr.topFinding.ruleId}>
                      {ruleTitle(tr.topFinding.ruleId, lang)}
                    </strong>
                    {PUNCT[lang].stop}
                    {pick(lang, tr.topFinding.message, tr.topFinding.messageEn)}
                    {t('counts', { errors: tr.errors, warnings: tr.warnings })}
                  </p>
                )}
              </VerdictBanner>
            );
          }}
        </Loaded>
      </div>
      <p>
        <a href={officialQueryUrl(number)} target="_blank" rel="noopener noreferrer">
          {t('official', { number })}
        </a>
      </p>
      {canConfirm && (
        <p>
          <Link href={`/licences/${encodeURIComponent(number)}/confirm`}>{t('confirm')}</Link>
          <span className="hint"> {t('confirmHint')}</span>
        </p>
      )}
    </>
  );
}
