/**
 * The web UI end to end (issue 7's "done when"): the real server on SQLite serving the built UI,
 * driven in Chromium by role and accessible name, in Chinese as a user sees it.
 *
 * The compliance officer's morning: open the one-time link the first start printed; upload the seed
 * document (京B2-20180910) and see the `validity-term` and `expired` findings, named by their
 * titles; correct a field the document leaves out and save — the seed is already registered in the demo organisation, so the
 * corrected record becomes its version 2 (saving the document unchanged would add no version); record
 * that illegal information was disposed of today and see the report it starts, due 10 working days
 * later, with its date and the explanation of that date; then, signed out, the public verification,
 * by number and by the demonstration authority's SM2-signed e-licence (its file uploaded, and the
 * address its QR code opens).
 * Around it: the English switch, a phone-width dashboard without horizontal scrolling, the keyboard
 * path through the skip link and the main navigation, and a screenshot of every page (zh-CN,
 * 1280×800, full page; XUKE_SCREENSHOTS=docs/screenshots writes them to the docs).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect, it, onTestFailed } from 'vitest';
import { systemClock } from '../../src/adapters/system-clock.js';
import { createSigningKey } from '../../src/app/signing/keys.js';
import { parseDatabaseUrl } from '../../src/config/load-config.js';
import { openRegistry } from '../../src/main/registry.js';
import { describeWith } from '../require-service.js';
import {
  DESKTOP,
  e2eUnavailable,
  KEY_PASSPHRASE,
  PHONE,
  SEED_FILE,
  staleBuildNote,
  startE2e,
  type BrowserGlobals,
  type E2e,
} from './harness.js';

const NUMBER = '京B2-20180910';
const HOLDER = '云智联网络科技（北京）有限公司';
const AUTHORITY = '北京市通信管理局（演示）';
const DEMO_HOLDER = '演示持证单位';
/** the administrator's password, set at the first sign-in */
const ADMIN_PASSWORD = 'e2e-口令-correct-horse-2026';

/**
 * The seed changed the way a forger would: an issuer in another province, a 10-year term, a credit
 * code with a bad check digit, coverage 全国 on a provincial number, a malformed domain.
 */
function forgedSeed(): string {
  return readFileSync(SEED_FILE, 'utf8')
    .replace('法定代表人：李国杰', '法定代表人：李国杰\n\n统一社会信用代码：91110105MA01R4XK3A')
    .replace('信息即时交互服务。', '信息即时交互服务。业务覆盖范围：全国')
    .replace('发证机关(盖章)', '发证机关：上海市通信管理局')
    .replace('有效期至：2023年05月3日', '有效期至：2032年09月05日')
    .replace('网站域名：upliveapp.com', '网站域名：upliveapp..c_m');
}

/** The seed's findings the upload shows: rule id, and the title the page shows for it. */
const RULES = [
  ['validity-term', '有效期限'],
  ['expired', '许可证已过期'],
] as const;

