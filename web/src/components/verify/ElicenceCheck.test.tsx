import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SWRConfig } from 'swr';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatTimestamp } from '../../format';
import { LangProvider } from '../../i18n';
import Verify from '../../pages/Verify';
import { json, signIn, stubFetch } from '../../test-fixtures';
import ElicenceCheck, { type Verification } from './ElicenceCheck';

const fetchMock = stubFetch();

const NUMBER = '京B2-20180910';
const AUTHORITY = '北京市通信管理局（演示）';
const KID = '3f9a1c0e5b7d2468';

const SIGNER = {
  kid: KID,
  organisation: 'demo-authority',
  organisationName: AUTHORITY,
  alg: 'SM2-SM3' as const,
  publicKeyPem: '-----BEGIN PUBLIC KEY-----\n…\n-----END PUBLIC KEY-----\n',
  validFrom: '2026-12-01T02:00:00.000Z',
  validUntil: null,
  revokedAt: null,
  revocationReason: null,
};

const VALID: Verification = {
  valid: true,
  failure: null,
  reason: `签名有效，由 ${AUTHORITY} 签发`,
  reasonEn: `Valid signature by ${AUTHORITY}`,
  form: 'json',
  number: NUMBER,
  version: 1,
  holderName: '云智联网络科技（北京）有限公司',
  holderDigest: null,
  expiresOn: '2028-05-03',
  signedAt: '2026-12-08T03:04:05.000Z',
  signer: SIGNER,
  register: { state: 'current', version: 1, status: 'valid' },
};

/** What the e-licence file holds (its contents do not matter to the page: the server reads it). */
const FILE_TEXT = JSON.stringify({
  schema: 'xuke.elicence/v1',
  payload: { number: NUMBER, licence: { holder: { name: '云智联网络科技（北京）有限公司' } } },
  signature: { alg: 'SM2-SM3', kid: KID, value: 'MEUCIQ…' },
});

interface Posted {
  readonly url: string;
  /** sent without the session's cookie and CSRF token */
  readonly withoutSession: boolean;
  readonly body: { readonly file?: string; readonly qr?: string };
}

/** Answer every request with `response`; what was posted, for the test to read. */
function serve(response: () => Response): Posted[] {
  const posted: Posted[] = [];
  fetchMock.mockImplementation(async (request) => {
    posted.push({
      url: request.url,
      withoutSession: request.credentials === 'omit' && !request.headers.has('x-csrf-token'),
      body: (await request.json()) as Posted['body'],
    });
    return response();
  });
  return posted;
}

function renderCheck(qr: string | null = null, lang: 'zh' | 'en' = 'zh') {
  return render(
    <LangProvider lang={lang}>
      <ElicenceCheck qr={qr} />
    </LangProvider>,
  );
}

async function upload(text = FILE_TEXT, name = 'elicence.json') {
  const user = userEvent.setup();
  const file = new File([text], name, { type: 'application/json' });
  await user.upload(screen.getByLabelText('电子证照文件'), file);
}

function decodeBase64(b64: string): string {
  return new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
}

const greenMarks = () => document.querySelectorAll('.verified-mark').length;

beforeEach(() => {
  fetchMock.mockReset();
  signIn(null);
});

