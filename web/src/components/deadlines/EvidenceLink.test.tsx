import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LangProvider, type Lang } from '../../i18n';
import { json, signIn, stubFetch } from '../../test-fixtures';
import { DeadlineTimeline } from '../licence/DeadlineTimeline';
import type { Occurrence } from '../licence/types';
import { EvidenceLink, type EvidenceFile } from './EvidenceLink';

const fetchMock = stubFetch();

const FILE: EvidenceFile = {
  name: '受理回执 118.pdf',
  mediaType: 'application/pdf',
  size: 12_700,
  sha256: 'ab'.repeat(32),
  url: '/api/v1/licences/%E4%BA%ACB2-20180910/deadlines/renewal%402023-05-03/evidence',
};

function renderLink(lang: Lang) {
  render(
    <LangProvider lang={lang}>
      <EvidenceLink file={FILE} />
    </LangProvider>,
  );
}

describe('the evidence file of a completion', () => {
  const saved: { href: string; download: string }[] = [];
  beforeEach(() => {
    signIn({ role: 'member' });
    saved.length = 0;
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:evidence');
    vi.spyOn(URL, 'revokeObjectURL').mockReturnValue(undefined);
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      saved.push({ href: this.href, download: this.download });
    });
  });
  afterEach(() => {
    fetchMock.mockReset();
    vi.restoreAllMocks();
    signIn(null);
  });

  it.each([
    ['zh' as const, '凭证文件：受理回执 118.pdf（12.4 KB）'],
    ['en' as const, 'Evidence file: 受理回执 118.pdf (12.4 KB)'],
  ])('is a link with its name and size, its hash in the tooltip (%s)', (lang, text) => {
    renderLink(lang);
    const link = screen.getByRole('link', { name: text });
    expect(link.getAttribute('title')).toContain(FILE.sha256);
    expect(link.getAttribute('href')).toBe(FILE.url);
  });

  it('downloads it with the session and saves it under its own name', async () => {
    fetchMock.mockResolvedValue(
      new Response(new Uint8Array([0x25, 0x50, 0x44, 0x46]), {
        headers: { 'content-type': 'application/pdf' },
      }),
    );
    renderLink('zh');
    await userEvent.click(screen.getByRole('link'));
    const request = fetchMock.mock.calls[0]?.[0] as Request;
    expect(new URL(request.url).pathname).toBe(FILE.url);
    expect(saved).toEqual([{ href: 'blob:evidence', download: '受理回执 118.pdf' }]);
  });

  it('says in words why it could not be downloaded', async () => {
    fetchMock.mockResolvedValue(
      json(
        {
          type: 'urn:xuke:problem:not-found',
          title: 'Not Found',
          status: 404,
          code: 'NOT_FOUND',
          detail: 'renewal@2023-05-03 of 京B2-20180910 has no evidence file',
          detailZh: '京B2-20180910 的期限事项 renewal@2023-05-03 没有上传凭证文件',
        },
        404,
      ),
    );
    renderLink('zh');
    await userEvent.click(screen.getByRole('link'));
    expect((await screen.findByRole('alert')).textContent).toBe(
      '京B2-20180910 的期限事项 renewal@2023-05-03 没有上传凭证文件',
    );
    expect(saved).toEqual([]);
  });

  it('is shown on the licence’s deadline timeline beside the completion', () => {
    const occurrence = {
      id: 'renewal@2023-05-03',
      obligation: 'renewal',
      title: '经营许可证续期（延续）申请',
      titleEn: 'Apply to renew the licence',
      dueOn: '2023-02-02',
      actBy: '2023-02-02',
      status: 'done',
      provisional: false,
      explanation: { text: '到期前 90 日', textEn: '90 days before expiry' },
      done: {
        occurrenceId: 'renewal@2023-05-03',
        on: '2023-01-10',
        evidence: { note: '受理回执 118', document: FILE.sha256, file: FILE },
      },
    } as unknown as Occurrence;
    render(
      <LangProvider lang="zh">
        <DeadlineTimeline occurrences={[occurrence]} today="2026-11-28" />
      </LangProvider>,
    );
    expect(screen.getByText('已于 2023年01月10日 完成：受理回执 118')).toBeTruthy();
    expect(
      screen.getByRole('link', { name: '凭证文件：受理回执 118.pdf（12.4 KB）' }),
    ).toBeTruthy();
  });
});
