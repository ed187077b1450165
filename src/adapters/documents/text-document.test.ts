import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../core/errors.js';
import { FIXTURES } from '../../../test/fixtures.js';
import { decodeText } from './text-document.js';

const text = '经营许可证编号：京B2-20180910\n公司名称：云智联网络科技（北京）有限公司\n';
const utf8 = new TextEncoder().encode(text);

function utf16(le: boolean): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out.set(le ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + i * 2] = le ? c & 0xff : c >> 8;
    out[3 + i * 2] = le ? c >> 8 : c & 0xff;
  }
  return out;
}

describe('decodeText', () => {
  it.each([
    ['UTF-8', utf8, 'utf-8'],
    ['UTF-8 with a BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]), 'utf-8'],
    ['UTF-16LE with a BOM', utf16(true), 'utf-16le'],
    ['UTF-16BE with a BOM', utf16(false), 'utf-16be'],
  ])('decodes %s', (_, bytes, encoding) => {
    const d = decodeText(bytes, 'x.txt');
    expect(d.encoding).toBe(encoding);
    expect(d.text).toBe(text);
  });

  it('detects GB18030', () => {
    const d = decodeText(readFileSync(FIXTURES.huGb18030), 'gb.txt');
    expect(d.encoding).toBe('gb18030');
    expect(d.text).toBe(readFileSync(FIXTURES.hu, 'utf8'));
  });

  it('reads UTF-8 cut in the middle of a character, and notes the broken tail', () => {
    const d = decodeText(utf8.subarray(0, utf8.length - 2 - 1), 'cut.txt'); // inside 司
    expect(d.encoding).toBe('utf-8');
    expect(d.notes[0]?.message).toContain('cut.txt');
  });

  it('refuses bytes no supported encoding reads, naming the file', () => {
    const junk = new Uint8Array(Array.from({ length: 64 }, (_, i) => 0x80 + ((i * 37) % 0x7f)));
    try {
      decodeText(junk, 'junk.bin');
      expect.unreachable();
    } catch (e) {
      expect(isDomainError(e) && e.code).toBe('UNREADABLE_DOCUMENT');
      expect((e as Error).message).toContain('junk.bin');
    }
  });
});
