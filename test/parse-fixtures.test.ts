import { describe, expect, it } from 'vitest';
import { parseDocument, type ParseDocumentDeps } from '../src/app/documents/parse-document.js';
import { ParseResultSchema, type ParseResult } from '../src/core/licence.js';
import { fixtureBytes, FIXTURES, TEXT_DOCUMENTS } from './fixtures.js';

const deps: ParseDocumentDeps = TEXT_DOCUMENTS;

async function parseFixture(name: keyof typeof FIXTURES): Promise<ParseResult> {
  const result = await parseDocument(fixtureBytes(name), FIXTURES[name], deps);
  // Every result is a valid record of the spec's schema.
  return ParseResultSchema.parse(result);
}

describe('the seed licence 京B2-20180910', () => {
  it('reads every value of the spec example', async () => {
    const r = await parseFixture('seed');
    const l = r.licence;
    expect(r.schema).toBe('xuke.licence/v1');
    expect(l.kind).toBe('vats');
    expect(l.number).toBe('京B2-20180910');
    expect(l.holder).toEqual({
      name: '云智联网络科技（北京）有限公司',
      legalRepresentative: '李国杰',
      creditCode: null,
      address: null,
    });
    expect(l.services).toEqual([
      {
        code: 'B25',
        name: '信息服务业务',
        qualifier: '仅限互联网信息服务',
        includes: ['文化'],
        excludes: ['信息搜索查询服务', '信息即时交互服务'],
        coverage: [],
      },
    ]);
    expect(l.issuer).toBeNull();
    expect(l.issuedOn).toBe('2022-09-05');
    expect(l.expiresOn).toBe('2023-05-03');
    expect(l.validFrom).toBeNull();
    expect(l.websites).toEqual([
      {
        name: '云智联产品主站1',
        domains: ['upliveapp.com'],
        serverLocation: '北京市朝阳区裕民路乙3号A座7层2机房',
        accessProvider: '腾讯云计算（北京）有限责任公司',
      },
    ]);
    expect(l.apps).toEqual([]);
    expect(l.facilities).toEqual([]);
    expect(l.inspections).toEqual([]);
    expect(l.signatures).toEqual([
      { role: '司(局)负责人', name: '李国杰', date: null },
      { role: '公司代表', name: null, date: '2018-06-06' },
    ]);
    expect(r.source.format).toBe('text');
    expect(r.source.encoding).toBe('utf-8');
    expect(r.source.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.source.pageLabels).toEqual(['23', '23', '23', '23', '23', '25']);
  });

  it('reads 29 provisions with ids 1…15 and 15.1…15.14', async () => {
    const { provisions } = (await parseFixture('seed')).licence;
    expect(provisions).toHaveLength(29);
    expect(provisions.map((p) => p.id)).toEqual([
      ...Array.from({ length: 15 }, (_, i) => String(i + 1)),
      ...Array.from({ length: 14 }, (_, i) => `15.${i + 1}`),
    ]);
    expect(provisions[0]?.text).toMatch(/^你公司应当按照《中华人民共和国电信条例》/u);
    expect(provisions[14]?.text).toBe('你公司在经营信息服务业务时应遵守下列规定：');
  });

  it('joins provision 6 across the page break and leaves the page furniture out', async () => {
    const { provisions } = (await parseFixture('seed')).licence;
    const p6 = provisions.find((p) => p.id === '6')?.text ?? '';
    expect(p6).toContain('开展所属网络和系统定级备案、符合性评测和风险评估等工作，');
    expect(p6).not.toMatch(/负责人|经营许可证编号|特别规定事项|- 23 -|年 月 日/u);
    const p12 = provisions.find((p) => p.id === '12')?.text ?? '';
    expect(p12).toMatch(/应当提前90日向原发证机关提出续办申请。$/u);
    const p156 = provisions.find((p) => p.id === '15.6')?.text ?? '';
    expect(p156).toContain('并将相关信息向业务开展地电信主管部门报备');
    const p1512 = provisions.find((p) => p.id === '15.12')?.text ?? '';
    expect(p1512).toBe(
      '你公司提供信息搜索查询服务时，应当按照电信主管部门要求或有关标准，具备网络信息安全技术保障措施，不得向用户推送或推荐违法信息。',
    );
    for (const p of provisions) expect(p.text).not.toMatch(/司\(局\)负责人|年 月 日/u);
  });

  it('reads appliesTo on 15.10–15.14 and strips the marker from the text', async () => {
    const { provisions } = (await parseFixture('seed')).licence;
    const scoped = provisions.filter((p) => p.appliesTo !== null);
    expect(scoped.map((p) => [p.id, p.appliesTo])).toEqual([
      ['15.10', '信息发布平台和递送服务'],
      ['15.11', '信息发布平台和递送服务'],
      ['15.12', '信息搜索查询服务'],
      ['15.13', '信息社区平台服务'],
      ['15.14', '信息即时交互服务'],
    ]);
    for (const p of scoped) expect(p.text).not.toContain('适用于');
  });

  it('notes the unstated coverage and points evidence at the printed lines', async () => {
    const r = await parseFixture('seed');
    expect(r.notes).toContainEqual(
      expect.objectContaining({ field: 'services[0].coverage', line: 15 }),
    );
    expect(r.evidence['number']).toEqual({
      line: 6,
      text: '经营许可证编号：京B2-20180910',
      confidence: 1,
    });
    expect(r.evidence['expiresOn']).toMatchObject({ line: 25, text: '有效期至：2023年05月3日' });
    expect(r.evidence['inspections']).toMatchObject({ text: '电信业务经营许可证年检情况记录表' });
  });
});

