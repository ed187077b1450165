/**
 * Byte helpers for the transparency log, on plain `Uint8Array` (the core has no `Buffer`): hex and
 * base64 (RFC 4648 §4, padded; the encoding of hashes in signed checkpoints) and byte equality.
 * The decoders are strict: they throw a `SyntaxError` on anything that is not the canonical
 * encoding, so a hash read from a checkpoint or a proof either round-trips exactly or is refused.
 */

const HEX_DIGITS = '0123456789abcdef';

/** Lower-case hex, two digits a byte. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += HEX_DIGITS.charAt(b >> 4) + HEX_DIGITS.charAt(b & 0x0f);
  return out;
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30; // 0-9
  if (code >= 0x61 && code <= 0x66) return code - 0x61 + 10; // a-f
  if (code >= 0x41 && code <= 0x46) return code - 0x41 + 10; // A-F
  return -1;
}

/** Hex (either case, no prefix or separators) to bytes; throws a SyntaxError on anything else. */
export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0) throw new SyntaxError(`hex: odd length ${hex.length}`);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = hexValue(hex.charCodeAt(2 * i));
    const lo = hexValue(hex.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0) {
      throw new SyntaxError(`hex: not a hex digit at offset ${hi < 0 ? 2 * i : 2 * i + 1}`);
    }
    out[i] = (hi << 4) | lo;
  }
  return out;
}

const B64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_VALUES: ReadonlyMap<string, number> = new Map(
  Array.from(B64_ALPHABET, (c, i) => [c, i] as const),
);

/** Standard padded base64 (RFC 4648 §4). */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i] ?? 0;
    const b1 = bytes[i + 1] ?? 0;
    const b2 = bytes[i + 2] ?? 0;
    const n = (b0 << 16) | (b1 << 8) | b2;
    const remaining = bytes.length - i;
    out += B64_ALPHABET.charAt((n >> 18) & 63) + B64_ALPHABET.charAt((n >> 12) & 63);
    out += remaining > 1 ? B64_ALPHABET.charAt((n >> 6) & 63) : '=';
    out += remaining > 2 ? B64_ALPHABET.charAt(n & 63) : '=';
  }
  return out;
}

/**
 * Standard padded base64 (RFC 4648 §4) to bytes. Strict: no whitespace, no URL-safe alphabet, the
 * padding required, and the unused bits of the last group zero (so every byte string has exactly
 * one accepted encoding). Throws a SyntaxError otherwise.
 */
export function fromBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0)
    throw new SyntaxError(`base64: length ${text.length} is not a multiple of 4`);
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const last = i + 4 === text.length;
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const c = text.charAt(i + j);
      const pad = last && j >= 4 - padding;
      const v = pad ? 0 : B64_VALUES.get(c);
      if (v === undefined || (pad && c !== '=')) {
        throw new SyntaxError(`base64: unexpected character at offset ${i + j}`);
      }
      n = (n << 6) | v;
    }
    if (last && padding === 2 && (n & 0xffff) !== 0)
      throw new SyntaxError('base64: non-zero padding bits');
    if (last && padding === 1 && (n & 0xff) !== 0)
      throw new SyntaxError('base64: non-zero padding bits');
    out[o++] = (n >> 16) & 0xff;
    if (o < out.length) out[o++] = (n >> 8) & 0xff;
    if (o < out.length) out[o++] = n & 0xff;
  }
  return out;
}

/** Same length and same bytes. (Not constant-time: hashes compared here are public.) */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
