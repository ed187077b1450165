/**
 * OCR-style damage for the corpus's damage families, applied to a clean rendered document line by
 * line. Every kind of damage here is one a reader can undo from the text alone, and only where it
 * can be undone: that is what lets the family's expected record stay the clean one.
 *
 * - punctuation: full-width ↔ ASCII (：→:, （）→(), ，→, 、→,), ASCII digits and letters of the
 *   number → full-width; stray `;:` before a value. Undone by folding; names go back to their
 *   registered form (full-width parentheses, no stray punctuation). A coverage entry's sub-list
 *   (广东（广州、深圳）) is left alone: coverage is kept as written, so it has no form to go back to.
 * - radicals: ideographs replaced by the Kangxi radical (U+2F00–U+2FD5, NFKC-equivalent) or CJK
 *   radical supplement (U+2E80–U+2EFF, Unicode's EquivalentUnifiedIdeograph) code point that looks
 *   the same: 一→⼀, 门→⻔, 长→⻓.
 * - spaces: a space between two ideographs, and inside the number and the credit code.
 * - drop/double: a doubled or dropped colon after a label, a doubled list separator, a dropped 日
 *   closing a date, doubled or dropped characters in the boilerplate sentence and provision bodies.
 * - look-alikes: O for 0, l/I for 1 in the number; O, I, Z, S for 0, 1, 2, 5 in the credit code
 *   (letters GB 32100 never uses); 曰 for 日 and O for 〇 in dates; 一/— for the number's dash.
 *
 * Not undoable, so never done to a field: a dropped or doubled character inside a name, an address
 * or a domain, a look-alike inside a name. Provision bodies do get dropped and doubled characters,
 * so damage families do not count provisions (see {@link DAMAGE_COUNTS}).
 */
import type { Rng } from './rng.js';

export type DamageKind = 'punctuation' | 'radicals' | 'spaces' | 'drop-double' | 'lookalikes';

/** Fields a damage family counts: all but the provisions (their bodies are damaged beyond repair). */
export const DAMAGE_COUNTS = (path: string): boolean => !path.startsWith('provisions[');

type LineKind = 'number' | 'credit' | 'date' | 'provision' | 'label' | 'preamble' | 'other';

const LABELLED = /^[\p{Script=Han}（）()]{2,12}[：:]/u;

function lineKind(line: string): LineKind {
  if (/^\s*(?:经营)?许可证(?:编号|号)/u.test(line)) return 'number';
  if (/^\s*统一社会信用代码/u.test(line)) return 'credit';
  if (/^\s*(?:发证日期|颁发日期|签发日期|有效期)/u.test(line)) return 'date';
  if (/^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)/u.test(line))
    return 'provision';
  if (/^\s*根据《/u.test(line)) return 'preamble';
  if (LABELLED.test(line.trim())) return 'label';
  return 'other';
}

const HAN = /\p{Script=Han}/u;

/** Unified ideograph → radical code point that renders the same. */
const RADICALS: Readonly<Record<string, string>> = (() => {
  const map: Record<string, string> = {};
  for (let c = 0x2f00; c <= 0x2fd5; c++) {
    const radical = String.fromCodePoint(c);
    const unified = radical.normalize('NFKC');
    if (unified !== radical && HAN.test(unified)) map[unified] = radical;
  }
  // CJK Radicals Supplement, C-simplified forms (EquivalentUnifiedIdeograph.txt)
  const supplement: Record<string, string> = {
    见: '⻅',
    贝: '⻉',
    车: '⻋',
    长: '⻓',
    门: '⻔',
    页: '⻚',
    风: '⻛',
    飞: '⻜',
    马: '⻢',
    鱼: '⻥',
    鸟: '⻦',
    麦: '⻨',
    黄: '⻩',
    齐: '⻬',
    龙: '⻰',
  };
  return { ...map, ...supplement };
})();

function mapChars(text: string, f: (ch: string, i: number, chars: string[]) => string): string {
  const chars = Array.from(text);
  return chars.map((ch, i) => f(ch, i, chars)).join('');
}

/** Split `line` into label part (up to and including the colon) and value; no colon → all value. */
function splitLabel(line: string): [string, string] {
  const m = /^(\s*[^：:]{1,14}[：:])(.*)$/u.exec(line);
  return m ? [m[1] ?? '', m[2] ?? ''] : ['', line];
}

const PUNCT: Readonly<Record<string, string>> = {
  '：': ':',
  '（': '(',
  '）': ')',
  '，': ',',
  '、': ',',
  '；': ';',
};

function punctuation(line: string, kind: LineKind, rng: Rng): string {
  // A coverage entry's own sub-list (广东（广州、深圳）) is kept as written: a coverage value is not
  // a name, so no registered form says what its brackets should be.
  const coverage = line.includes('覆盖范围');
  let depth = 0;
  let out = mapChars(line, (ch) => {
    if (coverage && (ch === '（' || ch === '）')) {
      depth += ch === '（' ? 1 : -1;
      return ch;
    }
    if (coverage && depth > 0) return ch;
    return PUNCT[ch] !== undefined && rng.chance(0.5) ? (PUNCT[ch] ?? ch) : ch;
  });
  if (kind === 'number') {
    const [label, value] = splitLabel(out);
    out =
      label +
      mapChars(value, (ch) => (/[0-9A-Z.-]/u.test(ch) && rng.chance(0.5) ? toFullWidth(ch) : ch));
  }
  if ((kind === 'label' || kind === 'number') && rng.chance(0.2)) {
    const [label, value] = splitLabel(out);
    if (label !== '' && value.trim() !== '') out = label + rng.pick([';:', ':', '；', '.']) + value;
  }
  return out;
}

