import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { LangProvider, type Lang } from '../../i18n';
import { json, stubFetch } from '../../test-fixtures';
import { EVIDENCE_MAX_BYTES, MarkDoneForm } from './MarkDoneForm';

const fetchMock = stubFetch();

function renderForm(lang: Lang = 'zh') {
  const onDone = vi.fn();
  const onCancel = vi.fn();
  render(
    <LangProvider lang={lang}>
      <MarkDoneForm
        licence="京B2-20180910"
        occurrenceId="illegal-content-report@2022-09-27"
        title="违法信息处置情况上报"
        today="2022-10-10"
        onDone={onDone}
        onCancel={onCancel}
      />
    </LangProvider>,
  );
  return { onDone, onCancel };
}

const PDF = new File(['%PDF-1.7\n受理回执 118\n'], '受理回执 118.pdf', { type: 'application/pdf' });
// (the simulated DOM reads a multipart file name back as Latin-1: an ASCII name to compare)
const RECEIPT = new File(['%PDF-1.7\n受理回执 118\n'], 'receipt-118.pdf', {
  type: 'application/pdf',
});

describe('MarkDoneForm', () => {
  beforeEach(() => {
    fetchMock.mockReset();
  });

  it('uploads the day, the note and the evidence file as a form, then reports done', async () => {
    fetchMock.mockResolvedValue(
      json({ id: 'illegal-content-report@2022-09-27', status: 'done' }, 201),
    );
    const { onDone } = renderForm();
    expect(screen.getByRole('group', { name: '标记完成：违法信息处置情况上报' })).toBeTruthy();
    const on = screen.getByLabelText('完成日期');
    expect((on as HTMLInputElement).value).toBe('2022-10-10');
    expect(document.activeElement).toBe(on);
    // a file, not a hash to type
    expect(screen.queryByLabelText(/SHA-256/u)).toBeNull();
    await userEvent.clear(on);
    await userEvent.type(on, '2022-10-09');
    await userEvent.type(screen.getByLabelText('凭证说明'), '回执 118，经办人张三');
    await userEvent.upload(screen.getByLabelText('凭证文件（可选）'), PDF);
    expect(screen.getByText(`已选择：受理回执 118.pdf（${PDF.size} B）`)).toBeTruthy();
    await userEvent.upload(screen.getByLabelText('凭证文件（可选）'), RECEIPT);
    expect(screen.getByText(`已选择：receipt-118.pdf（${RECEIPT.size} B）`)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: '确认完成' }));

    expect(fetchMock).toHaveBeenCalledTimes(1);
    const request = fetchMock.mock.calls[0]?.[0] as Request;
    expect(request.method).toBe('POST');
    expect(decodeURIComponent(new URL(request.url).pathname)).toBe(
      '/api/v1/licences/京B2-20180910/deadlines/illegal-content-report@2022-09-27/done',
    );
    expect(request.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/u);
    const form = await request.formData();
    expect(form.get('on')).toBe('2022-10-09');
    expect(form.get('note')).toBe('回执 118，经办人张三');
    const sent = form.get('file') as File;
    expect(sent.name).toBe('receipt-118.pdf');
    expect(await sent.text()).toBe('%PDF-1.7\n受理回执 118\n');
    expect([...form.keys()].sort()).toEqual(['file', 'note', 'on']);
    expect(onDone).toHaveBeenCalledWith('2022-10-09');
  });

  it('sends JSON when no file is chosen', async () => {
    fetchMock.mockResolvedValue(json({}, 201));
    renderForm();
    await userEvent.type(screen.getByLabelText('凭证说明'), '已报送');
    await userEvent.click(screen.getByRole('button', { name: '确认完成' }));
    const request = fetchMock.mock.calls[0]?.[0] as Request;
    expect(request.headers.get('content-type')).toBe('application/json');
    expect(await request.json()).toEqual({ on: '2022-10-10', note: '已报送' });
  });

  it('says in words what is missing, or what is wrong with the file, and sends nothing', async () => {
    const { onDone } = renderForm();
    const big = new File([new Uint8Array(EVIDENCE_MAX_BYTES + 1)], 'scan.tiff');
    await userEvent.upload(screen.getByLabelText('凭证文件（可选）'), big);
    await userEvent.click(screen.getByRole('button', { name: '确认完成' }));
    expect(screen.getByText('请填写凭证说明。')).toBeTruthy();
    expect(
      screen.getByText('文件超过 10 MB（这个文件 10.0 MB），请压缩或拆分后再上传。'),
    ).toBeTruthy();
    expect(screen.getByLabelText('凭证说明').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('凭证文件（可选）').getAttribute('aria-invalid')).toBe('true');
    await userEvent.upload(screen.getByLabelText('凭证文件（可选）'), new File([], 'empty.pdf'));
    await userEvent.type(screen.getByLabelText('凭证说明'), '已报送');
    await userEvent.click(screen.getByRole('button', { name: '确认完成' }));
    expect(screen.getByText('这个文件是空的，请选择有内容的文件。')).toBeTruthy();
    expect(fetchMock).not.toHaveBeenCalled();
    expect(onDone).not.toHaveBeenCalled();
  });

  it('speaks English on an English page', async () => {
    renderForm('en');
    expect(screen.getByLabelText('Evidence file (optional)')).toBeTruthy();
    await userEvent.upload(
      screen.getByLabelText('Evidence file (optional)'),
      new File([], 'a.pdf'),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Mark done' }));
    expect(screen.getByText('Describe the evidence.')).toBeTruthy();
    expect(screen.getByText('This file is empty; choose a file with content.')).toBeTruthy();
  });

  it('refuses a day after today', async () => {
    renderForm();
    const on = screen.getByLabelText('完成日期');
    await userEvent.clear(on);
    await userEvent.type(on, '2022-10-11');
    await userEvent.type(screen.getByLabelText('凭证说明'), '已报送');
    await userEvent.click(screen.getByRole('button', { name: '确认完成' }));
    expect(screen.getByText('完成日期不能晚于今天（2022年10月10日）。')).toBeTruthy();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('shows the server’s refusal in words and keeps the form', async () => {
    fetchMock.mockResolvedValue(
      json(
        {
          type: 'urn:xuke:problem:input-too-large',
          title: 'Content Too Large',
          status: 413,
          code: 'INPUT_TOO_LARGE',
          detail: 'The evidence file is too large: 10 MiB at most; compress or split it',
          detailZh: '凭证文件过大：最大 10 MiB，请压缩或拆分后再上传',
        },
        413,
      ),
    );
    const { onDone } = renderForm();
    await userEvent.type(screen.getByLabelText('凭证说明'), '已报送');
    await userEvent.upload(screen.getByLabelText('凭证文件（可选）'), PDF);
    await userEvent.click(screen.getByRole('button', { name: '确认完成' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      '凭证文件过大：最大 10 MiB，请压缩或拆分后再上传',
    );
    expect(onDone).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: '确认完成' })).toBeTruthy();
  });

  it('cancels', async () => {
    const { onCancel } = renderForm();
    await userEvent.click(screen.getByRole('button', { name: '取消' }));
    expect(onCancel).toHaveBeenCalled();
  });
});
