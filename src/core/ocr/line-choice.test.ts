import { describe, expect, it } from 'vitest';
import { chooseLine, grammarScore } from './line-choice.js';

describe('a line’s licence grammar', () => {
  it('counts valid numbers, credit codes and dates, and counts against broken ones', () => {
    expect(grammarScore('经营许可证编号：京B2-20180910')).toBe(1);
    expect(grammarScore('经营许可证编号：各B2-20180910')).toBe(-1);
    expect(grammarScore('统一社会信用代码：91310104MA1FR5C85C')).toBe(1);
    expect(grammarScore('统一社会信用代码：91310104MA1FR5C86C')).toBe(-1);
    expect(grammarScore('有效期至：2030年07月31日')).toBe(1);
    // the date reads only without its 日: neither way (a reading with 日 scores higher)
    expect(grammarScore('有效期至：2030年07月31]')).toBe(0);
    expect(grammarScore('有效期至：2030年02月30日')).toBe(-1);
    expect(grammarScore('公司名称：上海青禾网络科技有限公司')).toBe(0);
  });

  it('judges a labelled credit code or date as its field, whatever its shape', () => {
    // a character lost under a seal: no run is shaped like a code or a date, the field is broken
    expect(grammarScore('统一社会信用代码：91310104MA1FR5C85')).toBe(-1);
    expect(grammarScore('有效期截止日期：二〇三年十二月九日')).toBe(-1);
    expect(grammarScore('有效期截止日期：二〇三〇年十二月九日')).toBe(1);
    expect(grammarScore('发证日期：2025.12.09')).toBe(1);
    // read only by correcting a separator: neither way
    expect(grammarScore('发证日期：2025,12.09')).toBe(0);
  });
});

describe('choosing a line’s reading', () => {
  const t = (text: string, confidence: number) => ({ text, confidence });
  it('takes the reading that keeps the grammar, whatever the confidences', () => {
    expect(chooseLine(t('编号：各B2-20180910', 0.95), t('编号：京B2-20180910', 0.85))).toBe(
      'paddle',
    );
    expect(chooseLine(t('编号：京B2-20180910', 0.5), t('编号：各B2-20180910', 0.99))).toBe(
      'tesseract',
    );
  });

  it('otherwise the more confident, Paddle only when sure and not much shorter', () => {
    expect(chooseLine(t('注册住所：汪溪北路', 0.6), t('注册住所：漕溪北路', 0.98))).toBe('paddle');
    expect(chooseLine(t('注册住所：漕溪北路', 0.97), t('注册住所：汪溪北路', 0.96))).toBe(
      'tesseract',
    );
    expect(chooseLine(t('注册住所：汪溪北路', 0.3), t('注册住所：漕溪北路', 0.7))).toBe(
      'tesseract',
    );
    expect(chooseLine(t('注册住所：上海市徐汇区漕溪北路88号', 0.5), t('88号', 0.99))).toBe(
      'tesseract',
    );
    expect(chooseLine(t('注册住所', 0.5), t('', 0))).toBe('tesseract');
  });
});
