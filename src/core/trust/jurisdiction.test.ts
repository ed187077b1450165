import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { REGIONS } from '../regions.js';
import {
  MIIT_AUTHORITY_NAME,
  authorityNameEnOf,
  authorityNameOf,
  coversNumber,
  isJurisdictionKey,
  jurisdictionOfNumber,
  parseJurisdiction,
} from './jurisdiction.js';
import { MIIT_JURISDICTION } from './types.js';

describe('jurisdictionOfNumber', () => {
  it.each([
    ['京B2-20180910', '京'],
    ['经营许可证编号：京Ｂ２－２０１８０９１０', '京'],
    ['黔B2-20090050-4', '黔'],
    ['贵B2-20110282', '黔'],
    ['云B2-20160011', '滇'],
    ['B2-20233776', MIIT_JURISDICTION],
    ['B1.B2-20233345', MIIT_JURISDICTION],
    ['A2.B1-20200001', MIIT_JURISDICTION],
    ['合字B2-20070004', MIIT_JURISDICTION],
    ['B2-2004-0851', MIIT_JURISDICTION],
  ])('gives %s to %s', (number, key) => {
    expect(jurisdictionOfNumber(number)).toBe(key);
  });

  it.each([['京ICP备12345678号-1'], ['泸B2-20200731'], [''], ['B3-20180910']])(
    'gives no jurisdiction to %s, which is not a licence number',
    (text) => {
      expect(jurisdictionOfNumber(text)).toBeUndefined();
    },
  );
});

describe('parseJurisdiction', () => {
  it.each([
    ['abbreviations with an ASCII comma', '京, 津', ['京', '津']],
    ['variants canonicalised', '贵、云', ['黔', '滇']],
    ['every way of naming one region, once', '北京 北京市 北京市通信管理局 京', ['京']],
    ['the ministry in any of its names', 'miit，工业和信息化部；工信部 MIIT', [MIIT_JURISDICTION]],
    ['the order given', '沪;MIIT；京', ['沪', MIIT_JURISDICTION, '京']],
    ['autonomous regions written three ways', '广西壮族自治区、广西自治区通信管理局、桂', ['桂']],
    [
      'full-width separators and spaces',
      '广东省，\u3000浙江；内蒙古通信管理局',
      ['粤', '浙', '蒙'],
    ],
    ['full-width MIIT', 'ＭＩＩＴ', [MIIT_JURISDICTION]],
  ])('reads %s', (_name, text, keys) => {
    expect(parseJurisdiction(text)).toEqual({ ok: true, keys });
  });

  it('reads every region by abbreviation, name, short name and authority', () => {
    for (const r of REGIONS) {
      for (const text of [r.abbr, r.name, r.shortName, r.authority, ...r.variants]) {
        expect(parseJurisdiction(text)).toEqual({ ok: true, keys: [r.abbr] });
      }
    }
  });

  it.each([[''], ['  '], ['，、 ；']])('refuses the empty list %j', (text) => {
    const parsed = parseJurisdiction(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain('为空');
  });

  it.each([
    ['an unknown abbreviation', '京, 泸', ['泸']],
    ['an authority with a seal caption', '北京市通信管理局（盖章）', ['北京市通信管理局（盖章）']],
    ['a name with junk after it', '北京abc', ['北京abc']],
    ['a market-regulation bureau', '上海市市场监督管理局', ['上海市市场监督管理局']],
    ['two unknown items', '沪, X, 津, MIIT2', ['X', 'MIIT2']],
  ])('refuses %s, naming it', (_name, text, unknown) => {
    const parsed = parseJurisdiction(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    for (const item of unknown) {
      expect(parsed.message).toContain(`“${item}”`);
      expect(parsed.messageEn).toContain(`"${item}"`);
    }
  });

  it('never throws, and every key it gives is a jurisdiction key', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        const parsed = parseJurisdiction(text);
        if (parsed.ok) {
          expect(parsed.keys.length).toBeGreaterThan(0);
          expect(new Set(parsed.keys).size).toBe(parsed.keys.length);
          for (const key of parsed.keys) expect(isJurisdictionKey(key)).toBe(true);
        }
      }),
    );
  });
});

describe('coversNumber', () => {
  it.each([
    [['京'], '京B2-20180910', true],
    [['京'], 'B2-20233776', false],
    [['黔'], '贵B2-20110282', true],
    [[MIIT_JURISDICTION], '合字B2-20070004', true],
    [[MIIT_JURISDICTION], 'B1.B2-20233345', true],
    [[MIIT_JURISDICTION], '沪B2-20200731', false],
    [['沪', MIIT_JURISDICTION], '沪B2-20200731', true],
    [['京'], '京ICP备12345678号', false],
    [[], '京B2-20180910', false],
  ])('%j covers %s: %s', (keys, number, covered) => {
    expect(coversNumber(keys, number)).toBe(covered);
  });
});

describe('authorityNameOf', () => {
  it('names the ministry for MIIT', () => {
    expect(authorityNameOf(MIIT_JURISDICTION)).toBe(MIIT_AUTHORITY_NAME);
    expect(authorityNameOf(MIIT_JURISDICTION)).toBe('中华人民共和国工业和信息化部');
    expect(authorityNameEnOf(MIIT_JURISDICTION)).toContain('Ministry of Industry');
  });

  it.each([
    ['京', '北京市通信管理局', 'Beijing Communications Administration'],
    ['黔', '贵州省通信管理局', 'Guizhou Communications Administration'],
    ['蒙', '内蒙古自治区通信管理局', 'Inner Mongolia Communications Administration'],
  ])('names the administration of %s', (key, zh, en) => {
    expect(authorityNameOf(key)).toBe(zh);
    expect(authorityNameEnOf(key)).toBe(en);
  });

  it('has an English name for every region, and reads back its own name', () => {
    for (const r of REGIONS) {
      expect(authorityNameEnOf(r.abbr)).toMatch(/^[A-Z][A-Za-z ]+ Communications Administration$/);
      expect(parseJurisdiction(authorityNameOf(r.abbr))).toEqual({ ok: true, keys: [r.abbr] });
    }
    expect(new Set(REGIONS.map((r) => authorityNameEnOf(r.abbr))).size).toBe(REGIONS.length);
  });

  it.each([['贵'], ['泸'], ['miit'], ['']])('refuses %j, which is not a canonical key', (key) => {
    expect(() => authorityNameOf(key)).toThrow(DomainError);
    expect(() => authorityNameEnOf(key)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });
});
