import { describe, expect, it } from 'vitest';
import { emptyLicence, type Evidence } from '../licence.js';
import {
  DOUBTFUL_CHARACTER,
  documentTextConfidence,
  markDoubtfulFields,
  type TextConfidence,
} from './doubtful-fields.js';

/** A line's scores: `hi` for every non-blank character, `lo` at the given indices. */
function scores(line: string, low: Readonly<Record<number, number>> = {}): number[] {
  return Array.from(line.replace(/\s/gu, '')).map((_, i) => low[i] ?? 0.93);
}

const TEXT = [
  '网站名称：青禾读书二', // 1: 二 is seal debris
  '网站域名：www.qinghe-read.cn、qinghe-read.sn', // 2
  '统一社会信用代码：91310104MA1FR5C85C', // 3
  '二、你公司应当按照许可的业务种类', // 4
  '－2－', // 5: page furniture between the lines of a provision
  '和业务覆盖范围开展业务经营活动。', // 6
].join('\n');

function evidence(line: number): Evidence {
  return { line, text: TEXT.split('\n')[line - 1] ?? '', confidence: 0.79 };
}

const EVIDENCE: Record<string, Evidence> = {
  'websites[0].name': evidence(1),
  'websites[0].domains': evidence(2),
  'holder.creditCode': evidence(3),
  'provisions[1]': evidence(4),
};

describe('markDoubtfulFields', () => {
  const lines = TEXT.split('\n');
  const clean: TextConfidence = lines.map((l) => scores(l));

  it('leaves a field alone when every character of its value scored well', () => {
    const out = markDoubtfulFields(
      { licence: emptyLicence(), evidence: EVIDENCE, continuedOn: { 'provisions[1]': [6] } },
      TEXT,
      clean,
    );
    expect(out.notes).toEqual([]);
    expect(out.evidence).toEqual(EVIDENCE);
  });

  it.each([
    ['a doubtful character of the value', 1, { 9: 0.09 }, 'websites[0].name', '「二」', 0.09],
    ['a whole doubtful word', 2, { 5: 0.008, 6: 0.008 }, 'websites[0].domains', '「ww」', 0.008],
    [
      'two runs, lowest confidence reported',
      2,
      { 5: 0.2, 23: 0.1 },
      'websites[0].domains',
      '「w」「、」',
      0.1,
    ],
  ])('marks %s', (_what, line, low, field, quoted, lowest) => {
    const confidence = lines.map((l, i) => (i === line - 1 ? scores(l, low) : scores(l)));
    const out = markDoubtfulFields(
      { licence: emptyLicence(), evidence: EVIDENCE, continuedOn: {} },
      TEXT,
      confidence,
    );
    expect(out.notes).toHaveLength(1);
    expect(out.notes[0]).toMatchObject({ field, line });
    expect(out.notes[0]?.message).toContain(quoted);
    expect(out.notes[0]?.message).toContain(`置信度 ${Math.round(lowest * 100)}%`);
    expect(out.notes[0]?.messageEn).toMatch(/^OCR is unsure of/u);
    expect(out.evidence[field]?.confidence).toBe(lowest);
    expect(out.evidence[field]?.text).toBe(EVIDENCE[field]?.text);
  });

  it('does not count the label: a doubtful colon or label character is no doubt about the value', () => {
    const confidence = lines.map((l, i) => (i === 0 ? scores(l, { 0: 0, 4: 0.1 }) : scores(l)));
    const out = markDoubtfulFields(
      { licence: emptyLicence(), evidence: EVIDENCE, continuedOn: {} },
      TEXT,
      confidence,
    );
    expect(out.notes).toEqual([]);
  });

  it('reads the lines a provision continues on, and not the furniture between them', () => {
    const confidence = lines.map((l, i) =>
      i === 5 ? scores(l, { 3: 0.05 }) : i === 4 ? scores(l, { 1: 0 }) : scores(l),
    );
    const out = markDoubtfulFields(
      { licence: emptyLicence(), evidence: EVIDENCE, continuedOn: { 'provisions[1]': [6] } },
      TEXT,
      confidence,
    );
    expect(out.notes.map((n) => [n.field, n.line, n.message])).toEqual([
      ['provisions[1]', 4, '文字识别存疑：「覆」置信度 5%，请对照原件核对'],
    ]);
  });

  it('trusts a credit code that passed its check character, not one the parser left out', () => {
    const confidence = lines.map((l, i) => (i === 2 ? scores(l, { 12: 0.2 }) : scores(l)));
    const kept = { ...emptyLicence() };
    kept.holder = { ...kept.holder, creditCode: '91310104MA1FR5C85C' };
    const args = { evidence: EVIDENCE, continuedOn: {} };
    expect(markDoubtfulFields({ ...args, licence: kept }, TEXT, confidence).notes).toEqual([]);
    expect(
      markDoubtfulFields({ ...args, licence: emptyLicence() }, TEXT, confidence).notes.map(
        (n) => n.field,
      ),
    ).toEqual(['holder.creditCode']);
  });

  it('skips lines without scores (a text layer) and lines whose scores do not match', () => {
    const low = lines.map((l) => scores(l, { 9: 0, 10: 0 }));
    const confidence: TextConfidence = [null, [...(low[1] ?? []), 0.5], ...low.slice(2)];
    const out = markDoubtfulFields(
      { licence: emptyLicence(), evidence: EVIDENCE, continuedOn: {} },
      TEXT,
      confidence,
    );
    expect(out.notes.map((n) => n.field)).toEqual(['holder.creditCode', 'provisions[1]']);
  });

  it('quotes a long doubtful run shortened', () => {
    const text = `网站名称：${'字'.repeat(40)}`;
    const out = markDoubtfulFields(
      {
        licence: emptyLicence(),
        evidence: { 'websites[0].name': { line: 1, text, confidence: 0.8 } },
        continuedOn: {},
      },
      text,
      [Array.from(text).map(() => DOUBTFUL_CHARACTER / 2)],
    );
    expect(out.notes[0]?.message).toContain(`「${'字'.repeat(24)}…」`);
  });
});

describe('documentTextConfidence', () => {
  it('lines up the pages joined with form feeds, text-layer pages unscored', () => {
    expect(
      documentTextConfidence([
        { text: '甲\n乙', characterConfidence: [[0.9], [0.8]] },
        { text: '丙\r\n丁' },
        { text: '戊', characterConfidence: [[0.7], [0.1]] },
      ]),
    ).toEqual([[0.9], [0.8], null, null, null]);
  });
});
