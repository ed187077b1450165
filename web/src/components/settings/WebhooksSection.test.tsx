import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SWRConfig } from 'swr';
import { afterEach, describe, expect, it } from 'vitest';
import { LangProvider } from '../../i18n';
import { json, stubFetch } from '../../test-fixtures';
import { WebhooksSection } from './WebhooksSection';

const fetchMock = stubFetch();

const HOOK = {
  id: 'w1',
  url: 'https://hooks.example/xuke',
  description: '合规部工单系统',
  createdAt: '2026-11-29T02:05:00Z',
};

afterEach(() => {
  fetchMock.mockReset();
});

function answer(test: Record<string, unknown>, status = 200) {
  fetchMock.mockImplementation((request: Request) =>
    Promise.resolve(request.method === 'POST' ? json(test, status) : json({ items: [HOOK] })),
  );
}

function renderSection(lang: 'zh' | 'en') {
  render(
    <SWRConfig value={{ provider: () => new Map(), dedupingInterval: 0 }}>
      <LangProvider lang={lang}>
        <WebhooksSection />
      </LangProvider>
    </SWRConfig>,
  );
}

describe.each([
  {
    lang: 'zh' as const,
    test: '测试发送',
    failed: '测试失败：找不到主机 hooks.example，请检查地址是否写对。',
    refused:
      '不能向 https://hooks.example:8443/xuke 发送提醒：端口 8443 不在允许范围内：只连接 80 和 443 端口。该地址不在允许的主机列表中；如确需使用，请联系管理员在服务设置中允许 hooks.example:8443',
  },
  {
    lang: 'en' as const,
    test: 'Send a test',
    failed: 'Test failed: The host hooks.example could not be found; check the address.',
    refused:
      'Refused to deliver to https://hooks.example:8443/xuke: port 8443 is not allowed: only ports 80 and 443 are used. The address is not on the list of allowed hosts; if it must be used, ask your administrator to allow hooks.example:8443 in the service’s settings',
  },
])('a webhook’s test delivery, $lang', (words) => {
  it('says what went wrong and what to do, in the page’s language', async () => {
    answer({
      ok: false,
      status: null,
      error: 'The host hooks.example could not be found; check the address',
      errorZh: '找不到主机 hooks.example，请检查地址是否写对',
    });
    renderSection(words.lang);
    await userEvent.click(await screen.findByRole('button', { name: new RegExp(words.test) }));
    const status = await screen.findByText(words.failed);
    expect(status.textContent).not.toMatch(/ENOTFOUND|getaddrinfo/u);
  });

  it('shows the server’s refusal of the address in words', async () => {
    answer(
      {
        type: 'urn:xuke:problem:target-refused',
        title: 'Unprocessable Content',
        status: 422,
        code: 'TARGET_REFUSED',
        detail:
          'Refused to deliver to https://hooks.example:8443/xuke: port 8443 is not allowed: only ports 80 and 443 are used. The address is not on the list of allowed hosts; if it must be used, ask your administrator to allow hooks.example:8443 in the service’s settings',
        detailZh:
          '不能向 https://hooks.example:8443/xuke 发送提醒：端口 8443 不在允许范围内：只连接 80 和 443 端口。该地址不在允许的主机列表中；如确需使用，请联系管理员在服务设置中允许 hooks.example:8443',
      },
      422,
    );
    renderSection(words.lang);
    await userEvent.click(await screen.findByRole('button', { name: new RegExp(words.test) }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(words.refused);
    expect(alert.textContent).not.toMatch(/XUKE_|规则|\(rule/u);
  });
});
