/**
 * Test fixtures for jobs (api/jobs.ts): a JobView as the jobs API answers it, and an EventSource
 * the test drives.
 */
import type { JobView } from './jobs';

/** An EventSource the test drives: `emit` sends one `job` event, `fail` the stream's error. */
export class FakeEventSource extends EventTarget {
  static readonly opened: FakeEventSource[] = [];
  onerror: (() => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    super();
    FakeEventSource.opened.push(this);
  }
  emit(view: JobView) {
    this.dispatchEvent(new MessageEvent('job', { data: JSON.stringify(view) }));
  }
  fail() {
    this.onerror?.();
  }
  close() {
    this.closed = true;
  }
}

export function jobView(fields: Partial<JobView> = {}): JobView {
  return {
    id: 'job-1',
    kind: 'document',
    state: 'queued',
    progress: null,
    position: 3,
    createdAt: '2026-12-07T01:00:00Z',
    finishedAt: null,
    error: null,
    result: null,
    ...({ links: { self: '/api/v1/jobs/job-1', events: '/api/v1/jobs/job-1/events' } } as object),
    ...fields,
  };
}
