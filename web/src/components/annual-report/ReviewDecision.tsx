/**
 * The authority's decision on a report submitted to it: accept it (a note and the 文号 optional), or
 * return it with what to correct (required: the holder reads it at the top of its report). Sent
 * with the version read; a 409 says the report changed meanwhile.
 */
import { useState } from 'react';
import { api, ApiError, call } from '../../api/client';
import { ErrorNotice } from '../common';
import { FieldError, useAction } from '../forms';
import { defineMessages, useT } from '../../i18n';
import type { Report } from './report-draft';

const m = defineMessages(
  {
    title: '审核决定',
    intro:
      '受理后，公示部分将出现在许可证的公开查验页；退回时请写明需要修改的地方，持证单位会看到。',
    reason: '理由',
    reasonHint: '退回时必填：需要修改或补充的内容。受理时可写备注。',
    decisionNumber: '文号（可选）',
    accept: '受理',
    return: '退回',
    working: '正在提交…',
    reasonRequired: '退回须写明理由：持证单位需要知道改什么。',
    accepted: '已受理。',
    returned: '已退回，持证单位会看到理由。',
    conflict: '这份年报在您阅读之后已有变化。请重新加载后再作决定。',
    reload: '重新加载',
  },
  {
    title: 'Decision',
    intro:
      'Once accepted, the published part appears on the licence’s public verification page. To return it, say what to correct: the holder sees it.',
    reason: 'Reason',
    reasonHint: 'Required to return it: what to correct or add. A note when accepting.',
    decisionNumber: 'Decision number (文号, optional)',
    accept: 'Accept',
    return: 'Return',
    working: 'Submitting…',
    reasonRequired: 'Say why it is returned: the holder needs to know what to correct.',
    accepted: 'Accepted.',
    returned: 'Returned; the holder will see the reason.',
    conflict: 'This report changed after you read it. Reload it before deciding.',
    reload: 'Reload',
  },
);

export function ReviewDecision({
  report,
  onReport,
  onDecided,
  reload,
}: {
  report: Report;
  onReport: (report: Report) => void;
  /** said once the decision is made (the form then leaves: the report is no longer submitted) */
  onDecided: (message: string) => void;
  reload: () => Promise<unknown>;
}) {
  const t = useT(m);
  const [reason, setReason] = useState('');
  const [decisionNumber, setDecisionNumber] = useState('');
  const [missing, setMissing] = useState(false);
  const action = useAction();
  const conflict = action.failure instanceof ApiError && action.failure.status === 409;

  const decide = (decision: 'accept' | 'return') => {
    if (decision === 'return' && reason.trim() === '') {
      setMissing(true);
      action.clearFailure();
      document.getElementById('ar-decision-reason')?.focus();
      return;
    }
    setMissing(false);
    void action.run(async () => {
      const r = await call(
        api.POST('/api/v1/annual-reports/{id}/decision', {
          params: { path: { id: report.id } },
          body: {
            decision,
            expectedVersion: report.version,
            ...(reason.trim() !== '' && { reason: reason.trim() }),
            ...(decisionNumber.trim() !== '' && { decisionNumber: decisionNumber.trim() }),
          },
        }),
      );
      onDecided(decision === 'accept' ? t('accepted') : t('returned'));
      onReport(r);
    });
  };

  return (
    <section className="card ar-decision-form" aria-labelledby="ar-decision-h">
      <h2 id="ar-decision-h">{t('title')}</h2>
      <p className="hint">{t('intro')}</p>
      <div className="field">
        <label htmlFor="ar-decision-reason">{t('reason')}</label>
        <textarea
          id="ar-decision-reason"
          rows={3}
          value={reason}
          aria-invalid={missing}
          aria-describedby="ar-decision-reason-hint ar-decision-reason-err"
          onChange={(e) => {
            setReason(e.target.value);
          }}
        />
        <p id="ar-decision-reason-hint" className="hint">
          {t('reasonHint')}
        </p>
        <FieldError id="ar-decision-reason-err" text={missing ? t('reasonRequired') : undefined} />
      </div>
      <div className="field">
        <label htmlFor="ar-decision-number">{t('decisionNumber')}</label>
        <input
          id="ar-decision-number"
          type="text"
          autoComplete="off"
          value={decisionNumber}
          onChange={(e) => {
            setDecisionNumber(e.target.value);
          }}
        />
      </div>
      <div className="ar-buttons">
        <button
          type="button"
          className="primary"
          disabled={action.busy}
          onClick={() => {
            decide('accept');
          }}
        >
          {action.busy ? t('working') : t('accept')}
        </button>
        <button
          type="button"
          className="danger"
          disabled={action.busy}
          onClick={() => {
            decide('return');
          }}
        >
          {t('return')}
        </button>
      </div>
      {conflict ? (
        <div className="notice notice-error" role="alert">
          <p>{t('conflict')}</p>
          <button
            type="button"
            onClick={() => {
              action.clearFailure();
              void reload();
            }}
          >
            {t('reload')}
          </button>
        </div>
      ) : (
        action.failure !== null && <ErrorNotice error={action.failure} />
      )}
    </section>
  );
}
