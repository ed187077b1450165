import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LangProvider } from '../../i18n';
import { json, stubFetch } from '../../test-fixtures';
import type { DocumentResult, Regression } from './review-api';
import { ReviewScreen } from './ReviewScreen';
import { SEED_RESULT } from './seed.fixture';
import { diffText } from './text-diff';

const fetchMock = stubFetch();

/** The seed as if read by OCR from a scan: its name and number have places on page 1. */
const SCANNED: DocumentResult = {
  ...SEED_RESULT,
  parse: {
    ...SEED_RESULT.parse,
    source: { ...SEED_RESULT.parse.source, format: 'image', encoding: null, pageLabels: [] },
    evidence: {
      ...SEED_RESULT.parse.evidence,
      'holder.name': {
        line: 11,
        text: '公司名称：云智联网络科技（北京）有限公司',
        confidence: 0.93,
        page: 1,
        box: [0.12, 0.31, 0.6, 0.04],
      },
      number: {
        line: 3,
        text: '经营许可证编号：京B2-20180910',
        confidence: 0.97,
        page: 1,
        box: [0.25, 0.125, 0.5, 0.035],
      },
    },
  },
};

/** A document whose verdict needs no reason, so the save goes straight out. */
const UNVERIFIED: DocumentResult = {
  ...SEED_RESULT,
  report: { ...SEED_RESULT.report, verdict: 'unverified', findings: [] },
};

const REGRESSIONS: Regression[] = [
  {
    field: 'services[0].excludes',
    fieldName: '第 1 项业务的不含内容',
    fieldNameEn: 'Service 1: excludes',
    kind: 'lost',
    before: '新闻、出版、电子公告服务',
    after: '',
  },
  {
    field: 'services[0].qualifier',
    fieldName: '第 1 项业务的限定说明',
    fieldNameEn: 'Service 1: qualifier',
    kind: 'shrunk',
    before: '仅限互联网信息服务',
    after: '仅限互联网信息服',
  },
  {
    field: 'provisions[2].text',
    fieldName: '第 3 条特别规定事项',
    fieldNameEn: 'Special provision 3',
    kind: 'furniture',
    before: '应当依法开展年报。',
    after: '应当依法开展年报。 11/28/26, 9:09 AM',
  },
];

function renderReview(result: DocumentResult, file: File) {
  return render(
    <LangProvider lang="zh">
      <ReviewScreen file={file} result={result} onReset={() => undefined} />
    </LangProvider>,
  );
}

beforeEach(() => {
  fetchMock.mockReset();
});

