import { act } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { saveDocument } from '../components/review/review-api';
import { SEED_RESULT } from '../components/review/seed.fixture';
import { json, stubFetch } from '../test-fixtures';
import { ApiError } from './client';
import { FakeEventSource, jobView } from './jobs.fixture';
import type { JobView } from './jobs';

const fetchMock = stubFetch();

beforeEach(() => {
  fetchMock.mockReset();
  FakeEventSource.opened.length = 0;
  vi.stubGlobal('EventSource', FakeEventSource);
});

const file = () => new File(['%PDF-1.7'], 'scan.pdf', { type: 'application/pdf' });

describe('a save that the server runs as a job (202)', () => {
  it('answers the job’s result once it is done', async () => {
    fetchMock.mockResolvedValue(json(jobView(), 202));
    const saved = saveDocument(file(), null);
    await vi.waitFor(() => {
      expect(FakeEventSource.opened[0]?.url).toBe('/api/v1/jobs/job-1/events');
    });
    act(() => {
      FakeEventSource.opened[0]?.emit(jobView({ state: 'running', position: null }));
      FakeEventSource.opened[0]?.emit(
        jobView({ state: 'done', position: null, result: SEED_RESULT }),
      );
    });
    await expect(saved).resolves.toEqual(SEED_RESULT);
  });

  /** A save the server runs as a job, which fails with `error`: what saveDocument throws. */
  async function failedSave(error: JobView['error']): Promise<unknown> {
    fetchMock.mockResolvedValue(json(jobView(), 202));
    const saved = saveDocument(file(), null);
    await vi.waitFor(() => {
      expect(FakeEventSource.opened).toHaveLength(1);
    });
    act(() => {
      FakeEventSource.opened[0]?.emit(jobView({ state: 'failed', position: null, error }));
    });
    return saved.catch((e: unknown) => e);
  }

  it('throws the failure as its synchronous answer would have', async () => {
    const error = await failedSave({ code: 'ACKNOWLEDGEMENT_REQUIRED', message: 'say why' });
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(409);
    expect((error as ApiError).problem?.code).toBe('ACKNOWLEDGEMENT_REQUIRED');
  });

  it('hands on a refused save’s regressions, as its synchronous 409 would', async () => {
    const regression = {
      field: 'holder.legalRepresentative',
      fieldName: '法定代表人',
      fieldNameEn: 'Legal representative',
      kind: 'lost' as const,
      before: '林海涛',
      after: '',
    };
    const error = await failedSave({
      code: 'REGRESSION',
      message: 'loses',
      regressions: [regression],
    });
    expect((error as ApiError).status).toBe(409);
    expect((error as ApiError).problem).toMatchObject({
      code: 'REGRESSION',
      regressions: [regression],
    });
  });
});
