/**
 * The trust workflow's two small forms, in a dialog region that takes focus when it opens: an
 * authority's decision (why, and the decision's document number, 文号, with any fields the action
 * needs), and the acknowledgement a person gives to save a mismatch or suspect document anyway
 * (why; sent as `acknowledge`). Both are audited. One module, loaded when either is opened (the
 * register's decisions, the review's 发证 / 批准变更 or 仍然保存), not with the page.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { ErrorNotice } from '../common';
import { FieldError, useAction } from '../forms';
import { defineMessages, useT } from '../../i18n';

const m = defineMessages({
  reason: ['理由', 'Reason'],
  reasonHint: [
    '写明依据和情况；会记入审计记录。',
    'State the grounds and circumstances; recorded in the audit log.',
  ],
  decisionNumber: ['文号', 'Decision number (文号)'],
  decisionNumberHint: [
    '决定文书的文号，例如 京通信管〔2026〕12号。',
    'The decision document’s number, e.g. 京通信管〔2026〕12号.',
  ],
  ackReason: ['保存理由', 'Reason for saving'],
  ackHint: [
    '为什么仍要保存这份文件（会记入审计记录）。',
    'Why this document is saved anyway (recorded in the audit log).',
  ],
  required: ['请填写此项。', 'Fill this in.'],
  cancel: ['取消', 'Cancel'],
  working: ['正在提交…', 'Submitting…'],
});

export interface DecisionValues {
  readonly reason: string;
  readonly decisionNumber: string;
}

/** A required text field with its hint and, once the form was tried, its error. */
function Required({
  id,
  label,
  hint,
  value,
  tried,
  multiline,
  onChange,
}: {
  id: string;
  label: string;
  hint: string;
  value: string;
  tried: boolean;
  multiline?: boolean;
  onChange: (value: string) => void;
}) {
  const t = useT(m);
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    // the reason comes first: the dialog opens on it
    ref.current?.focus();
  }, []);
  const missing = tried && value.trim() === '';
  const props = {
    id,
    required: true,
    'aria-invalid': missing,
    'aria-describedby': `${id}-hint ${id}-err`,
    value,
    onChange: (e: { target: { value: string } }) => {
      onChange(e.target.value);
    },
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline === true ? (
        <textarea ref={ref} rows={2} {...props} />
      ) : (
        <input type="text" autoComplete="off" {...props} />
      )}
      <p id={`${id}-hint`} className="hint">
        {hint}
      </p>
      <FieldError id={`${id}-err`} text={missing ? t('required') : undefined} />
    </div>
  );
}

/** What a decision's dialog is given: `children` are the action's own fields. */
interface DecisionProps {
  title: string;
  submit: string;
  intro?: ReactNode;
  children?: ReactNode;
  /** the action's own fields are complete */
  valid?: boolean;
  onSubmit: (values: DecisionValues) => Promise<void>;
  onCancel: () => void;
}

/** The dialog: a reason, the 文号 when `decision`, and what the caller adds. */
function ReasonDialog({
  decision,
  title,
  submit,
  intro,
  children,
  valid = true,
  onSubmit,
  onCancel,
}: DecisionProps & { decision: boolean }) {
  const t = useT(m);
  const id = useId();
  const [reason, setReason] = useState('');
  const [decisionNumber, setDecisionNumber] = useState('');
  const [tried, setTried] = useState(false);
  const { busy, failure, run } = useAction();
  return (
    <div className="trust-dialog" role="dialog" aria-labelledby={`${id}-title`}>
      <form
        className="trust-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          const values = { reason: reason.trim(), decisionNumber: decisionNumber.trim() };
          if (values.reason === '' || (decision && values.decisionNumber === '') || !valid) return;
          void run(() => onSubmit(values));
        }}
      >
        <h3 id={`${id}-title`}>{title}</h3>
        {intro}
        {children}
        <Required
          id={`${id}-reason`}
          label={decision ? t('reason') : t('ackReason')}
          hint={decision ? t('reasonHint') : t('ackHint')}
          value={reason}
          tried={tried}
          multiline
          onChange={setReason}
        />
        {decision && (
          <Required
            id={`${id}-number`}
            label={t('decisionNumber')}
            hint={t('decisionNumberHint')}
            value={decisionNumber}
            tried={tried}
            onChange={setDecisionNumber}
          />
        )}
        {failure !== null && <ErrorNotice error={failure} />}
        <button type="submit" className={decision ? 'primary' : 'danger'} disabled={busy}>
          {busy ? t('working') : submit}
        </button>{' '}
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </form>
    </div>
  );
}

/** An authority's decision: reason and 文号 (both required), and `children` for the action's own fields. */
export function DecisionForm(props: DecisionProps) {
  return <ReasonDialog decision {...props} />;
}

/** Saving a mismatch or suspect document anyway: what is wrong (`children`), and a required reason. */
export function AcknowledgeDialog({
  onSubmit,
  ...props
}: {
  title: string;
  children: ReactNode;
  submit: string;
  onSubmit: (reason: string) => Promise<void>;
  onCancel: () => void;
}) {
  return <ReasonDialog decision={false} {...props} onSubmit={({ reason }) => onSubmit(reason)} />;
}
