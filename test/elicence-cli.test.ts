/**
 * E-licences from the command line, as an authority's operator and a platform run them
 * (docs/elicence.md): keys, issue (JSON and the A4 PDF), export of keys.json, and `xuke elicence
 * verify` offline on the JSON, the PDF (its QR), and a photo of the QR: exit 0 valid, 1 invalid,
 * 2 unreadable. The issued signature is also checked by the OpenSSL command line, an independent
 * SM2 implementation, over the payload's RFC 8785 bytes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, expect, it } from 'vitest';
import { canonicalBytes } from '../src/adapters/crypto/jcs.js';
import { qrSvg } from '../src/adapters/elicence/qr-image.js';
import type { Elicence, KeySet } from '../src/core/elicence/types.js';
import { FIXTURES } from './fixtures.js';
import { describeWith } from './require-service.js';
import { xuke } from './run-cli.js';

/** `value`, or the test fails here saying what was missing. */
function must<T>(value: T | null | undefined, what = 'a value'): T {
  if (value === null || value === undefined) throw new Error(`expected ${what}`);
  return value;
}

const dir = mkdtempSync(join(tmpdir(), 'xuke-elicence-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
const db = `sqlite://${join(dir, 'x.sqlite')}`;
const env = { XUKE_KEY_PASSPHRASE: 'elicence cli passphrase', XUKE_DATABASE_URL: db };
const run = (args: string[]) => xuke(args, undefined, env);
const at = (name: string) => join(dir, name);

const chromium = spawnSync('/usr/bin/chromium', ['--version']).status === 0;
const openssl = spawnSync('openssl', ['version']).status === 0;

describeWith('Chromium', chromium, '/usr/bin/chromium is missing')(
  'xuke keys and xuke elicence',
  { timeout: 240_000 },
  () => {
    it('refuses to create a key without a passphrase, naming the setting', () => {
      const r = xuke(
        [
          'org',
          'create',
          'bj',
          '--kind',
          'authority',
          '--name',
          '北京市通信管理局',
          '--jurisdiction',
          '京',
        ],
        undefined,
        env,
      );
      expect(r.code, r.stderr).toBe(0);
      const bare = xuke(['keys', 'create', '--org', 'bj'], undefined, {
        XUKE_DATABASE_URL: db,
        XUKE_KEY_PASSPHRASE: undefined,
      });
      expect(bare.code).toBe(2);
      expect(bare.stderr).toContain('XUKE_KEY_PASSPHRASE');
    });

    it('issues an e-licence and its PDF; verify: 0 valid, 1 altered, 2 unreadable', async () => {
      expect(run(['keys', 'create', '--org', 'bj']).code).toBe(0);
      const issued = run([
        'register',
        'issue',
        FIXTURES.seed,
        '--org',
        'bj',
        '--reason',
        '审查通过',
        '--decision',
        '京通信管〔2026〕1号',
      ]);
      expect(issued.code, issued.stderr).toBe(0);
      const exported = run(['keys', 'export', '--org', 'bj']);
      expect(exported.code).toBe(0);
      const keys = JSON.parse(exported.stdout) as KeySet;
      expect(keys.keys).toHaveLength(1);
      expect(exported.stdout).not.toMatch(/private|"ct"/u);
      writeFileSync(at('keys.json'), exported.stdout);

      const made = run([
        'elicence',
        'issue',
        '京B2-20180910',
        '--org',
        'bj',
        '--out',
        at('e.json'),
        '--pdf',
        at('e.pdf'),
        '--base-url',
        'https://xuke.example.cn',
        '--json',
      ]);
      expect(made.code, made.stderr).toBe(0);
      const { qrText } = JSON.parse(made.stdout) as { qrText: string };
      expect(qrText).toMatch(/^https:\/\/xuke\.example\.cn\/verify#xq1\./u);

      const verify = (file: string) =>
        run(['elicence', 'verify', file, '--keys', at('keys.json'), '--lang', 'en']);
      const json = verify(at('e.json'));
      expect(json.code, json.stderr).toBe(0);
      expect(json.stdout).toMatch(/^VALID: Valid signature by 北京市通信管理局/u);
      const pdf = verify(at('e.pdf'));
      expect(pdf.code, pdf.stderr + pdf.stdout).toBe(0);
      expect(pdf.stdout).toContain('京B2-20180910');

      // a photo of the QR: on a large noisy background, slightly rotated
      const qr = await sharp(Buffer.from(await qrSvg(qrText)))
        .resize(600)
        .png()
        .toBuffer();
      const photo = await sharp({
        create: { width: 2400, height: 1800, channels: 3, background: { r: 200, g: 190, b: 170 } },
      })
        .composite([
          {
            input: await sharp(qr).rotate(4, { background: '#c8beaa' }).toBuffer(),
            left: 700,
            top: 500,
          },
        ])
        .jpeg({ quality: 80 })
        .toBuffer();
      writeFileSync(at('photo.jpg'), photo);
      const fromPhoto = verify(at('photo.jpg'));
      expect(fromPhoto.code, fromPhoto.stderr + fromPhoto.stdout).toBe(0);

      const e = JSON.parse(readFileSync(at('e.json'), 'utf8')) as Elicence;
      writeFileSync(
        at('altered.json'),
        JSON.stringify({ ...e, payload: { ...e.payload, version: 9 } }),
      );
      const altered = verify(at('altered.json'));
      expect(altered.code).toBe(1);
      expect(altered.stdout).toMatch(/^INVALID: The signature does not match/u);
      writeFileSync(at('garbage.json'), '{"not": "an e-licence"}');
      expect(verify(at('garbage.json')).code).toBe(2);
      writeFileSync(
        at('blank.png'),
        await sharp({ create: { width: 50, height: 50, channels: 3, background: '#fff' } })
          .png()
          .toBuffer(),
      );
      expect(verify(at('blank.png')).code).toBe(2);
    });
  },
);

describeWith(
  'OpenSSL',
  openssl,
  'openssl is missing',
)('an e-licence checked by OpenSSL', () => {
  it('OpenSSL verifies the signature over the payload’s canonical bytes, and refuses one byte changed', () => {
    const e = JSON.parse(readFileSync(at('e.json'), 'utf8')) as Elicence;
    writeFileSync(at('payload.bin'), canonicalBytes(e.payload));
    writeFileSync(
      at('altered.bin'),
      canonicalBytes({ ...e.payload, version: e.payload.version + 1 }),
    );
    writeFileSync(at('sig.der'), Buffer.from(e.signature.value, 'base64'));
    const { keys } = JSON.parse(readFileSync(at('keys.json'), 'utf8')) as KeySet;
    writeFileSync(at('pub.pem'), must(keys[0]).publicKeyPem);
    const check = (file: string) =>
      spawnSync(
        'openssl',
        [
          'pkeyutl',
          '-verify',
          '-rawin',
          '-digest',
          'sm3',
          '-pkeyopt',
          'distid:1234567812345678',
          '-pubin',
          '-inkey',
          at('pub.pem'),
          '-in',
          at(file),
          '-sigfile',
          at('sig.der'),
        ],
        { encoding: 'utf8' },
      );
    const ok = check('payload.bin');
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('Signature Verified Successfully');
    expect(check('altered.bin').status).not.toBe(0);
  });
});