/** A date as the UI shows it in Chinese (web/src/format.ts): 2026年12月14日. */
function zhDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${y ?? ''}年${m ?? ''}月${d ?? ''}日`;
}

/** Today in Asia/Shanghai, as the server and the UI count it. */
function todayInShanghai(): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

/** Wait until the locator is visible, then hand it back. */
async function seen(locator: Locator): Promise<Locator> {
  await locator.waitFor({ state: 'visible' });
  return locator;
}

async function heading1(page: Page, name: string | RegExp): Promise<Locator> {
  return seen(page.getByRole('heading', { level: 1, name, exact: typeof name === 'string' }));
}

function mainNav(page: Page): Locator {
  return page.getByRole('navigation', { name: '主导航' });
}

async function goByNav(page: Page, link: string, title: string | RegExp): Promise<void> {
  await mainNav(page).getByRole('link', { name: link, exact: true }).click();
  await heading1(page, title);
}

/** Nothing still loading: no "正在加载…" status left and no request in flight. */
async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page
    .locator('.loading')
    .first()
    .waitFor({ state: 'detached', timeout: 5_000 })
    .catch(() => undefined);
}

/** How wide the page is against the viewport: wider means a horizontal scroll bar. */
function pageWidth(page: Page): Promise<{ scroll: number; inner: number }> {
  return page.evaluate(() => {
    const w = globalThis as unknown as BrowserGlobals;
    return { scroll: w.document.scrollingElement?.scrollWidth ?? 0, inner: w.innerWidth };
  });
}

/**
 * A signing key for `organisation` in the server's database, as `xuke keys create --org …` makes it
 * (under the server's XUKE_KEY_PASSPHRASE).
 */
async function createKey(databaseUrl: string, organisation: string): Promise<string> {
  const config = parseDatabaseUrl(databaseUrl);
  if (typeof config === 'string') throw new Error(config);
  const registry = await openRegistry(config, {
    clock: systemClock,
    confirmationDays: 90,
    keyPassphrase: () => KEY_PASSPHRASE,
  });
  try {
    return (await createSigningKey(organisation, { organisation, actor: 'e2e' }, registry.signing))
      .kid;
  } finally {
    await registry.close();
  }
}

interface Occurrence {
  readonly id: string;
  readonly obligation: string;
  readonly dueOn: string;
  readonly provisional: boolean;
  readonly trigger: { readonly date: string | null };
  readonly explanation: { readonly text: string };
}

const unavailable = e2eUnavailable();

describeWith(
  'Chromium and the built web UI (end-to-end)',
  unavailable === null,
  unavailable ?? '',
)('the web UI end to end', () => {
  let e2e: E2e;
  let context: BrowserContext;
  let page: Page;
  const today = todayInShanghai();
  /** the illegal-content report's due date, once the event is recorded */
  let dueOfReport = '';

  // a failing step leaves a picture of what the browser showed
  beforeEach(() => {
    onTestFailed(async ({ task }) => {
      const path = join(tmpdir(), `xuke-e2e-failed-${task.name.replace(/\W+/gu, '-')}.png`);
      await page.screenshot({ path, fullPage: true }).catch(() => undefined);
      process.stdout.write(`[xuke e2e] "${task.name}" failed; the page then: ${path}\n`);
    });
  });

  beforeAll(async () => {
    const stale = staleBuildNote();
    if (stale !== null) process.stderr.write(`[xuke e2e] note: ${stale}\n`);
    e2e = await startE2e();
    context = await e2e.newContext();
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
  }, 60_000);

  afterAll(async () => {
    await e2e.close();
    if (process.env['XUKE_SCREENSHOTS']) {
      process.stdout.write(`[xuke e2e] screenshots in ${e2e.screenshotDir}\n`);
    }
  });

  /** The API as the signed-in browser sees it: its session cookie, sent by the page's context. */
  async function apiGet<T>(path: string): Promise<T> {
    const res = await page.request.get(path);
    expect(res.status(), path).toBe(200);
    return (await res.json()) as T;
  }

  it('signs in with the one-time link the first start printed, and sets a password', async () => {
    expect(e2e.printed.join('\n')).toContain(e2e.signInUrl);
    await page.goto(e2e.signInUrl);
    await heading1(page, '设置口令');
    // the code has left the address bar; nothing of the session is in the page's storage
    expect(page.url()).not.toContain('code=');
    const stored = await page.evaluate(() => {
      const w = globalThis as unknown as BrowserGlobals;
      return [w.sessionStorage.getItem('xuke.token'), w.localStorage.getItem('xuke.token')];
    });
    expect(stored).toEqual([null, null]);
    await page.getByLabel('您的姓名', { exact: true }).fill('王管理');
    await page.getByLabel('新口令', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByLabel('再输入一次新口令', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: '保存并继续', exact: true }).click();
    await heading1(page, '概览');
    expect(new URL(page.url()).pathname).toBe('/');
  });

  it('uploads the seed, shows validity-term and expired, and saves a corrected record as version 2', async () => {
    await goByNav(page, '上传核验', '上传核验');
    await page.getByLabel('许可证文件', { exact: true }).setInputFiles({
      name: 'jing-b2-20180910.txt',
      mimeType: 'text/plain',
      buffer: readFileSync(SEED_FILE),
    });
    const report = await seen(page.getByRole('region', { name: /^核验结果/u }));
    // each rule by its title; its id only in the tooltip
    for (const [id, title] of RULES) {
      const shown = await seen(report.getByText(title, { exact: true }));
      expect(await shown.getAttribute('title')).toBe(id);
    }
    // what was read sits beside the source
    const fields = page.getByRole('form', { name: '识别的字段' });
    expect(
      await fields.getByRole('textbox', { name: '经营许可证编号', exact: true }).inputValue(),
    ).toBe(NUMBER);
    expect(await fields.getByRole('textbox', { name: '公司名称', exact: true }).inputValue()).toBe(
      HOLDER,
    );

    // the document does not state the registered address: add it; the checks run again
    await fields
      .getByRole('textbox', { name: '注册住所', exact: true })
      .fill('北京市朝阳区裕民路乙3号');
    await seen(page.getByText('已按更正后的内容重新核验。', { exact: true }));
    for (const [, title] of RULES) {
      await seen(report.getByText(title, { exact: true }));
    }
    await e2e.screenshot(page, 'upload');

    // the seed is 需人工复核 (it matches the register, with error findings): saving asks why
    await page.getByRole('button', { name: '保存为新许可证或新版本', exact: true }).click();
    const confirm = await seen(page.getByRole('dialog', { name: /^确认保存/u }));
    await confirm.getByLabel('保存理由').fill('端到端测试：补充注册住所');
    await confirm.getByRole('button', { name: '仍然保存', exact: true }).click();
    // "✓ " is decoration (aria-hidden) before the words
    await seen(page.getByText(`已保存为许可证 ${NUMBER} 的第 2 版。`));
    const stored = await apiGet<{ version: number; licence: { holder: { address: string } } }>(
      `/api/v1/licences/${encodeURIComponent(NUMBER)}`,
    );
    expect(stored.version).toBe(2);
    expect(stored.licence.holder.address).toBe('北京市朝阳区裕民路乙3号');
  });

  it('leads a forged document’s review with its verdict and shows no green mark', async () => {
    // a fresh upload page (the last review is still open)
    await page.goto('/upload');
    await heading1(page, '上传核验');
    await page.getByLabel('许可证文件', { exact: true }).setInputFiles({
      name: 'forged.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(forgedSeed(), 'utf8'),
    });
    const verdict = await seen(page.locator('.verdict-banner').first());
    expect(await verdict.innerText()).toMatch(/需人工复核|与登记不符/u);
    // the register's differences, quoted both ways
    await seen(
      page.getByRole('table', { name: '文件与登记不一致之处' }).getByText('上海市通信管理局'),
    );
    expect(await page.locator('.verified-mark').count()).toBe(0);
  });

  it('records illegal-content-disposed and shows the report it starts, with its date and explanation', async () => {
    await goByNav(page, '期限', '期限');
    const record = page.getByRole('region', { name: '记录事件' });
    await record.getByRole('combobox', { name: '许可证', exact: true }).selectOption(NUMBER);
    await record
      .getByRole('combobox', { name: '事件类型', exact: true })
      .selectOption('illegal-content-disposed');
    await record.getByLabel('发生日期', { exact: true }).fill(today);
    await record
      .getByRole('textbox', { name: '备注（可选）' })
      .fill('端到端测试：删除违规帖子 3 条');
    await record.getByRole('button', { name: '记录事件', exact: true }).click();

    // announced: the outcome is in a live region
    const outcome = record.getByRole('status').filter({ hasText: '已记录' });
    await seen(outcome.getByText(`已记录：发现并处置了违法信息（${NUMBER}，${zhDate(today)}）。`));

    // the deadline the server dated: 10 working days after today
    const deadlines = await apiGet<{ occurrences: readonly Occurrence[] }>(
      `/api/v1/licences/${encodeURIComponent(NUMBER)}/deadlines`,
    );
    const report = deadlines.occurrences.find(
      (o) => o.obligation === 'illegal-content-report' && o.trigger.date === today,
    );
    expect(report, 'the illegal-content report occurrence').toBeDefined();
    if (report === undefined) return;
    dueOfReport = report.dueOn;
    // ten working days: at least 12 calendar days (from a Sunday), more over holidays
    expect(daysBetween(today, report.dueOn)).toBeGreaterThanOrEqual(12);

    const created = await seen(
      outcome.getByRole('listitem').filter({ hasText: '违法信息处置情况上报' }),
    );
    const text = await created.innerText();
    expect(text).toContain(`截止 ${zhDate(report.dueOn)}`);
    // the server's explanation, its days written as the page writes them
    expect(text).toContain(
      report.explanation.text.replace(/(\d{4})-(\d{2})-(\d{2})/gu, '$1年$2月$3日'),
    );
    expect(report.explanation.text).toContain(`第 10 个工作日为 ${report.dueOn}`);

    // and it is in the list of deadlines, and on its day in the month calendar
    const list = page.getByRole('region', { name: '期限列表' });
    await seen(list.getByText('违法信息处置情况上报').first());
    await created.getByRole('button', { name: '在月历中查看' }).click();
    const day = page.getByRole('heading', { level: 3, name: zhDate(report.dueOn) });
    await seen(day);
    await seen(
      page.getByRole('region', { name: '月历' }).getByText('违法信息处置情况上报').first(),
    );
    await settled(page);
    await e2e.screenshot(page, 'deadlines');
  });

  it('shows the licences, the licence with its new deadline, settings and the dashboard', async () => {
    await goByNav(page, '许可证', '许可证');
    await seen(page.getByRole('link', { name: NUMBER }).first());
    // each licence's verdict and most severe finding; the expired seed earns no green mark
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: NUMBER }) });
    const verdict = await row.locator('[data-label="核验结论"]').innerText();
    expect(verdict).toMatch(/已核实|与登记不符|需人工复核|未经核实/u);
    expect(await row.locator('.verified-mark').count()).toBe(0);
    expect((await row.locator('[data-label="最严重的发现"]').innerText()).trim()).not.toBe('');
    await settled(page);
    await e2e.screenshot(page, 'licences');

    await page.getByRole('link', { name: NUMBER }).first().click();
    await heading1(page, NUMBER);
    await seen(page.getByText(HOLDER).first());
    // the new deadline on the licence's timeline, on its day
    const timeline = page.getByRole('region', { name: '期限', exact: true });
    const entry = timeline.getByRole('listitem').filter({ hasText: '违法信息处置情况上报' });
    await seen(entry.first());
    expect(await entry.first().innerText()).toContain(zhDate(dueOfReport));
    await settled(page);
    await e2e.screenshot(page, 'licence');

    // the holder records what the official query showed on a page of its own
    await page.getByRole('link', { name: '记录官方系统查询结果' }).click();
    await heading1(page, `记录官方系统核实：${NUMBER}`);
    await seen(page.getByLabel('官方系统显示的状态'));
    await page.getByRole('link', { name: `返回许可证 ${NUMBER}` }).click();
    await heading1(page, NUMBER);

    await goByNav(page, '设置', '设置');
    await settled(page);
    await e2e.screenshot(page, 'settings');

    await goByNav(page, '概览', '概览');
    await seen(page.getByText('违法信息处置情况上报').first());
    await settled(page);
    await e2e.screenshot(page, 'dashboard');
  });

  it('switches to English, keeps the choice, and switches back', async () => {
    const lang = () =>
      page.evaluate(() => (globalThis as unknown as BrowserGlobals).document.documentElement.lang);
    await page.goto('/');
    await heading1(page, '概览');
    try {
      await page.getByRole('button', { name: 'Switch to English' }).click();
      await heading1(page, 'Dashboard');
      expect(await lang()).toBe('en');
      // the page's own words, not only the shell's
      await seen(page.getByRole('heading', { level: 2, name: 'Deadlines to act on' }));
      await seen(
        page
          .getByRole('navigation', { name: 'Main navigation' })
          .getByRole('link', { name: 'Deadlines', exact: true }),
      );
      await page.reload();
      await heading1(page, 'Dashboard');
      await page.getByRole('button', { name: '切换到中文' }).click();
      await heading1(page, '概览');
      expect(await lang()).toBe('zh-CN');
    } finally {
      // whatever happened, the next steps (and their screenshots) are in Chinese
      await page.evaluate(() => {
        (globalThis as unknown as BrowserGlobals).localStorage.setItem('xuke.lang', 'zh');
      });
    }
  });

  it('reaches the skip link and the main navigation with Tab', async () => {
    await page.goto('/');
    await heading1(page, '概览');
    // a fresh load leaves focus to the browser: the first Tab reaches the skip link
    const focused = () =>
      page.evaluate(() => {
        const el = (globalThis as unknown as BrowserGlobals).document.activeElement;
        return {
          text: el?.textContent?.trim() ?? '',
          inNav: el?.closest('nav') !== null,
          inMain: el?.closest('main') !== null,
          tag: el?.tagName ?? '',
          visible: el !== null && el.getBoundingClientRect().width > 1,
        };
      });
    await page.keyboard.press('Tab');
    const skip = await focused();
    expect(skip.text).toBe('跳到正文');
    expect(skip.visible).toBe(true);
    const navTexts: string[] = [];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      const f = await focused();
      if (f.inNav) navTexts.push(f.text);
    }
    expect(navTexts).toEqual(
      expect.arrayContaining(['概览', '许可证', '上传核验', '期限', '设置']),
    );

    // navigating inside the app moves focus to the new page's heading (screen readers announce it)
    await mainNav(page).getByRole('link', { name: '许可证' }).click();
    await heading1(page, '许可证');
    expect(await focused()).toMatchObject({ tag: 'H1', text: '许可证' });

    // the skip link takes the next Tab into the page's content
    await page.mouse.click(2, 2);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect((await focused()).inMain).toBe(true);
  });

  it('fits a phone’s width (375 px) without horizontal scrolling', async () => {
    await page.setViewportSize(PHONE);
    try {
      const widths: Record<string, { scroll: number; inner: number }> = {};
      const licence = `/licences/${encodeURIComponent(NUMBER)}`;
      const pages = ['/', '/licences', licence, `${licence}/confirm`, '/upload', '/deadlines'];
      for (const path of [...pages, '/settings']) {
        await page.goto(path);
        await page.getByRole('heading', { level: 1 }).waitFor();
        await settled(page);
        widths[path] = await pageWidth(page);
        if (path === '/') await e2e.screenshot(page, 'dashboard-phone');
      }
      const overflowing = Object.entries(widths).filter(([, w]) => w.scroll > w.inner);
      if (overflowing.length > 0) {
        process.stdout.write(
          `[xuke e2e] wider than ${PHONE.width} px: ${overflowing
            .map(([p, w]) => `${p} ${w.scroll}px`)
            .join(', ')}\n`,
        );
      }
      expect(widths['/']?.scroll).toBeLessThanOrEqual(widths['/']?.inner ?? 0);
    } finally {
      await page.setViewportSize(DESKTOP);
    }
  });

  it('verifies the licence publicly, signed out', async () => {
    const visitor = await e2e.newContext();
    try {
      const p = await visitor.newPage();
      // signed out, a private page sends to sign-in and back
      await p.goto('/deadlines');
      await heading1(p, '登录');
      expect(new URL(p.url()).searchParams.get('next')).toBe('/deadlines');
      await seen(p.getByRole('textbox', { name: '电子邮件地址' }));
      await settled(p);
      await e2e.screenshot(p, 'sign-in');

      await p.goto(`/verify/${encodeURIComponent(NUMBER)}`);
      await heading1(p, '许可证公开查验');
      await seen(p.getByRole('heading', { level: 2, name: '已过期' }));
      // the register's record, with the issuing authority's name
      await seen(p.locator('.verify-authority').getByText(AUTHORITY, { exact: true }));
      await seen(p.getByText(HOLDER));
      await seen(p.getByText('信息服务业务（仅限互联网信息服务）', { exact: false }));
      await seen(p.getByText('upliveapp.com', { exact: true }));
      // nothing of the signed-in UI
      expect(await mainNav(p).getByRole('link').allInnerTexts()).toEqual(['公开查验']);
      await settled(p);
      await e2e.screenshot(p, 'verify');

      // the public reads it on a phone too
      await p.setViewportSize(PHONE);
      const w = await pageWidth(p);
      if (w.scroll > w.inner) {
        process.stdout.write(`[xuke e2e] wider than ${PHONE.width} px: /verify ${w.scroll}px\n`);
      }
    } finally {
      await visitor.close();
    }
  });

  it('verifies the authority’s signed e-licence on /verify: the file, and the QR code’s address', async () => {
    const kid = await createKey(e2e.databaseUrl, 'demo-authority');
    const res = await fetch(
      `${e2e.server.url}/api/v1/public/licences/${encodeURIComponent(NUMBER)}/elicence`,
    );
    expect(res.status).toBe(200);
    const { elicence, qrText } = (await res.json()) as { elicence: unknown; qrText: string };
    const dir = mkdtempSync(join(tmpdir(), 'xuke-e2e-elicence-'));
    const file = join(dir, 'elicence.json');
    writeFileSync(file, `${JSON.stringify(elicence, null, 2)}\n`);
    const visitor = await e2e.newContext();
    try {
      const p = await visitor.newPage();
      await p.goto('/verify');
      await heading1(p, '许可证公开查验');
      await p.getByLabel('电子证照文件', { exact: true }).setInputFiles(file);
      await seen(p.getByRole('heading', { level: 3, name: '签名有效' }));
      await seen(p.locator('.elicence-signer').getByText(AUTHORITY, { exact: true }));
      await seen(p.locator('.elicence-kid').getByText(kid, { exact: true }));
      const register = p.getByRole('region', { name: '登记簿', exact: true });
      await seen(register.getByText(/^登记簿仍为此版本（第 \d+ 版），状态：/u));
      await settled(p);
      await e2e.screenshot(p, 'verify-elicence');

      // the printed QR code: a phone's camera opens its address, the statement in the fragment
      const qr = new URL(qrText);
      expect(qr.hash).toMatch(/^#xq1\./u);
      const phone = await visitor.newPage();
      await phone.setViewportSize(PHONE);
      await phone.goto(`${qr.pathname}${qr.hash}`);
      await seen(phone.getByRole('heading', { level: 3, name: '签名有效' }));
      await seen(phone.getByText('核验的内容：本页地址中的二维码内容', { exact: true }));
      await seen(phone.locator('.elicence-signer').getByText(AUTHORITY, { exact: true }));
      const w = await pageWidth(phone);
      expect(w.scroll, 'no horizontal scrolling on a phone').toBeLessThanOrEqual(w.inner);
    } finally {
      await visitor.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('switches the administrator to the demonstration authority and back in one click', async () => {
    await page.goto('/');
    await heading1(page, '概览');
    await page.getByRole('button', { name: `切换到 ${AUTHORITY}（发证机关）` }).click();
    await heading1(page, '登记簿');
    await seen(page.locator('.org-current').getByText(AUTHORITY, { exact: true }));
    await seen(page.getByRole('link', { name: NUMBER }).first());
    await settled(page);
    await e2e.screenshot(page, 'register');
    await page.getByRole('button', { name: `切换到 ${DEMO_HOLDER}（持证单位）` }).click();
    await heading1(page, '概览');
    await seen(page.locator('.org-current').getByText('持证单位', { exact: true }));
  });

  it('saw no script error, console error or server error on the way', () => {
    expect(e2e.problems).toEqual([]);
  });
});
