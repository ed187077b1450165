import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './client';
import { getSession } from '../session';
import { json, signIn, stubFetch } from '../test-fixtures';
import { downloadFile, fileNameOf } from './download';

const fetchMock = stubFetch();

afterEach(() => {
  fetchMock.mockReset();
  signIn(null);
});

describe('downloading a file only the signed-in may fetch', () => {
  it.each([
    [
      `attachment; filename="annual-report-2025.pdf"; filename*=UTF-8''${encodeURIComponent('京B2-20180910-2025年度年报.pdf')}`,
      '京B2-20180910-2025年度年报.pdf',
    ],
    ['attachment; filename="credit-list.csv"', 'credit-list.csv'],
    [null, null],
  ] as const)('reads the file name of %j', (header, name) => {
    expect(fileNameOf(header)).toBe(name);
  });

  it('fetches with the session and saves the bytes under the server’s name', async () => {
    signIn();
    const saved: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      saved.push(this.download);
    });
    const create = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:x');
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockReturnValue(undefined);
    fetchMock.mockResolvedValue(
      new Response('%PDF-1.7', {
        headers: {
          'content-type': 'application/pdf',
          'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent('年报.pdf')}`,
        },
      }),
    );
    await downloadFile('/api/v1/annual-reports/r/pdf', 'fallback.pdf');
    const request = fetchMock.mock.calls[0]?.[0];
    expect(request?.method).toBe('GET');
    // the browser sends the session's cookie itself (same origin)
    expect(request?.credentials).toBe('same-origin');
    expect(saved).toEqual(['年报.pdf']);
    expect(create).toHaveBeenCalledOnce();
    click.mockRestore();
    create.mockRestore();
    revoke.mockRestore();
  });

  it('says what the server said, and ends the session on a 401', async () => {
    signIn();
    fetchMock.mockImplementation(() =>
      Promise.resolve(
        json({ status: 401, code: 'UNAUTHENTICATED', detail: 'The session has ended' }, 401),
      ),
    );
    const failure = await downloadFile('/api/v1/annual-reports/r/pdf', 'x.pdf').catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).problem?.detail).toBe('The session has ended');
    await vi.waitFor(() => {
      expect(getSession()).toBeNull();
    });
  });
});
