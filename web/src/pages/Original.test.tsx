import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SWRConfig } from 'swr';
import { afterEach, describe, expect, it } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { LangProvider } from '../i18n';
import { json, SEED_LICENCE, storedLicence, stubFetch } from '../test-fixtures';
import Original from './Original';

const fetchMock = stubFetch();
const NUMBER = '京B2-20180910';
const SHA = 'ab'.repeat(32);
const OTHER = 'cd'.repeat(32);
const base = `/api/v1/licences/${NUMBER}`;
let history: { status: number; body: unknown } = { status: 404, body: {} };

fetchMock.mockImplementation((request) => {
  const path = decodeURIComponent(new URL(request.url).pathname);
  if (request.method === 'GET' && path === `${base}/history`)
    return Promise.resolve(json(history.body, history.status));
  return Promise.resolve(json({ status: 404, code: 'NOT_FOUND', detail: path }, 404));
});

const corrected = {
  ...SEED_LICENCE,
  holder: { ...SEED_LICENCE.holder, address: '北京市朝阳区裕民路乙3号' },
};
const version = (v: number, licence: typeof SEED_LICENCE, sha: string | null) => ({
  number: NUMBER,
  version: v,
  status: 'valid',
  licence,
  provenance: 'declared',
  documentSha256: sha,
  recordedAt: `2026-11-0${String(v)}T02:00:00Z`,
});

function serve(versions: unknown[], status = 200) {
  history = {
    status,
    body:
      status === 200
        ? { licence: storedLicence(), versions, events: [] }
        : { status, code: 'NOT_FOUND', detail: `No licence ${NUMBER}`, detailZh: '没有这个许可证' },
  };
}

function open(lang: 'zh' | 'en' = 'zh') {
  const location = memoryLocation({ path: `/licences/${NUMBER}/original/${SHA}` });
  render(
    <SWRConfig
      value={{ provider: () => new Map(), dedupingInterval: 0, shouldRetryOnError: false }}
    >
      <LangProvider lang={lang}>
        <Router hook={location.hook}>
          <Original number={NUMBER} sha256={SHA} />
        </Router>
      </LangProvider>
    </SWRConfig>,
  );
}

/** the page images shown, by their addresses */
const pageSources = () =>
  screen.queryAllByRole('img').map((img) => decodeURIComponent(img.getAttribute('src') ?? ''));

afterEach(() => {
  fetchMock.mockClear();
});

describe('Original page (对照原件)', () => {
  it('shows the version’s fields beside the pages, asked for one after another until one fails', async () => {
    serve([version(1, SEED_LICENCE, SHA), version(2, SEED_LICENCE, OTHER)]);
    open();
    expect(screen.getByRole('heading', { level: 1, name: `对照原件：${NUMBER}` })).toBeTruthy();
    // the fields of version 1, the one read from this document (not version 2's)
    expect(await screen.findByRole('heading', { name: '第 1 版的字段' })).toBeTruthy();
    const fields = screen.getByRole('region', { name: '第 1 版的字段' });
    const row = (label: string) =>
      within(fields).getByText(label, { selector: 'dt' }).nextElementSibling?.textContent;
    expect(row('公司名称')).toBe(SEED_LICENCE.holder.name);
    expect(row('经营许可证编号')).toBe(NUMBER);
    expect(row('有效期至')).toMatch(/^\d{4}年\d{2}月\d{2}日$/u);
    expect(row('第 1 项业务的名称')).toBe(SEED_LICENCE.services[0]?.name);
    // a value the document does not state is said so
    expect(row('注册住所')).toBe('未载明');

    // page 1 first; page 2 once page 1 has loaded; page 3 fails: there are two pages
    expect(pageSources()).toEqual([`${base}/documents/${SHA}/pages/1`]);
    expect(screen.getByRole('status').textContent).toBe('正在加载第 1 页…');
    fireEvent.load(screen.getByRole('img', { name: '第 1 页' }));
    expect(pageSources()).toEqual([1, 2].map((p) => `${base}/documents/${SHA}/pages/${String(p)}`));
    fireEvent.load(screen.getByRole('img', { name: '第 2 页' }));
    fireEvent.error(screen.getByRole('img', { name: '第 3 页' }));
    expect(pageSources()).toHaveLength(2);
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.queryByText(/没有页面图像/u)).toBeNull();

    // the original to download, and the way back to the licence
    const download = screen.getByRole('link', { name: '下载原件' });
    expect(decodeURIComponent(download.getAttribute('href') ?? '')).toBe(
      `${base}/documents/${SHA}`,
    );
    expect(download.hasAttribute('download')).toBe(true);
    expect(screen.getByRole('link', { name: `返回许可证 ${NUMBER}` }).getAttribute('href')).toBe(
      `/licences/${encodeURIComponent(NUMBER)}`,
    );
  });

  it('says so when the document has no page images (a text file), and offers it to download', async () => {
    serve([version(1, SEED_LICENCE, SHA)]);
    open('en');
    expect(await screen.findByRole('heading', { name: 'Fields of version 1' })).toBeTruthy();
    fireEvent.error(screen.getByRole('img', { name: 'Page 1' }));
    expect(screen.queryAllByRole('img')).toHaveLength(0);
    expect(screen.getByText(/no page images/u)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Download the original' })).toBeTruthy();
  });

  it('lets the reviewer choose among the versions read from the same document, newest first', async () => {
    serve([version(1, SEED_LICENCE, SHA), version(2, corrected, SHA)]);
    open();
    expect(await screen.findByRole('heading', { name: '第 2 版的字段' })).toBeTruthy();
    const group = screen.getByRole('group', { name: '读自这份原件的版本' });
    const [newest, older] = within(group).getAllByRole('button');
    expect([newest?.textContent, older?.textContent]).toEqual(['第 2 版', '第 1 版']);
    expect(newest?.getAttribute('aria-pressed')).toBe('true');
    const address = () =>
      within(screen.getByRole('region', { name: /版的字段$/u })).getByText('注册住所', {
        selector: 'dt',
      }).nextElementSibling?.textContent;
    expect(address()).toBe('北京市朝阳区裕民路乙3号');
    await userEvent.click(older as HTMLElement);
    expect(screen.getByRole('heading', { name: '第 1 版的字段' })).toBeTruthy();
    expect(address()).toBe(SEED_LICENCE.holder.address ?? '未载明');
  });

  it('says when no version of the licence was read from the document', async () => {
    serve([version(1, SEED_LICENCE, OTHER)]);
    open();
    expect((await screen.findByRole('alert')).textContent).toBe(
      `许可证 ${NUMBER} 没有哪个版本读自这份文件。`,
    );
    expect(screen.queryAllByRole('img')).toHaveLength(0);
  });

  it('shows the server’s explanation when the licence cannot be read', async () => {
    serve([], 404);
    open();
    expect((await screen.findByRole('alert')).textContent).toContain('没有这个许可证');
  });
});
