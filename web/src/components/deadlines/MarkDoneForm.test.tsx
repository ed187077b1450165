import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { LangProvider } from '../../i18n';
import { json, stubFetch } from '../../test-fixtures';
import { MarkDoneForm } from './MarkDoneForm';

const fetchMock = stubFetch();

function renderForm() {
  const onDone = vi.fn();
  const onCancel = vi.fn();
  render(
    <LangProvider lang="zh">
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

const SHA = 'a'.repeat(64);

describe('MarkDoneForm', () => {
  beforeEach(() => {
    fetchMock.mockReset();
  });

  it('posts the day, the note and the document fingerprint, then reports done', async () => {
    fetchMock.mockResolvedValue(
      json({ id: 'illegal-content-report@2022-09-27', status: 'done' }, 201),
    );
    const { onDone } = renderForm();
    expect(screen.getByRole('group', { name: '标记完成：违法信息处置情况上报' })).toBeTruthy();
    const on = screen.getByLabelText('完成日期');
    expect((on as HTMLInputElement).value).toBe('2022-10-10');
    expect(document.activeElement).toBe(on);
    await userEvent.clear(on);
    await userEvent.type(on, '2022-10-09');
    await userEvent.type(screen.getByLabelText('凭证说明'), '回执 118，经办人张三');
    await userEvent.type(screen.getByLabelText('凭证文件的 SHA-256（可选）'), SHA.toUpperCase());
    await userEvent.click(screen.getByRole('button', { name: '确认完成' }));

    expect(fetchMock).toHaveBeenCalledTimes(1);
    const request = fetchMock.mock.calls[0]?.[0] as Request;
    expect(request.method).toBe('POST');
    expect(decodeURIComponent(new URL(request.url).pathname)).toBe(
      '/api/v1/licences/京B2-20180910/deadlines/illegal-content-report@2022-09-27/done',
    );
    expect(await request.json()).toEqual({
      on: '2022-10-09',
      note: '回执 118，经办人张三',
      documentSha256: SHA,
    });
    expect(onDone).toHaveBeenCalledWith('2022-10-09');
  });

  it('leaves out an empty fingerprint', async () => {
    fetchMock.mockResolvedValue(json({}, 201));
    renderForm();
    await userEvent.type(screen.getByLabelText('凭证说明'), '已报送');
    await userEvent.click(screen.getByRole('button', { name: '确认完成' }));
    const request = fetchMock.mock.calls[0]?.[0] as Request;
    expect(await request.json()).toEqual({ on: '2022-10-10', note: '已报送' });
  });

  it('says in words what is missing or malformed, and sends nothing', async () => {
    const { onDone } = renderForm();
    await userEvent.type(screen.getByLabelText('凭证文件的 SHA-256（可选）'), 'abc123');
    await userEvent.click(screen.getByRole('button', { name: '确认完成' }));
    expect(screen.getByText('请填写凭证说明。')).toBeTruthy();
    expect(screen.getByText('SHA-256 应为 64 位十六进制字符（0–9、a–f）。')).toBeTruthy();
    expect(screen.getByLabelText('凭证说明').getAttribute('aria-invalid')).toBe('true');
    expect(fetchMock).not.toHaveBeenCalled();
    expect(onDone).not.toHaveBeenCalled();
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
          type: 'urn:xuke:problem:forbidden',
          title: 'Forbidden',
          status: 403,
          code: 'FORBIDDEN',
          detail: 'Role viewer may not write-licences',
          detailZh: '角色 viewer 无权执行 write-licences',
        },
        403,
      ),
    );
    const { onDone } = renderForm();
    await userEvent.type(screen.getByLabelText('凭证说明'), '已报送');
    await userEvent.click(screen.getByRole('button', { name: '确认完成' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      '角色 viewer 无权执行 write-licences',
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
