/**
 * The deadlines as a table: obligation (with its explanation on demand), licence, due date, last day
 * to act, status, working days left; mark done with evidence, or undo. On a phone each row becomes
 * a block of labelled lines.
 */
import { Fragment, lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import { api, call } from '../../api/client';
import { ErrorNotice, Loading } from '../common';
import { formatDate } from '../../format';
import { defineMessages, pick, useLang, useT, type Lang } from '../../i18n';
import { titleOf } from './names';
import { OccurrenceBadge } from './occurrence-status';
import { daysBetween } from './month-grid';
import { occurrenceKey, type Occurrence } from './types';

// the form loads when a row is opened: most visits only read the list
const loadMarkDoneForm = () => import('./MarkDoneForm');
const MarkDoneForm = lazy(async () => ({ default: (await loadMarkDoneForm()).MarkDoneForm }));

const m = defineMessages(
  {
    caption: '期限列表',
    context: '{title}（{licence}，截止 {due}）',
    doneOn: '{on}完成',
    doneDocument: '凭证文件 SHA-256：',
    named: '：{name}',
    obligation: '义务',
    licence: '许可证',
    dueOn: '截止日期',
    actBy: '最后办理日',
    status: '状态',
    left: '剩余工作日',
    actions: '操作',
    explain: '计算说明',
    provisional: '暂定',
    provisionalHint: '涉及尚未公布的节假日安排，日期可能变化',
    markDone: '标记完成',
    undo: '撤销完成',
    undoing: '正在撤销…',
    confirmUndo: '确认撤销',
    confirmUndoText: '撤销后此项恢复为未完成，已填写的凭证将被删除。',
    cancel: '取消',
    doneSaved: '已标记完成：{title}（{licence}）。',
    undone: '已撤销完成：{title}（{licence}）。',
    undoLast: '撤销',
    none: '没有符合筛选条件的期限。',
    overdueBy: '已逾期 {n} 天',
    pastActBy: '最后办理日已过（截止日为非工作日）',
    lastDay: '今天是最后办理日',
    workdays: '{n} 个工作日',
    workdaysProvisional: '{n} 个工作日（暂定）',
    notApplicable: '—',
  },
  {
    caption: 'Deadlines',
    context: '{title} ({licence}, due {due})',
    doneOn: 'Done on {on}',
    doneDocument: 'Evidence document SHA-256:',
    named: ': {name}',
    obligation: 'Obligation',
    licence: 'Licence',
    dueOn: 'Due',
    actBy: 'Last day to act',
    status: 'Status',
    left: 'Working days left',
    actions: 'Actions',
    explain: 'How it is counted',
    provisional: 'Provisional',
    provisionalHint: 'It depends on holidays not yet announced; the date may change',
    markDone: 'Mark done',
    undo: 'Undo done',
    undoing: 'Undoing…',
    confirmUndo: 'Confirm undo',
    confirmUndoText: 'The occurrence becomes open again and its evidence is deleted.',
    cancel: 'Cancel',
    doneSaved: 'Marked done: {title} ({licence}).',
    undone: 'No longer done: {title} ({licence}).',
    undoLast: 'Undo',
    none: 'No deadlines match the filters.',
    overdueBy: '{n} day(s) overdue',
    pastActBy: 'Last day to act has passed (the due day is not a working day)',
    lastDay: 'Today is the last day to act',
    workdays: '{n} working day(s)',
    workdaysProvisional: '{n} working day(s) (provisional)',
    notApplicable: '—',
  },
);

/** "Working days left" in words, as the server counted them (`workdaysLeft`). */
export function workdaysLeftText(
  o: Pick<Occurrence, 'status' | 'dueOn' | 'workdaysLeft' | 'provisional'>,
  today: string,
  t: (key: keyof typeof m.zh, vars?: Record<string, string | number>) => string,
): string {
  if (o.status === 'done' || o.status === 'not-applicable') return t('notApplicable');
  if (today > o.dueOn) return t('overdueBy', { n: daysBetween(o.dueOn, today) });
  const n = o.workdaysLeft;
  if (n === null) return t('pastActBy');
  if (n === 0) return t('lastDay');
  return o.provisional ? t('workdaysProvisional', { n }) : t('workdays', { n });
}

function explanation(o: Occurrence, lang: Lang): string {
  return pick(lang, o.explanation.text, o.explanation.textEn);
}

export function OccurrenceTable({
  occurrences,
  today,
  canComplete,
  onChanged,
}: {
  occurrences: readonly Occurrence[];
  today: string;
  /** the role may mark done and undo (admin, member) */
  canComplete: boolean;
  /** after a mark-done or an undo: re-read the deadlines */
  onChanged: () => Promise<void>;
}) {
  const t = useT(m);
  const { lang } = useLang();
  const [open, setOpen] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  /** the last mark-done or undo, told in the current language (and undoable after a mark-done) */
  const [message, setMessage] = useState<{
    kind: 'doneSaved' | 'undone';
    occurrence: Occurrence;
  } | null>(null);
  const container = useRef<HTMLDivElement>(null);
  const messageRef = useRef<HTMLParagraphElement>(null);

  // the form that had the focus is gone: the result takes it, so the keyboard is not lost
  useEffect(() => {
    if (message !== null) messageRef.current?.focus();
  }, [message]);

  /** Back to the row's mark-done button (after Cancel). */
  function focusRow(key: string) {
    requestAnimationFrame(() => {
      for (const b of container.current?.querySelectorAll<HTMLButtonElement>('button[data-row]') ??
        []) {
        if (b.dataset.row === key) b.focus();
      }
    });
  }

  const titleIn = (o: Occurrence) => titleOf(o, lang);

  async function undo(o: Occurrence) {
    setBusy(occurrenceKey(o));
    setFailure(null);
    try {
      await call(
        api.DELETE('/api/v1/licences/{number}/deadlines/{occurrenceId}/done', {
          params: { path: { number: o.licence, occurrenceId: o.id } },
        }),
      );
      setConfirming(null);
      await onChanged();
      setMessage({ kind: 'undone', occurrence: o });
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="occurrences" ref={container}>
      <div className="occurrences-status" role="status" aria-live="polite">
        {message !== null && (
          <p className="notice notice-ok" ref={messageRef} tabIndex={-1}>
            {t(message.kind, {
              title: titleIn(message.occurrence),
              licence: message.occurrence.licence,
            })}{' '}
            {message.kind === 'doneSaved' && canComplete && (
              <button
                type="button"
                className="link-button"
                disabled={busy !== null}
                onClick={() => {
                  void undo(message.occurrence);
                }}
              >
                {t('undoLast')}
              </button>
            )}
          </p>
        )}
      </div>
      {failure !== null && <ErrorNotice error={failure} />}
      {occurrences.length === 0 ? (
        <p className="occurrences-none">{t('none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="occurrences-table">
            <caption className="visually-hidden">{t('caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('obligation')}</th>
                <th scope="col">{t('licence')}</th>
                <th scope="col">{t('dueOn')}</th>
                <th scope="col">{t('actBy')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('left')}</th>
                {canComplete && <th scope="col">{t('actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {occurrences.map((o) => {
                const key = occurrenceKey(o);
                const title = titleIn(o);
                const context = t('context', {
                  title,
                  licence: o.licence,
                  due: formatDate(o.dueOn, lang),
                });
                return (
                  <Fragment key={key}>
                    <tr>
                      <th scope="row" data-label={t('obligation')}>
                        <span className="occurrences-title">{title}</span>
                        {o.provisional && (
                          <>
                            {' '}
                            <span className="badge badge-provisional" title={t('provisionalHint')}>
                              {t('provisional')}
                              <span className="visually-hidden">
                                {t('named', { name: t('provisionalHint') })}
                              </span>
                            </span>
                          </>
                        )}
                        <details className="occurrences-explain">
                          <summary>
                            {t('explain')}
                            <span className="visually-hidden">{t('named', { name: title })}</span>
                          </summary>
                          <p>{explanation(o, lang)}</p>
                        </details>
                        {o.done !== null && (
                          <p className="occurrences-done">
                            {t('doneOn', { on: formatDate(o.done.on, lang) })}
                            {o.done.evidence.note !== null && o.done.evidence.note !== '' && (
                              <>{t('named', { name: o.done.evidence.note })}</>
                            )}
                            {o.done.evidence.document !== null && (
                              <>
                                <br />
                                {t('doneDocument')}{' '}
                                <span className="mono" title={o.done.evidence.document}>
                                  {o.done.evidence.document.slice(0, 12)}…
                                </span>
                              </>
                            )}
                          </p>
                        )}
                      </th>
                      <td data-label={t('licence')}>
                        <Link href={`/licences/${encodeURIComponent(o.licence)}`}>{o.licence}</Link>
                      </td>
                      <td data-label={t('dueOn')}>{formatDate(o.dueOn, lang)}</td>
                      <td data-label={t('actBy')}>{formatDate(o.actBy, lang)}</td>
                      <td data-label={t('status')}>
                        <OccurrenceBadge status={o.status} />
                      </td>
                      <td data-label={t('left')}>{workdaysLeftText(o, today, t)}</td>
                      {canComplete && (
                        <td data-label={t('actions')} className="occurrences-actions">
                          {o.status === 'done' ? (
                            confirming === key ? (
                              <div className="occurrences-confirm">
                                <p>{t('confirmUndoText')}</p>
                                <button
                                  type="button"
                                  disabled={busy === key}
                                  onClick={() => {
                                    void undo(o);
                                  }}
                                  aria-label={`${t('confirmUndo')}${t('named', { name: context })}`}
                                >
                                  {busy === key ? t('undoing') : t('confirmUndo')}
                                </button>{' '}
                                <button
                                  type="button"
                                  onClick={() => {
                                    setConfirming(null);
                                  }}
                                >
                                  {t('cancel')}
                                </button>
                              </div>
                            ) : (
                              <button
                                type="button"
                                onClick={() => {
                                  setConfirming(key);
                                }}
                                aria-label={`${t('undo')}${t('named', { name: context })}`}
                              >
                                {t('undo')}
                              </button>
                            )
                          ) : o.status === 'not-applicable' ? null : (
                            <button
                              type="button"
                              aria-expanded={open === key}
                              data-row={key}
                              onPointerEnter={() => {
                                void loadMarkDoneForm();
                              }}
                              onFocus={() => {
                                void loadMarkDoneForm();
                              }}
                              onClick={() => {
                                setOpen(open === key ? null : key);
                                setMessage(null);
                              }}
                              aria-label={`${t('markDone')}${t('named', { name: context })}`}
                            >
                              {t('markDone')}
                            </button>
                          )}
                        </td>
                      )}
                    </tr>
                    {open === key && (
                      <tr className="occurrences-form-row">
                        <td colSpan={canComplete ? 7 : 6}>
                          <Suspense fallback={<Loading />}>
                            <MarkDoneForm
                              licence={o.licence}
                              occurrenceId={o.id}
                              title={context}
                              today={today}
                              onCancel={() => {
                                setOpen(null);
                                focusRow(key);
                              }}
                              onDone={() => {
                                setOpen(null);
                                setMessage({ kind: 'doneSaved', occurrence: o });
                                void onChanged();
                              }}
                            />
                          </Suspense>
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
