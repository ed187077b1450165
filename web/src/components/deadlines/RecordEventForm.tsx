/**
 * Record an obligation event (docs/deadlines.md): something that happened and starts a deadline —
 * illegal information disposed of, an incident, a change decided … POST
 * /api/v1/licences/{number}/events `{kind, date, note}`.
 */
import { useId, useState } from 'react';
import type { SubmitEvent } from 'react';
import { api, call } from '../../api/client';
import { ErrorNotice } from '../common';
import { FieldError, useAction } from '../forms';
import { formatDate } from '../../format';
import { defineMessages, useLang, useT } from '../../i18n';
import { EVENT_KINDS, labels, type EventKind } from './names';

const m = defineMessages({
  licence: ['许可证', 'Licence'],
  choose: ['请选择许可证', 'Choose a licence'],
  kind: ['事件类型', 'Kind of event'],
  date: ['发生日期', 'Date it happened'],
  note: ['备注（可选）', 'Note (optional)'],
  noteHint: ['例如处置了什么、内部编号。', 'What was disposed of, an internal reference …'],
  submit: ['记录事件', 'Record the event'],
  saving: ['正在记录…', 'Recording…'],
  licenceMissing: ['请选择许可证。', 'Choose a licence.'],
  dateMissing: ['请填写发生日期。', 'Enter the day it happened.'],
  dateFuture: ['发生日期不能晚于今天（{today}）。', 'The day cannot be after today ({today}).'],
  moreLicences: ['只列出前 {count} 张许可证。', 'Only the first {count} licences are listed.'],
});

export interface LicenceChoice {
  readonly number: string;
  readonly holder: string | null;
}

export interface RecordedEvent {
  readonly licence: string;
  readonly kind: EventKind;
  readonly date: string;
}

export function RecordEventForm({
  licences,
  truncated,
  today,
  onRecorded,
}: {
  licences: readonly LicenceChoice[];
  /** more licences exist than are listed */
  truncated: boolean;
  today: string;
  onRecorded: (event: RecordedEvent) => Promise<void> | void;
}) {
  const t = useT(m);
  const tl = useT(labels);
  const { lang } = useLang();
  const ids = { licence: useId(), kind: useId(), date: useId(), note: useId(), hint: useId() };
  const [licence, setLicence] = useState(licences.length === 1 ? (licences[0]?.number ?? '') : '');
  const [kind, setKind] = useState<EventKind>('illegal-content-disposed');
  const [date, setDate] = useState(today);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Partial<Record<'licence' | 'date', string>>>({});
  const saving = useAction();

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: typeof errors = {};
    if (licence === '') found.licence = t('licenceMissing');
    if (date === '') found.date = t('dateMissing');
    else if (date > today) found.date = t('dateFuture', { today: formatDate(today, lang) });
    setErrors(found);
    if (Object.keys(found).length > 0) {
      saving.clearFailure();
      return;
    }
    await saving.run(async () => {
      await call(
        api.POST('/api/v1/licences/{number}/events', {
          params: { path: { number: licence } },
          body: { kind, date, note: note.trim() === '' ? null : note.trim() },
        }),
      );
      await onRecorded({ licence, kind, date });
      setNote('');
    });
  }

  return (
    <form
      className="record-event"
      noValidate
      onSubmit={(e) => {
        void submit(e);
      }}
    >
      <div className="record-event-fields">
        <div className="field">
          <label htmlFor={ids.licence}>{t('licence')}</label>
          <select
            id={ids.licence}
            value={licence}
            aria-invalid={errors.licence !== undefined}
            aria-describedby={errors.licence === undefined ? undefined : `${ids.licence}-error`}
            onChange={(e) => {
              setLicence(e.currentTarget.value);
            }}
          >
            <option value="">{t('choose')}</option>
            {licences.map((l) => (
              <option key={l.number} value={l.number}>
                {l.holder === null ? l.number : `${l.number} · ${l.holder}`}
              </option>
            ))}
          </select>
          {truncated && <p className="hint">{t('moreLicences', { count: licences.length })}</p>}
          <FieldError id={`${ids.licence}-error`} text={errors.licence} />
        </div>
        <div className="field">
          <label htmlFor={ids.kind}>{t('kind')}</label>
          <select
            id={ids.kind}
            value={kind}
            onChange={(e) => {
              setKind(e.currentTarget.value as EventKind);
            }}
          >
            {EVENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {tl(`event_${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.date}>{t('date')}</label>
          <input
            id={ids.date}
            type="date"
            value={date}
            max={today}
            aria-invalid={errors.date !== undefined}
            aria-describedby={errors.date === undefined ? undefined : `${ids.date}-error`}
            onChange={(e) => {
              setDate(e.currentTarget.value);
            }}
          />
          <FieldError id={`${ids.date}-error`} text={errors.date} />
        </div>
        <div className="field record-event-note">
          <label htmlFor={ids.note}>{t('note')}</label>
          <input
            id={ids.note}
            value={note}
            maxLength={2000}
            aria-describedby={ids.hint}
            onChange={(e) => {
              setNote(e.currentTarget.value);
            }}
          />
          <p id={ids.hint} className="hint">
            {t('noteHint')}
          </p>
        </div>
      </div>
      {saving.failure !== null && <ErrorNotice error={saving.failure} />}
      <button type="submit" className="primary" disabled={saving.busy}>
        {saving.busy ? t('saving') : t('submit')}
      </button>
    </form>
  );
}
