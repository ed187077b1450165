import { describe, expect, it } from 'vitest';
import { parseLicenceText, type TextParseSuccess } from './parse-licence-text.js';

function parse(text: string): TextParseSuccess {
  const r = parseLicenceText(text);
  if (!r.ok) throw new Error(`expected a licence, got ${r.code}: ${r.message}`);
  return r;
}

const HEAD = '增值电信业务经营许可证\n经营许可证编号：京B2-20180910\n';

describe('labels in the forms documents print them', () => {
  it.each([
    ['full-width colon', '公司名称：北京甲乙科技有限公司'],
    ['ASCII colon and space', '公司名称: 北京甲乙科技有限公司'],
    ['letter-spaced label in an aligned column', '公 司 名 称        北京甲乙科技有限公司'],
    ['ideographic spaces', '公司名称\u3000\u3000北京甲乙科技有限公司'],
    ['value on the next line', '公司名称：\n\n北京甲乙科技有限公司'],
  ])('reads the holder from a %s', (_, line) => {
    expect(parse(`${HEAD}${line}\n法定代表人：王五`).licence.holder.name).toBe(
      '北京甲乙科技有限公司',
    );
  });

  it('reads a validity range into validFrom and expiresOn', () => {
    const { licence } = parse(`${HEAD}公司名称：甲公司\n有效期：2022年09月05日至2027年09月04日`);
    expect([licence.validFrom, licence.expiresOn, licence.issuedOn]).toEqual([
      '2022-09-05',
      '2027-09-04',
      null,
    ]);
  });

  it.each([
    ['二〇二二年九月五日', '2022-09-05'],
    ['2022.9.5', '2022-09-05'],
    ['２０２２年０９月０５日', '2022-09-05'],
    ['2022-09-05', '2022-09-05'],
  ])('normalises the issue date %s', (printed, iso) => {
    expect(parse(`${HEAD}公司名称：甲公司\n发证日期：${printed}`).licence.issuedOn).toBe(iso);
  });

  it('keeps an impossible date null and says so', () => {
    const r = parse(`${HEAD}公司名称：甲公司\n发证日期：2023年02月30日`);
    expect(r.licence.issuedOn).toBeNull();
    expect(r.notes).toContainEqual(expect.objectContaining({ field: 'issuedOn', line: 4 }));
  });

  it('strips the stamp from a printed issuer and ignores a stamp alone', () => {
    expect(parse(`${HEAD}公司名称：甲\n发证机关：北京市通信管理局（盖章）`).licence.issuer).toBe(
      '北京市通信管理局',
    );
    expect(parse(`${HEAD}公司名称：甲\n发证机关(盖章)`).licence.issuer).toBeNull();
  });

  it('reads an OCR slip in the issuer as the authority, with the raw text and a note', () => {
    const text = `${HEAD}公司名称：甲\n发证机关：北京市通信答理局`;
    const ocr = parseLicenceText(text, { baseConfidence: 0.9 });
    if (!ocr.ok) throw new Error(ocr.message);
    expect(ocr.licence.issuer).toBe('北京市通信管理局');
    expect(ocr.evidence['issuer']).toMatchObject({
      raw: '北京市通信答理局',
      corrected: true,
      confidence: 0.7,
    });
    expect(ocr.notes).toContainEqual(expect.objectContaining({ field: 'issuer', line: 4 }));
    // From a text layer the misspelling stays as printed, for the issuer check to report.
    expect(parse(text).licence.issuer).toBe('北京市通信答理局');
  });

  it('reads the kind from the title', () => {
    expect(
      parse('跨地区增值电信业务经营许可证\n经营许可证编号：B2-20233776\n公司名称：甲').licence.kind,
    ).toBe('vats-cross-regional');
    expect(
      parse('中华人民共和国基础电信业务经营许可证\n经营许可证编号：A1.A2-20050005\n公司名称：甲')
        .licence.kind,
    ).toBe('basic');
    const noTitle = parse('经营许可证编号：京B2-20180910\n公司名称：甲\n法定代表人：乙');
    expect(noTitle.licence.kind).toBeNull();
    expect(noTitle.notes).toContainEqual(expect.objectContaining({ field: 'kind' }));
  });
});

