/**
 * Reading data retries what may pass (a network failure, a 5xx) and never a 4xx: a refused or
 * malformed request answers the same each time, and asking three more times only delays the notice.
 */
import { render, screen, waitFor } from '@testing-library/react';
import { SWRConfig } from 'swr';
import { describe, expect, it } from 'vitest';
import { ApiError } from './client';
import { isRetryable, useData } from './use-data';

function Probe({ status, calls }: { status: number; calls: { n: number } }) {
  const { error } = useData(['licence', String(status)] as never, () => {
    calls.n++;
    return Promise.reject(new ApiError(status, { detail: 'no' }));
  });
  return <p>{error === undefined ? 'loading' : `error ${error.status}`}</p>;
}

describe('useData retries', () => {
  it('only what may pass on a second try', () => {
    expect(isRetryable(new ApiError(0, null))).toBe(true);
    expect(isRetryable(new ApiError(503, null))).toBe(true);
    for (const s of [400, 401, 403, 404, 409, 422, 429]) {
      expect(isRetryable(new ApiError(s, null)), String(s)).toBe(false);
    }
  });

  it('asks once for a 404', async () => {
    const calls = { n: 0 };
    render(
      <SWRConfig value={{ provider: () => new Map(), dedupingInterval: 0, errorRetryInterval: 5 }}>
        <Probe status={404} calls={calls} />
      </SWRConfig>,
    );
    await screen.findByText('error 404');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(calls.n).toBe(1);
  });

  it('asks again after a 503', async () => {
    const calls = { n: 0 };
    render(
      <SWRConfig value={{ provider: () => new Map(), dedupingInterval: 0, errorRetryInterval: 5 }}>
        <Probe status={503} calls={calls} />
      </SWRConfig>,
    );
    await screen.findByText('error 503');
    await waitFor(() => {
      expect(calls.n).toBeGreaterThan(1);
    });
  });
});
