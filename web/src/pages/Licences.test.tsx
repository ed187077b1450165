import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SWRConfig } from 'swr';
import { afterEach, describe, expect, it } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { LangProvider } from '../i18n';
import { json, storedLicence, stubFetch } from '../test-fixtures';
import Licences from './Licences';

const fetchMock = stubFetch();
const empty = (_url: URL): unknown => ({ items: [], next: null });
let respond = empty;
fetchMock.mockImplementation((request) => Promise.resolve(json(respond(new URL(request.url)))));

const seed = storedLicence({ currentStatus: 'expired' });

function open(path: string) {
  const location = memoryLocation({ path, record: true });
  render(
    <SWRConfig value={{ provider: () => new Map(), dedupingInterval: 0 }}>
      <LangProvider lang="zh">
        <Router hook={location.hook} searchHook={location.searchHook}>
          <Licences />
        </Router>
      </LangProvider>
    </SWRConfig>,
  );
  return location;
}

const lastQuery = () =>
  Object.fromEntries(new URL(fetchMock.mock.lastCall?.[0].url ?? 'http://x/').searchParams);

afterEach(() => {
  fetchMock.mockClear();
  respond = empty;
});

describe('Licences search ↔ URL', () => {
  it('fills the form from a shared URL and searches with it', async () => {
    respond = () => ({ items: [seed], next: null });
    open('/licences?company=云智联&status=expired&service=B25');
    expect(screen.getByRole<HTMLInputElement>('searchbox', { name: '公司名称' }).value).toBe(
      '云智联',
    );
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: '状态' }).value).toBe('expired');
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: '业务种类' }).value).toBe('B25');
    expect(await screen.findByRole('link', { name: '京B2-20180910' })).toBeTruthy();
    expect(lastQuery()).toEqual({
      company: '云智联',
      status: 'expired',
      service: 'B25',
      limit: '25',
    });
    expect(screen.getByRole('status').textContent).toBe('第 1 页，本页 1 张');
  });

  it('puts a submitted search in the URL, without empty fields', async () => {
    const location = open('/licences');
    await userEvent.type(screen.getByRole('searchbox', { name: '网站域名' }), ' upliveapp.com ');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: '状态' }), 'valid');
    await userEvent.click(screen.getByRole('button', { name: '搜索' }));
    expect(location.history.at(-1)).toBe('/licences?domain=upliveapp.com&status=valid');
    await waitFor(() => {
      expect(lastQuery()).toEqual({ domain: 'upliveapp.com', status: 'valid', limit: '25' });
    });
    await userEvent.click(screen.getByRole('button', { name: '清除条件' }));
    expect(location.history.at(-1)).toBe('/licences');
    expect(screen.getByRole<HTMLInputElement>('searchbox', { name: '网站域名' }).value).toBe('');
  });

  it('pages forwards by the cursor in the URL and back again', async () => {
    respond = (url) =>
      url.searchParams.get('cursor') === 'c2'
        ? { items: [{ ...seed, number: '沪B2-20200002' }], next: null }
        : { items: [seed], next: 'c2' };
    const location = open('/licences?status=expired');
    await userEvent.click(await screen.findByRole('button', { name: '下一页' }));
    expect(location.history.at(-1)).toBe('/licences?status=expired&cursor=c2');
    expect(await screen.findByRole('link', { name: '沪B2-20200002' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('第 2 页，本页 1 张');
    expect(screen.queryByRole('button', { name: '下一页' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: '上一页' }));
    expect(location.history.at(-1)).toBe('/licences?status=expired');
    expect(await screen.findByRole('link', { name: '京B2-20180910' })).toBeTruthy();
  });

  it('offers the first page to a link that starts mid-way', async () => {
    respond = () => ({ items: [seed], next: null });
    const location = open('/licences?cursor=c9');
    await userEvent.click(await screen.findByRole('button', { name: '第一页' }));
    expect(location.history.at(-1)).toBe('/licences');
  });

  it('says what to do when the organisation has no licence yet', async () => {
    open('/licences');
    expect(await screen.findByText('还没有许可证。')).toBeTruthy();
    expect(screen.getAllByRole('link', { name: '上传许可证' }).length).toBeGreaterThan(0);
  });
});
