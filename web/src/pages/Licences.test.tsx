import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SWRConfig } from 'swr';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { LangProvider } from '../i18n';
import Licences from './Licences';

// openapi-fetch takes globalThis.fetch when the client module loads: replace it before that
const net = vi.hoisted(() => {
  const state = {
    requests: [] as URL[],
    respond: (_url: URL): unknown => ({ items: [], next: null }),
  };
  globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    state.requests.push(url);
    return Promise.resolve(
      new Response(JSON.stringify(state.respond(url)), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      }),
    );
  };
  return state;
});

const seed = {
  number: '京B2-20180910',
  status: 'valid',
  currentStatus: 'expired',
  version: 1,
  createdAt: '2026-11-29T00:00:00Z',
  updatedAt: '2026-11-29T00:00:00Z',
  licence: {
    kind: 'vats',
    number: '京B2-20180910',
    holder: {
      name: '云智联网络科技（北京）有限公司',
      legalRepresentative: '李国杰',
      creditCode: null,
      address: null,
    },
    services: [
      {
        code: 'B25',
        name: '信息服务业务',
        qualifier: '仅限互联网信息服务',
        includes: ['文化'],
        excludes: [],
        coverage: [],
      },
    ],
    issuer: null,
    issuedOn: '2022-09-05',
    validFrom: null,
    expiresOn: '2023-05-03',
    websites: [
      {
        name: '云智联产品主站1',
        domains: ['upliveapp.com'],
        serverLocation: null,
        accessProvider: null,
      },
    ],
    apps: [],
    facilities: [],
    provisions: [],
    inspections: [],
    signatures: [],
  },
};

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

const lastQuery = () => Object.fromEntries(net.requests.at(-1)?.searchParams ?? []);

afterEach(() => {
  net.requests.length = 0;
  net.respond = () => ({ items: [], next: null });
});

describe('Licences search ↔ URL', () => {
  it('fills the form from a shared URL and searches with it', async () => {
    net.respond = () => ({ items: [seed], next: null });
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
    net.respond = (url) =>
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
    net.respond = () => ({ items: [seed], next: null });
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