describe('the original beside the fields', () => {
  const created: Blob[] = [];
  const revoked: string[] = [];
  beforeEach(() => {
    created.length = 0;
    revoked.length = 0;
    // jsdom has no object URLs: count them
    URL.createObjectURL = (b: Blob | MediaSource) => {
      created.push(b as Blob);
      return `blob:test/${created.length}`;
    };
    URL.revokeObjectURL = (u: string) => {
      revoked.push(u);
    };
  });
  afterEach(() => {
    Reflect.deleteProperty(URL, 'createObjectURL');
    Reflect.deleteProperty(URL, 'revokeObjectURL');
  });

  it('outlines the active field where its evidence box says, and follows the focus', async () => {
    const user = userEvent.setup();
    const file = new File([new Uint8Array([0xff, 0xd8, 0xff])], 'scan.jpg', { type: 'image/jpeg' });
    const { unmount } = renderReview(SCANNED, file);
    const views = screen.getByRole('group', { name: '字段旁显示' });
    const original = within(views).getByRole('button', { name: '原件' });
    expect(original.getAttribute('aria-pressed')).toBe('false');
    // the keyboard reaches the switch
    original.focus();
    await user.keyboard('{Enter}');
    expect(original.getAttribute('aria-pressed')).toBe('true');
    // the viewer's module loads when the original is first asked for
    const image = await screen.findByRole('img', { name: 'scan.jpg' }, { timeout: 5000 });
    expect(image.getAttribute('src')).toBe('blob:test/1');
    expect(created).toEqual([file]);
    // no field active yet: nothing outlined
    expect(document.querySelector('.original-mark')).toBeNull();

    await user.click(screen.getByLabelText('公司名称'));
    let mark = document.querySelector<HTMLElement>('.original-mark');
    expect(mark?.textContent).toBe('公司名称');
    expect(mark?.style.left).toBe('12.00%');
    expect(mark?.style.top).toBe('31.00%');
    expect(mark?.style.width).toBe('60.00%');
    expect(mark?.style.height).toBe('4.00%');

    await user.click(screen.getByLabelText('经营许可证编号'));
    mark = document.querySelector<HTMLElement>('.original-mark');
    expect(document.querySelectorAll('.original-mark')).toHaveLength(1);
    expect(mark?.textContent).toBe('经营许可证编号');
    expect(mark?.style.left).toBe('25.00%');
    expect(mark?.style.top).toBe('12.50%');

    // a field with no place on the page says so, and outlines nothing
    await user.click(screen.getByLabelText('法定代表人'));
    expect(document.querySelector('.original-mark')).toBeNull();
    expect(screen.getByText('此字段在原件上的位置未知。')).toBeTruthy();

    // back to the text: the source pane, and the object URL let go
    await user.click(within(views).getByRole('button', { name: '文本' }));
    expect(screen.getByRole('region', { name: '原文内容' })).toBeTruthy();
    expect(revoked).toEqual(['blob:test/1']);
    unmount();
  });

  it('shows a PDF in the browser’s viewer and says nothing can be marked on it; TIFF is said so', async () => {
    const user = userEvent.setup();
    const pdf = new File(['%PDF-1.7'], 'licence.pdf', { type: 'application/pdf' });
    const { unmount } = renderReview(SCANNED, pdf);
    await user.click(screen.getByRole('button', { name: '原件' }));
    await screen.findByText('PDF 由浏览器显示，无法标出字段位置。', {}, { timeout: 5000 });
    const object = document.querySelector('object');
    expect(object?.getAttribute('type')).toBe('application/pdf');
    expect(object?.getAttribute('data')).toBe('blob:test/1');
    unmount();

    const tiff = new File(['II*'], 'scan.TIF', { type: 'image/tiff' });
    renderReview(SCANNED, tiff);
    await user.click(screen.getByRole('button', { name: '原件' }));
    await screen.findByText('浏览器无法显示 TIFF 图片。');
    expect(screen.queryByRole('img')).toBeNull();
  });

  it('offers no switch for a text document: its text is the original', () => {
    renderReview(SEED_RESULT, new File(['x'], 'seed.txt', { type: 'text/plain' }));
    expect(screen.queryByRole('group', { name: '字段旁显示' })).toBeNull();
  });
});