describe('the cross-regional licence B1.B2-20233345', () => {
  it('gives four services, each with its own coverage', async () => {
    const l = (await parseFixture('b1b2')).licence;
    expect(l.kind).toBe('vats-cross-regional');
    expect(l.number).toBe('B1.B2-20233345');
    expect(l.services.map((s) => [s.code, s.name, s.qualifier, s.coverage])).toEqual([
      [
        'B11',
        '互联网数据中心业务',
        '不含互联网资源协作服务',
        ['北京', '上海', '广东（广州、深圳）'],
      ],
      ['B12', '内容分发网络业务', null, ['全国']],
      ['B21', '在线数据处理与交易处理业务', '仅限经营类电子商务', ['全国']],
      ['B25', '信息服务业务', '仅限互联网信息服务', ['全国']],
    ]);
    expect(l.issuer).toBe('中华人民共和国工业和信息化部');
    expect([l.issuedOn, l.expiresOn]).toEqual(['2023-03-09', '2028-03-09']);
    expect(l.holder.creditCode).toBe('91440300MA5FK2L751');
  });

  it('gives four facilities and two websites', async () => {
    const l = (await parseFixture('b1b2')).licence;
    expect(l.facilities).toEqual([
      '北京市大兴区经海路9号星桥北京一号数据中心',
      '上海市嘉定区安亭镇墨玉南路1020号',
      '广东省广州市黄埔区科学大道233号',
      '广东省深圳市龙岗区坂田街道五和大道4023号',
    ]);
    expect(l.websites.map((w) => [w.name, w.domains])).toEqual([
      ['星桥云', ['xingqiao-cloud.com', 'www.xingqiao-cloud.com']],
      ['星桥商城', ['mall.xingqiao-cloud.com']],
    ]);
    expect(l.provisions.map((p) => p.id)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });
});

describe('the provincial electronic licence 沪B2-20200731', () => {
  it('gives its credit code, address, two websites and one app', async () => {
    const r = await parseFixture('hu');
    const l = r.licence;
    expect(l.kind).toBe('vats');
    expect(l.number).toBe('沪B2-20200731');
    expect(l.holder).toEqual({
      name: '上海青禾网络科技有限公司',
      legalRepresentative: '陈思远',
      creditCode: '91310104MA1FR5C85C',
      address: '上海市徐汇区漕溪北路88号15层1503室',
    });
    expect(l.services).toEqual([
      {
        code: 'B25',
        name: '信息服务业务',
        qualifier: '仅限互联网信息服务',
        includes: [],
        excludes: ['信息搜索查询服务', '信息即时交互服务'],
        coverage: ['上海市'],
      },
    ]);
    expect(l.issuer).toBe('上海市通信管理局');
    expect(l.websites).toEqual([
      {
        name: '青禾读书',
        domains: ['www.qinghe-read.cn', 'qinghe-read.cn'],
        serverLocation: '上海市宝山区园丰路88号',
        accessProvider: '阿里云计算有限公司',
      },
      {
        name: '青禾听书',
        domains: ['listen.qinghe-read.cn'],
        serverLocation: '上海市宝山区园丰路88号',
        accessProvider: '阿里云计算有限公司',
      },
    ]);
    expect(l.apps).toEqual([{ name: '青禾读书', stores: ['华为应用市场', '苹果应用商店'] }]);
    expect(l.provisions).toHaveLength(12);
    expect(l.provisions[11]).toEqual({
      id: '12',
      text: '你公司提供信息搜索查询服务时，不得向用户推送或推荐违法信息。',
      appliesTo: '信息搜索查询服务',
    });
    expect(r.notes).toEqual([]);
  });

  it('parses the GB18030 copy identically', async () => {
    const utf8 = await parseFixture('hu');
    const gb = await parseFixture('huGb18030');
    expect(gb.source.encoding).toBe('gb18030');
    expect(gb.licence).toEqual(utf8.licence);
    expect(gb.evidence).toEqual(utf8.evidence);
    expect(gb.notes).toEqual(utf8.notes);
  });
});

describe('the Tesseract OCR output of the scanned 沪B2-20200731', () => {
  it('reads number, holder, legal representative, dates and service code right', async () => {
    const r = await parseFixture('huTesseract');
    const l = r.licence;
    expect(l.number).toBe('沪B2-20200731');
    expect(l.holder.name).toBe('上海青禾网络科技有限公司');
    expect(l.holder.legalRepresentative).toBe('陈思远');
    expect(l.issuedOn).toBe('2025-07-31');
    expect(l.expiresOn).toBe('2030-07-31');
    expect(l.services.map((s) => [s.code, s.qualifier, s.coverage, s.excludes])).toEqual([
      ['B25', '仅限互联网信息服务', ['上海市'], ['信息搜索查询服务', '信息即时交互服务']],
    ]);
  });

  it('reports the damaged credit code in notes instead of passing it on', async () => {
    const r = await parseFixture('huTesseract');
    expect(r.licence.holder.creditCode).toBeNull();
    const note = r.notes.find((n) => n.field === 'holder.creditCode');
    expect(note?.message).toContain('91310104MA1LFR5C85C');
    expect(r.evidence['holder.creditCode']).toMatchObject({
      raw: '91310104MA1LFR5C85C',
      corrected: false,
      confidence: 0,
    });
  });

  it('says which fields it corrected, keeping the raw OCR text', async () => {
    const r = await parseFixture('huTesseract');
    expect(r.evidence['expiresOn']).toMatchObject({
      corrected: true,
      raw: expect.stringContaining(']') as unknown,
    });
    expect(r.evidence['services[0].qualifier']).toMatchObject({ corrected: true });
    const p2 = r.licence.provisions.find((p) => p.id === '2');
    expect(p2?.text).toContain('不得超越许可的业务覆盖范围开展经营活动');
    expect(r.licence.provisions.find((p) => p.id === '12')?.appliesTo).toBe('信息搜索查询服务');
    expect(r.licence.provisions).toHaveLength(12);
  });
});

describe('signature evidence', () => {
  it('quotes the line on which a signature date is printed', async () => {
    const r = await parseFixture('seed');
    expect(r.evidence['signatures[1].date']).toEqual({
      line: 156,
      text: '年 月 日 2018年6月6日',
      confidence: 1,
    });
    expect(r.evidence['signatures[0].date']).toBeUndefined();
  });
});