describe('licence numbers', () => {
  it('normalises a full-width, spaced number', () => {
    expect(
      parse('增值电信业务经营许可证\n经营许可证编号：京 Ｂ２－２０１８ ０９１０\n公司名称：甲')
        .licence.number,
    ).toBe('京B2-20180910');
  });

  it('keeps a website filing suffix out of the number and notes it', () => {
    const r = parse('增值电信业务经营许可证\n经营许可证编号：黔B2-20090050-4\n公司名称：甲');
    expect(r.licence.number).toBe('黔B2-20090050');
    expect(r.notes).toContainEqual(expect.objectContaining({ field: 'number' }));
  });

  it('repairs a misread region prefix when the rest of the document names one region', () => {
    const r = parse(
      '增值电信业务经营许可证\n经营许可证编号：泸B2-20200731\n公司名称：上海青禾网络科技有限公司\n注册住所：上海市徐汇区漕溪北路88号\n发证机关：上海市通信管理局',
    );
    expect(r.licence.number).toBe('沪B2-20200731');
    expect(r.evidence['number']).toMatchObject({ raw: '泸B2-20200731', corrected: true });
    expect(r.notes.find((n) => n.field === 'number')?.message).toContain('上海市');
  });

  it('does not guess a region prefix when the document points to two regions', () => {
    const r = parse(
      '增值电信业务经营许可证\n经营许可证编号：泸B2-20200731\n公司名称：甲\n注册住所：北京市海淀区\n发证机关：上海市通信管理局',
    );
    expect(r.licence.number).toBe('泸B2-20200731');
    expect(r.evidence['number']?.confidence).toBeLessThan(1);
    expect(r.notes).toContainEqual(expect.objectContaining({ field: 'number' }));
  });

  it('notes a running header whose number differs from the first page', () => {
    const r = parse(
      `${HEAD}公司名称：甲\n- 1 -\n经营许可证编号：京B2-20180911\n特别规定事项\n一、甲。`,
    );
    expect(r.licence.number).toBe('京B2-20180910');
    expect(r.notes.find((n) => n.field === 'number')?.message).toContain('京B2-20180911');
  });
});

describe('services', () => {
  it('reads per-service coverage written inline, 51miit style', () => {
    const { licence } = parse(
      `${HEAD}公司名称：甲\n业务种类及覆盖范围：互联网数据中心业务：北京、上海；互联网接入服务业务：全国`,
    );
    expect(licence.services.map((s) => [s.code, s.coverage])).toEqual([
      ['B11', ['北京', '上海']],
      ['B14', ['全国']],
    ]);
  });

  it('keeps an unknown business type as written, with a null code and a note', () => {
    const r = parse(`${HEAD}公司名称：甲\n业务种类：星际通信业务\n业务覆盖范围：北京市`);
    expect(r.licence.services).toEqual([
      {
        code: null,
        name: '星际通信业务',
        qualifier: null,
        includes: [],
        excludes: [],
        coverage: ['北京市'],
      },
    ]);
    expect(r.notes).toContainEqual(expect.objectContaining({ field: 'services[0].code' }));
  });

  it('reads 服务项目 with positive items as includes', () => {
    const { licence } = parse(
      `${HEAD}公司名称：甲\n业务种类：信息服务业务（仅限互联网信息服务）\n业务覆盖范围：北京市\n服务项目：文化、出版`,
    );
    expect(licence.services[0]?.includes).toEqual(['文化', '出版']);
  });

  it('reads a sub-service code from the catalogue', () => {
    const { licence } = parse(
      `${HEAD}公司名称：甲\n业务种类：国内呼叫中心业务\n业务覆盖范围：北京市`,
    );
    expect(licence.services[0]?.code).toBe('B24-1');
  });
});

describe('annexes', () => {
  it('starts a new website for domains printed without a site name', () => {
    const { licence } = parse(
      `${HEAD}公司名称：甲\n网站域名：a.cn\n服务器放置地：北京\n网站域名：https://WWW.B.cn/index.html`,
    );
    expect(licence.websites.map((w) => [w.name, w.domains])).toEqual([
      [null, ['a.cn']],
      [null, ['www.b.cn']],
    ]);
  });

  it('reads IDC facilities from an inline list', () => {
    const { licence } = parse(`${HEAD}公司名称：甲\n机房所在地：北京市大兴区、上海市嘉定区`);
    expect(licence.facilities).toEqual(['北京市大兴区', '上海市嘉定区']);
  });
});

