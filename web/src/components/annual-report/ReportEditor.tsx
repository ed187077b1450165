/**
 * The holder's report editor: per art. 35 item its heading, the facts xuke pre-filled, the fields to
 * complete (text, figures, users per licensed service), the trade-secret marks of items 1–3 and the
 * publish choice of items 5–6, each field's problems beside it, and the item's attachments. Saves
 * with the version it read (a 409 says someone else saved first and offers to reload), then an
 * administrator signs it off and it is submitted to the issuing authority. Unsaved edits are
 * guarded on the way out, as the upload review's are.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { api, ApiError, call } from '../../api/client';
import { ErrorNotice } from '../common';
import { useAction } from '../forms';
import { useUnsavedChanges } from '../use-unsaved-changes';
import { defineMessages, pick, PUNCT, useLang, useT } from '../../i18n';
import {
  answersOf,
  draftOf,
  withField,
  withPublication,
  type Draft,
  type Field,
  type FieldDraft,
  type Item,
  type ItemDraft,
  type Report,
} from './report-draft';
import { AttachmentList, ItemFacts, ItemHeading } from './ReportParts';

const m = defineMessages(
  {
    form: '年报内容',
    unsaved: '这份年报有未保存的修改。离开此页，修改将丢失。确定离开吗？',
    todo: '签核前还有 {n} 处需要完善（按最近一次保存的内容检查）：',
    complete: '内容已完整，可以由管理员签核。',
    itemProblems: '本项的问题',
    secret: '不公示此栏（商业秘密）',
    publish: '公示第 {no} 项',
    publishHint: '此项由您选择是否公示；不选则只报送发证机关。',
    service: '业务',
    users: '用户数',
    attach: '为第 {no} 项添加附件',
    attachHint: 'PDF、PNG、JPEG 或纯文本文件，不超过 10 MB。',
    upload: '上传附件',
    uploading: '正在上传…',
    attached: '已添加附件“{name}”。',
    badType: '请选择 PDF、PNG、JPEG 或纯文本文件。',
    tooLarge: '附件不能超过 10 MB。',
    chooseFile: '请先选择文件。',
    actions: '保存与报送',
    save: '保存',
    saving: '正在保存…',
    dirty: '有未保存的修改。',
    clean: '已保存（第 {n} 版）。',
    saved: '已保存，现为第 {n} 版。',
    lapses: '此年报已签核；保存修改后签核失效，需要管理员重新签核。',
    signOff: '签核',
    signingOff: '正在签核…',
    signedOff: '已签核。现在可以报送发证机关。',
    submit: '报送发证机关',
    submitting: '正在报送…',
    submitted: '已报送，等待发证机关审核。',
    why_notAdmin: '只有本单位的管理员可以签核。',
    why_dirty: '请先保存修改。',
    why_incomplete: '内容尚不完整，请先完善上面列出的各处。',
    why_signedOff: '已签核。',
    why_notSignedOff: '报送前须由管理员签核。',
    conflict:
      '这份年报已被他人修改或已改变状态，您的修改没有保存。重新加载会显示最新内容，您未保存的修改将丢失。',
    reload: '重新加载',
  },
  {
    form: 'Report contents',
    unsaved:
      'This report has unsaved changes. If you leave this page they will be lost. Leave anyway?',
    todo: '{n} things to complete before sign-off (as of the last save):',
    complete: 'The report is complete: an administrator can sign it off.',
    itemProblems: 'Problems in this item',
    secret: 'Do not publish this field (trade secret)',
    publish: 'Publish item {no}',
    publishHint:
      'Publishing this item is your choice; left unticked, only the issuing authority sees it.',
    service: 'Service',
    users: 'Users',
    attach: 'Attach a file to item {no}',
    attachHint: 'A PDF, PNG, JPEG or plain-text file, at most 10 MB.',
    upload: 'Upload attachment',
    uploading: 'Uploading…',
    attached: 'Attached “{name}”.',
    badType: 'Choose a PDF, PNG, JPEG or plain-text file.',
    tooLarge: 'An attachment cannot exceed 10 MB.',
    chooseFile: 'Choose a file first.',
    actions: 'Save and submit',
    save: 'Save',
    saving: 'Saving…',
    dirty: 'There are unsaved changes.',
    clean: 'Saved (version {n}).',
    saved: 'Saved; now version {n}.',
    lapses:
      'This report is signed off; saving a change lapses the sign-off, and an administrator signs it off again.',
    signOff: 'Sign off',
    signingOff: 'Signing off…',
    signedOff: 'Signed off. It can now be submitted to the issuing authority.',
    submit: 'Submit to the issuing authority',
    submitting: 'Submitting…',
    submitted: 'Submitted; the issuing authority will review it.',
    why_notAdmin: 'Only an administrator of your organisation can sign it off.',
    why_dirty: 'Save your changes first.',
    why_incomplete: 'The report is not complete yet: see the points listed above.',
    why_signedOff: 'Signed off.',
    why_notSignedOff: 'An administrator signs the report off before it is submitted.',
    conflict:
      'Someone else changed this report, or its status changed: your changes were not saved. Reloading shows the latest contents; your unsaved changes will be lost.',
    reload: 'Reload',
  },
);

const TYPES: ReadonlySet<string> = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'text/plain',
]);
const MAX_BYTES = 10 * 1024 * 1024;

interface State {
  readonly draft: Draft;
  /** the answers as last saved (or read), to tell unsaved edits */
  readonly saved: string;
  /** the version the edits are based on: sent as expectedVersion */
  readonly version: number;
}

