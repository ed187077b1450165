import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Link } from 'wouter';
import seedText from '../../../../fixtures/seed/jing-b2-20180910.txt?raw';
import { LangProvider } from '../../i18n';
import { json, stubFetch } from '../../test-fixtures';
import type { DocumentResult, Licence } from './review-api';
import { ReviewScreen } from './ReviewScreen';
import { SEED_RESULT } from './seed.fixture';

const fetchMock = stubFetch();

const RECHECKED = {
  schema: 'xuke.check/v1',
  status: 'valid',
  verdict: 'unverified',
  verdictReason: '未经发证机关核实',
  verdictReasonEn: 'Not verified by the issuing authority',
  validity: 'valid',
  register: null,
  findings: [
    {
      ruleId: 'holder-name',
      severity: 'warning',
      message: '更正后的公司名称需核对',
      messageEn: 'Check the corrected holder name',
      fields: ['holder.name'],
      evidence: [],
      basis: '测试依据',
      basisEn: 'test basis',
    },
  ],
};

function renderReview(result: DocumentResult = SEED_RESULT, lang: 'zh' | 'en' = 'zh') {
  const file = new File([seedText], 'seed.txt', { type: 'text/plain' });
  return render(
    <LangProvider lang={lang}>
      <ReviewScreen file={file} result={result} onReset={() => undefined} />
    </LangProvider>,
  );
}

/** The text that describes an input (its aria-describedby element). */
function description(input: HTMLElement): string {
  const id = input.getAttribute('aria-describedby') ?? '';
  return document.getElementById(id)?.textContent ?? '';
}

function sourceLine(no: number): HTMLElement {
  const line = document.querySelector<HTMLElement>(`[data-line="${no}"]`);
  if (line === null) throw new Error(`no source line ${no}`);
  return line;
}

beforeEach(() => {
  fetchMock.mockReset();
});

