import { describe, expect, it } from 'vitest';
import { findLicenceNumbers, normaliseNumberText, parseLicenceNumber } from './licence-number.js';

/** Real numbers from public footers and notices (licensing.md §3.1). */
describe('parseLicenceNumber: accepted forms', () => {
  it.each([
    // input, canonical text, region, variant, foreign, categories, year, serial, suffix, legacy
    ['京B2-20180910', '京B2-20180910', '京', null, false, ['B2'], 2018, '0910', null, false],
    ['B2-20233776', 'B2-20233776', null, null, false, ['B2'], 2023, '3776', null, false],
    ['B1-20231485', 'B1-20231485', null, null, false, ['B1'], 2023, '1485', null, false],
    [
      'B1.B2-20202637',
      'B1.B2-20202637',
      null,
      null,
      false,
      ['B1', 'B2'],
      2020,
      '2637',
      null,
      false,
    ],
    [
      'A2.B1-20050405',
      'A2.B1-20050405',
      null,
      null,
      false,
      ['A2', 'B1'],
      2005,
      '0405',
      null,
      false,
    ],
    [
      'A1.A2-20050005',
      'A1.A2-20050005',
      null,
      null,
      false,
      ['A1', 'A2'],
      2005,
      '0005',
      null,
      false,
    ],
    ['合字B2-20160011', '合字B2-20160011', null, null, true, ['B2'], 2016, '0011', null, false],
    [
      '合字A1.B1.B2-20180017',
      '合字A1.B1.B2-20180017',
      null,
      null,
      true,
      ['A1', 'B1', 'B2'],
      2018,
      '0017',
      null,
      false,
    ],
    ['黔B2-20090050-4', '黔B2-20090050', '黔', null, false, ['B2'], 2009, '0050', '4', false],
    ['黔B2-20010020-102', '黔B2-20010020', '黔', null, false, ['B2'], 2001, '0020', '102', false],
    ['贵B2-20110282-7', '黔B2-20110282', '黔', '贵', false, ['B2'], 2011, '0282', '7', false],
    ['云B2-20160011', '滇B2-20160011', '滇', '云', false, ['B2'], 2016, '0011', null, false],
    ['B2-2004-0851', 'B2-2004-0851', null, null, false, ['B2'], 2004, '0851', null, true],
    [
      '京Ｂ２－２０１８０９１０',
      '京B2-20180910',
      '京',
      null,
      false,
      ['B2'],
      2018,
      '0910',
      null,
      false,
    ],
    ['京 B2 - 2018 0910', '京B2-20180910', '京', null, false, ['B2'], 2018, '0910', null, false],
    [
      'b1.b2-20202637',
      'B1.B2-20202637',
      null,
      null,
      false,
      ['B1', 'B2'],
      2020,
      '2637',
      null,
      false,
    ],
    [
      'B1．B2—20202637',
      'B1.B2-20202637',
      null,
      null,
      false,
      ['B1', 'B2'],
      2020,
      '2637',
      null,
      false,
    ],
    [
      'B1·B2–20202637',
      'B1.B2-20202637',
      null,
      null,
      false,
      ['B1', 'B2'],
      2020,
      '2637',
      null,
      false,
    ],
    ['粤B2‐20230927', '粤B2-20230927', '粤', null, false, ['B2'], 2023, '0927', null, false],
    [
      'ICP证：合字B2-20070004号',
      '合字B2-20070004',
      null,
      null,
      true,
      ['B2'],
      2007,
      '0004',
      null,
      false,
    ],
    ['ICP证粤B2-20230674号', '粤B2-20230674', '粤', null, false, ['B2'], 2023, '0674', null, false],
    [
      '黔ICP证：黔B2-20140009号',
      '黔B2-20140009',
      '黔',
      null,
      false,
      ['B2'],
      2014,
      '0009',
      null,
      false,
    ],
    [
      '经营许可证编号：京B2-20180910',
      '京B2-20180910',
      '京',
      null,
      false,
      ['B2'],
      2018,
      '0910',
      null,
      false,
    ],
    [
      '增值电信业务经营许可证：沪B2-20200731',
      '沪B2-20200731',
      '沪',
      null,
      false,
      ['B2'],
      2020,
      '0731',
      null,
      false,
    ],
    [
      '中华人民共和国信息产业部跨地区增值电信业务经营许可证B2-2004-0851号',
      'B2-2004-0851',
      null,
      null,
      false,
      ['B2'],
      2004,
      '0851',
      null,
      true,
    ],
    ['（京B2-20180910）', '京B2-20180910', '京', null, false, ['B2'], 2018, '0910', null, false],
  ])(
    'reads %j as %s',
    (
      input,
      text,
      region,
      regionVariant,
      foreignInvested,
      categories,
      year,
      serial,
      filingSuffix,
      legacyFormat,
    ) => {
      const r = parseLicenceNumber(input);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.number).toEqual({
        text,
        region,
        regionVariant,
        foreignInvested,
        categories,
        year,
        serial,
        filingSuffix,
        legacyFormat,
      });
    },
  );

  it('keeps the filing suffix out of the canonical number', () => {
    const r = parseLicenceNumber('黔B2-20090050-4');
    expect(r.ok && r.number.text).toBe('黔B2-20090050');
  });
});