function stateOf(report: Report): State {
  const draft = draftOf(report);
  return { draft, saved: JSON.stringify(answersOf(draft, report)), version: report.version };
}

const fieldId = (item: number, key: string) => `ar-${item}-${key}`;

export function ReportEditor({
  report,
  admin,
  onReport,
  reload,
}: {
  report: Report;
  /** the signed-in user is an administrator of the organisation (may sign off) */
  admin: boolean;
  /** a newer report from a write: into the page's cache */
  onReport: (report: Report) => void;
  /** read the report again (after a conflict) */
  reload: () => Promise<Report | undefined>;
}) {
  const t = useT(m);
  const { lang } = useLang();
  const [state, setState] = useState(() => stateOf(report));
  const answers = useMemo(() => answersOf(state.draft, report), [state.draft, report]);
  const dirty = JSON.stringify(answers) !== state.saved;
  useUnsavedChanges(dirty, t('unsaved'));
  const action = useAction();
  const [conflict, setConflict] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  // someone else's newer version, read while nothing here is unsaved: show it
  useEffect(() => {
    if (report.version !== state.version && !dirty) setState(stateOf(report));
    // only when the report read changes, not as the edits do
  }, [report]);

  const write = async (run: () => Promise<Report>, message: (r: Report) => string) => {
    setDone(null);
    setConflict(false);
    await action.run(async () => {
      try {
        const r = await run();
        onReport(r);
        setDone(message(r));
      } catch (e) {
        if (e instanceof ApiError && e.status === 409) setConflict(true);
        throw e;
      }
    });
  };

  const save = () =>
    write(
      async () => {
        const sent = answers;
        const r = await call(
          api.PUT('/api/v1/annual-reports/{id}/answers', {
            params: { path: { id: report.id } },
            body: { answers: sent, expectedVersion: state.version },
          }),
        );
        // edits typed while it saved stay unsaved
        setState((s) => ({ ...s, saved: JSON.stringify(sent), version: r.version }));
        return r;
      },
      (r) => t('saved', { n: r.version }),
    );

  const decide = (path: 'sign-off' | 'submit') =>
    write(
      async () => {
        const r = await call(
          path === 'sign-off'
            ? api.POST('/api/v1/annual-reports/{id}/sign-off', {
                params: { path: { id: report.id } },
                body: { expectedVersion: state.version },
              })
            : api.POST('/api/v1/annual-reports/{id}/submit', {
                params: { path: { id: report.id } },
                body: { expectedVersion: state.version },
              }),
        );
        setState(stateOf(r));
        return r;
      },
      () => (path === 'sign-off' ? t('signedOff') : t('submitted')),
    );

  const signOffWhy =
    report.status === 'signed-off'
      ? 'why_signedOff'
      : !admin
        ? 'why_notAdmin'
        : dirty
          ? 'why_dirty'
          : !report.complete
            ? 'why_incomplete'
            : null;
  const submitWhy = dirty
    ? 'why_dirty'
    : report.status !== 'signed-off'
      ? 'why_notSignedOff'
      : null;

  const change = (next: Draft) => {
    setState((s) => ({ ...s, draft: next }));
  };

  return (
    <form
      className="ar-editor"
      aria-label={t('form')}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (dirty) void save();
      }}
    >
      {report.problems.length > 0 ? (
        <div className="notice notice-info ar-todo">
          <p>{t('todo', { n: report.problems.length })}</p>
          <ul>
            {report.problems.map((p, i) => (
              <li key={i}>
                <a href={`#${p.field === null ? `ar-item-${p.item}` : fieldId(p.item, p.field)}`}>
                  {pick(lang, p.message, p.messageEn)}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="notice notice-ok">{t('complete')}</p>
      )}

      {report.items.map((item) => (
        <EditableItem
          key={item.no}
          item={item}
          report={report}
          draft={state.draft[`${item.no}`]}
          onChange={(key, value) => {
            change(withField(state.draft, item.no, key, value));
          }}
          onPublication={(c) => {
            change(withPublication(state.draft, item.no, c));
          }}
          attach={async (file) => {
            const r = await call(
              api.POST('/api/v1/annual-reports/{id}/attachments', {
                params: {
                  path: { id: report.id },
                  query: { item: item.no, name: file.name, expectedVersion: state.version },
                },
                // the document types the raw bytes as a (binary) string; the file is sent as it is
                body: file as unknown as string,
                headers: { 'Content-Type': file.type },
                // `send` writes any body but FormData as JSON: the request goes with the file's bytes
                fetch: (request: Request) =>
                  globalThis.fetch(
                    new Request(request.url, {
                      method: request.method,
                      headers: request.headers,
                      body: file,
                    }),
                  ),
              }),
            );
            // an attachment changes no answer: the edits stay, on the new version
            setState((s) => ({ ...s, version: r.version }));
            onReport(r);
          }}
        />
      ))}

      <div className="ar-actions" role="group" aria-label={t('actions')}>
        <p className="ar-save-state" aria-live="polite">
          {dirty ? t('dirty') : t('clean', { n: state.version })}
        </p>
        {report.status === 'signed-off' && <p className="hint">{t('lapses')}</p>}
        <div className="ar-buttons">
          <button type="submit" className="primary" disabled={!dirty || action.busy}>
            {action.busy ? t('saving') : t('save')}
          </button>
          <Decision
            label={t('signOff')}
            why={signOffWhy === null ? null : t(signOffWhy)}
            busy={action.busy}
            onClick={() => {
              void decide('sign-off');
            }}
          />
          <Decision
            label={t('submit')}
            why={submitWhy === null ? null : t(submitWhy)}
            busy={action.busy}
            onClick={() => {
              void decide('submit');
            }}
          />
        </div>
        <div role="status" aria-live="polite">
          {done !== null && <p className="notice notice-ok">{done}</p>}
        </div>
        {conflict ? (
          <div className="notice notice-error" role="alert">
            <p>{t('conflict')}</p>
            <button
              type="button"
              onClick={() => {
                void reload().then((fresh) => {
                  if (fresh !== undefined) setState(stateOf(fresh));
                  setConflict(false);
                  action.clearFailure();
                });
              }}
            >
              {t('reload')}
            </button>
          </div>
        ) : (
          action.failure !== null && <ErrorNotice error={action.failure} />
        )}
      </div>
    </form>
  );
}

/** A button that says why it cannot be used yet. */
function Decision({
  label,
  why,
  busy,
  onClick,
}: {
  label: string;
  why: string | null;
  busy: boolean;
  onClick: () => void;
}) {
  const id = useId();
  return (
    <span className="ar-decision">
      <button
        type="button"
        disabled={why !== null || busy}
        aria-describedby={why === null ? undefined : id}
        onClick={onClick}
      >
        {label}
      </button>
      {why !== null && (
        <span id={id} className="hint">
          {why}
        </span>
      )}
    </span>
  );
}

function EditableItem({
  item,
  report,
  draft,
  onChange,
  onPublication,
  attach,
}: {
  item: Item;
  report: Report;
  draft: ItemDraft | undefined;
  onChange: (key: string, value: FieldDraft) => void;
  onPublication: (change: { public: boolean } | { secret: string; on: boolean }) => void;
  attach: (file: File) => Promise<void>;
}) {
  const t = useT(m);
  const { lang } = useLang();
  if (draft === undefined) return null;
  const whole = item.problems.filter((p) => p.field === null);
  return (
    <section className="ar-item" id={`ar-item-${item.no}`} aria-labelledby={`ar-item-${item.no}-h`}>
      <ItemHeading item={item} id={`ar-item-${item.no}-h`} />
      {item.publication === 'holder-choice' && (
        <div className="field ar-publish">
          <label>
            <input
              type="checkbox"
              checked={draft.public}
              aria-describedby={`ar-publish-${item.no}-hint`}
              onChange={(e) => {
                onPublication({ public: e.target.checked });
              }}
            />{' '}
            {t('publish', { no: item.no })}
          </label>
          <p id={`ar-publish-${item.no}-hint`} className="hint">
            {t('publishHint')}
          </p>
        </div>
      )}
      <ItemFacts item={item} />
      {whole.length > 0 && (
        <ul className="ar-problems" aria-label={t('itemProblems')}>
          {whole.map((p, i) => (
            <li key={i} className="field-error">
              {pick(lang, p.message, p.messageEn)}
            </li>
          ))}
        </ul>
      )}
      {item.fields.map((f) => (
        <FieldInput
          key={f.key}
          item={item}
          field={f}
          services={report.services}
          value={draft.fields[f.key]}
          secret={item.publication === 'public' ? draft.secretFields.includes(f.key) : null}
          onChange={(v) => {
            onChange(f.key, v);
          }}
          onSecret={(on) => {
            onPublication({ secret: f.key, on });
          }}
        />
      ))}
      <AttachmentList
        attachments={report.attachments.filter((a) => a.item === item.no)}
        headingLevel={3}
      />
      <AttachForm no={item.no} attach={attach} />
    </section>
  );
}

function FieldInput({
  item,
  field: f,
  services,
  value,
  secret,
  onChange,
  onSecret,
}: {
  item: Item;
  field: Field;
  services: Report['services'];
  value: FieldDraft | undefined;
  /** items 1–3: whether it is withheld; null where there is no such choice */
  secret: boolean | null;
  onChange: (value: FieldDraft) => void;
  onSecret: (on: boolean) => void;
}) {
  const t = useT(m);
  const { lang } = useLang();
  const id = fieldId(item.no, f.key);
  const problems = item.problems.filter((p) => p.field === f.key);
  const invalid = problems.length > 0;
  const describedBy = `${id}-hint${invalid ? ` ${id}-problem` : ''}`;
  const label = pick(lang, f.label, f.labelEn);
  const problemText = invalid && (
    <div id={`${id}-problem`} className="ar-field-problems">
      {problems.map((p, i) => (
        <p key={i} className="field-error">
          {pick(lang, p.message, p.messageEn)}
        </p>
      ))}
    </div>
  );
  const hint = (
    <p id={`${id}-hint`} className="hint">
      {pick(lang, f.hint, f.hintEn)}
    </p>
  );
  const secretToggle = secret !== null && (
    <label className="ar-secret-toggle">
      <input
        type="checkbox"
        checked={secret}
        onChange={(e) => {
          onSecret(e.target.checked);
        }}
      />{' '}
      <span className="visually-hidden">
        {label}
        {PUNCT[lang].colon}
      </span>
      {t('secret')}
    </label>
  );

  if (f.kind === 'per-service-count') {
    const per: Readonly<Record<string, string>> = typeof value === 'object' ? value : {};
    return (
      <fieldset className={`field ar-field${invalid ? ' is-invalid' : ''}`} id={id}>
        <legend>
          {label}
          {f.required && <span aria-hidden="true"> *</span>}
        </legend>
        {hint}
        <div className="table-wrap">
          <table className="ar-services">
            <thead>
              <tr>
                <th scope="col">{t('service')}</th>
                <th scope="col">{t('users')}</th>
              </tr>
            </thead>
            <tbody>
              {services.map((s) => (
                <tr key={s.key}>
                  <th scope="row">
                    <label htmlFor={`${id}-${s.key}`}>
                      {s.name}
                      {PUNCT[lang].open}
                      {s.key}
                      {PUNCT[lang].close}
                    </label>
                  </th>
                  <td>
                    <input
                      id={`${id}-${s.key}`}
                      type="text"
                      inputMode="numeric"
                      autoComplete="off"
                      value={per[s.key] ?? ''}
                      aria-invalid={invalid}
                      aria-describedby={describedBy}
                      onChange={(e) => {
                        onChange({ ...per, [s.key]: e.target.value });
                      }}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {problemText}
        {secretToggle}
      </fieldset>
    );
  }
  const text = typeof value === 'string' ? value : '';
  const common = {
    id,
    value: text,
    required: f.required,
    'aria-invalid': invalid,
    'aria-describedby': describedBy,
  };
  return (
    <div className={`field ar-field${invalid ? ' is-invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {f.required && <span aria-hidden="true"> *</span>}
      </label>
      {f.kind === 'text' ? (
        <textarea
          {...common}
          rows={4}
          onChange={(e) => {
            onChange(e.target.value);
          }}
        />
      ) : (
        <input
          {...common}
          type="text"
          inputMode={f.kind === 'money' ? 'decimal' : 'numeric'}
          autoComplete="off"
          onChange={(e) => {
            onChange(e.target.value);
          }}
        />
      )}
      {hint}
      {problemText}
      {secretToggle}
    </div>
  );
}

function AttachForm({ no, attach }: { no: number; attach: (file: File) => Promise<void> }) {
  const t = useT(m);
  const id = `ar-attach-${no}`;
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const action = useAction();
  const problemOf = (f: File | null): string | null =>
    f === null
      ? t('chooseFile')
      : !TYPES.has(f.type)
        ? t('badType')
        : f.size > MAX_BYTES
          ? t('tooLarge')
          : null;
  const upload = () => {
    setDone(null);
    action.clearFailure();
    const wrong = problemOf(file);
    setProblem(wrong);
    if (wrong !== null || file === null) return;
    void action.run(async () => {
      await attach(file);
      setDone(t('attached', { name: file.name }));
      setFile(null);
      setInputKey((k) => k + 1);
    });
  };
  return (
    <div className="field ar-attach">
      <label htmlFor={id}>{t('attach', { no })}</label>
      <div className="ar-attach-row">
        <input
          key={inputKey}
          id={id}
          type="file"
          accept="application/pdf,image/png,image/jpeg,text/plain"
          aria-describedby={`${id}-hint`}
          aria-invalid={problem !== null}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setProblem(null);
          }}
        />
        <button type="button" disabled={action.busy} onClick={upload}>
          {action.busy ? t('uploading') : t('upload')}
        </button>
      </div>
      <p id={`${id}-hint`} className="hint">
        {t('attachHint')}
      </p>
      {problem !== null && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <div role="status" aria-live="polite">
        {done !== null && <p className="hint">{done}</p>}
      </div>
      {action.failure !== null && <ErrorNotice error={action.failure} />}
    </div>
  );
}
