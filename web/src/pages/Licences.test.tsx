import { render, screen, waitFor, within } from '@testing-library/react';
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

/** a list item: the stored licence and its comparison with the register as of today */
const seed = { ...storedLicence({ currentStatus: 'expired' }), trust: null };

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

describe('the list’s verdict and most severe finding', () => {
  const trust = {
    verdict: 'verified',
    verdictReason: '与北京市通信管理局（演示）的登记一致',
    verdictReasonEn: 'Matches the register',
    validity: 'valid',
    register: null,
    topFinding: null,
    errors: 0,
    warnings: 0,
  };
  const finding = (severity: string, message: string) => ({
    ruleId: 'rule',
    severity,
    message,
    messageEn: `${message} (en)`,
    fields: [],
    evidence: [],
    basis: '',
    basisEn: '',
  });
  const row = (number: string) => {
    const link = screen.getByRole('link', { name: number });
    const tr = link.closest('tr');
    if (tr === null) throw new Error(`no row for ${number}`);
    return tr;
  };
  const cell = (tr: HTMLElement, label: string) => {
    const td = tr.querySelector(`[data-label="${label}"]`);
    if (!(td instanceof HTMLElement)) throw new Error(`no ${label} cell`);
    return td;
  };

  it('shows each licence’s verdict in the glossary’s words, green only when verified and in force', async () => {
    respond = () => ({
      items: [
        { ...seed, number: '京B2-20230001', trust },
        { ...seed, number: '京B2-20230002', trust: { ...trust, validity: 'expired' } },
        {
          ...seed,
          number: '京B2-20230003',
          trust: {
            ...trust,
            verdict: 'mismatch',
            topFinding: finding('error', '有效期至与登记不一致'),
            errors: 2,
            warnings: 1,
          },
        },
        {
          ...seed,
          number: '京B2-20230004',
          trust: {
            ...trust,
            verdict: 'suspect',
            topFinding: finding('warning', '未载明注册住所'),
            warnings: 1,
          },
        },
        { ...seed, number: '京B2-20230005', trust: { ...trust, verdict: 'unverified' } },
        { ...seed, number: '京B2-20230006', trust: null },
      ],
      next: null,
    });
    open('/licences');
    await screen.findByRole('link', { name: '京B2-20230001' });
    expect(screen.getByRole('columnheader', { name: '核验结论' })).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: '最严重的发现' })).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: '来源' })).toBeTruthy();

    const verdict = (n: string) => cell(row(n), '核验结论');
    const marks = (n: string) => verdict(n).querySelectorAll('.verified-mark').length;
    expect(verdict('京B2-20230001').textContent).toBe('✓ 已核实');
    expect(marks('京B2-20230001')).toBe(1);
    // verified, but no longer in force: no mark
    expect(verdict('京B2-20230002').textContent).toBe('已核实');
    expect(marks('京B2-20230002')).toBe(0);
    expect(verdict('京B2-20230003').textContent).toBe('✕ 与登记不符');
    expect(marks('京B2-20230003')).toBe(0);
    expect(verdict('京B2-20230004').textContent).toBe('⚠ 需人工复核');
    expect(verdict('京B2-20230005').textContent).toBe('未经核实');
    expect(verdict('京B2-20230006').textContent).toBe('未比对');
    expect(document.querySelectorAll('.verified-mark')).toHaveLength(1);

    const top = (n: string) => cell(row(n), '最严重的发现');
    expect(top('京B2-20230003').textContent).toBe(
      '错误 有效期至与登记不一致（共 2 个错误，1 个警告）',
    );
    expect(top('京B2-20230003').className).toContain('is-error');
    expect(within(top('京B2-20230003')).getByText('错误').className).toContain('badge-error');
    expect(top('京B2-20230004').textContent).toBe('警告 未载明注册住所');
    expect(top('京B2-20230004').className).toContain('is-warning');
    expect(top('京B2-20230001').textContent).toBe('无');
    expect(cell(row('京B2-20230001'), '来源').textContent).toBe('自行申报（副本）');
  });
});
