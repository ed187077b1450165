/**
 * People end to end (docs/accounts.md), in Chromium against the real server on a fresh database:
 * the first start's one-time link → the administrator sets a name and password → invites a second
 * person by link → that person accepts in another browser, creating an account → signs out and
 * signs in again with e-mail and password → the administrator's audit log page shows both people
 * by name, and the link does not work twice.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect, it, onTestFailed } from 'vitest';
import { describeWith } from '../require-service.js';
import { e2eUnavailable, staleBuildNote, startE2e, type E2e } from './harness.js';

const ADMIN = { name: '王管理', password: 'e2e-admin-口令-2026' };
const SECOND = { name: '李审核', email: 'li.shenhe@example.com', password: 'e2e-li-口令-2026!' };

async function seen(locator: Locator): Promise<Locator> {
  await locator.waitFor({ state: 'visible' });
  return locator;
}

async function heading1(page: Page, name: string): Promise<Locator> {
  return seen(page.getByRole('heading', { level: 1, name, exact: true }));
}

const unavailable = e2eUnavailable();

describeWith(
  'Chromium and the built web UI (end-to-end)',
  unavailable === null,
  unavailable ?? '',
)('people end to end: first start, invitation, sign-in, audit', () => {
  let e2e: E2e;
  let admin: BrowserContext;
  let second: BrowserContext;
  let page: Page;
  let other: Page;
  let invitationLink = '';

  beforeEach(() => {
    onTestFailed(async ({ task }) => {
      for (const [who, p] of [
        ['admin', page],
        ['second', other],
      ] as const) {
        const path = join(
          tmpdir(),
          `xuke-e2e-accounts-${who}-${task.name.replace(/\W+/gu, '-')}.png`,
        );
        await p.screenshot({ path, fullPage: true }).catch(() => undefined);
        process.stdout.write(`[xuke e2e] "${task.name}" failed; the ${who}'s page: ${path}\n`);
      }
    });
  });

  beforeAll(async () => {
    const stale = staleBuildNote();
    if (stale !== null) process.stderr.write(`[xuke e2e] note: ${stale}\n`);
    e2e = await startE2e();
    admin = await e2e.newContext();
    admin.setDefaultTimeout(15_000);
    second = await e2e.newContext();
    second.setDefaultTimeout(15_000);
    page = await admin.newPage();
    other = await second.newPage();
  }, 60_000);

  afterAll(async () => {
    await e2e.close();
  });

  it('the one-time link signs the administrator in once; they set a name and a password', async () => {
    await page.goto(e2e.signInUrl);
    await heading1(page, '设置口令');
    await page.getByLabel('您的姓名', { exact: true }).fill(ADMIN.name);
    await page.getByLabel('新口令', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('再输入一次新口令', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: '保存并继续', exact: true }).click();
    await heading1(page, '概览');
    const me = await page.request.get('/api/v1/me');
    expect(((await me.json()) as { person: { name: string } }).person.name).toBe(ADMIN.name);

    // the link worked once: in another browser it signs nobody in
    await other.goto(e2e.signInUrl);
    await seen(other.getByRole('alert'));
    expect((await other.request.get('/api/v1/session')).status()).toBe(401);
  });

  it('the administrator invites a second person by link', async () => {
    await page.goto('/settings/members');
    await heading1(page, '成员与邀请');
    await page.getByRole('button', { name: '发出邀请', exact: true }).click();
    const shown = await seen(page.getByLabel(/^邀请链接：/u));
    invitationLink = await shown.inputValue();
    expect(invitationLink).toMatch(/\/invite#code=/u);
    await seen(page.getByText('待接受', { exact: true }));
  });

  it('the second person accepts in their own browser, creating an account', async () => {
    await other.goto(invitationLink);
    await heading1(other, '接受邀请');
    await other.getByLabel('您的姓名', { exact: true }).fill(SECOND.name);
    await other.getByLabel('电子邮件地址', { exact: true }).fill(SECOND.email);
    await other.getByLabel('新口令', { exact: true }).fill(SECOND.password);
    await other.getByLabel('再输入一次新口令', { exact: true }).fill(SECOND.password);
    await other.getByRole('button', { name: '创建账户并加入', exact: true }).click();
    await heading1(other, '概览');
    const session = (await (await other.request.get('/api/v1/session')).json()) as {
      person: { name: string };
      role: string;
    };
    expect(session).toMatchObject({ person: { name: SECOND.name }, role: 'member' });
  });

  it('signs out, and signs in again with e-mail and password', async () => {
    await other.getByRole('button', { name: '退出', exact: true }).click();
    await heading1(other, '登录');
    expect((await other.request.get('/api/v1/session')).status()).toBe(401);
    await other.getByLabel('电子邮件地址', { exact: true }).fill(SECOND.email);
    await other.getByLabel('口令', { exact: true }).fill(SECOND.password);
    await other.getByRole('button', { name: '登录', exact: true }).click();
    await heading1(other, '概览');
    // the invitation link is used up
    await other.goto(invitationLink);
    await seen(other.getByText(/邀请已过期、已被使用或已被撤销/u));
  });

  it('the audit log page shows both people by name', async () => {
    await page.goto('/audit');
    await heading1(page, '审计日志');
    const entries = page.getByRole('table', { name: /审计记录/u });
    await seen(entries.getByText(new RegExp(ADMIN.name, 'u')).first());
    await seen(entries.getByText(new RegExp(SECOND.name, 'u')).first());
    await seen(entries.getByText('member.invited', { exact: false }).first());
    await seen(entries.getByText('member.joined', { exact: false }).first());
  });

  it('saw no script error, console error or server error on the way', () => {
    expect(e2e.problems).toEqual([]);
  });
});
