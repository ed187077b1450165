import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import seedText from '../../../fixtures/seed/jing-b2-20180910.txt?raw';
import { FakeEventSource, jobView } from '../api/jobs.fixture';
import { SEED_RESULT } from '../components/review/seed.fixture';
import { LangProvider } from '../i18n';
import { json, stubFetch } from '../test-fixtures';
import Upload from './Upload';

const fetchMock = stubFetch();
// without XMLHttpRequest the upload goes through fetch too (no progress events)
vi.stubGlobal('XMLHttpRequest', undefined);

function renderUpload() {
  return render(
    <LangProvider lang="zh">
      <Upload />
    </LangProvider>,
  );
}

beforeEach(() => {
  fetchMock.mockReset();
  FakeEventSource.opened.length = 0;
  vi.stubGlobal('EventSource', FakeEventSource);
});

describe('the upload page', () => {
  it('refuses a file it cannot read before sending it', async () => {
    const user = userEvent.setup({ applyAccept: false });
    renderUpload();
    const input = screen.getByLabelText('许可证文件');
    await user.upload(input, new File(['x'], '许可证.docx'));
    expect(screen.getByRole('alert').textContent).toContain('不支持“许可证.docx”的格式');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('reads the file, then shows its fields beside the whole source text', async () => {
    const sent: { path: string; file: FormDataEntryValue | null }[] = [];
    fetchMock.mockImplementation(async (request) => {
      const url = new URL(request.url);
      const form = await request.formData();
      sent.push({ path: url.pathname + url.search, file: form.get('file') });
      return json(SEED_RESULT);
    });
    const user = userEvent.setup();
    renderUpload();
    await user.upload(
      screen.getByLabelText('许可证文件'),
      new File([seedText], 'seed.txt', { type: 'text/plain' }),
    );
    const name = await screen.findByLabelText('公司名称');
    expect((name as HTMLInputElement).value).toBe('云智联网络科技（北京）有限公司');
    expect(sent.map((s) => s.path)).toEqual(['/api/v1/documents?name=seed.txt']);
    expect(sent[0]?.file).toBeInstanceOf(Blob);
    expect(screen.getByText('全文 170 行（从您上传的文件读出）。')).toBeTruthy();
    const report = screen.getByRole('region', { name: /核验结果/u });
    // the rules by their titles; the ids stay in the tooltips, for support
    expect(within(report).getByText('有效期限').getAttribute('title')).toBe('validity-term');
    expect(within(report).getByText('许可证已过期').getAttribute('title')).toBe('expired');
    expect(within(report).queryByText('validity-term')).toBeNull();

    await user.click(screen.getByRole('button', { name: '换一个文件' }));
    expect(screen.getByLabelText('许可证文件')).toBeTruthy();
    expect(screen.queryByLabelText('公司名称')).toBeNull();
  });

  it('shows the whole text of a PDF as the server read it', async () => {
    const pdf = {
      ...SEED_RESULT,
      parse: {
        ...SEED_RESULT.parse,
        source: { ...SEED_RESULT.parse.source, format: 'pdf' as const, encoding: null },
      },
    };
    fetchMock.mockResolvedValue(json(pdf));
    const user = userEvent.setup();
    renderUpload();
    await user.upload(
      screen.getByLabelText('许可证文件'),
      new File(['%PDF-1.7'], 'seed.pdf', { type: 'application/pdf' }),
    );
    expect(await screen.findByText('全文 170 行（从您上传的文件读出）。')).toBeTruthy();
    const source = screen.getByRole('region', { name: '原文内容' });
    // a line no field rests on is there too
    expect(within(source).getByText(SEED_RESULT.text.lines[2] ?? '?')).toBeTruthy();
    expect(within(source).queryByText(/未列出/u)).toBeNull();
  });

  it('explains a refusal by the server in words', async () => {
    fetchMock.mockResolvedValue(
      json(
        {
          type: 'urn:xuke:problem:not-a-licence',
          title: 'Unprocessable Entity',
          status: 422,
          code: 'NOT_A_LICENCE',
          detail: 'menu.pdf: no licence number found',
          detailZh: 'menu.pdf：未找到经营许可证编号',
        },
        422,
      ),
    );
    const user = userEvent.setup();
    renderUpload();
    await user.upload(
      screen.getByLabelText('许可证文件'),
      new File(['%PDF-1.7'], 'menu.pdf', { type: 'application/pdf' }),
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('无法从这个文件读出许可证。');
    expect(alert.textContent).toContain('menu.pdf：未找到经营许可证编号');
    expect(screen.getByLabelText('许可证文件')).toBeTruthy();
  });

  it('follows a queued reading (202) with its position and pages, then shows the same review', async () => {
    fetchMock.mockResolvedValue(json(jobView(), 202));
    const user = userEvent.setup();
    renderUpload();
    await user.upload(
      screen.getByLabelText('许可证文件'),
      new File(['%PDF-1.7'], 'scan.pdf', { type: 'application/pdf' }),
    );
    expect(await screen.findByText('排队中（前面还有 3 个）')).toBeTruthy();
    expect(screen.getByText('正在读取“scan.pdf”…')).toBeTruthy();
    const stream = FakeEventSource.opened[0];
    expect(stream?.url).toBe('/api/v1/jobs/job-1/events');
    act(() => {
      stream?.emit(jobView({ state: 'running', position: null, progress: { done: 2, total: 9 } }));
    });
    expect(screen.getByText('处理中 2/9 页')).toBeTruthy();
    act(() => {
      stream?.emit(jobView({ state: 'done', position: null, result: SEED_RESULT }));
    });
    const name = await screen.findByLabelText('公司名称');
    expect((name as HTMLInputElement).value).toBe('云智联网络科技（北京）有限公司');
    expect(screen.getByText('全文 170 行（从您上传的文件读出）。')).toBeTruthy();
    expect(stream?.closed).toBe(true);
  });

  it('says why a queued reading failed, and offers the file input again', async () => {
    fetchMock.mockResolvedValue(json(jobView(), 202));
    const user = userEvent.setup();
    renderUpload();
    await user.upload(
      screen.getByLabelText('许可证文件'),
      new File(['%PDF-1.7'], 'menu.pdf', { type: 'application/pdf' }),
    );
    await screen.findByText('排队中（前面还有 3 个）');
    act(() => {
      FakeEventSource.opened[0]?.emit(
        jobView({
          state: 'failed',
          position: null,
          error: {
            code: 'NOT_A_LICENCE',
            message: 'menu.pdf: no licence number found',
          },
        }),
      );
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('无法从这个文件读出许可证。');
    expect(alert.textContent).toContain('menu.pdf: no licence number found');
    expect(screen.getByLabelText('许可证文件')).toBeTruthy();
  });
});
