import { act, render, screen, waitFor, within } from '@testing-library/react';
import { SWRConfig } from 'swr';
import { beforeEach, describe, expect, it } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import type { Schemas } from '../../api/client';
import type { Organisation } from '../../api/organisation';
import { LangProvider } from '../../i18n';
import { AUTHORITY_ORG, HOLDER_ORG, json, signIn, stubFetch } from '../../test-fixtures';
import { TrustPanel } from './TrustPanel';

const fetchMock = stubFetch();
const NUMBER = '京B2-20180910';

const REGISTER: Schemas['RegisterSummary'] = {
  provenance: 'issued',
  authority: { id: 'demo-authority', name: '北京市通信管理局（演示）' },
  found: true,
  status: 'valid',
  version: 2,
  updatedAt: '2026-11-20T02:00:00Z',
  confirmation: null,
  differences: [],
};

const FINDING: Schemas['Finding'] = {
  ruleId: 'register-mismatch',
  severity: 'error',
  message: '有效期至与登记不一致：文件 2099-12-31，登记 2028-05-03',
  messageEn: 'The expiry differs from the register: document 2099-12-31, register 2028-05-03',
  fields: ['expiresOn'],
  evidence: [],
  basis: '',
  basisEn: '',
};

type Trust = Schemas['LicenceTrust'];

function trust(fields: Partial<Trust>): Trust {
  return {
    verdict: 'verified',
    verdictReason: '与北京市通信管理局（演示）的登记一致',
    verdictReasonEn: 'Matches the register of 北京市通信管理局（演示）',
    validity: 'valid',
    register: REGISTER,
    topFinding: null,
    errors: 0,
    warnings: 0,
    ...fields,
  };
}

/** the organisation was answered (its read settles a moment later) */
let organisationRead = false;

function serve(answer: Trust, organisation: Organisation = HOLDER_ORG) {
  fetchMock.mockImplementation((request) => {
    const path = decodeURIComponent(new URL(request.url).pathname);
    if (path === '/api/v1/organisation') {
      organisationRead = true;
      return Promise.resolve(json({ ...organisation, instanceAdmin: true }));
    }
    if (path === `/api/v1/licences/${NUMBER}/trust`) return Promise.resolve(json(answer));
    return Promise.resolve(json({ status: 404, code: 'NOT_FOUND', detail: path }, 404));
  });
}

function open(lang: 'zh' | 'en' = 'zh') {
  const location = memoryLocation({ path: `/licences/${NUMBER}` });
  return render(
    <SWRConfig
      value={{ provider: () => new Map(), dedupingInterval: 0, shouldRetryOnError: false }}
    >
      <LangProvider lang={lang}>
        <Router hook={location.hook}>
          <TrustPanel number={NUMBER} />
        </Router>
      </LangProvider>
    </SWRConfig>,
  );
}

const greenMarks = () => document.querySelectorAll('.verified-mark').length;

beforeEach(() => {
  fetchMock.mockReset();
  organisationRead = false;
  // forgets the organisation the previous test read
  signIn();
});