describe('checking an e-licence', () => {
  it('sends the file as base64 without the session and leads with a valid signature', async () => {
    signIn();
    const posted = serve(() => json(VALID));
    renderCheck();
    expect(fetchMock).not.toHaveBeenCalled();
    await upload();

    const verdict = await screen.findByRole('heading', { level: 3, name: '签名有效' });
    expect(verdict.closest('section')?.textContent).toContain(
      `此电子证照由${AUTHORITY}签名，签名后内容未被改动。`,
    );
    expect(greenMarks()).toBe(1);
    expect(screen.getByText('核验的文件：elicence.json')).toBeTruthy();
    const facts = screen.getByRole('region', { name: '签名与证照内容' });
    expect(within(facts).getByText(AUTHORITY)).toBeTruthy();
    expect(within(facts).getByText(KID)).toBeTruthy();
    expect(within(facts).getByText(`${formatTimestamp(SIGNER.validFrom, 'zh')} 起`)).toBeTruthy();
    expect(within(facts).getByText(NUMBER)).toBeTruthy();
    expect(within(facts).getByText('第 1 版')).toBeTruthy();
    expect(within(facts).getByText('云智联网络科技（北京）有限公司')).toBeTruthy();
    expect(within(facts).getByText('2028年05月03日')).toBeTruthy();
    const register = screen.getByRole('region', { name: '登记簿' });
    expect(register.textContent).toContain('登记簿仍为此版本（第 1 版），状态：有效。');

    expect(posted).toHaveLength(1);
    const [request] = posted;
    if (request === undefined) throw new Error('nothing posted');
    expect(new URL(request.url).pathname).toBe('/api/v1/public/elicence/verify');
    expect(request.withoutSession).toBe(true);
    expect(Object.keys(request.body)).toEqual(['file']);
    expect(decodeBase64(request.body.file ?? '')).toBe(FILE_TEXT);
  });

  it('says a bad signature is invalid, and why, with no green mark', async () => {
    serve(() =>
      json({
        ...VALID,
        valid: false,
        failure: 'bad-signature',
        reason: '签名不符：内容被改动或伪造',
        reasonEn: 'The signature does not match: altered or forged',
        register: { state: 'current', version: 1, status: 'valid' },
      }),
    );
    renderCheck();
    await upload();
    const verdict = await screen.findByRole('heading', { level: 3, name: '签名无效' });
    const status = verdict.closest('section');
    expect(status?.className).toContain('is-bad');
    expect(status?.textContent).toContain('签名与内容不符：电子证照在签名后被改动过，或是伪造的。');
    expect(status?.textContent).toContain('详情：签名不符：内容被改动或伪造');
    expect(greenMarks()).toBe(0);
  });

  it('says the register has moved on, with the status in the labels’ words, in both languages', async () => {
    const since = '2026-12-10T01:00:00.000Z';
    const superseded = {
      ...VALID,
      register: { state: 'superseded', version: 3, status: 'revoked', since },
    };
    serve(() => json(superseded));
    const { unmount } = renderCheck();
    await upload();
    await screen.findByRole('heading', { level: 3, name: '签名有效' });
    const register = screen.getByRole('region', { name: '登记簿' });
    expect(register.textContent).toContain(
      `登记簿已更新至第 3 版（${formatTimestamp(since, 'zh')}），当前状态：已吊销。`,
    );
    expect(
      within(register).getByRole('link', { name: `查看登记簿中的许可证 ${NUMBER}` }),
    ).toBeTruthy();
    // a good signature over a record no longer current earns no green mark
    expect(greenMarks()).toBe(0);
    unmount();

    renderCheck(null, 'en');
    const user = userEvent.setup();
    await user.upload(
      screen.getByLabelText('E-licence file'),
      new File([FILE_TEXT], 'elicence.json', { type: 'application/json' }),
    );
    await screen.findByRole('heading', { level: 3, name: 'Valid signature' });
    expect(screen.getByRole('region', { name: 'Register' }).textContent).toContain(
      'The register has moved on to version 3',
    );
    expect(screen.getByRole('region', { name: 'Register' }).textContent).toContain(
      'its status now: Revoked.',
    );
  });

  it('shows a refused file through the error notice, with no retry', async () => {
    serve(() =>
      json(
        {
          type: 'urn:xuke:problem:unreadable-document',
          title: 'Unprocessable Content',
          status: 422,
          code: 'UNREADABLE_DOCUMENT',
          detail: 'No QR code was read in 文件 (image); photograph the whole QR code, in focus',
          detailZh: '文件（图片）上没有读到二维码；请拍清整个二维码',
        },
        422,
      ),
    );
    renderCheck();
    const user = userEvent.setup();
    await user.upload(
      screen.getByLabelText('拍摄二维码'),
      new File(['not a qr'], 'photo.png', { type: 'image/png' }),
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('文件（图片）上没有读到二维码；请拍清整个二维码');
    expect(within(alert).queryByRole('button')).toBeNull();
    expect(screen.queryByRole('heading', { level: 3 })).toBeNull();
  });
});

describe('the page opened from the printed QR code', () => {
  afterEach(() => {
    window.history.replaceState(null, '', '/');
  });

  it('verifies the address’s QR statement at once and shows the same answer', async () => {
    const fragment = `#xq1.${encodeURIComponent(NUMBER)}.1.2028-05-03.0123456789abcdef0123456789abcdef.${KID}.MEUCIQabc`;
    window.history.replaceState(null, '', `/verify${fragment}`);
    const posted = serve(() =>
      json({
        ...VALID,
        form: 'qr',
        holderName: null,
        holderDigest: '0123456789abcdef0123456789abcdef',
        signedAt: null,
        reason: `二维码签名有效，由 ${AUTHORITY} 签发`,
      }),
    );
    render(
      <SWRConfig value={{ provider: () => new Map(), dedupingInterval: 0 }}>
        <LangProvider lang="zh">
          <Verify number={null} />
        </LangProvider>
      </SWRConfig>,
    );
    const verdict = await screen.findByRole('heading', { level: 3, name: '签名有效' });
    expect(verdict.closest('section')?.textContent).toContain(
      `此二维码由${AUTHORITY}签名，其中的许可证编号、版本、有效期和持证单位摘要未被改动。`,
    );
    expect(screen.getByText('核验的内容：本页地址中的二维码内容')).toBeTruthy();
    const facts = screen.getByRole('region', { name: '签名与证照内容' });
    expect(within(facts).getByText(/二维码只含持证单位名称的摘要/u)).toBeTruthy();
    expect(posted).toHaveLength(1);
    expect(posted[0]?.body).toEqual({ qr: window.location.href });
    expect(posted[0]?.withoutSession).toBe(true);

    // a second code scanned into the same tab changes only the fragment: it is checked too
    act(() => {
      window.history.replaceState(null, '', `/verify${fragment.replace('.1.', '.2.')}`);
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    await waitFor(() => {
      expect(posted).toHaveLength(2);
    });
    expect(posted[1]?.body.qr).toContain('.2.2028-05-03.');
  });
});
