/**
 * What the official query (电信业务市场综合管理信息系统) showed for a number, recorded by a holder's or
 * a platform's reviewer as a confirmation (`POST /api/v1/confirmations`): the date, the status as
 * shown, the company, services and coverage, the validity, and a screenshot or the saved page,
 * sent as base64. On a page of its own (pages/Confirm.tsx), linked from the licence's comparison.
 */
import { useId, useState } from 'react';
import { Link } from 'wouter';
import { api, call } from '../../api/client';
import { refresh } from '../../api/use-data';
import { formatDate, todayInShanghai } from '../../format';
import { defineMessages, useLang, useT } from '../../i18n';
import { ErrorNotice } from '../common';
import { FieldError, useAction } from '../forms';
import { readBase64 } from '../../read-file';

const m = defineMessages(
  {
    checkedOn: '查询日期',
    officialStatus: '官方系统显示的状态',
    officialStatusHint: '照实填写，例如：有效、已注销。',
    holderName: '公司名称',
    services: '业务种类及覆盖范围',
    servicesHint:
      '每行一项：业务名称：覆盖范围1、覆盖范围2。例如：信息服务业务（仅限互联网信息服务）：北京',
    validFrom: '有效期自',
    expiresOn: '有效期至',
    note: '备注（可选）',
    attachment: '截图或保存的网页',
    attachmentHint: '图片、PDF 或 HTML，不超过 10 MB。',
    required: '请填写此项。',
    submit: '记录核实结果',
    saving: '正在记录…',
    saved: '已记录 {date} 的官方系统核实结果。',
    back: '返回许可证 {number} 查看比对结果',
    tooLarge: '附件超过 10 MB。',
  },
  {
    checkedOn: 'Looked up on',
    officialStatus: 'Status shown by the official system',
    officialStatusHint: 'As shown, e.g. 有效, 已注销.',
    holderName: 'Company name',
    services: 'Services and coverage',
    servicesHint:
      'One per line: service name: coverage 1、coverage 2. E.g. 信息服务业务（仅限互联网信息服务）：北京',
    validFrom: 'Valid from',
    expiresOn: 'Valid until',
    note: 'Note (optional)',
    attachment: 'Screenshot or saved page',
    attachmentHint: 'An image, PDF or HTML file, up to 10 MB.',
    required: 'Fill this in.',
    submit: 'Record the confirmation',
    saving: 'Recording…',
    saved: 'Recorded the official-system confirmation of {date}.',
    back: 'Back to licence {number} and its comparison',
    tooLarge: 'The attachment is over 10 MB.',
  },
);

const MAX_ATTACHMENT = 10 * 1024 * 1024;

function parseServices(text: string): { name: string; coverage: string[] }[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const at = line.search(/[:：](?![^（(]*[)）])/u);
      const name = at < 0 ? line : line.slice(0, at).trim();
      const rest = at < 0 ? '' : line.slice(at + 1);
      const coverage = rest
        .split(/[、,，;；\s]+/u)
        .map((c) => c.trim())
        .filter((c) => c !== '');
      return { name, coverage };
    });
}

export function ConfirmationForm({ number }: { number: string }) {
  const t = useT(m);
  const { lang } = useLang();
  const id = useId();
  const [values, setValues] = useState({
    checkedOn: todayInShanghai(),
    officialStatus: '',
    holderName: '',
    services: '',
    validFrom: '',
    expiresOn: '',
    note: '',
  });
  const [file, setFile] = useState<File | null>(null);
  const [tried, setTried] = useState(false);
  const { busy, failure, run } = useAction();
  const [saved, setSaved] = useState<string | null>(null);
  const set = (key: keyof typeof values) => (e: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [key]: e.target.value }));
  };
  const missing = tried && values.officialStatus.trim() === '';
  const tooLarge = file !== null && file.size > MAX_ATTACHMENT;
  const text = (key: keyof typeof values, label: string, type = 'text', hint?: string) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        type={type}
        value={values[key]}
        onChange={set(key)}
        {...(hint !== undefined && { 'aria-describedby': `${id}-${key}-hint` })}
      />
      {hint !== undefined && (
        <p id={`${id}-${key}-hint`} className="hint">
          {hint}
        </p>
      )}
    </div>
  );
  return (
    <form
      className="card trust-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (values.officialStatus.trim() === '' || tooLarge) return;
        void run(async () => {
          const attachment =
            file === null ? undefined : { name: file.name, base64: await readBase64(file) };
          const nul = (s: string) => (s.trim() === '' ? null : s.trim());
          const c = await call(
            api.POST('/api/v1/confirmations', {
              body: {
                number,
                checkedOn: values.checkedOn,
                officialStatus: values.officialStatus.trim(),
                holderName: nul(values.holderName),
                services: parseServices(values.services),
                validFrom: nul(values.validFrom),
                expiresOn: nul(values.expiresOn),
                note: nul(values.note),
                ...(attachment !== undefined && { attachment }),
              },
            }),
          );
          setSaved(t('saved', { date: formatDate(c.checkedOn, lang) }));
          await refresh('licence');
        });
      }}
    >
      {text('checkedOn', t('checkedOn'), 'date')}
      <div className="field">
        <label htmlFor={`${id}-status`}>{t('officialStatus')}</label>
        <input
          id={`${id}-status`}
          type="text"
          required
          aria-invalid={missing}
          aria-describedby={`${id}-status-hint ${id}-status-err`}
          value={values.officialStatus}
          onChange={set('officialStatus')}
        />
        <p id={`${id}-status-hint`} className="hint">
          {t('officialStatusHint')}
        </p>
        <FieldError id={`${id}-status-err`} text={missing ? t('required') : undefined} />
      </div>
      {text('holderName', t('holderName'))}
      <div className="field">
        <label htmlFor={`${id}-services`}>{t('services')}</label>
        <textarea
          id={`${id}-services`}
          rows={3}
          aria-describedby={`${id}-services-hint`}
          value={values.services}
          onChange={set('services')}
        />
        <p id={`${id}-services-hint`} className="hint">
          {t('servicesHint')}
        </p>
      </div>
      {text('validFrom', t('validFrom'), 'date')}
      {text('expiresOn', t('expiresOn'), 'date')}
      {text('note', t('note'))}
      <div className="field">
        <label htmlFor={`${id}-file`}>{t('attachment')}</label>
        <input
          id={`${id}-file`}
          type="file"
          accept="image/*,application/pdf,text/html,.html,.htm,.mhtml"
          aria-describedby={`${id}-file-hint ${id}-file-err`}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
          }}
        />
        <p id={`${id}-file-hint`} className="hint">
          {t('attachmentHint')}
        </p>
        <FieldError id={`${id}-file-err`} text={tooLarge ? t('tooLarge') : undefined} />
      </div>
      {failure !== null && <ErrorNotice error={failure} />}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('saving') : t('submit')}
      </button>
      <div role="status" aria-live="polite">
        {saved !== null && (
          <div className="notice notice-ok">
            <p>{saved}</p>
            <p>
              <Link href={`/licences/${encodeURIComponent(number)}`}>{t('back', { number })}</Link>
            </p>
          </div>
        )}
      </div>
    </form>
  );
}