describe('a save that would lose fields', () => {
  it('shows the differences with the changed characters marked, and forces the save only once confirmed', async () => {
    const sent: string[] = [];
    fetchMock.mockImplementation((request) => {
      const url = new URL(request.url);
      if (url.pathname !== '/api/v1/documents') {
        return Promise.resolve(json({ detail: 'not here' }, 404));
      }
      sent.push(url.pathname + url.search);
      if (url.searchParams.get('force') !== 'true') {
        const refused = json(
          {
            type: 'urn:xuke:problem:regression',
            title: 'Conflict',
            status: 409,
            code: 'REGRESSION',
            detail: 'The document would lose fields of version 1',
            regressions: REGRESSIONS,
          },
          409,
        );
        return Promise.resolve(refused);
      }
      const saved = json(
        {
          ...UNVERIFIED,
          saved: {
            outcome: 'changed',
            licence: {
              number: '京B2-20180910',
              status: 'valid',
              currentStatus: 'expired',
              version: 2,
              createdAt: '2026-11-29T02:00:00Z',
              updatedAt: '2026-11-29T02:00:00Z',
              licence: SEED_RESULT.parse.licence,
            },
          },
        },
        201,
      );
      return Promise.resolve(saved);
    });
    const user = userEvent.setup();
    renderReview(UNVERIFIED, new File(['x'], 'seed.txt', { type: 'text/plain' }));
    await user.click(screen.getByRole('button', { name: '保存为新许可证或新版本' }));
    await screen.findByText('3 个字段比当前版本变差：');
    expect(sent).toEqual(['/api/v1/documents?save=true&name=seed.txt']);
    // the plain save is gone: only the confirmed one remains
    expect(screen.queryByRole('button', { name: '保存为新许可证或新版本' })).toBeNull();

    const list = document.querySelector('.review-regressions dl');
    if (!(list instanceof HTMLElement)) throw new Error('no list of regressions');
    const [lost, shrunk, furniture] = [...list.querySelectorAll('dt')].map((dt) => ({
      name: dt.textContent,
      dd: dt.nextElementSibling,
    }));
    expect(lost?.name).toBe('第 1 项业务的不含内容 · 丢失');
    expect(lost?.dd?.querySelector('del')?.textContent).toBe('新闻、出版、电子公告服务');
    expect(lost?.dd?.textContent).toContain('→ （空）');
    // only the lost character is struck, not the whole qualifier
    expect(shrunk?.name).toBe('第 1 项业务的限定说明 · 变短');
    expect(shrunk?.dd?.querySelector('del')?.textContent).toBe('务');
    expect(shrunk?.dd?.querySelector('ins')).toBeNull();
    expect(shrunk?.dd?.textContent).toBe('仅限互联网信息服务 → 仅限互联网信息服');
    expect(furniture?.name).toBe('第 3 条特别规定事项 · 混入页眉页脚');
    expect(furniture?.dd?.querySelector('ins')?.textContent).toBe(' 11/28/26, 9:09 AM');
    expect(furniture?.dd?.querySelector('del')).toBeNull();

    // without the confirmation nothing is sent
    const force = screen.getByRole('button', { name: '仍然保存' });
    expect((force as HTMLButtonElement).disabled).toBe(true);
    await user.click(force);
    expect(sent).toHaveLength(1);

    await user.click(screen.getByRole('checkbox', { name: '我已核对：原件确实如此' }));
    await user.click(force);
    await screen.findByText('已保存为许可证 京B2-20180910 的第 2 版。');
    expect(sent).toEqual([
      '/api/v1/documents?save=true&name=seed.txt',
      '/api/v1/documents?save=true&name=seed.txt&force=true',
    ]);
  });

  it('shows the differences the document answer carries before any save is tried', async () => {
    const sent: string[] = [];
    fetchMock.mockImplementation((request) => {
      const url = new URL(request.url);
      if (url.pathname === '/api/v1/documents') sent.push(url.search);
      return Promise.resolve(json({ detail: 'unexpected' }, 500));
    });
    const user = userEvent.setup();
    renderReview(
      { ...UNVERIFIED, regressions: REGRESSIONS.slice(1, 2) },
      new File(['x'], 'seed.txt', { type: 'text/plain' }),
    );
    expect(screen.getByText('1 个字段比当前版本变差：')).toBeTruthy();
    expect(document.querySelector('.review-regressions del')?.textContent).toBe('务');
    expect(screen.queryByRole('button', { name: '保存为新许可证或新版本' })).toBeNull();
    await user.click(screen.getByRole('button', { name: '仍然保存' }));
    expect(sent).toHaveLength(0);
  });
});

describe('the character diff', () => {
  it.each([
    [
      '仅限互联网信息服务',
      '仅限互联网信息服',
      ['仅限互联网信息服', '务', ''],
      ['仅限互联网信息服', '', ''],
    ],
    [
      '云智联网络科技（北京）有限公司',
      '云智联网络科技(北京)有限公司',
      ['云智联网络科技', '（北京）', '有限公司'],
      ['云智联网络科技', '(北京)', '有限公司'],
    ],
    ['甲乙', '甲乙', ['甲乙', '', ''], ['甲乙', '', '']],
    ['', '页眉', ['', '', ''], ['', '页眉', '']],
    // a character outside the basic plane is one character, not two halves
    ['𠀀a', '𠀁a', ['', '𠀀', 'a'], ['', '𠀁', 'a']],
  ])('marks where %s and %s differ', (before, after, b, a) => {
    expect(diffText(before, after)).toEqual({ before: b, after: a });
  });
});
