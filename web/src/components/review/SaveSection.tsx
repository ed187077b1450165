/**
 * The review's last step: save the document with the corrected record (a holder's or platform's
 * declared copy, with a reason when the verdict is doubtful), or, for an issuing authority, issue
 * it into the register or approve a change; and what came of it.
 */
import { lazy, Suspense } from 'react';
import { Link } from 'wouter';
import { pick, defineMessages, PUNCT, useLang, useT } from '../../i18n';
import { Loading } from '../common';
import { fieldLabel } from '../licence/field-names';
import { useWord } from '../trust/TrustViews';
import { DocumentError } from './DocumentError';
import { reviewMessages as m } from './messages';
import { Regressions } from './Regressions';
import type { Saved } from './review-api';
import { useSaveDocument, type SaveInput } from './use-save-document';

const tm = defineMessages({
  ackTitle: ['确认保存：{verdict}', 'Confirm saving: {verdict}'],
  ackLead: ['核验结论是“{verdict}”：{reason}', 'The verdict is “{verdict}”: {reason}'],
  ackWarn: [
    '保存后只是本单位自行申报的副本，不改变发证机关的登记；理由记入审计记录。',
    'Saved, it is only your organisation’s declared copy and does not change the issuing authority’s register; the reason goes in the audit log.',
  ],
  ackSubmit: ['仍然保存', 'Save anyway'],
  ackNeeded: [
    '核验结论是“{verdict}”：保存前请写明理由。',
    'The verdict is “{verdict}”: state a reason before saving.',
  ],
  issueButton: ['发证（登记）', 'Issue (register)'],
  changeButton: ['批准变更（登记新版本）', 'Approve the change (new register version)'],
  issueTitle: [
    '发证：把 {number} 登记到本机关登记簿',
    'Issue: record {number} in this authority’s register',
  ],
  changeTitle: [
    '批准变更：{number} 的登记新版本',
    'Approve a change: a new register version of {number}',
  ],
  issueIntro: [
    '按上面核对、更正后的内容登记，公开查验页此后以此为准。',
    'Records the content reviewed above; public verification then answers from it.',
  ],
  authoritySave: [
    '发证机关的发证和变更直接写入登记簿，不保存申报副本。',
    'As an issuing authority, your issues and changes go straight into the register; no declared copy is saved.',
  ],
  issued: [
    '已登记：{number} 第 {version} 版（发证机关登记）。',
    'Recorded: {number}, version {version} (issuing authority’s register).',
  ],
  openRegister: ['打开登记簿', 'Open the register'],
});

// opened on demand: saving a doubtful document anyway, an authority's 发证 / 批准变更
const AcknowledgeDialog = lazy(() =>
  import('../trust/DecisionForm').then((mod) => ({ default: mod.AcknowledgeDialog })),
);
const DecisionForm = lazy(() =>
  import('../trust/DecisionForm').then((mod) => ({ default: mod.DecisionForm })),
);

export function SaveSection(props: SaveInput) {
  const { report, number, changes } = props;
  const t = useT(m);
  const tt = useT(tm);
  const { lang } = useLang();
  const word = useWord();
  const {
    save,
    dialog,
    setDialog,
    authority,
    inOwnRegister,
    doubtful,
    onSave,
    onIssue,
    regressions,
    confirmed,
    setConfirmed,
    onForce,
  } = useSaveDocument(props);
  // a save that would lose fields waits for the reviewer's confirmation (an authority registers)
  const regress = !authority && regressions.length > 0 && save.kind !== 'saved';
  return (
    <section className="review-save card" aria-labelledby="review-save-heading">
      <h2 id="review-save-heading">{t('saveHeading')}</h2>
      <p>
        {t('saveIntro')}
        {changes > 0 && (lang === 'zh' ? '' : ' ') + t('saveWithChanges', { n: changes })}
      </p>
      {number === '' && <p className="hint">{t('saveNeedsNumber')}</p>}
      {authority && <p className="hint">{tt('authoritySave')}</p>}
      {!authority && doubtful && (
        <p className="notice notice-warn">
          {tt('ackNeeded', { verdict: word('verdict', report.verdict) })}
        </p>
      )}
      {regress && (
        <Regressions
          regressions={regressions}
          confirmed={confirmed}
          onConfirm={setConfirmed}
          onSave={onForce}
          busy={save.kind === 'saving' || number === '' || dialog !== 'none'}
        />
      )}
      {dialog === 'none' && !regress && (
        <button
          type="button"
          className="primary"
          disabled={save.kind === 'saving' || number === ''}
          onClick={() => {
            if (authority) setDialog('issue');
            else if (doubtful) setDialog('acknowledge');
            else void onSave();
          }}
        >
          {authority ? (inOwnRegister ? tt('changeButton') : tt('issueButton')) : t('saveButton')}
        </button>
      )}
      <Suspense fallback={<Loading />}>
        {dialog === 'acknowledge' && (
          <AcknowledgeDialog
            title={tt('ackTitle', { verdict: word('verdict', report.verdict) })}
            submit={tt('ackSubmit')}
            onSubmit={(reason) => onSave(reason)}
            onCancel={() => {
              setDialog('none');
            }}
          >
            <p>
              {tt('ackLead', {
                verdict: word('headline', report.verdict),
                reason: pick(lang, report.verdictReason, report.verdictReasonEn),
              })}
            </p>
            <p className="hint">{tt('ackWarn')}</p>
          </AcknowledgeDialog>
        )}
        {dialog === 'issue' && (
          <DecisionForm
            title={inOwnRegister ? tt('changeTitle', { number }) : tt('issueTitle', { number })}
            submit={inOwnRegister ? tt('changeButton') : tt('issueButton')}
            intro={<p className="hint">{tt('issueIntro')}</p>}
            onSubmit={onIssue}
            onCancel={() => {
              setDialog('none');
            }}
          />
        )}
      </Suspense>
      <div className="review-save-outcome" aria-live="polite">
        {save.kind === 'saving' && <p>{t('saving')}</p>}
        {save.kind === 'saved' && <SavedOutcome saved={save.saved} corrected={save.corrected} />}
        {save.kind === 'issued' && (
          <div className="notice notice-ok">
            <p>{tt('issued', { number: save.stored.number, version: save.stored.version })}</p>
            <p>
              <Link href={`/register?number=${encodeURIComponent(save.stored.number)}`}>
                {tt('openRegister')}
              </Link>
            </p>
          </div>
        )}
      </div>
      {save.kind === 'failed' && <DocumentError error={save.error} />}
    </section>
  );
}

function SavedOutcome({
  saved,
  corrected,
}: {
  saved: Saved;
  corrected: readonly string[] | undefined;
}) {
  const t = useT(m);
  const { lang } = useLang();
  const { number, version } = saved.licence;
  const key =
    saved.outcome === 'created'
      ? 'savedCreated'
      : saved.outcome === 'changed'
        ? 'savedChanged'
        : 'savedUnchanged';
  // the top-level fields the server says the corrections changed, in words
  const fields = (corrected ?? []).map((f) => fieldLabel(f, lang));
  return (
    <div className="notice notice-ok">
      <p>
        <span aria-hidden="true">✓ </span>
        {t(key, { number, version })}
      </p>
      {fields.length > 0 && (
        <p>{t('savedCorrections', { fields: fields.join(PUNCT[lang].list) })}</p>
      )}
      <p>
        <Link href={`/licences/${encodeURIComponent(number)}`}>{t('openLicence', { number })}</Link>
      </p>
    </div>
  );
}
