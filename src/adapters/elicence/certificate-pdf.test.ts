/**
 * The certificate printed by Debian's Chromium for the seed licence: one A4 page, titled, its text
 * extractable, and its QR code read back from the PDF to exactly the text given. Skips, saying
 * why, without /usr/bin/chromium (fails instead under XUKE_REQUIRE_ALL=1).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeWith } from '../../../test/require-service.js';
import { formatQrUrl, holderDigestOf } from '../../core/elicence/qr-payload.js';
import type { Elicence } from '../../core/elicence/types.js';
import { parseLicenceText } from '../../core/parse/parse-licence-text.js';
import { openPdf } from '../documents/pdf-document.js';
import { CHROMIUM_PATH } from '../web/chromium-renderer.js';
import { CertificateRenderError, renderElicencePdf } from './certificate-pdf.js';
import { decodeQrFromPdf } from './qr-image.js';

const seedPath = fileURLToPath(
  new URL('../../../fixtures/seed/jing-b2-20180910.txt', import.meta.url),
);
const parsed = parseLicenceText(readFileSync(seedPath, 'utf8'));
if (!parsed.ok) throw new Error(`the seed licence does not parse: ${parsed.messageEn}`);
const { licence } = parsed;
const holder = licence.holder.name ?? '';
const number = licence.number ?? '';

const seed: Elicence = {
  schema: 'xuke.elicence/v1',
  payload: {
    number,
    version: 3,
    status: 'valid',
    licence,
    authority: { id: 'beijing', name: '北京市通信管理局' },
    signedAt: '2026-01-10T02:00:00Z',
  },
  signature: { alg: 'SM2-SM3', kid: 'bj-2026-01', value: 'MEUCIQ==' },
};

const qrText = formatQrUrl('https://xuke.example.gov.cn', {
  number,
  version: 3,
  expiresOn: licence.expiresOn,
  holderDigest: holderDigestOf((b) => createHash('sm3').update(b).digest('hex'), holder),
  kid: 'bj-2026-01',
  // a DER signature's length (71 bytes), not a real one: nothing here verifies it
  signature: Buffer.from(Array.from({ length: 71 }, (_, i) => (i * 37) & 255)).toString(
    'base64url',
  ),
});

describeWith(
  'Chromium',
  existsSync(CHROMIUM_PATH),
  `${CHROMIUM_PATH} not found`,
)('renderElicencePdf', () => {
  let pdf: Uint8Array;
  beforeAll(async () => {
    pdf = await renderElicencePdf(seed, qrText);
  }, 30_000);

  it('is a PDF of one A4 page, titled with the certificate and its number', async () => {
    expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe('%PDF-');
    const doc = await openPdf(pdf, 'certificate.pdf');
    try {
      expect(doc.numPages).toBe(1);
      const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = (await doc.getPage(1)).view;
      expect(Math.abs(x1 - x0 - 595)).toBeLessThanOrEqual(1);
      expect(Math.abs(y1 - y0 - 842)).toBeLessThanOrEqual(1);
      const { info } = await doc.getMetadata();
      expect((info as { Title?: string }).Title).toBe(
        '中华人民共和国增值电信业务经营许可证 京B2-20180910',
      );
    } finally {
      await doc.destroy();
    }
  });

  it('holds the number, the holder and the issuing authority as text', async () => {
    const doc = await openPdf(pdf, 'certificate.pdf');
    try {
      const content = await (await doc.getPage(1)).getTextContent();
      const text = content.items
        .map((item) => ('str' in item ? item.str : ''))
        .join('')
        .replace(/\s+/gu, '');
      expect(text).toContain('经营许可证编号：京B2-20180910');
      expect(text).toContain(`公司名称${holder}`);
      expect(text).toContain('发证机关：北京市通信管理局');
      expect(text).toContain('有效期至2023年05月03日');
      expect(text).toContain('特别规定事项');
    } finally {
      await doc.destroy();
    }
  });

  it('carries a QR code that reads back to exactly the text given', async () => {
    expect(await decodeQrFromPdf(pdf)).toBe(qrText);
  });
});

describe('renderElicencePdf without a browser', () => {
  it('names Chromium and its path when it cannot be launched', async () => {
    const missing = '/nonexistent/chromium';
    const failure = await renderElicencePdf(seed, qrText, { executablePath: missing }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(CertificateRenderError);
    const e = failure as CertificateRenderError;
    expect(e.message).toContain(`无法启动 Chromium（${missing}）`);
    expect(e.messageEn).toContain(`could not launch Chromium (${missing})`);
  });
});
