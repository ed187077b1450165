/**
 * Character-level clean-up of text that came out of a PDF text layer or an OCR engine, before the
 * licence parser sees it. Pure: no I/O.
 */

/**
 * CJK Radicals Supplement (U+2E80–U+2EFF) code points that PDF producers emit for ordinary
 * simplified characters: a font that shares one glyph between `⻔` and `门` may map the glyph back
 * to the radical in its ToUnicode table. Unicode gives these no compatibility decomposition, so
 * NFKC leaves them alone; the targets are those of Unihan's EquivalentUnifiedIdeograph.txt.
 */
const RADICALS_SUPPLEMENT: Readonly<Record<string, string>> = {
  '⺁': '厂',
  '⺄': '乙',
  '⺆': '冂',
  '⺈': '刀',
  '⺊': '卜',
  '⺌': '小',
  '⺍': '小',
  '⺏': '尢',
  '⺒': '巳',
  '⺓': '幺',
  '⺗': '心',
  '⺘': '手',
  '⺙': '攴',
  '⺛': '无',
  '⺝': '月',
  '⺞': '歹',
  '⺟': '母',
  '⺠': '民',
  '⺡': '水',
  '⺢': '水',
  '⺣': '火',
  '⺤': '爪',
  '⺥': '爪',
  '⺦': '丬',
  '⺧': '牛',
  '⺨': '犬',
  '⺩': '王',
  '⺫': '目',
  '⺬': '示',
  '⺭': '示',
  '⺮': '竹',
  '⺯': '糸',
  '⺰': '纟',
  '⺲': '网',
  '⺳': '网',
  '⺷': '羊',
  '⺹': '老',
  '⺺': '肀',
  '⺻': '聿',
  '⺼': '肉',
  '⺽': '臼',
  '⺾': '艸',
  '⻀': '艸',
  '⻁': '虎',
  '⻂': '衣',
  '⻃': '西',
  '⻄': '西',
  '⻅': '见',
  '⻆': '角',
  '⻇': '角',
  '⻈': '讠',
  '⻉': '贝',
  '⻊': '足',
  '⻋': '车',
  '⻌': '辶',
  '⻍': '辶',
  '⻎': '辶',
  '⻏': '邑',
  '⻐': '钅',
  '⻑': '長',
  '⻒': '長',
  '⻓': '长',
  '⻔': '门',
  '⻖': '阝',
  '⻗': '雨',
  '⻘': '青',
  '⻙': '韦',
  '⻚': '页',
  '⻛': '风',
  '⻜': '飞',
  '⻝': '食',
  '⻟': '食',
  '⻠': '饣',
  '⻢': '马',
  '⻣': '骨',
  '⻤': '鬼',
  '⻥': '鱼',
  '⻦': '鸟',
  '⻧': '卤',
  '⻨': '麦',
  '⻩': '黄',
  '⻪': '黾',
  '⻬': '齐',
  '⻮': '齿',
  '⻰': '龙',
  '⻳': '龟',
};

/**
 * Kangxi radicals (U+2F00–U+2FD5) whose NFKC target is the traditional form although a
 * simplified-Chinese font shares the glyph with the simplified character (`⼾` is drawn as `户`,
 * NFKC says `戶`). Every other Kangxi radical folds by NFKC.
 */
const KANGXI_SIMPLIFIED: Readonly<Record<string, string>> = {
  '⼾': '户',
  '⿈': '黄',
  '⾭': '青',
};

const RADICAL = /[\u2e80-\u2eff\u2f00-\u2fdf]/gu;

/** Replace radical code points by the ideographs they stand for in running text. */
export function foldRadicals(text: string): string {
  return text.replace(RADICAL, (ch) => {
    const mapped = KANGXI_SIMPLIFIED[ch] ?? RADICALS_SUPPLEMENT[ch];
    if (mapped) return mapped;
    const nfkc = ch.normalize('NFKC');
    return nfkc === ch ? ch : nfkc;
  });
}

/** CJK ideographs and CJK / full-width punctuation: between two of these a space means nothing. */
const CJK_CLASS = '\\u2e80-\\u9fff\\uf900-\\ufaff\\ufe30-\\ufe4f\\uff00-\\uffef';
// One blank between two is spacing; a tab or a run of blanks is a column gap (a PDF's cells, see
// text-layout.ts): it stays, for the parser to split cells at.
const SPACES_BETWEEN_CJK = new RegExp(
  `(?<=[${CJK_CLASS}])[ \\u00a0\\u3000](?=[${CJK_CLASS}])`,
  'gu',
);

/**
 * Remove the spaces OCR engines put between Chinese characters (`公 司 名 称` → `公司名称`). Spaces
 * between Latin words, and between a Chinese character and a Latin word, stay.
 */
export function removeSpacesBetweenCjk(text: string): string {
  return text.replace(SPACES_BETWEEN_CJK, '');
}

const IDEOGRAPH = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/gu;

/** How many CJK ideographs the text holds: the measure of "enough Chinese" in a text layer. */
export function countIdeographs(text: string): number {
  return text.match(IDEOGRAPH)?.length ?? 0;
}

/** Everything a page of extracted text needs before parsing: radicals folded, CJK spacing removed, trailing spaces trimmed. */
export function cleanExtractedText(text: string): string {
  return removeSpacesBetweenCjk(foldRadicals(text))
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}
