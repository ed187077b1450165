/**
 * Mark an occurrence done, with its evidence: the day, a note in the user's words (a receipt number,
 * who filed it where) and, optionally, the sha256 of a stored document.
 * POST /api/v1/licences/{number}/deadlines/{occurrenceId}/done.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { SubmitEvent } from 'react';
import { api, call } from '../../api/client';
import { ErrorNotice } from '../common';
import { FieldError } from '../forms';
import { formatDate } from '../../format';
import { defineMessages, useLang, useT } from '../../i18n';

const m = defineMessages(
  {
    legend: '标记完成：{title}',
    on: '完成日期',
    note: '凭证说明',
    noteHint: '写明做了什么、凭什么可以查到：例如回执编号、报送系统、经办人。',
    sha: '凭证文件的 SHA-256（可选）',
    shaHint: '已登记文件的指纹（64 位十六进制），可在许可证页的“来源文件”中复制。',
    submit: '确认完成',
    saving: '正在保存…',
    cancel: '取消',
    noteMissing: '请填写凭证说明。',
    onMissing: '请填写完成日期。',
    onFuture: '完成日期不能晚于今天（{today}）。',
    shaInvalid: 'SHA-256 应为 64 位十六进制字符（0–9、a–f）。',
  },
  {
    legend: 'Mark done: {title}',
    on: 'Done on',
    note: 'Evidence',
    noteHint:
      'What was done and where it can be checked: a receipt number, the filing system, who did it.',
    sha: 'SHA-256 of an evidence document (optional)',
    shaHint:
      'The fingerprint of a stored document (64 hexadecimal characters); copy it from the licence page’s source documents.',
    submit: 'Mark done',
    saving: 'Saving…',
    cancel: 'Cancel',
    noteMissing: 'Describe the evidence.',
    onMissing: 'Enter the day it was done.',
    onFuture: 'The day cannot be after today ({today}).',
    shaInvalid: 'A SHA-256 is 64 hexadecimal characters (0–9, a–f).',
  },
);

const SHA256 = /^[0-9a-f]{64}$/u;

type FieldErrors = Partial<Record<'on' | 'note' | 'sha', string>>;

export interface MarkDoneFormProps {
  readonly licence: string;
  readonly occurrenceId: string;
  /** the obligation's title in the current language, for the form's legend */
  readonly title: string;
  readonly today: string;
  readonly onDone: (on: string) => void;
  readonly onCancel: () => void;
}

export function MarkDoneForm({
  licence,
  occurrenceId,
  title,
  today,
  onDone,
  onCancel,
}: MarkDoneFormProps) {
  const t = useT(m);
  const { lang } = useLang();
  const ids = { on: useId(), note: useId(), noteHint: useId(), sha: useId(), shaHint: useId() };
  const first = useRef<HTMLInputElement>(null);
  const [on, setOn] = useState(today);
  const [note, setNote] = useState('');
  const [sha, setSha] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  useEffect(() => {
    first.current?.focus();
  }, []);

  function validate(): FieldErrors {
    const out: FieldErrors = {};
    if (on === '') out.on = t('onMissing');
    else if (on > today) out.on = t('onFuture', { today: formatDate(today, lang) });
    if (note.trim() === '') out.note = t('noteMissing');
    const digest = sha.trim().toLowerCase();
    if (digest !== '' && !SHA256.test(digest)) out.sha = t('shaInvalid');
    return out;
  }

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return;
    const digest = sha.trim().toLowerCase();
    setBusy(true);
    try {
      await call(
        api.POST('/api/v1/licences/{number}/deadlines/{occurrenceId}/done', {
          params: { path: { number: licence, occurrenceId } },
          body: {
            on,
            note: note.trim(),
            ...(digest === '' ? {} : { documentSha256: digest }),
          },
        }),
      );
      onDone(on);
    } catch (e) {
      setFailure(e);
      setBusy(false);
    }
  }

  const describedBy = (field: keyof FieldErrors, hint?: string) =>
    [hint, errors[field] === undefined ? undefined : `${ids[field]}-error`]
      .filter((x) => x !== undefined)
      .join(' ') || undefined;

  return (
    <form
      className="mark-done"
      noValidate
      onSubmit={(e) => {
        void submit(e);
      }}
    >
      <fieldset>
        <legend>{t('legend', { title })}</legend>
        <div className="field">
          <label htmlFor={ids.on}>{t('on')}</label>
          <input
            ref={first}
            id={ids.on}
            type="date"
            value={on}
            max={today}
            required
            aria-invalid={errors.on !== undefined}
            aria-describedby={describedBy('on')}
            onChange={(e) => {
              setOn(e.currentTarget.value);
            }}
          />
          <FieldError id={`${ids.on}-error`} text={errors.on} />
        </div>
        <div className="field">
          <label htmlFor={ids.note}>{t('note')}</label>
          <textarea
            id={ids.note}
            rows={2}
            value={note}
            required
            maxLength={2000}
            aria-invalid={errors.note !== undefined}
            aria-describedby={describedBy('note', ids.noteHint)}
            onChange={(e) => {
              setNote(e.currentTarget.value);
            }}
          />
          <p id={ids.noteHint} className="hint">
            {t('noteHint')}
          </p>
          <FieldError id={`${ids.note}-error`} text={errors.note} />
        </div>
        <div className="field">
          <label htmlFor={ids.sha}>{t('sha')}</label>
          <input
            id={ids.sha}
            className="mono mark-done-sha"
            value={sha}
            spellCheck={false}
            autoComplete="off"
            inputMode="text"
            aria-invalid={errors.sha !== undefined}
            aria-describedby={describedBy('sha', ids.shaHint)}
            onChange={(e) => {
              setSha(e.currentTarget.value);
            }}
          />
          <p id={ids.shaHint} className="hint">
            {t('shaHint')}
          </p>
          <FieldError id={`${ids.sha}-error`} text={errors.sha} />
        </div>
        {failure !== null && <ErrorNotice error={failure} />}
        <div className="mark-done-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('saving') : t('submit')}
          </button>
          <button type="button" onClick={onCancel}>
            {t('cancel')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
