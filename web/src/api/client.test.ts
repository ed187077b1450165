import { afterEach, describe, expect, it } from 'vitest';
import { clearToken, getToken, setToken } from '../session';
import { json, stubFetch } from '../test-fixtures';
import { api, ApiError, call, callUrl } from './client';

const fetchMock = stubFetch();

afterEach(() => {
  fetchMock.mockReset();
  clearToken();
});

describe('the API client', () => {
  it('fills path parameters and writes the defined query values, encoded', () => {
    expect(
      callUrl('/api/v1/licences/{number}/events', {
        path: { number: '京B2-20180910' },
        query: { limit: 20, cursor: undefined, q: 'a b&c', tags: ['x', 'y'] },
      }),
    ).toBe(
      `/api/v1/licences/${encodeURIComponent('京B2-20180910')}/events?limit=20&q=a%20b%26c&tags=x&tags=y`,
    );
  });

  it('sends JSON with the session’s token and returns the JSON answer', async () => {
    setToken('xk_test', false);
    fetchMock.mockResolvedValue(json({ ok: true }));
    const data = await call(api.POST('/api/v1/checks', { body: { licence: {} } as never }));
    expect(data).toEqual({ ok: true });
    const request = fetchMock.mock.calls[0]?.[0] as Request;
    expect(request.method).toBe('POST');
    expect(request.headers.get('authorization')).toBe('Bearer xk_test');
    expect(request.headers.get('content-type')).toBe('application/json');
    expect(await request.json()).toEqual({ licence: {} });
  });

  it('sends a FormData body as it is, with its own multipart type', async () => {
    fetchMock.mockResolvedValue(json({}));
    const form = new FormData();
    form.append('file', new Blob(['x']), 'a.txt');
    await call(api.POST('/api/v1/documents', { body: form as never }));
    const request = fetchMock.mock.calls[0]?.[0] as Request;
    expect(request.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/u);
  });

  it('turns a problem into an ApiError, and a 401 ends the session', async () => {
    setToken('xk_old', false);
    fetchMock.mockResolvedValue(
      json({ status: 401, code: 'UNAUTHENTICATED', detail: 'Sign in again' }, 401),
    );
    const failure = await call(api.GET('/api/v1/me')).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).problem?.detail).toBe('Sign in again');
    expect(getToken()).toBeNull();
  });

  it('answers a network failure as status 0', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    const failure = await call(api.GET('/api/v1/me')).catch((e: unknown) => e);
    expect((failure as ApiError).status).toBe(0);
  });

  it('returns no data for 204', async () => {
    fetchMock.mockResolvedValue(new Response(null, { status: 204 }));
    await expect(
      call(api.DELETE('/api/v1/tokens/{id}', { params: { path: { id: 't1' } } })),
    ).resolves.toBeUndefined();
  });
});
