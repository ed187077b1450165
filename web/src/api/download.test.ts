import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './client';
import { clearToken, getToken, setToken } from '../session';
import { json, stubFetch } from '../test-fixtures';
import { downloadFile, fileNameOf } from './download';

const fetchMock = stubFetch();

afterEach(() => {
  fetchMock.mockReset();
  clearToken();
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

  it('sends the session’s token and saves the bytes under the server’s name', async () => {
    setToken('xk_token', false);
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
    expect(fetchMock.mock.calls[0]?.[0].headers.get('authorization')).toBe('Bearer xk_token');
    expect(saved).toEqual(['年报.pdf']);
    expect(create).toHaveBeenCalledOnce();
    click.mockRestore();
    create.mockRestore();
    revoke.mockRestore();
  });

  it('says what the server said, and ends the session on a 401', async () => {
    setToken('xk_token', false);
    fetchMock.mockResolvedValue(
      json({ status: 401, code: 'UNAUTHORIZED', detail: 'The token was revoked' }, 401),
    );
    const failure = await downloadFile('/api/v1/annual-reports/r/pdf', 'x.pdf').catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).problem?.detail).toBe('The token was revoked');
    expect(getToken()).toBeNull();
  });
});
