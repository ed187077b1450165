/**
 * The deadlines as a table: obligation (with its explanation on demand), licence, due date, last day
 * to act, status, time left (working days before the last day to act; once overdue, the calendar
 * days since the due date, the unit said in each cell); mark done with evidence, or undo. On a phone
 * each row becomes a block of labelled lines.
 */
import { Fragment, lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import { api, call } from '../../api/client';
import { ErrorNotice, Loading } from '../common';
import { formatDate } from '../../format';
import { defineMessages, pick, useLang, useT, type Lang } from '../../i18n';
import { EvidenceLink } from './EvidenceLink';
import { titleOf } from './names';
import { OccurrenceBadge } from './occurrence-status';
import { daysBetween } from './month-grid';
import { occurrenceKey, type Occurrence } from './types';

// the form loads when a row is opened: most visits only read the list
const loadMarkDoneForm = () => import('./MarkDoneForm');
const MarkDoneForm = lazy(async () => ({ default: (await loadMarkDoneForm()).MarkDoneForm }));

const m = defineMessages({
  caption: ['期限列表', 'Deadlines'],
  context: ['{title}（{licence}，截止 {due}）', '{title} ({licence}, due {due})'],
  doneOn: ['{on}完成', 'Done on {on}'],
  doneDocument: ['凭证文件 SHA-256：', 'Evidence document SHA-256:'],
  named: ['：{name}', ': {name}'],
  obligation: ['义务', 'Obligation'],
  licence: ['许可证', 'Licence'],
  dueOn: ['截止日期', 'Due'],
  actBy: ['最后办理日', 'Last day to act'],
  status: ['状态', 'Status'],
  left: ['剩余时间', 'Time left'],
  actions: ['操作', 'Actions'],
  explain: ['计算说明', 'How it is counted'],
  provisional: ['暂定', 'Provisional'],
  provisionalHint: [
    '涉及尚未公布的节假日安排，日期可能变化',
    'It depends on holidays not yet announced; the date may change',
  ],
  markDone: ['标记完成', 'Mark done'],
  undo: ['撤销完成', 'Undo done'],
  undoing: ['正在撤销…', 'Undoing…'],
  confirmUndo: ['确认撤销', 'Confirm undo'],
  confirmUndoText: [
    '撤销后此项恢复为未完成，已填写的凭证将被删除。',
    'The occurrence becomes open again and its evidence is deleted.',
  ],
  cancel: ['取消', 'Cancel'],
  doneSaved: ['已标记完成：{title}（{licence}）。', 'Marked done: {title} ({licence}).'],
  undone: ['已撤销完成：{title}（{licence}）。', 'No longer done: {title} ({licence}).'],
  undoLast: ['撤销', 'Undo'],
  none: ['没有符合筛选条件的期限。', 'No deadlines match the filters.'],
  overdueBy: ['已逾期 {n} 个自然日', '{n} calendar days overdue'],
  overdueBy1: ['已逾期 1 个自然日', '1 calendar day overdue'],
  pastActBy: [
    '最后办理日已过（截止日为非工作日）',
    'Last day to act has passed (the due day is not a working day)',
  ],
  lastDay: ['今天是最后办理日', 'Today is the last day to act'],
  workdays: ['还剩 {n} 个工作日', '{n} working days left'],
  workdays1: ['还剩 1 个工作日', '1 working day left'],
  workdaysProvisional: ['约剩 {n} 个工作日（暂定）', 'About {n} working days left (provisional)'],
  workdaysProvisional1: ['约剩 1 个工作日（暂定）', 'About 1 working day left (provisional)'],
  notApplicable: ['—', '—'],
});

/**
 * "Time left" in words, each with its unit: before the due date the working days to the last day to
 * act, as the server counted them (`workdaysLeft`); after it, the calendar days since the due date
 * (the API gives no working-day count once the last day to act has passed, and lateness is reckoned
 * from the due date in calendar days).
 */
export function timeLeftText(
  o: Pick<Occurrence, 'status' | 'dueOn' | 'workdaysLeft' | 'provisional'>,
  today: string,
  t: (key: keyof typeof m.zh, vars?: Record<string, string | number>) => string,
): string {
  if (o.status === 'done' || o.status === 'not-applicable') return t('notApplicable');
  if (today > o.dueOn) {
    const late = daysBetween(o.dueOn, today);
    return late === 1 ? t('overdueBy1') : t('overdueBy', { n: late });
  }
  const n = o.workdaysLeft;
  if (n === null) return t('pastActBy');
  if (n === 0) return t('lastDay');
  if (o.provisional) return n === 1 ? t('workdaysProvisional1') : t('workdaysProvisional', { n });
  return n === 1 ? t('workdays1') : t('workdays', { n });
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
                            {o.done.evidence.file !== null ? (
                              <>
                                <br />
                                <EvidenceLink file={o.done.evidence.file} />
                              </>
                            ) : (
                              o.done.evidence.document !== null && (
                                <>
                                  <br />
                                  {t('doneDocument')}{' '}
                                  <span className="mono" title={o.done.evidence.document}>
                                    {o.done.evidence.document.slice(0, 12)}…
                                  </span>
                                </>
                              )
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
                      <td data-label={t('left')}>{timeLeftText(o, today, t)}</td>
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
