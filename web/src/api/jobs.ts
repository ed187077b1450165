/**
 * The job queue as the UI sees it (docs/jobs.md, issue 19): a slow piece of work — a large upload,
 * a bulk check — answers 202 with a job; this module reads it (`GET /jobs/{id}`), cancels it
 * (`DELETE`), lists an organisation's (`GET /jobs?kind=`) and follows it: server-sent events from
 * `/jobs/{id}/events`, or polling every 2 s when the stream fails. Lazily loaded pages only (the
 * shell's budget, docs/web-ui.md).
 */
import { api, ApiError, call, type Schemas } from './client';

/** The jobs API's JobView (a view made by a page from another route may leave `links` out). */
export type JobView = Omit<Schemas['JobView'], 'links' | 'attempts' | 'maxAttempts' | 'startedAt'>;
export type JobState = JobView['state'];

const one = (id: string) => ({ params: { path: { id } } });

export const readJob = (id: string): Promise<JobView> =>
  call(api.GET('/api/v1/jobs/{id}', one(id)));

export const cancelJob = (id: string): Promise<JobView> =>
  call(api.DELETE('/api/v1/jobs/{id}', one(id)));

export const listJobs = (kind: JobView['kind']) =>
  call(api.GET('/api/v1/jobs', { params: { query: { kind, limit: 20 } } }));

export const isFinal = (state: JobState): boolean =>
  state === 'done' || state === 'failed' || state === 'cancelled';

/** A 202 answer that is a job rather than the work's own result. */
export const isJobView = (value: unknown): value is JobView =>
  typeof value === 'object' && value !== null && 'state' in value && 'links' in value;

/** The status the synchronous answer would have had, for a failure's lead sentence. */
const FAILED_STATUS: Readonly<Record<string, number>> = {
  NOT_A_LICENCE: 422,
  UNREADABLE_DOCUMENT: 422,
  UNSUPPORTED_FORMAT: 415,
  INPUT_TOO_LARGE: 413,
  CONFLICT: 409,
  ACKNOWLEDGEMENT_REQUIRED: 409,
  REGRESSION: 409,
  INVALID_INPUT: 400,
};

/** A failed or cancelled job as the error its synchronous call would have thrown. */
export function jobFailure(view: JobView): ApiError {
  const e = view.error;
  const code = e?.code ?? (view.state === 'cancelled' ? 'GONE' : 'FAILED');
  return new ApiError(FAILED_STATUS[code] ?? 500, {
    code,
    detail: e?.message ?? view.state,
    detailZh: e?.messageZh ?? e?.message ?? view.state,
    // a refused save's regressions, which the review screen shows as after a 409
    ...(e?.regressions === undefined ? {} : { regressions: e.regressions }),
  });
}

/** Wait for a job to end: its result when done, else its failure (jobFailure). */
export function jobResult(id: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    followJob(
      id,
      (view) => {
        if (view.state === 'done') resolve(view.result);
        else if (isFinal(view.state)) reject(jobFailure(view));
      },
      reject,
    );
  });
}

/**
 * Follow a job until it ends: `onView` with each new view, `onError` when it cannot be read.
 * Returns the way to stop. `read` is how a poll reads it (a route's own view, adapted).
 */
export function followJob(
  id: string,
  onView: (view: JobView) => void,
  onError: (error: unknown) => void,
  read: (id: string) => Promise<JobView> = readJob,
): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const seen = (view: JobView) => {
    if (stopped) return;
    onView(view);
    if (isFinal(view.state)) stop();
  };
  const poll = () => {
    read(id).then(
      (view) => {
        seen(view);
        if (!stopped) timer = setTimeout(poll, 2000);
      },
      (error: unknown) => {
        if (!stopped) onError(error);
      },
    );
  };
  let source: EventSource | null = null;
  const stop = () => {
    stopped = true;
    source?.close();
    clearTimeout(timer);
  };
  if (typeof EventSource === 'undefined') poll();
  else {
    source = new EventSource(`/api/v1/jobs/${encodeURIComponent(id)}/events`);
    source.addEventListener('job', (e) => {
      seen(JSON.parse((e as MessageEvent<string>).data) as JobView);
    });
    // the stream failed (a proxy that buffers, a route missing): read the job every 2 s instead
    source.onerror = () => {
      source?.close();
      if (!stopped) poll();
    };
  }
  return stop;
}