describe('parseLicenceNumber: rejected forms', () => {
  it.each([
    ['', 'empty', ''],
    ['   ', 'empty', ''],
    ['B2-2011049', 'syntax', '2011049'],
    ['B2-201809101', 'syntax', '201809101'],
    ['B2-20180910-12345', 'syntax', '12345'],
    ['B2-18880910', 'syntax', '1888'],
    ['B2.B1-20200101', 'syntax', '顺序'],
    ['B1.B1-20200101', 'syntax', '重复'],
    ['B3-20200101', 'unknown-category', 'B3'],
    ['A1.C2-20200101', 'unknown-category', 'C2'],
    ['京ICP备12345678号-1', 'syntax', 'ICP 备案号'],
    ['京ICP证030173号', 'syntax', 'ICP证'],
    ['ABCB2-20180910', 'syntax', 'ABC'],
    ['京B2', 'syntax', '京B2'],
    ['泸B2-20200731', 'unknown-region', '泸'],
  ])('rejects %j as %s, naming %j', (input, reason, named) => {
    const r = parseLicenceNumber(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toBe(reason);
    expect(r.message).toContain(named);
    expect(r.messageEn).not.toBe('');
  });

  it('gives the prefix and the tail of a number with an unknown region so a caller can retry', () => {
    const r = parseLicenceNumber('泸B2-20200731-3');
    expect(r).toMatchObject({
      ok: false,
      reason: 'unknown-region',
      unknownPrefix: '泸',
      tail: 'B2-20200731-3',
    });
    if (r.ok || r.tail === undefined) return;
    expect(parseLicenceNumber(`沪${r.tail}`).ok).toBe(true);
  });

  it('refuses very long input without scanning it', () => {
    const r = parseLicenceNumber('B'.repeat(10_000));
    expect(r).toMatchObject({ ok: false, reason: 'syntax' });
  });
});

describe('normaliseNumberText', () => {
  it.each([
    ['京Ｂ２－２０１８０９１０', '京B2-20180910'],
    ['京 B2 - 2018 0910', '京B2-20180910'],
    ['b1·b2—20202637', 'B1.B2-20202637'],
    ['A2．B1‐20050405', 'A2.B1-20050405'],
    ['\u3000京B2-20180910\n', '京B2-20180910'],
  ])('folds %j to %j', (input, expected) => {
    expect(normaliseNumberText(input)).toBe(expected);
  });
});

describe('findLicenceNumbers', () => {
  it.each([
    [
      'Copyright © 2020 京ICP备12345678号 经营许可证编号：京B2-20180910 沪公网安备31010402000001号',
      [['京B2-20180910', '京B2-20180910']],
    ],
    [
      'ICP证：合字B2-20070004号 | 黔B2-20090050-4',
      [
        ['合字B2-20070004', '合字B2-20070004'],
        ['黔B2-20090050-4', '黔B2-20090050'],
      ],
    ],
    ['增值电信业务经营许可证B2-20233776', [['B2-20233776', 'B2-20233776']]],
    ['许可证：泸B2-20200731', [['泸B2-20200731', 'unknown-region']]],
    ['编号 B2-2011049（模板）', [['B2-2011049', 'syntax']]],
    ['京 B2 - 2018 0910 2019年', [['京 B2 - 2018 0910', '京B2-20180910']]],
    ['京Ｂ２－２０１８０９１０', [['京Ｂ２－２０１８０９１０', '京B2-20180910']]],
    [
      'B1.B2-20202637；A2.B1-20160192',
      [
        ['B1.B2-20202637', 'B1.B2-20202637'],
        ['A2.B1-20160192', 'A2.B1-20160192'],
      ],
    ],
    ['标准 GB/T22239-2019 与 ISO27001-2013', []],
    ['京ICP证030173号', []],
  ])('finds the numbers in %j', (text, expected) => {
    const found = findLicenceNumbers(text).map((f) => [
      f.raw,
      f.parse.ok ? f.parse.number.text : f.parse.reason,
    ]);
    expect(found).toEqual(expected);
  });

  it('reports where each number is in the original text', () => {
    const text = '页脚：京Ｂ２－２０１８０９１０ 与 B2-20233776';
    for (const f of findLicenceNumbers(text))
      expect(text.slice(f.index, f.index + f.raw.length)).toBe(f.raw);
  });

  it.each([
    ['B1.'.repeat(20_000)],
    ['B2-' + '9'.repeat(50_000)],
    ['合字 '.repeat(20_000)],
    ['B2 - 2018 '.repeat(10_000)],
  ])('scans adversarial input in linear time (%#)', (text) => {
    const started = performance.now();
    findLicenceNumbers(text);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
