/**
 * Text → bytes in the encodings Chinese documents come in, for the corpus's encoding families.
 * GB18030 is encoded through a reverse table of the platform's own GB18030 decoder (its two-byte
 * part, which holds every character a licence prints), so no encoding library is needed and the
 * bytes are exactly what a GB18030 writer produces.
 */

let gbTable: Map<string, number> | undefined;

function gb18030Table(): Map<string, number> {
  if (gbTable) return gbTable;
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number>();
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      const ch = decoder.decode(pair);
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, (lead << 8) | trail);
    }
  }
  gbTable = table;
  return table;
}

/** GB18030 bytes of `text`; throws naming the character when it is outside the two-byte part. */
export function encodeGb18030(text: string): Uint8Array {
  const table = gb18030Table();
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x80) {
      out.push(c);
      continue;
    }
    const code = table.get(ch);
    if (code === undefined) {
      throw new Error(
        `corpus: U+${c.toString(16).toUpperCase()} (${ch}) has no two-byte GB18030 code`,
      );
    }
    out.push(code >> 8, code & 0xff);
  }
  return Uint8Array.from(out);
}

/** UTF-16 with its byte-order mark, little- or big-endian. */
export function encodeUtf16(text: string, endian: 'le' | 'be'): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  const view = new DataView(out.buffer);
  view.setUint16(0, 0xfeff, endian === 'le');
  for (let i = 0; i < text.length; i++)
    view.setUint16(2 + i * 2, text.charCodeAt(i), endian === 'le');
  return out;
}

/** UTF-8, optionally with a byte-order mark (Windows Notepad writes one). */
export function encodeUtf8(text: string, bom: boolean): Uint8Array {
  const body = new TextEncoder().encode(text);
  if (!bom) return body;
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}