describe('the review screen', () => {
  it('marks an edited field corrected, re-checks once after typing stops, and shows the new report', async () => {
    const bodies: { licence: Licence }[] = [];
    fetchMock.mockImplementation(async (request) => {
      if (request.method === 'POST' && new URL(request.url).pathname === '/api/v1/checks') {
        bodies.push((await request.json()) as { licence: Licence });
        return json(RECHECKED);
      }
      return json({ detail: 'unexpected' }, 500);
    });
    const user = userEvent.setup();
    renderReview();

    const summary = screen.getByRole('status');
    expect(summary.textContent).toContain('已过期');
    expect(summary.textContent).toContain('按上传的文件核验');
    const name = screen.getByLabelText('公司名称');
    expect((name as HTMLInputElement).value).toBe('云智联网络科技（北京）有限公司');
    expect(description(name)).not.toContain('已更正');

    await user.clear(name);
    await user.type(name, '云智联科技有限公司');
    expect(description(name)).toContain('已更正');
    expect(screen.getByText('已更正 1 处')).toBeTruthy();
    expect(summary.textContent).toContain('正在按更正后的内容重新核验');

    await waitFor(
      () => {
        expect(summary.textContent).toContain('已按更正后的内容重新核验');
      },
      { timeout: 3000 },
    );
    // debounced: one check for the whole edit, with the corrected record
    expect(bodies).toHaveLength(1);
    expect(bodies[0]?.licence.holder.name).toBe('云智联科技有限公司');
    expect(bodies[0]?.licence.number).toBe('京B2-20180910');
    expect(summary.textContent).toContain('有效');
    const report = screen.getByRole('region', { name: /核验结果/u });
    expect(within(report).getByText('更正后的公司名称需核对')).toBeTruthy();
    expect(within(report).queryByText(/有效期 240 天/u)).toBeNull();
    // the finding leads back to the field it is about
    await user.click(within(report).getByRole('button', { name: '转到“公司名称”' }));
    expect(document.activeElement).toBe(name);

    // restoring the value read brings back the document's report without another check
    await user.click(screen.getByRole('button', { name: '还原为识别值', description: '公司名称' }));
    expect((name as HTMLInputElement).value).toBe('云智联网络科技（北京）有限公司');
    expect(description(name)).not.toContain('已更正');
    expect(summary.textContent).toContain('按上传的文件核验');
    expect(within(report).getByText(/有效期 240 天/u)).toBeTruthy();
    expect(bodies).toHaveLength(1);
  });

  it('says so in words when the re-check fails', async () => {
    // a fresh answer each call (a Response body is read once)
    fetchMock.mockImplementation(() =>
      Promise.resolve(
        json(
          {
            type: 'urn:xuke:problem:invalid-input',
            title: 'Bad Request',
            status: 400,
            code: 'INVALID_INPUT',
            detail: 'licence.issuedOn: expected YYYY-MM-DD',
            detailZh: '许可证记录无效：issuedOn 应为 YYYY-MM-DD',
          },
          400,
        ),
      ),
    );
    const user = userEvent.setup();
    renderReview();
    await user.type(screen.getByLabelText('法定代表人'), '甲');
    await waitFor(
      () => {
        expect(screen.getByRole('status').textContent).toContain(
          '重新核验失败：许可证记录无效：issuedOn 应为 YYYY-MM-DD',
        );
      },
      { timeout: 3000 },
    );
  });

  it('highlights and scrolls to the evidence line of the focused field', async () => {
    const user = userEvent.setup();
    renderReview();
    expect(screen.getByText('全文 170 行（从您上传的文件读出）。')).toBeTruthy();
    expect(sourceLine(11).getAttribute('aria-current')).toBeNull();

    await user.click(screen.getByLabelText('公司名称'));
    expect(sourceLine(11).getAttribute('aria-current')).toBe('true');
    expect(sourceLine(11).querySelector('mark')?.textContent).toContain(
      '公司名称：云智联网络科技（北京）有限公司',
    );
    expect(description(screen.getByLabelText('公司名称'))).toContain('原文第 11 行');

    await user.tab(); // 法定代表人
    expect(sourceLine(11).getAttribute('aria-current')).toBeNull();
    expect(sourceLine(13).getAttribute('aria-current')).toBe('true');

    await user.click(screen.getByLabelText('有效期至'));
    expect(sourceLine(25).getAttribute('aria-current')).toBe('true');
    expect(sourceLine(13).getAttribute('aria-current')).toBeNull();

    // a finding's line button moves the mark too
    const report = screen.getByRole('region', { name: /核验结果/u });
    const [showLine] = within(report).getAllByRole('button', { name: '在原文中查看第 23 行' });
    if (showLine === undefined) throw new Error('no button to line 23');
    await user.click(showLine);
    expect(sourceLine(23).getAttribute('aria-current')).toBe('true');
  });

  it('says when the server cut a long text, and marks the lines it left out', async () => {
    const user = userEvent.setup();
    renderReview({
      ...SEED_RESULT,
      text: { lines: SEED_RESULT.text.lines.slice(0, 12), lineCount: 170, truncated: true },
    });
    expect(
      screen.getByText('原文共 170 行，这里列出前 12 行及其后字段和核验结果所依据的行。'),
    ).toBeTruthy();
    expect(sourceLine(12)).toBeTruthy();
    expect(screen.getByText('第 14 行未列出')).toBeTruthy();
    expect(screen.getByText('第 16–22 行未列出')).toBeTruthy();
    expect(screen.getByText(/^第 \d+–170 行未列出$/u)).toBeTruthy();
    await user.click(screen.getByLabelText('有效期至'));
    expect(sourceLine(25).getAttribute('aria-current')).toBe('true');
  });

  it('leads with the verdict and shows no green mark for a suspect document', () => {
    renderReview();
    const banner = screen.getByRole('region', { name: /需人工复核/u });
    expect(banner.textContent).toContain('与北京市通信管理局（演示）登记簿一致');
    expect(banner.textContent).toContain('有效期状态：已过期');
    expect(document.querySelector('.verified-mark')).toBeNull();
  });

  it('lists the differences from the register', () => {
    const mismatch: DocumentResult = {
      ...SEED_RESULT,
      report: {
        ...SEED_RESULT.report,
        verdict: 'mismatch',
        verdictReason: '与登记不符，疑似伪造：发证机关不符',
        verdictReasonEn: 'Differs from the register: the issuer differs',
        register: {
          provenance: 'issued',
          authority: { id: 'demo-authority', name: '北京市通信管理局（演示）' },
          found: true,
          status: 'expired',
          version: 1,
          updatedAt: '2026-12-07T04:30:27.049Z',
          confirmation: null,
          differences: [
            {
              field: 'issuer',
              label: '发证机关',
              labelEn: 'Issuer',
              documentValue: '上海市通信管理局',
              registerValue: '北京市通信管理局（演示）',
            },
          ],
        },
      },
    };
    renderReview(mismatch);
    screen.getByRole('region', { name: /与登记不符，疑似伪造/u });
    const table = screen.getByRole('table', { name: '文件与登记不一致之处' });
    expect(within(table).getByText('上海市通信管理局')).toBeTruthy();
    expect(document.querySelector('.verified-mark')).toBeNull();
  });

  it('marks low-confidence fields and fields with notes in words', () => {
    const parse = SEED_RESULT.parse;
    const number = parse.evidence.number;
    if (number === undefined) throw new Error('the seed has number evidence');
    renderReview({
      ...SEED_RESULT,
      parse: {
        ...parse,
        evidence: {
          ...parse.evidence,
          number: { ...number, confidence: 0.5, raw: '京B2-2018O910', corrected: true },
        },
      },
    });
    const number$ = description(screen.getByLabelText('经营许可证编号'));
    expect(number$).toContain('置信度低');
    expect(number$).toContain('置信度 50%');
    expect(number$).toContain('原文写作“京B2-2018O910”');
    const coverage = description(screen.getByLabelText('覆盖范围'));
    expect(coverage).toContain('有说明');
    expect(coverage).toContain('未载明业务覆盖范围');
    expect(description(screen.getByLabelText('统一社会信用代码'))).toContain('原文中未找到');
    const notes = screen.getByRole('region', { name: '识别说明' });
    expect(within(notes).getByText(/未载明业务覆盖范围/u)).toBeTruthy();
  });

  it('saves the document with the corrected record and links to the licence', async () => {
    const sent: { url: string; file: unknown; record: unknown }[] = [];
    let rechecks = 0;
    fetchMock.mockImplementation(async (request) => {
      const url = new URL(request.url);
      // the corrected record is still suspect when re-checked: the save asks for a reason whether
      // the re-check (debounced) lands before the click or after it
      if (url.pathname === '/api/v1/checks') {
        rechecks += 1;
        return json({ ...RECHECKED, verdict: 'suspect' });
      }
      const form = await request.formData();
      sent.push({
        url: url.pathname + url.search,
        file: form.get('file'),
        record: form.get('record'),
      });
      return json(
        {
          ...SEED_RESULT,
          corrected: ['holder'],
          saved: {
            outcome: 'created',
            licence: {
              number: '京B2-20180910',
              status: 'valid',
              currentStatus: 'expired',
              version: 1,
              createdAt: '2026-11-29T02:00:00Z',
              updatedAt: '2026-11-29T02:00:00Z',
              licence: SEED_RESULT.parse.licence,
            },
          },
        },
        201,
      );
    });
    const user = userEvent.setup();
    renderReview();
    await user.type(screen.getByLabelText('统一社会信用代码'), '91110105MA01ABCD3X');
    const leaving = () => !window.dispatchEvent(new Event('beforeunload', { cancelable: true }));
    expect(leaving()).toBe(true);
    // the same path every run: the re-check of the correction has landed before the save
    await waitFor(() => {
      expect(rechecks).toBe(1);
    });
    // the seed is suspect: saving asks for a reason first
    await user.click(screen.getByRole('button', { name: '保存为新许可证或新版本' }));
    // the dialog's module loads when it is first opened
    const dialog = await screen.findByRole('dialog', { name: '确认保存：需人工复核' });
    await user.click(within(dialog).getByRole('button', { name: '仍然保存' }));
    expect(within(dialog).getByText('请填写此项。')).toBeTruthy();
    expect(sent).toHaveLength(0);
    await user.type(within(dialog).getByLabelText('保存理由'), '纸质原件已核对');
    await user.click(within(dialog).getByRole('button', { name: '仍然保存' }));
    await screen.findByText('已新建许可证 京B2-20180910（第 1 版）。');
    // saved: leaving the page asks nothing any more
    expect(leaving()).toBe(false);
    expect(screen.queryByText('，更正尚未保存')).toBeNull();
    expect(screen.getByText('已随此版本记录人工更正：持证单位。')).toBeTruthy();
    const link = screen.getByRole('link', { name: '查看许可证 京B2-20180910' });
    expect(link.getAttribute('href')).toBe(`/licences/${encodeURIComponent('京B2-20180910')}`);
    expect(sent).toHaveLength(1);
    const { url, file, record } = sent[0] ?? {};
    expect(url).toBe(
      `/api/v1/documents?save=true&name=seed.txt&acknowledge=${encodeURIComponent('纸质原件已核对')}`,
    );
    expect(file).toBeInstanceOf(Blob);
    expect(JSON.parse(String(record))).toMatchObject({
      number: '京B2-20180910',
      holder: { creditCode: '91110105MA01ABCD3X' },
    });
  });

  describe.each([
    {
      lang: 'zh' as const,
      titles: ['有效期限', '许可证已过期', '签署日期与发证日期'],
      legend: '第 1 项业务',
      qualifier: '限定说明',
      note: '第 1 项业务的覆盖范围：',
      signature: '第 2 处签署的日期：',
      goTo: '转到“第 1 项业务的覆盖范围”',
      expired: '经营许可证已于 2023年05月03日 到期',
    },
    {
      lang: 'en' as const,
      titles: ['Validity term', 'Licence expired', 'Signature date and issue date'],
      legend: 'Service 1',
      qualifier: 'Qualifier',
      note: 'Service 1: coverage: ',
      signature: 'Signature 2: date: ',
      goTo: 'Go to “Service 1: coverage”',
      expired: 'The licence expired on 2023-05-03',
    },
  ])('in words, $lang', (words) => {
    it('names rules by title and fields in words; ids and paths only in tooltips', () => {
      fetchMock.mockImplementation(() => Promise.resolve(json(RECHECKED)));
      const notes = [
        ...SEED_RESULT.parse.notes,
        { field: 'signatures[1].date', message: '日期', messageEn: 'date', line: null },
      ];
      renderReview({ ...SEED_RESULT, parse: { ...SEED_RESULT.parse, notes } }, words.lang);

      const report = document.getElementById('review-report-heading')?.closest('section');
      if (report === null || report === undefined) throw new Error('no report');
      for (const title of words.titles) {
        expect(within(report).getByText(title).getAttribute('title')).toMatch(/^[a-z-]+$/u);
      }
      expect(report.textContent).not.toMatch(/validity-term|signature-date|services\[0\]/u);
      expect(report.textContent).toContain(words.expired);
      expect(within(report).getByRole('button', { name: words.goTo })).toBeTruthy();

      expect(screen.getByRole('group', { name: words.legend })).toBeTruthy();
      expect(screen.getByLabelText(words.qualifier)).toBeTruthy();

      const noteList = document.querySelector('.review-notes') as HTMLElement;
      expect(noteList.textContent).toContain(words.note);
      expect(noteList.textContent).toContain(words.signature);
      expect(noteList.textContent).not.toMatch(/signatures\[|services\[/u);
    });
  });
});

describe.each([
  {
    lang: 'zh' as const,
    name: '公司名称',
    question: '您的更正尚未保存，离开后会丢失。仍要离开吗？',
    note: '，更正尚未保存',
    another: '换一个文件',
  },
  {
    lang: 'en' as const,
    name: 'Company name',
    question: 'Your corrections are not saved and will be lost if you leave. Leave anyway?',
    note: ', corrections not saved',
    another: 'Choose another file',
  },
])('unsaved corrections, $lang', (words) => {
  let answer = false;
  const confirm = vi.fn(() => answer);
  const onReset = vi.fn();
  /** the Navigation API's object, where Back and Forward are announced before they happen */
  const navigation = new EventTarget();

  beforeEach(() => {
    fetchMock.mockImplementation(() => Promise.resolve(json(RECHECKED)));
    vi.stubGlobal('confirm', confirm);
    Object.defineProperty(window, 'navigation', { value: navigation, configurable: true });
    confirm.mockClear();
    onReset.mockClear();
    window.history.replaceState(null, '', '/');
    window.history.pushState(null, '', '/upload');
  });
  afterEach(() => {
    Reflect.deleteProperty(window, 'navigation');
    vi.unstubAllGlobals();
    vi.stubGlobal('fetch', fetchMock);
  });

  /** The review on the upload page, with the header's link elsewhere (the browser's location). */
  function renderPage() {
    const file = new File([seedText], 'seed.txt', { type: 'text/plain' });
    render(
      <LangProvider lang={words.lang}>
        <Link href="/licences">elsewhere</Link>
        <ReviewScreen file={file} result={SEED_RESULT} onReset={onReset} />
      </LangProvider>,
    );
  }

  async function correct(user: ReturnType<typeof userEvent.setup>) {
    const name = screen.getByLabelText(words.name);
    await user.clear(name);
    await user.type(name, '云智联科技有限公司');
    return name as HTMLInputElement;
  }

  const unloading = () => {
    const event = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(event);
    return event.defaultPrevented;
  };

  it('lets the reader leave without a question while nothing is corrected', async () => {
    const user = userEvent.setup();
    renderPage();
    expect(unloading()).toBe(false);
    await user.click(screen.getByRole('link', { name: 'elsewhere' }));
    expect(confirm).not.toHaveBeenCalled();
    expect(window.location.pathname).toBe('/licences');
  });

  it('asks before a link leaves the corrections behind, and stays when told to', async () => {
    const user = userEvent.setup();
    renderPage();
    const name = await correct(user);
    expect(screen.getByText(words.note)).toBeTruthy();

    answer = false;
    await user.click(screen.getByRole('link', { name: 'elsewhere' }));
    expect(confirm).toHaveBeenCalledWith(words.question);
    expect(window.location.pathname).toBe('/upload');
    expect(name.value).toBe('云智联科技有限公司');

    // the browser's Back, to the page before within the app: asked, and cancelled to stay
    const back = () => {
      const event = Object.assign(new Event('navigate', { cancelable: true }), {
        navigationType: 'traverse',
        destination: { url: `${window.location.origin}/deadlines`, sameDocument: true },
      });
      navigation.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(back()).toBe(true);
    expect(confirm).toHaveBeenCalledTimes(2);
    expect(name.value).toBe('云智联科技有限公司');

    answer = true;
    await user.click(screen.getByRole('link', { name: 'elsewhere' }));
    expect(window.location.pathname).toBe('/licences');
  });

  it('asks the browser to warn before closing or reloading the tab', async () => {
    const user = userEvent.setup();
    renderPage();
    await correct(user);
    expect(unloading()).toBe(true);
  });

  it('asks before another file replaces the corrected one', async () => {
    const user = userEvent.setup();
    renderPage();
    await correct(user);
    answer = false;
    await user.click(screen.getByRole('button', { name: words.another }));
    expect(confirm).toHaveBeenCalledWith(words.question);
    expect(onReset).not.toHaveBeenCalled();
    answer = true;
    await user.click(screen.getByRole('button', { name: words.another }));
    expect(onReset).toHaveBeenCalledTimes(1);
  });
});
