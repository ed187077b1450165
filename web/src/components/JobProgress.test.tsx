import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JobView } from '../api/jobs';
import { FakeEventSource, jobView } from '../api/jobs.fixture';
import { LangProvider, type Lang } from '../i18n';
import { json, stubFetch } from '../test-fixtures';
import { JobProgress } from './JobProgress';

const fetchMock = stubFetch();

beforeEach(() => {
  fetchMock.mockReset();
  FakeEventSource.opened.length = 0;
  vi.stubGlobal('EventSource', FakeEventSource);
});
afterEach(() => {
  vi.useRealTimers();
});

function show(job: JobView | string, lang: Lang = 'zh', onEnd?: (v: JobView) => void) {
  return render(
    <LangProvider lang={lang}>
      <JobProgress job={job} {...(onEnd !== undefined && { onEnd })} />
    </LangProvider>,
  );
}

const stream = () => {
  const s = FakeEventSource.opened.at(-1);
  if (s === undefined) throw new Error('no stream opened');
  return s;
};

describe('a job’s progress', () => {
  it('says the queue position, then the pages done, then done, from the job’s events', () => {
    const onEnd = vi.fn();
    show(jobView(), 'zh', onEnd);
    expect(stream().url).toBe('/api/v1/jobs/job-1/events');
    expect(screen.getByRole('status').textContent).toBe('排队中（前面还有 3 个）');
    expect(screen.getByRole('progressbar').getAttribute('value')).toBeNull();
    act(() => {
      stream().emit(jobView({ position: 0 }));
    });
    expect(screen.getByRole('status').textContent).toBe('排队中（下一个处理）');
    act(() => {
      stream().emit(
        jobView({ state: 'running', position: null, progress: { done: 12, total: 30 } }),
      );
    });
    expect(screen.getByRole('status').textContent).toBe('处理中 12/30 页');
    const bar = screen.getByRole('progressbar');
    expect(bar.getAttribute('value')).toBe('0.4');
    expect(bar.getAttribute('aria-valuetext')).toBe('处理中 12/30 页');
    expect(onEnd).not.toHaveBeenCalled();
    act(() => {
      stream().emit(jobView({ state: 'done', position: null, progress: { done: 30, total: 30 } }));
    });
    expect(screen.getByRole('status').textContent).toBe('已完成');
    expect(screen.queryByRole('button', { name: '取消' })).toBeNull();
    expect(stream().closed).toBe(true);
    expect(onEnd).toHaveBeenCalledTimes(1);
    expect(onEnd.mock.calls[0]?.[0]).toMatchObject({ state: 'done' });
  });

  it('says a failure with the server’s message, in English too', () => {
    show(
      jobView({
        kind: 'bulk-check',
        state: 'running',
        position: null,
        progress: { done: 5, total: 40 },
      }),
      'en',
    );
    expect(screen.getByRole('status').textContent).toBe('Processing 5 of 40');
    act(() => {
      stream().emit(
        jobView({
          state: 'failed',
          position: null,
          error: {
            code: 'NOT_A_LICENCE',
            message: 'no licence number found',
          },
        }),
      );
    });
    expect(screen.getByRole('status').textContent).toBe('Failed: no licence number found');
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('cancels with DELETE while queued, and says so', async () => {
    fetchMock.mockResolvedValue(json(jobView({ state: 'cancelled', position: null })));
    const onEnd = vi.fn();
    show(jobView(), 'zh', onEnd);
    await userEvent.setup().click(screen.getByRole('button', { name: '取消' }));
    const request = fetchMock.mock.calls[0]?.[0];
    expect(request?.method).toBe('DELETE');
    expect(new URL(request?.url ?? '').pathname).toBe('/api/v1/jobs/job-1');
    expect(await screen.findByText('已取消')).toBeTruthy();
    expect(onEnd.mock.calls[0]?.[0]).toMatchObject({ state: 'cancelled' });
  });

  it('reads the job every 2 s when the event stream fails', async () => {
    vi.useFakeTimers();
    fetchMock
      .mockResolvedValueOnce(json(jobView({ state: 'running', position: null, progress: null })))
      .mockResolvedValueOnce(json(jobView({ state: 'done', position: null })));
    show('job-1');
    expect(screen.getByRole('status').textContent).toBe('正在读取任务…');
    await act(async () => {
      stream().fail();
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(stream().closed).toBe(true);
    expect(screen.getByRole('status').textContent).toBe('处理中…');
    expect(fetchMock).toHaveBeenCalledTimes(1);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(2000);
    });
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(screen.getByRole('status').textContent).toBe('已完成');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(6000);
    });
    // done: no more reads
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(new URL(fetchMock.mock.calls[1]?.[0].url ?? '').pathname).toBe('/api/v1/jobs/job-1');
  });
});
