import { describe, expect, it } from 'vitest';
import {
  B25_SERVICE_TYPES,
  B25_WRITTEN_FORMS,
  CATALOGUE,
  CATEGORY_PREAMBLE,
  categoryOf,
  findServiceByCode,
  findServiceByName,
  serviceCodesUnder,
} from './catalogue.js';

describe('CATALOGUE', () => {
  it('has unique codes whose parents exist', () => {
    const codes = CATALOGUE.map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const e of CATALOGUE) {
      if (e.parent !== null) expect(codes).toContain(e.parent);
    }
  });

  it.each([
    ['A1', null, 'A1', true],
    ['B2', null, 'B2', true],
    ['B25', 'B2', 'B2', true],
    ['B11', 'B1', 'B1', true],
    ['B24-1', 'B24', 'B2', true],
    ['B24-2', 'B24', 'B2', true],
    ['B26-1', 'B26', 'B2', true],
    ['A12-4', 'A12', 'A1', true],
    ['A14-3', 'A14', 'A1', false],
    ['A15', 'A1', 'A1', false],
    ['A22', 'A2', 'A2', false],
    ['A23-2', 'A23', 'A2', true],
  ])(
    'files %s under parent %s in category %s (confirmed: %s)',
    (code, parent, category, confirmed) => {
      const e = findServiceByCode(code);
      expect(e?.parent).toBe(parent);
      expect(e?.category).toBe(category);
      expect(e?.confirmed).toBe(confirmed);
    },
  );

  it.each([
    ['B21', ['交易处理业务', '电子数据交换业务', '网络/电子设备数据处理业务']],
    ['B22', ['国内多方电话会议服务', '国内可视电话会议服务', '国内互联网会议电视及图像服务']],
    ['B23', ['语音信箱', '电子邮件', '传真存储转发']],
    ['B25', [...B25_SERVICE_TYPES]],
  ])('lists the sub-services of %s', (code, subs) => {
    expect(findServiceByCode(code)?.subServices).toEqual(subs);
  });
});

describe('findServiceByCode', () => {
  it.each([
    ['B25', '信息服务业务'],
    ['b25', '信息服务业务'],
    ['Ｂ２４－１', '国内呼叫中心业务'],
    [' B11 ', '互联网数据中心业务'],
    ['A12-4', '第五代数字蜂窝移动通信业务'],
  ])('finds %j: %s', (code, name) => {
    expect(findServiceByCode(code)?.name).toBe(name);
  });

  it.each(['B27', 'B3', '', 'B24-3'])('finds nothing for %j', (code) => {
    expect(findServiceByCode(code)).toBeUndefined();
  });
});

describe('serviceCodesUnder', () => {
  it.each([
    ['B25', ['B25']],
    ['b24', ['B24', 'B24-1', 'B24-2']],
    ['B2', ['B2', 'B21', 'B22', 'B23', 'B24', 'B24-1', 'B24-2', 'B25', 'B26', 'B26-1']],
    ['Ｂ２６－１', ['B26-1']],
  ])('%j and the codes under it', (code, expected) => {
    expect(serviceCodesUnder(code)).toEqual(expected);
  });

  it.each(['B27', 'B2-1', 'C1', ''])('undefined for %j, not a catalogue code', (code) => {
    expect(serviceCodesUnder(code)).toBeUndefined();
  });
});

describe('categoryOf', () => {
  it.each([
    ['B25', 'B2'],
    ['B24-1', 'B2'],
    ['A12-4', 'A1'],
    ['B1', 'B1'],
    ['A23-1', 'A2'],
    ['B99', undefined],
  ])('puts %s in category %s', (code, category) => {
    expect(categoryOf(code)).toBe(category);
  });
});

describe('findServiceByName', () => {
  it.each([
    [
      '互联网数据中心业务（不含互联网资源协作服务）',
      'B11',
      '互联网数据中心业务',
      '（不含互联网资源协作服务）',
    ],
    [
      '信息服务业务（仅限互联网信息服务）含文化',
      'B25',
      '信息服务业务',
      '（仅限互联网信息服务）含文化',
    ],
    ['国内呼叫中心业务', 'B24-1', '国内呼叫中心业务', ''],
    ['呼叫中心业务', 'B24', '呼叫中心业务', ''],
    ['离岸呼叫中心业务：全国', 'B24-2', '离岸呼叫中心业务', '：全国'],
    ['互 联 网 接 入 服 务 业 务：上海', 'B14', '互联网接入服务业务', '：上海'],
    [
      '第二类增值电信业务中的信息服务业务（仅限互联网信息服务）',
      'B25',
      '信息服务业务',
      '（仅限互联网信息服务）',
    ],
    ['第一类增值电信业务中的内容分发网络业务', 'B12', '内容分发网络业务', ''],
    ['互联网域名解析服务业务', 'B26-1', '互联网域名解析服务业务', ''],
    ['域名解析服务业务', 'B26-1', '域名解析服务业务', ''],
    ['ＬＴＥ／第四代数字蜂窝移动通信业务', 'A12-3', 'LTE/第四代数字蜂窝移动通信业务', ''],
    [
      '在线数据处理与交易处理业务（仅限经营类电子商务）',
      'B21',
      '在线数据处理与交易处理业务',
      '（仅限经营类电子商务）',
    ],
  ])('reads %j as %s (matched %j, rest %j)', (text, code, matched, rest) => {
    const found = findServiceByName(text);
    expect(found?.entry.code).toBe(code);
    expect(found?.matched).toBe(matched);
    expect(text.slice(found?.consumed ?? 0)).toBe(rest);
  });

  it.each(['服务业务', '通过转售方式提供的蜂窝移动通信业务', '', '信息服务'])(
    'finds no catalogue name at the start of %j',
    (text) => {
      expect(findServiceByName(text)).toBeUndefined();
    },
  );
});

describe('B25 written forms', () => {
  it.each(['仅限互联网信息服务', '不含互联网信息服务', '仅限固定网电话信息服务'])(
    'knows the qualifier %s with a meaning in both languages',
    (qualifier) => {
      const form = B25_WRITTEN_FORMS.find((f) => f.qualifier === qualifier);
      expect(form?.meaning).not.toBe('');
      expect(form?.meaningEn).not.toBe('');
    },
  );

  it('lists the five B25 service types', () => {
    expect(B25_SERVICE_TYPES).toHaveLength(5);
  });
});

describe('CATEGORY_PREAMBLE', () => {
  it.each([
    ['第一类增值电信业务中的互联网数据中心业务', '一', '增值'],
    ['第二类增值电信业务中的信息服务业务', '二', '增值'],
    ['第一类基础电信业务中的蜂窝移动通信业务', '一', '基础'],
    ['第二类基础电信业务中的网络托管业务', '二', '基础'],
    ['第 二 类 增 值 电 信 业 务 中 的 信息服务业务', '二', '增值'],
  ])('captures the category of %j', (text, ordinal, kind) => {
    const m = CATEGORY_PREAMBLE.exec(text);
    expect(m?.[1]).toBe(ordinal);
    expect(m?.[2]?.replace(/\s/gu, '')).toBe(kind);
  });

  it.each(['信息服务业务', '第三类增值电信业务中的信息服务业务', '其中第二类增值电信业务中的'])(
    'does not match %j',
    (text) => {
      expect(CATEGORY_PREAMBLE.test(text)).toBe(false);
    },
  );
});
