import { afterEach, describe, expect, it, vi } from 'vitest';
import { getSession, setSession } from '../session';
import { json, session, signIn, stubFetch } from '../test-fixtures';
import { api, ApiError, call, callUrl } from './client';

const fetchMock = stubFetch();

afterEach(() => {
  fetchMock.mockReset();
  signIn(null);
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

  it('sends JSON with the session’s CSRF token and returns the JSON answer', async () => {
    signIn({ csrfToken: 'csrf-abc' });
    fetchMock.mockResolvedValue(json({ ok: true }));
    const data = await call(api.POST('/api/v1/checks', { body: { licence: {} } as never }));
    expect(data).toEqual({ ok: true });
    const request = fetchMock.mock.calls[0]?.[0] as Request;
    expect(request.method).toBe('POST');
    expect(request.headers.get('x-csrf-token')).toBe('csrf-abc');
    // the session is the browser's cookie: no token of the UI's own
    expect(request.headers.has('authorization')).toBe(false);
    expect(request.headers.get('content-type')).toBe('application/json');
    expect(await request.json()).toEqual({ licence: {} });
  });

  it('sends no CSRF token with a read', async () => {
    signIn({ csrfToken: 'csrf-abc' });
    fetchMock.mockResolvedValue(json({ items: [] }));
    await call(api.GET('/api/v1/tokens'));
    const request = fetchMock.mock.calls[0]?.[0] as Request;
    expect(request.headers.has('x-csrf-token')).toBe(false);
  });

  it('reads the session first when a write comes before any page read it', async () => {
    fetchMock.mockImplementation((request) =>
      Promise.resolve(
        new URL(request.url).pathname === '/api/v1/session'
          ? json(session({ csrfToken: 'csrf-first' }))
          : new Response(null, { status: 204 }),
      ),
    );
    setSession(undefined);
    await call(api.DELETE('/api/v1/tokens/{id}', { params: { path: { id: 't1' } } }));
    const [first, second] = fetchMock.mock.calls.map(([r]) => r);
    expect(first?.method).toBe('GET');
    expect(new URL(first?.url ?? '').pathname).toBe('/api/v1/session');
    expect(second?.method).toBe('DELETE');
    expect(second?.headers.get('x-csrf-token')).toBe('csrf-first');
  });

  it('sends a FormData body as it is, with its own multipart type', async () => {
    fetchMock.mockResolvedValue(json({}));
    const form = new FormData();
    form.append('file', new Blob(['x']), 'a.txt');
    await call(api.POST('/api/v1/documents', { body: form as never }));
    const request = fetchMock.mock.calls[0]?.[0] as Request;
    expect(request.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/u);
  });

  it('turns a problem into an ApiError, and a 401 ends the session when the server has', async () => {
    signIn();
    fetchMock.mockResolvedValue(
      json({ status: 401, code: 'UNAUTHENTICATED', detail: 'Sign in again' }, 401),
    );
    const failure = await call(api.GET('/api/v1/me')).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).problem?.detail).toBe('Sign in again');
    // the session is read again, and the server says it has ended
    await vi.waitFor(() => {
      expect(getSession()).toBeNull();
    });
    expect(new URL(fetchMock.mock.calls[1]?.[0].url ?? '').pathname).toBe('/api/v1/session');
  });

  it('keeps the session when only the call was refused (a wrong current password)', async () => {
    signIn();
    fetchMock.mockImplementation((request) =>
      Promise.resolve(
        new URL(request.url).pathname === '/api/v1/session'
          ? json(session())
          : json({ status: 401, code: 'UNAUTHENTICATED', detail: 'Wrong password' }, 401),
      ),
    );
    const failure = await call(
      api.PUT('/api/v1/me/password', { body: { currentPassword: 'x', newPassword: 'y' } }),
    ).catch((e: unknown) => e);
    expect((failure as ApiError).status).toBe(401);
    await vi.waitFor(() => {
      expect(fetchMock).toHaveBeenCalledTimes(2);
    });
    await Promise.resolve();
    expect(getSession()?.person.name).toBe('管理员');
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