describe('inspections, signatures and page labels', () => {
  it('reads stamped inspections and skips empty slots', () => {
    const { licence } = parse(
      `${HEAD}公司名称：甲\n电信业务经营许可证年检情况记录表\n经审核，你公司2019年度年检合格。 发证机关（盖章） 2020年3月15日\t经审核，你公司 年度年检合格。 发证机关（盖章） 年 月 日\n经审核，你公司二〇二〇年度年检合格。发证机关（盖章）`,
    );
    expect(licence.inspections).toEqual([
      { year: 2019, result: 'passed', stampedOn: '2020-03-15' },
      { year: 2020, result: 'passed', stampedOn: null },
    ]);
  });

  it('pairs signature dates with their roles by position', () => {
    const { licence } = parse(
      `${HEAD}公司名称：甲\n特别规定事项\n一、甲乙。\n签发人：张三 公司代表：李四\n2022年9月5日 2022年9月6日`,
    );
    expect(licence.signatures).toEqual([
      { role: '签发人', name: '张三', date: '2022-09-05' },
      { role: '公司代表', name: '李四', date: '2022-09-06' },
    ]);
    expect(licence.provisions).toEqual([{ id: '1', text: '甲乙。', appliesTo: null }]);
  });

  it('reads page labels in the 第 N 页 form', () => {
    const r = parse(`${HEAD}公司名称：甲\n第 1 页 共 2 页\n法定代表人：乙\n第 2 页 共 2 页`);
    expect(r.pageLabels).toEqual(['1', '2']);
  });

  it('notes provision numbers that skip', () => {
    const r = parse(`${HEAD}公司名称：甲\n特别规定事项\n一、甲。\n三、丙。`);
    expect(r.notes).toContainEqual(expect.objectContaining({ field: 'provisions' }));
  });

  it('says which further lines a provision was read from, the page furniture between left out', () => {
    const r = parse(
      `${HEAD}公司名称：甲\n特别规定事项\n一、甲乙\n- 1 -\n经营许可证编号：京B2-20180910\n特别规定事项\n丙丁。\n二、戊。`,
    );
    expect(r.licence.provisions[0]?.text).toBe('甲乙丙丁。');
    expect(r.evidence['provisions[0]']?.line).toBe(5);
    expect(r.continuedOn).toEqual({ 'provisions[0]': [9] });
  });

  it('ends the provisions at a labelled annex printed after them', () => {
    const { licence } = parse(
      `${HEAD}公司名称：甲\n特别规定事项\n一、甲。\n网站名称：乙站\n网站域名：b.cn`,
    );
    expect(licence.provisions).toEqual([{ id: '1', text: '甲。', appliesTo: null }]);
    expect(licence.websites).toHaveLength(1);
  });
});

describe('documents that are not licences', () => {
  it.each([
    ['empty text', ''],
    ['prose', '今天天气很好。\n我们去公园散步。'],
    ['a title alone', '增值电信业务经营许可证'],
    ['an ICP filing notice', '京ICP备12345678号-1\n网站名称：甲'],
  ])('rejects %s with a clear reason', (_, text) => {
    const r = parseLicenceText(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe('NOT_A_LICENCE');
      expect(r.message).toContain('未找到许可证');
    }
  });

  it('accepts CRLF line endings', () => {
    expect(parse(HEAD.replace(/\n/gu, '\r\n') + '公司名称：甲\r\n').licence.holder.name).toBe('甲');
  });
});

describe('services printed with spaces or full-width forms', () => {
  it('cuts the qualifier after a letter-spaced service name', () => {
    const { licence } = parse(
      `${HEAD}公司名称：甲\n业务种类：互 联 网 数 据 中 心 业 务 （不含互联网资源协作服务）\n业务覆盖范围：北京市`,
    );
    expect(licence.services[0]).toMatchObject({
      code: 'B11',
      name: '互联网数据中心业务',
      qualifier: '不含互联网资源协作服务',
    });
  });
});