describe('the licence page’s comparison with the register', () => {
  it('quotes each difference from the register both ways, with no green mark', async () => {
    serve(
      trust({
        verdict: 'mismatch',
        verdictReason: '与北京市通信管理局（演示）的登记不一致：2 处',
        verdictReasonEn: 'Differs from the register of 北京市通信管理局（演示）: 2 differences',
        register: {
          ...REGISTER,
          differences: [
            {
              field: 'expiresOn',
              label: '有效期至',
              labelEn: 'Valid until',
              documentValue: '2099-12-31',
              registerValue: '2028-05-03',
            },
            {
              field: 'holder.name',
              label: '公司名称',
              labelEn: 'Company name',
              documentValue: '云智联科技有限公司',
              registerValue: '',
            },
          ],
        },
        topFinding: FINDING,
        errors: 2,
      }),
    );
    open();
    const banner = await screen.findByRole('heading', { level: 3, name: /与登记不符，疑似伪造/u });
    const section = banner.closest('section');
    if (section === null) throw new Error('no banner');
    expect(section.getAttribute('data-verdict')).toBe('mismatch');
    expect(section.textContent).toContain('与北京市通信管理局（演示）的登记不一致：2 处');
    expect(within(section).getByText('北京市通信管理局（演示）')).toBeTruthy();
    // the register's status in words, without a badge's colour
    const status = within(section).getByText('登记状态').nextElementSibling;
    expect(status?.textContent).toBe('有效');
    expect(status?.querySelector('.badge')).toBeNull();

    const table = within(section).getByRole('table', { name: '文件与登记不一致之处' });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual(['字段', '文件', '登记']);
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent));
    expect(rows).toEqual([
      ['有效期至', '2099年12月31日', '2028年05月03日'],
      ['公司名称', '云智联科技有限公司', '（空）'],
    ]);
    // the rule's title, its id only in the tooltip; the message's days as the page writes them
    const top = within(section).getByText('与发证机关登记不符');
    expect(top.getAttribute('title')).toBe('register-mismatch');
    expect(section.textContent).not.toContain('register-mismatch');
    expect(section.textContent).toContain(
      '最严重的发现：与发证机关登记不符。有效期至与登记不一致：文件 2099年12月31日，登记 2028年05月03日',
    );
    expect(section.textContent).toContain('（2 个错误，0 个警告）');
    expect(greenMarks()).toBe(0);
  });

  it('says it all in English: the rule’s title, ISO days, ASCII punctuation, who confirmed', async () => {
    serve(
      trust({
        verdict: 'mismatch',
        verdictReason: '与北京市通信管理局（演示）的登记不一致：1 处',
        verdictReasonEn: 'Differs from the register of 北京市通信管理局（演示）: 1 difference',
        register: {
          ...REGISTER,
          confirmation: {
            id: 'c1',
            checkedOn: '2026-11-20',
            checkedBy: 'token:web sign-in',
            dueOn: '2027-02-18',
            current: true,
            attachmentSha256: null,
          },
          differences: [
            {
              field: 'expiresOn',
              label: '有效期至',
              labelEn: 'Valid until',
              documentValue: '2099-12-31',
              registerValue: '2028-05-03',
            },
          ],
        },
        topFinding: FINDING,
        errors: 2,
      }),
    );
    open('en');
    const banner = await screen.findByRole('heading', { level: 3, name: /possibly forged/u });
    const section = banner.closest('section');
    if (section === null) throw new Error('no banner');
    expect(
      within(section).getByText('Differs from the issuer’s register').getAttribute('title'),
    ).toBe('register-mismatch');
    expect(section.textContent).toContain(
      'Most severe finding: Differs from the issuer’s register. The expiry differs from the register: document 2099-12-31, register 2028-05-03 (2 error(s), 0 warning(s))',
    );
    expect(section.textContent).toContain(
      'Confirmed on 2026-11-20 by web sign-in; due again by 2027-02-18',
    );
    // the authority's name is Chinese data, （演示） and all; the page's own words are not
    expect(section.textContent).not.toMatch(/[：；]|token:/u);
    expect(section.querySelector('.verdict-validity')?.textContent).toBe('Validity: Valid');
  });

  it.each([
    ['suspect', '需人工复核', null],
    ['unverified', '未经发证机关核实', null],
    ['mismatch', '与登记不符，疑似伪造', REGISTER],
  ] as const)('shows a %s verdict as %s, never with the green mark', async (verdict, words, r) => {
    serve(trust({ verdict, register: r, validity: 'valid' }));
    open();
    const heading = await screen.findByRole('heading', { level: 3, name: new RegExp(words, 'u') });
    expect(heading.closest('section')?.getAttribute('data-verdict')).toBe(verdict);
    expect(greenMarks()).toBe(0);
  });

  it('gives the green mark only to a verified licence in force', async () => {
    serve(trust({ verdict: 'verified', validity: 'expired' }));
    const view = open();
    await screen.findByRole('heading', { level: 3, name: /已核实/u });
    expect(greenMarks()).toBe(0);
    expect(screen.getByText('有效期状态：已过期')).toBeTruthy();
    view.unmount();

    serve(trust({ verdict: 'verified', validity: 'valid' }));
    open();
    await screen.findByRole('heading', { level: 3, name: /已核实/u });
    expect(greenMarks()).toBe(1);
  });

  it('sends a holder to the official query and to recording what it showed', async () => {
    serve(trust({ verdict: 'unverified', register: null }));
    open();
    await screen.findByText('本实例没有这张许可证的登记，也没有有效的官方系统核实记录。');
    const official = screen.getByRole('link', {
      name: /在工业和信息化部电信业务市场综合管理信息系统查询/u,
    });
    expect(official.getAttribute('href')).toBe(
      `https://dxzhgl.miit.gov.cn/dxxzsp/xkz/xkzgl/resource/qiyesearch.jsp?num=${encodeURIComponent(NUMBER)}&type=xuke`,
    );
    const record = await screen.findByRole('link', { name: '记录官方系统查询结果' });
    expect(record.getAttribute('href')).toBe(`/licences/${encodeURIComponent(NUMBER)}/confirm`);
  });

  it('offers an authority no confirmation: its register is the record', async () => {
    serve(trust({}), AUTHORITY_ORG);
    open();
    await screen.findByRole('heading', { level: 3, name: /已核实/u });
    await waitFor(() => {
      expect(organisationRead).toBe(true);
    });
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
    expect(screen.getByRole('link', { name: /电信业务市场综合管理信息系统/u })).toBeTruthy();
    expect(screen.queryByRole('link', { name: '记录官方系统查询结果' })).toBeNull();
  });
});
