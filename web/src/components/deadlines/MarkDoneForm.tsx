/**
 * Mark an occurrence done, with its evidence: the day, a note in the user's words (a receipt number,
 * who filed it where) and, optionally, a file kept as proof (the receipt, a screenshot of the
 * submission, the report itself), uploaded and stored with the completion.
 * POST /api/v1/licences/{number}/deadlines/{occurrenceId}/done: multipart/form-data with a file,
 * JSON without one.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { SubmitEvent } from 'react';
import { api, call } from '../../api/client';
import type { paths } from '../../api/schema';
import { ErrorNotice } from '../common';
import { FieldError } from '../forms';
import { formatDate } from '../../format';
import { defineMessages, useLang, useT } from '../../i18n';
import { formatSize } from './EvidenceLink';

/** The largest evidence file the server keeps (its limit: 10 MiB). */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

const m = defineMessages(
  {
    legend: '标记完成：{title}',
    on: '完成日期',
    note: '凭证说明',
    noteHint: '写明做了什么、凭什么可以查到：例如回执编号、报送系统、经办人。',
    file: '凭证文件（可选）',
    fileHint:
      '回执、报送截图或报送的文件本身，最大 10 MB。文件与完成记录一起保存，之后可在期限列表中下载。',
    chosen: '已选择：{name}（{size}）',
    submit: '确认完成',
    saving: '正在保存…',
    cancel: '取消',
    noteMissing: '请填写凭证说明。',
    onMissing: '请填写完成日期。',
    onFuture: '完成日期不能晚于今天（{today}）。',
    fileTooLarge: '文件超过 10 MB（这个文件 {size}），请压缩或拆分后再上传。',
    fileEmpty: '这个文件是空的，请选择有内容的文件。',
  },
  {
    legend: 'Mark done: {title}',
    on: 'Done on',
    note: 'Evidence',
    noteHint:
      'What was done and where it can be checked: a receipt number, the filing system, who did it.',
    file: 'Evidence file (optional)',
    fileHint:
      'The receipt, a screenshot of the submission or the filed document itself, 10 MB at most. It is stored with the completion and can be downloaded from the deadline list.',
    chosen: 'Chosen: {name} ({size})',
    submit: 'Mark done',
    saving: 'Saving…',
    cancel: 'Cancel',
    noteMissing: 'Describe the evidence.',
    onMissing: 'Enter the day it was done.',
    onFuture: 'The day cannot be after today ({today}).',
    fileTooLarge: 'The file is over 10 MB (this one is {size}); compress or split it first.',
    fileEmpty: 'This file is empty; choose a file with content.',
  },
);

type FieldErrors = Partial<Record<'on' | 'note' | 'file', string>>;

/** The multipart form as the OpenAPI document names its parts. */
type DoneForm =
  paths['/api/v1/licences/{number}/deadlines/{occurrenceId}/done']['post']['requestBody']['content']['multipart/form-data'];

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
  const ids = {
    on: useId(),
    note: useId(),
    noteHint: useId(),
    file: useId(),
    fileHint: useId(),
    fileChosen: useId(),
  };
  const first = useRef<HTMLInputElement>(null);
  const [on, setOn] = useState(today);
  const [note, setNote] = useState('');
  const [file, setFile] = useState<File | null>(null);
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
    if (file !== null && file.size === 0) out.file = t('fileEmpty');
    else if (file !== null && file.size > EVIDENCE_MAX_BYTES) {
      out.file = t('fileTooLarge', { size: formatSize(file.size) });
    }
    return out;
  }

  /** With a file, multipart/form-data (the file stored with the completion); without, JSON. */
  function body() {
    if (file === null) return { on, note: note.trim() };
    const form = new FormData();
    form.append('on', on);
    form.append('note', note.trim());
    form.append('file', file, file.name);
    return form as unknown as DoneForm;
  }

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await call(
        api.POST('/api/v1/licences/{number}/deadlines/{occurrenceId}/done', {
          params: { path: { number: licence, occurrenceId } },
          body: body(),
        }),
      );
      onDone(on);
    } catch (e) {
      setFailure(e);
      setBusy(false);
    }
  }

  const describedBy = (field: keyof FieldErrors, ...hints: (string | undefined)[]) =>
    [...hints, errors[field] === undefined ? undefined : `${ids[field]}-error`]
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
          <label htmlFor={ids.file}>{t('file')}</label>
          <input
            id={ids.file}
            type="file"
            aria-invalid={errors.file !== undefined}
            aria-describedby={describedBy(
              'file',
              ids.fileHint,
              file === null ? undefined : ids.fileChosen,
            )}
            onChange={(e) => {
              setFile(e.currentTarget.files?.[0] ?? null);
              setErrors(({ file: _file, ...rest }) => rest);
            }}
          />
          <p id={ids.fileHint} className="hint">
            {t('fileHint')}
          </p>
          {file !== null && (
            <p id={ids.fileChosen} className="hint">
              {t('chosen', { name: file.name, size: formatSize(file.size) })}
            </p>
          )}
          <FieldError id={`${ids.file}-error`} text={errors.file} />
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
