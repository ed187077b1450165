/**
 * A job's progress (issue 19): its state in words — 排队中（前面还有 N 个）, 处理中 12/30 页, 已完成,
 * 失败：…, 已取消 — a progress bar, and 取消 while it is queued or running. It follows the job
 * (api/jobs.ts: server-sent events, else a read every 2 s) and tells the page when it ends.
 */
import { useEffect, useId, useState } from 'react';
import { cancelJob, followJob, isFinal, jobFailure, readJob, type JobView } from '../api/jobs';
import { defineMessages, useLang, useT } from '../i18n';
import { commonWords, errorText } from './common';

const m = defineMessages({
  starting: ['正在读取任务…', 'Reading the job…'],
  queued: ['排队中', 'Queued'],
  ahead: ['排队中（前面还有 {n} 个）', 'Queued ({n} ahead)'],
  next: ['排队中（下一个处理）', 'Queued (next)'],
  running: ['处理中…', 'Processing…'],
  runningOf: ['处理中 {done}/{total}', 'Processing {done} of {total}'],
  pagesOf: ['处理中 {done}/{total} 页', 'Processing page {done} of {total}'],
  done: ['已完成', 'Done'],
  failed: ['失败：{message}', 'Failed: {message}'],
  cancelled: ['已取消', 'Cancelled'],
  cancel: ['取消', 'Cancel'],
  lost: ['无法读取任务进度：{detail}', 'Cannot read the job’s progress: {detail}'],
});

export function JobProgress({
  job,
  read = readJob,
  onEnd,
}: {
  /** the job's view as the 202 answered it, or its id */
  job: JobView | string;
  /** how to read it when polling (a route's own view, adapted) */
  read?: (id: string) => Promise<JobView>;
  /** once, with the final view (done, failed or cancelled) */
  onEnd?: (view: JobView) => void;
}) {
  const t = useT(m);
  const tc = useT(commonWords);
  const { lang } = useLang();
  const id = typeof job === 'string' ? job : job.id;
  const [view, setView] = useState<JobView | null>(typeof job === 'string' ? null : job);
  const [error, setError] = useState<unknown>(null);
  const labelId = useId();

  useEffect(() => {
    if (typeof job !== 'string' && isFinal(job.state)) return;
    return followJob(
      id,
      (v) => {
        setView(v);
        setError(null);
      },
      setError,
      read,
    );
    // follow each job once: a new view object of the same job must not start another stream
  }, [id]);

  useEffect(() => {
    if (view !== null && isFinal(view.state)) onEnd?.(view);
  }, [view?.state]);

  const p = view?.progress;
  const state = view?.state;
  const words =
    view === null
      ? t('starting')
      : state === 'queued'
        ? view.position === null
          ? t('queued')
          : view.position === 0
            ? t('next')
            : t('ahead', { n: view.position })
        : state === 'running'
          ? p == null
            ? t('running')
            : t(view.kind === 'document' ? 'pagesOf' : 'runningOf', p)
          : state === 'failed'
            ? t('failed', { message: errorText(jobFailure(view), lang, tc) })
            : t(state ?? 'done');
  const value =
    state === 'done'
      ? 1
      : state === 'running' && p != null && p.total > 0
        ? p.done / p.total
        : null;
  return (
    <div className="job-progress">
      <p id={labelId} className="job-progress-label" role="status">
        {words}
      </p>
      {state !== 'failed' && state !== 'cancelled' && (
        <progress
          aria-labelledby={labelId}
          style={{ width: '100%', maxWidth: '32rem' }}
          {...(value !== null && { max: 1, value, 'aria-valuetext': words })}
        />
      )}
      {error !== null && (
        <p className="field-error" role="alert">
          {t('lost', { detail: errorText(error, lang, tc) })}
        </p>
      )}
      {(state === 'queued' || state === 'running') && (
        <button
          type="button"
          onClick={() => {
            cancelJob(id).then(setView, setError);
          }}
        >
          {t('cancel')}
        </button>
      )}
    </div>
  );
}