function toFullWidth(ch: string): string {
  const c = ch.charCodeAt(0);
  if (ch === '-') return '－';
  return c >= 0x21 && c <= 0x7e ? String.fromCharCode(c + 0xfee0) : ch;
}

function radicals(line: string, rng: Rng, p: number): string {
  return mapChars(line, (ch) =>
    RADICALS[ch] !== undefined && rng.chance(p) ? (RADICALS[ch] ?? ch) : ch,
  );
}

function spaces(line: string, kind: LineKind, rng: Rng): string {
  const [label, value] = splitLabel(line);
  if (kind === 'number' || kind === 'credit') {
    return (
      label +
      mapChars(value, (ch, i) =>
        i > 0 && /[0-9A-Z]/u.test(ch) && rng.chance(0.12) ? ` ${ch}` : ch,
      )
    );
  }
  const spaced = (s: string): string =>
    mapChars(s, (ch, i, chars) =>
      i > 0 && HAN.test(ch) && HAN.test(chars[i - 1] ?? '') && rng.chance(0.1) ? ` ${ch}` : ch,
    );
  return spaced(label) + spaced(value);
}

function dropDouble(line: string, kind: LineKind, rng: Rng): string {
  let [label, value] = splitLabel(line);
  if (label !== '' && value.trim() !== '' && rng.chance(0.3)) {
    label = rng.chance(0.5) ? label + label.slice(-1) : label.slice(0, -1);
  }
  if (kind === 'date' && rng.chance(0.5)) value = value.replace(/日(\s*)$/u, '$1');
  // a doubled separator between two items (not the 、 of a list number: 1、)
  // (nor inside brackets: a coverage entry's sub-list, 广东（广州、深圳）, is kept as written)
  let depth = 0;
  value = mapChars(value, (ch, i, chars) => {
    if (ch === '（' || ch === '(') depth++;
    else if (ch === '）' || ch === ')') depth = Math.max(0, depth - 1);
    const prev = chars[i - 1] ?? '';
    return ch === '、' && depth === 0 && /[^\d\s]/u.test(prev) && rng.chance(0.2) ? ch + ch : ch;
  });
  if (kind === 'provision' || kind === 'preamble') {
    const m = /^(\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)?)(.*)$/u.exec(value);
    const head = m?.[1] ?? '';
    const body = mapChars(m?.[2] ?? value, (ch, i) => {
      if (i < 4 || !HAN.test(ch)) return ch;
      const r = rng.next();
      return r < 0.02 ? '' : r < 0.04 ? ch + ch : ch;
    });
    value = head + body;
  }
  return label + value;
}

const CREDIT_LOOKALIKE: Readonly<Record<string, string>> = {
  '0': 'O',
  '1': 'I',
  '2': 'Z',
  '5': 'S',
};

function lookalikes(line: string, kind: LineKind, rng: Rng): string {
  const [label, value] = splitLabel(line);
  if (kind === 'number') {
    // only the digits after the category: the 2 of B2 stays (B-Z would not be a category)
    const m = /^(.*?[AB][12](?:\.[AB][12])*)(.*)$/u.exec(value);
    if (!m) return line;
    const tail = mapChars(m[2] ?? '', (ch) => {
      if (ch === '0' && rng.chance(0.3)) return 'O';
      if (ch === '1' && rng.chance(0.3)) return rng.pick(['l', 'I']);
      if (ch === '-' && rng.chance(0.3)) return rng.pick(['一', '—']);
      return ch;
    });
    return label + (m[1] ?? '') + tail;
  }
  if (kind === 'credit') {
    return (
      label +
      mapChars(value, (ch) =>
        CREDIT_LOOKALIKE[ch] !== undefined && rng.chance(0.3) ? (CREDIT_LOOKALIKE[ch] ?? ch) : ch,
      )
    );
  }
  if (kind === 'date') {
    return (
      label +
      mapChars(value, (ch) =>
        ch === '日' && rng.chance(0.5) ? '曰' : ch === '〇' && rng.chance(0.5) ? 'O' : ch,
      )
    );
  }
  return line;
}

/** Apply one kind of damage to every line of `text` (form feeds and line breaks kept). */
export function damage(text: string, kind: DamageKind, rng: Rng): string {
  return text
    .split('\n')
    .map((line) => {
      if (line.trim() === '') return line;
      const k = lineKind(line);
      switch (kind) {
        case 'punctuation':
          return punctuation(line, k, rng);
        case 'radicals':
          return radicals(line, rng, 0.25);
        case 'spaces':
          return spaces(line, k, rng);
        case 'drop-double':
          return dropDouble(line, k, rng);
        case 'lookalikes':
          return lookalikes(line, k, rng);
      }
      return line;
    })
    .join('\n');
}
