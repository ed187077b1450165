/**
 * Layouts the parser met on licence documents printed by other hands (issue 17): each case was read
 * wrongly before the layout stage (src/core/parse/layout.ts) and the name normalisation
 * (src/core/names.ts).
 */
import { describe, expect, it } from 'vitest';
import { parseLicenceText, type TextParseSuccess } from '../src/core/parse/parse-licence-text.js';

function parse(text: string, baseConfidence?: number): TextParseSuccess {
  const r = parseLicenceText(text, baseConfidence === undefined ? {} : { baseConfidence });
  if (!r.ok) throw new Error(`expected a licence, got ${r.code}: ${r.message}`);
  return r;
}

const HEAD = '增值电信业务经营许可证\n经营许可证编号：京B2-20180910\n公司名称：甲乙科技有限公司\n';
const TAIL = '\n发证日期：2024年05月20日\n有效期至：2029年05月20日\n';

function fieldsNoted(r: TextParseSuccess): string[] {
  return r.notes.map((n) => n.field);
}

describe('issue 17: the cases observed on documents outside the fixtures', () => {
  it('reads coverage printed in a column after each service', () => {
    const r = parse(
      `${HEAD}业务种类及覆盖范围：\n  信息服务业务（仅限互联网信息服务）        全国\n  互联网数据中心业务                        北京、上海${TAIL}`,
    );
    expect(r.licence.services.map((s) => [s.code, s.qualifier, s.coverage])).toEqual([
      ['B25', '仅限互联网信息服务', ['全国']],
      ['B11', null, ['北京', '上海']],
    ]);
    expect(fieldsNoted(r)).not.toContain('services[0].coverage');
    expect(fieldsNoted(r)).not.toContain('services[1].coverage');
    expect(r.evidence['services[1].coverage']?.line).toBe(6);
  });

  it('reads a service wrapped under a coverage column printed on its first line', () => {
    const r = parse(
      `${HEAD}业务种类（服务项目）及覆盖范围：\n第一类增值电信业务中的内容分发网络业务                                福建省\n第二类增值电信业务中的信息服务业务（仅限互联网信息服务）含信息发布  宁夏、湖南\n平台和递送服务，不含药品和医疗器械、信息搜索查询服务\n【依法须经批准的项目，经相关部门批准后方可开展相应经营活动】${TAIL}`,
    );
    expect(r.licence.services.map((s) => [s.code, s.includes, s.excludes, s.coverage])).toEqual([
      ['B12', [], [], ['福建省']],
      ['B25', ['信息发布平台和递送服务'], ['药品和医疗器械', '信息搜索查询服务'], ['宁夏', '湖南']],
    ]);
    expect(r.evidence['services[1].coverage']?.line).toBe(6);
  });

  it('reads coverage printed after the exclusions', () => {
    const r = parse(
      `${HEAD}业务种类：信息服务业务（仅限互联网信息服务）不含新闻、出版、电子公告服务。浙江省${TAIL}`,
    );
    const [s] = r.licence.services;
    expect(s?.excludes).toEqual(['新闻', '出版', '电子公告服务']);
    expect(s?.coverage).toEqual(['浙江省']);
    expect(fieldsNoted(r)).not.toContain('services[0].coverage');
  });

  it('reads a validity range as the start and the expiry, and misses no issue date', () => {
    const r = parse(
      `${HEAD}业务种类：信息服务业务（仅限互联网信息服务）\n业务覆盖范围：全国\n有效期：2024年05月20日至2029年05月20日`,
    );
    expect([r.licence.validFrom, r.licence.expiresOn]).toEqual(['2024-05-20', '2029-05-20']);
    expect(r.evidence['validFrom']?.line).toBe(6);
    expect(fieldsNoted(r)).not.toContain('issuedOn');
    expect(fieldsNoted(r)).not.toContain('expiresOn');
  });

  it('joins a qualifier wrapped across lines and keeps the exclusions after it', () => {
    const r = parse(
      `${HEAD}业务种类：信息服务业务（仅限互联网信息服\n务）不含信息搜索查询服务、信息即时交互服务\n业务覆盖范围：全国${TAIL}`,
    );
    const [s] = r.licence.services;
    expect(s?.qualifier).toBe('仅限互联网信息服务');
    expect(s?.excludes).toEqual(['信息搜索查询服务', '信息即时交互服务']);
    expect(s?.coverage).toEqual(['全国']);
    expect(r.evidence['services[0]']?.line).toBe(4);
  });

  it('sets a browser print header and footer aside as page furniture', () => {
    const header = '11/28/26, 9:09 AM    电信业务经营许可证查询';
    const footer = (n: number): string =>
      `https://dxzhgl.miit.gov.cn/dxxzsp/xkz/xkzgl/resource/licence.html?id=1    ${n}/2`;
    const r = parse(
      [
        header,
        HEAD.trimEnd(),
        '业务种类：信息服务业务（仅限互联网信息服务）',
        '业务覆盖范围：全国',
        TAIL.trim(),
        '特别规定事项',
        '一、你公司应当按照许可的业务种类开展',
        footer(1),
        '',
        '11/28/26, 9:09 AM',
        '电信业务经营许可证查询',
        '经营活动。',
        '二、你公司应当在网站首页标明经营许可证编号。',
        footer(2),
      ].join('\n'),
    );
    expect(r.licence.provisions.map((p) => p.text)).toEqual([
      '你公司应当按照许可的业务种类开展经营活动。',
      '你公司应当在网站首页标明经营许可证编号。',
    ]);
    expect(r.pageLabels).toEqual([]);
  });

  it('reads a table row a browser print broke across pages, its coverage on the next page', () => {
    const pad = (service: string, coverage: string) =>
      `   ${service}${' '.repeat(Math.max(2, 52 - 3 - service.length * 2))}${coverage}`;
    const r = parse(
      [
        HEAD.trimEnd(),
        pad('业务种类（服务项目）', '覆盖范围'),
        pad('第一类增值电信业务中的互联网接入服务业', '全国'),
        '   务',
        pad('第二类增值电信业务中的信息服务业务（仅', '全国'),
        '   限互联网信息服务）不含药品和医疗器械',
        '   第二类增值电信业务中的域名解析服务业',
        'https://dxzhgl.miit.gov.cn/dxxzsp/xkz/xkzgl/resource/qualificationDetail.html?id=1     1/2',
        '',
        '',
        '9/19/24, 1:22 PM',
        pad('务', '河南省、河北省'),
        '',
        TAIL.trim(),
        'https://dxzhgl.miit.gov.cn/dxxzsp/xkz/xkzgl/resource/qualificationDetail.html?id=1     2/2',
      ].join('\n'),
    );
    expect(services(r)).toEqual([
      ['B14', null, [], ['全国']],
      ['B25', '仅限互联网信息服务', ['药品和医疗器械'], ['全国']],
      ['B26-1', null, [], ['河南省', '河北省']],
    ]);
  });

  it('normalises OCR parentheses in the company name, keeping the raw text in evidence', () => {
    const r = parse(
      `增值电信业务经营许可证\n经营许可证编号：京B2-20180910\n公司名称：云智联网络科技(北京)有限公司${TAIL}`,
      0.9,
    );
    expect(r.licence.holder.name).toBe('云智联网络科技（北京）有限公司');
    expect(r.evidence['holder.name']?.raw).toBe('云智联网络科技(北京)有限公司');
  });

  it('cleans stray punctuation off an access provider read by OCR', () => {
    const r = parse(
      `${HEAD}${TAIL}网站名称：云智联\n网站域名：upliveapp.com\n网站接入服务提供单位：;:腾讯云计算(北京)有限责任公司`,
      0.9,
    );
    expect(r.licence.websites[0]?.accessProvider).toBe('腾讯云计算（北京）有限责任公司');
    // the line as printed stays in evidence; the value before normalisation too
    const e = r.evidence['websites[0].accessProvider'];
    expect(e?.text).toContain(';:腾讯云计算(北京)有限责任公司');
    expect(e?.raw).toBe('腾讯云计算(北京)有限责任公司');
  });

  it('joins a branch’s name wrapped after its parent company’s name, which looked whole', () => {
    const r = parse(
      `${HEAD}${TAIL}网站名称：米通听书\n网站域名：www.jingdataitech.cn\n` +
        '网站接入服务提供单位：中国电信股份有限公司\n上海分公司\n网站名称：米通商城\n' +
        '网站域名：mall.jingdataitech.cn\n网站接入服务提供单位：阿里云计算有限公司\n',
    );
    expect(r.licence.websites.map((w) => w.accessProvider)).toEqual([
      '中国电信股份有限公司上海分公司',
      '阿里云计算有限公司',
    ]);
  });
});

const LICENCE =
  '中华人民共和国增值电信业务经营许可证\n经营许可证编号：沪B2-20200731\n公司名称：上海青禾网络科技有限公司\n法定代表人：陈思远\n';
const DATES = '\n发证机关：上海市通信管理局\n发证日期：2025年07月31日\n有效期至：2030年07月31日\n';

function services(r: TextParseSuccess): [string | null, string | null, string[], string[]][] {
  return r.licence.services.map((s) => [s.code, s.qualifier, s.excludes, s.coverage]);
}

describe('service tables', () => {
  const expected = [
    ['B25', '仅限互联网信息服务', ['信息搜索查询服务'], ['上海市']],
    ['B11', null, [], ['北京', '上海']],
  ];

  it('reads a box-drawn table, a cell wrapped inside its column', () => {
    const table = [
      '┌──────────────────────────────┬────────────┬──────────────────────┐',
      '│业务种类                      │业务覆盖范围│备注                  │',
      '├──────────────────────────────┼────────────┼──────────────────────┤',
      '│信息服务业务（仅限互联网信息服│上海市      │不含信息搜索查询服务  │',
      '│务）                          │            │                      │',
      '├──────────────────────────────┼────────────┼──────────────────────┤',
      '│互联网数据中心业务            │北京、上海  │                      │',
      '└──────────────────────────────┴────────────┴──────────────────────┘',
    ].join('\n');
    const r = parse(`${LICENCE}${table}${DATES}`);
    expect(services(r)).toEqual(expected);
    expect(r.evidence['services[1]']?.line).toBe(11);
    expect(r.notes.map((n) => n.field)).toEqual([]);
  });

  it('reads an ASCII table with a 序号 column', () => {
    const table = [
      '+----+------------------------------------+--------------+',
      '| 序号 | 业务种类 | 业务覆盖范围 |',
      '+----+------------------------------------+--------------+',
      '| 1 | 信息服务业务（仅限互联网信息服务）不含信息搜索查询服务 | 上海市 |',
      '| 2 | 互联网数据中心业务 | 北京、上海 |',
      '+----+------------------------------------+--------------+',
    ].join('\n');
    expect(services(parse(`${LICENCE}${table}${DATES}`))).toEqual(expected);
  });

  it('reads a tab-separated table', () => {
    const table =
      '业务种类\t业务覆盖范围\t备注\n信息服务业务（仅限互联网信息服务）\t上海市\t不含信息搜索查询服务\n互联网数据中心业务\t北京、上海\t';
    expect(services(parse(`${LICENCE}${table}${DATES}`))).toEqual(expected);
  });

  it('reads a table whose cells pdftotext -raw parted by one space, the service wrapped', () => {
    const table = [
      '业务种类 覆盖范围',
      '信息服务业务（仅限互联网信息服务）不含 上海市',
      '信息搜索查询服务',
      '第一类增值电信业务中的 北京、上海',
      '互联网数据中心',
      '业务',
    ].join('\n');
    expect(services(parse(`${LICENCE}${table}${DATES}`))).toEqual(expected);
  });

  it('reads numbered rows whose coverage wraps or comes on a line of its own (pdftotext -raw)', () => {
    const table = [
      '序号 业务种类 业务覆盖范围',
      '1 第二类增值电信业务中的在线数据处理与交易处理业务（仅限经营类电子商务） 北京、青海、贵',
      '州',
      '2 第二类增值电信业务中的存储转发类业务 全国',
      '3 第二类增值电信业务中的信息服务业务（仅限互联网信息服务）含信息社区平台服',
      '务、信息保护和处理服务',
      '全国',
    ].join('\n');
    const r = parse(`${LICENCE}${table}${DATES}`);
    expect(r.licence.services.map((s) => [s.code, s.includes, s.coverage])).toEqual([
      ['B21', [], ['北京', '青海', '贵州']],
      ['B23', [], ['全国']],
      ['B25', ['信息社区平台服务', '信息保护和处理服务'], ['全国']],
    ]);
  });
});

describe('a services table whose header a PDF reader glued together', () => {
  it('reads the rows by their coverage, the 序号 and the 服务项目 cell read through', () => {
    const table = [
      '序号业务种类服务项目覆盖范围',
      '1 第二类增值电信业务中的信息服务业务（仅限互联网信息服务） 含信息搜索查询服务 北京市',
      '2 互联网数据中心业务 北京、上海',
    ].join('\n');
    const r = parse(`${LICENCE}${table}${DATES}`);
    expect(r.licence.services.map((s) => [s.code, s.includes, s.coverage])).toEqual([
      ['B25', ['信息搜索查询服务'], ['北京市']],
      ['B11', [], ['北京', '上海']],
    ]);
  });
});

describe('a services table as pdftotext -layout prints it', () => {
  it('reads header words one cell holds and cells aligned by characters, not display columns', () => {
    // pdftotext -layout counts an ideograph as one column: 州 stands under 业务覆盖范围
    const text = [
      ...LICENCE.trimEnd().split('\n'),
      '业务种类及覆盖范围：',
      '',
      '序号 业务种类                                    业务覆盖范围',
      '',
      '1   第一类增值电信业务中的国内互联网虚拟专用网业务                陕西省、湖南省',
      '',
      '2   第二类增值电信业务中的在线数据处理与交易处理业务（仅限经营类电子商务）    北京、青海、贵',
      '                                           州',
      '',
      '3   第二类增值电信业务中的存储转发类业务                     全国',
      DATES.trimEnd(),
    ].join('\n');
    const r = parse(text);
    expect(r.licence.services.map((s) => [s.code, s.qualifier, s.coverage])).toEqual([
      ['B13', null, ['陕西省', '湖南省']],
      ['B21', '仅限经营类电子商务', ['北京', '青海', '贵州']],
      ['B23', null, ['全国']],
    ]);
  });
});

describe('a table of websites', () => {
  it('reads one website a row, the header and the cells wrapped inside their columns', () => {
    const text = [
      '中华人民共和国增值电信业务经营许可证',
      '经营许可证编号：沪B2-20200731',
      '公司名称：上海青禾网络科技有限公司',
      '法定代表人：陈思远',
      '业务种类：信息服务业务（仅限互联网信息服务）',
      '业务覆盖范围：上海市',
      '发证机关：上海市通信管理局',
      '发证日期：2025年07月31日',
      '有效期至：2030年07月31日',
      '┌────┬──────────┬────────────────────┬──────────────────┬──────────────────┐',
      '│序号│网站名称  │网站域名            │服务器放置地      │网站接入服务提供单│',
      '│    │          │                    │                  │位                │',
      '├────┼──────────┼────────────────────┼──────────────────┼──────────────────┤',
      '│1   │青禾读书  │www.qinghe-read.cn  │上海市宝山区园丰路│阿里云计算有限公司│',
      '│    │          │qinghe-read.cn      │88号              │                  │',
      '├────┼──────────┼────────────────────┼──────────────────┼──────────────────┤',
      '│2   │青禾听书  │listen.qinghe-read.c│上海市宝山区园丰路│腾讯云计算（北京）│',
      '│    │          │n                   │88号              │有限责任公司      │',
      '└────┴──────────┴────────────────────┴──────────────────┴──────────────────┘',
    ].join('\n');
    const r = parse(text);
    expect(r.licence.websites).toEqual([
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
        accessProvider: '腾讯云计算（北京）有限责任公司',
      },
    ]);
    expect(r.evidence['websites[1].name']?.line).toBe(17);
  });
  const WEB_HEAD = [
    '中华人民共和国增值电信业务经营许可证',
    '经营许可证编号：沪B2-20200731',
    '公司名称：上海青禾网络科技有限公司',
    '业务种类：信息服务业务（仅限互联网信息服务）',
    '业务覆盖范围：上海市',
    '发证日期：2025年07月31日',
    '有效期至：2030年07月31日',
  ];

  it('reads rows parted by blank lines, each cell wrapped however far (a PDF reader, no rules)', () => {
    // every cell of the row's second line is filled: only the blank lines part the rows
    const text = [
      ...WEB_HEAD,
      '网站名称    网站域名               服务器放置地               网站接入服务提供单位',
      '',
      '青禾读书    www.qinghe-read.cn     上海市宝山区园丰路88号     中国电信股份有限公司上海分公',
      '平台        api.qinghe-read.cn     17层                       司',
      '',
      '青禾听书    qinghe-read.cn         上海市宝山区科学大道606号  华为云计算技术有限公司',
      '            shop.qinghe-read.cn    2号楼',
      '            bbs.qinghe.vip',
      '',
      '移动应用名称：青禾阅读',
    ].join('\n');
    const r = parse(text);
    expect(r.licence.websites).toEqual([
      {
        name: '青禾读书平台',
        domains: ['www.qinghe-read.cn', 'api.qinghe-read.cn'],
        serverLocation: '上海市宝山区园丰路88号17层',
        accessProvider: '中国电信股份有限公司上海分公司',
      },
      {
        name: '青禾听书',
        domains: ['qinghe-read.cn', 'shop.qinghe-read.cn', 'bbs.qinghe.vip'],
        serverLocation: '上海市宝山区科学大道606号2号楼',
        accessProvider: '华为云计算技术有限公司',
      },
    ]);
    expect(r.evidence['websites[1].name']?.line).toBe(13);
  });

  it('reads a table whose cells pdftotext -raw gave as a run of words, each wrapped', () => {
    const text = [
      ...WEB_HEAD,
      '序号 网站名称 网站域名 服务器放置地 网站接入服务提供单位',
      '1 青禾读书 www.qinghe-read.cn',
      'listen.qinghe-read.cn',
      '上海市宝山区科学大道606',
      '号2号楼',
      '中国电信股份有限公司上海分',
      '公司',
      '2 青禾听书 qinghe.vip 上海市宝山区园丰路88号5机',
      '房',
      '华为云计算技术有限公司',
      '移动应用名称：青禾阅读',
    ].join('\n');
    const r = parse(text);
    expect(r.licence.websites).toEqual([
      {
        name: '青禾读书',
        domains: ['www.qinghe-read.cn', 'listen.qinghe-read.cn'],
        serverLocation: '上海市宝山区科学大道606号2号楼',
        accessProvider: '中国电信股份有限公司上海分公司',
      },
      {
        name: '青禾听书',
        domains: ['qinghe.vip'],
        serverLocation: '上海市宝山区园丰路88号5机房',
        accessProvider: '华为云计算技术有限公司',
      },
    ]);
    expect(r.evidence['websites[1].name']?.line).toBe(15);
  });

  it('parts a domain from the cell beside it across one space (pdftotext -layout)', () => {
    const text = [
      ...WEB_HEAD,
      '网站名称   网站域名                 服务器放置地          网站接入服务提供单位',
      '',
      '青禾读书   www.qinghe-read.cn 上海市宝山区科学大道        华为云计算技术有限公司',
      '平台      api.qinghe-read.cn 606号',
      '',
      '',
      '青禾听书   qinghe.vip           上海市宝山区园丰路88号   阿里云计算有限公司',
    ].join('\n');
    const r = parse(text);
    expect(r.licence.websites.map((w) => [w.name, w.domains, w.serverLocation])).toEqual([
      ['青禾读书平台', ['www.qinghe-read.cn', 'api.qinghe-read.cn'], '上海市宝山区科学大道606号'],
      ['青禾听书', ['qinghe.vip'], '上海市宝山区园丰路88号'],
    ]);
  });

  it('keeps rows apart when no blank line parts them, unless a cell ends with a list separator', () => {
    const text = [
      ...WEB_HEAD,
      '网站名称    网站域名                  服务器放置地         网站接入服务提供单位',
      '青禾读书    www.qinghe-read.cn        上海市宝山区园丰路   阿里云计算有限公司',
      '青禾听书    listen.qinghe-read.cn、   上海市宝山区园丰路   中国联合网络通信有限公司北',
      '平台        m.qinghe-read.cn          88号                 京市分公司',
      '青禾商城    shop.qinghe-read.cn       上海市宝山区园丰路   华为云计算技术有限公司',
    ].join('\n');
    const r = parse(text);
    expect(r.licence.websites.map((w) => [w.name, w.domains, w.accessProvider])).toEqual([
      ['青禾读书', ['www.qinghe-read.cn'], '阿里云计算有限公司'],
      [
        '青禾听书平台',
        ['listen.qinghe-read.cn', 'm.qinghe-read.cn'],
        '中国联合网络通信有限公司北京市分公司',
      ],
      ['青禾商城', ['shop.qinghe-read.cn'], '华为云计算技术有限公司'],
    ]);
  });
});

describe('aligned columns and letter-spaced labels', () => {
  it('reads labels set in brackets (【公司名称】, [发证日期]) as labels', () => {
    const r = parse(
      [
        '中华人民共和国增值电信业务经营许可证',
        '【经营许可证编号】沪B2-20200731',
        '【公司名称】上海青禾网络科技有限公司',
        '〔法定代表人〕 陈思远',
        '【业务种类】信息服务业务（仅限互联网信息服务）',
        '【业务覆盖范围】上海市',
        '[发证机关] 上海市通信管理局',
        '【发证日期】2025年07月31日',
        '【有效期至】2030年07月31日',
      ].join('\n'),
    );
    const l = r.licence;
    expect([l.number, l.holder.name, l.holder.legalRepresentative, l.issuer]).toEqual([
      '沪B2-20200731',
      '上海青禾网络科技有限公司',
      '陈思远',
      '上海市通信管理局',
    ]);
    expect(services(r)).toEqual([['B25', '仅限互联网信息服务', [], ['上海市']]]);
    expect([l.issuedOn, l.expiresOn]).toEqual(['2025-07-31', '2030-07-31']);
  });

  it('reads a letter-spaced label with Latin letters (A  P  P  名  称) whatever spaces part them', () => {
    for (const space of [' ', '  ', '\u3000']) {
      const spaced = (label: string) => Array.from(label).join(space);
      const r = parse(
        `${HEAD}${spaced('业务种类')}：信息服务业务（仅限互联网信息服务）\n` +
          `${spaced('APP名称')}：智达文阅读\n${spaced('应用分发平台')}：小米应用商店、vivo应用商店${TAIL}`,
      );
      expect(r.licence.apps, JSON.stringify(space)).toEqual([
        { name: '智达文阅读', stores: ['小米应用商店', 'vivo应用商店'] },
      ]);
    }
  });
  it('reads label/value pairs in columns, two on a line, letter-spaced, and coverage in a column', () => {
    const r = parse(
      [
        '中华人民共和国增值电信业务经营许可证',
        '经营许可证编号    沪B2-20200731',
        '公  司  名  称：  上海青禾网络科技有限公司        法定代表人    陈思远',
        '统 一 社 会 信 用 代 码  91310104MA1FR5C85C',
        '业务种类                                        业务覆盖范围',
        '信息服务业务（仅限互联网信息服务）              上海市',
        '互联网数据中心业务                              北京、上海',
        '发 证 机 关       上海市通信管理局',
        '发 证 日 期       2025年7月31日',
        '有 效 期 限       2025年7月31日至2030年7月31日',
      ].join('\n'),
    );
    const l = r.licence;
    expect([l.holder.name, l.holder.legalRepresentative, l.holder.creditCode]).toEqual([
      '上海青禾网络科技有限公司',
      '陈思远',
      '91310104MA1FR5C85C',
    ]);
    expect(r.evidence['holder.legalRepresentative']?.line).toBe(3);
    expect(l.services.map((s) => [s.code, s.coverage])).toEqual([
      ['B25', ['上海市']],
      ['B11', ['北京', '上海']],
    ]);
    expect([l.issuer, l.issuedOn, l.validFrom, l.expiresOn]).toEqual([
      '上海市通信管理局',
      '2025-07-31',
      '2025-07-31',
      '2030-07-31',
    ]);
  });
});

/** The head of a licence wrapped at 16 ideographs (32 display columns), lines cut where they fill it. */
const WRAPPED_HEAD = [
  '中华人民共和国增值电信业务经营许',
  '可证',
  '经营许可证编号：沪B2-20200731',
  '公司名称：上海青禾网络科技有限公',
  '司',
  '法定代表人：陈思远',
];

describe('wrapped lines', () => {
  it('joins numbers, codes, names, scopes and domains wrapped at any point', () => {
    const r = parse(
      [
        '中华人民共和国增值电信业务经营许可证',
        '经营许可证编号：沪B2-2020',
        '0731',
        '公司名称：上海青禾网络科技（上',
        '海）有限公司',
        '统一社会信用代码：91310104MA1F',
        'R5C85C',
        '法定代表人：陈思远',
        '业务种类：信息服务业务（仅限互联网信息服务）不含信息搜索查询服务、信息即',
        '时交互服务',
        '业务覆盖范围：上海市',
        '网站名称：青禾读书',
        '网站域名：www.qinghe-read.c',
        'n、qinghe-read.cn',
        '发证机关：上海市通信管理局',
        '发证日期：2025.07.31',
        '有效期至：2030/7/31',
      ].join('\n'),
    );
    const l = r.licence;
    expect(l.number).toBe('沪B2-20200731');
    expect(l.holder.name).toBe('上海青禾网络科技（上海）有限公司');
    expect(l.holder.creditCode).toBe('91310104MA1FR5C85C');
    expect(l.services[0]?.excludes).toEqual(['信息搜索查询服务', '信息即时交互服务']);
    expect(l.websites[0]?.domains).toEqual(['www.qinghe-read.cn', 'qinghe-read.cn']);
    expect([l.issuedOn, l.expiresOn]).toEqual(['2025-07-31', '2030-07-31']);
  });

  it('joins lines that fill the measure a document was wrapped at, and only those', () => {
    const r = parse(
      [
        ...WRAPPED_HEAD,
        '注册住所：上海市徐汇区漕溪北路88',
        '号15层1503室',
        '注册资本：500万元人民币',
        '业务种类：信息服务业务（仅限互联',
        '网信息服务）',
        '业务覆盖范围：上海市',
        '发证机关：上海市通信管理局',
        '发证日期：2025年07月31日',
        '有效期至：2030年07月31日',
      ].join('\n'),
    );
    expect(r.licence.kind).toBe('vats');
    expect(r.licence.holder.name).toBe('上海青禾网络科技有限公司');
    expect(r.licence.holder.address).toBe('上海市徐汇区漕溪北路88号15层1503室');
    expect(r.licence.services[0]?.qualifier).toBe('仅限互联网信息服务');
  });

  it('reads what an untuned corpus seed lost: .co|m.cn, a list going on after its separator, a company’s name', () => {
    // wrapped at 32 display columns (16 ideographs), as a narrow print would be
    const r = parse(
      [
        ...WRAPPED_HEAD,
        '业务种类：信息服务业务（仅限互联',
        '网信息服务）',
        '业务覆盖范围：上海市',
        '网站名称：青禾读书',
        '网站域名：www.qinghe-readings.co',
        'm.cn、qinghe-readings.com.cn、',
        'shop.qinghe.vip',
        '接入服务提供商：中国移动通信集团',
        '广东有限公司',
        '发证机关：上海市通信管理局',
        '发证日期：2025年07月31日',
        '有效期至：2030年07月31日',
      ].join('\n'),
    );
    expect(r.licence.websites[0]?.domains).toEqual([
      'www.qinghe-readings.com.cn',
      'qinghe-readings.com.cn',
      'shop.qinghe.vip',
    ]);
    expect(r.licence.websites[0]?.accessProvider).toBe('中国移动通信集团广东有限公司');
  });

  it('joins a list item cut mid-name (信息发 / 布平台和递送服务) where the halves make a name the catalogue knows', () => {
    const r = parse(
      `${LICENCE}业务种类：信息服务业务（仅限互联网信息服务）\n业务覆盖范围：上海市 \n` +
        '服务项目：含信息即时交互服务，不含信息搜索查询服务、信息发 \n布平台和递送服务\n' +
        `网站名称：青禾读书\n网站域名：www.qinghe-read.cn、\n\nshop.qinghe-read.cn${DATES}`,
    );
    expect(r.licence.services[0]?.excludes).toEqual(['信息搜索查询服务', '信息发布平台和递送服务']);
    // a page break's blank line inside a list of domains that ends with its separator
    expect(r.licence.websites[0]?.domains).toEqual(['www.qinghe-read.cn', 'shop.qinghe-read.cn']);
  });

  it('joins a service’s category phrase cut before 中的, on a line that does not fill the measure', () => {
    const r = parse(
      `${LICENCE}业务种类（服务项目）及覆盖范围：第二类增值电信业务\n中的国内多方通信服务业务。广西、山东${DATES}`,
    );
    expect(services(r)).toEqual([['B22', null, [], ['广西', '山东']]]);
  });

  it('joins a service’s name cut before its last character, and a domain cut inside a label, on lines that do not fill a measure', () => {
    const r = parse(
      `${LICENCE}业务种类和覆盖范围：\r\n第一类增值电信业务中的国内互联网虚拟专用网业\r\n务\r\n` +
        `业务覆盖范围：天津市、河北省\r\n网站名称：领星云\r\n` +
        `网站域名：www.jiedingtech.top，m.jiedin\r\ngtech.top${DATES}`,
    );
    expect(services(r)).toEqual([['B13', null, [], ['天津市', '河北省']]]);
    expect(r.licence.websites[0]?.domains).toEqual(['www.jiedingtech.top', 'm.jiedingtech.top']);
  });

  it('joins an address cut before its 号 or 机房, and keeps a service’s cut name out of the coverage above it', () => {
    const r = parse(
      [
        '中华人民共和国增值电信业务经营许可证',
        '经营许可证编号：沪B2-20200731',
        '公司名称：上海青禾网络科技有限公司',
        '法定代表人：陈思远',
        '注册住所：上海市徐汇区漕溪北路88',
        '号15层1503室',
        '业务种类和覆盖范围：内',
        '容分发网络业务',
        '业务覆盖范围：湖北省',
        '在线数据处理与交易处理业',
        '务',
        '业务覆盖范围：上海市',
        '网站名称：青禾读书',
        '网站域名：www.qinghe-read.cn',
        '服务器放置地：江苏省南京市鼓楼区解放路806号A座14层',
        '3机房',
        '发证机关：上海市通信管理局',
        '发证日期：2025年07月31日',
        '有效期至：2030年07月31日',
      ].join('\n'),
    );
    expect(r.licence.holder.address).toBe('上海市徐汇区漕溪北路88号15层1503室');
    expect(r.licence.websites[0]?.serverLocation).toBe('江苏省南京市鼓楼区解放路806号A座14层3机房');
    expect(services(r)).toEqual([
      ['B12', null, [], ['湖北省']],
      ['B21', null, [], ['上海市']],
    ]);
  });

  it('joins an authority’s name cut before it ends as one, and a service’s exclusions on the next line', () => {
    const r = parse(
      `${LICENCE}业务种类及覆盖范围：第一类增值电信业务中的国内互联网虚拟专用网业务。全国\n` +
        '第二类增值电信业务中的信息服务业务（仅限互联网信息服务）\n不含新闻、出版、教育。全国\n' +
        '发证机关：中华人民共和国工业和\n信息化部 \n发证日期：2025年07月31日\n有效期至：2030年07月31日\n',
    );
    expect(services(r)).toEqual([
      ['B13', null, [], ['全国']],
      ['B25', '仅限互联网信息服务', ['新闻', '出版', '教育'], ['全国']],
    ]);
    expect(r.licence.issuer).toBe('中华人民共和国工业和信息化部');
  });

  it('joins a coverage list cut inside a region’s name', () => {
    const r = parse(
      `${LICENCE}业务种类：存储转发类业务\r\n业务覆盖范围：新疆维吾尔自治区、黑龙江省、河\r\n南省、上海市 \r\n${DATES}`,
    );
    expect(services(r)).toEqual([
      ['B23', null, [], ['新疆维吾尔自治区', '黑龙江省', '河南省', '上海市']],
    ]);
  });

  it('reads a website value printed on the line after its label', () => {
    const r = parse(`${LICENCE}${DATES}网站名称：青禾读书\n网站域名：\nwww.qinghe-read.cn`);
    expect(r.licence.websites[0]?.domains).toEqual(['www.qinghe-read.cn']);
  });
});

describe('coverage and validity forms', () => {
  it('reads coverage on a line of its own after each service', () => {
    const r = parse(
      `${LICENCE}业务种类及覆盖范围：\n信息服务业务（仅限互联网信息服务）不含信息搜索查询服务\n上海市\n互联网数据中心业务\n北京、上海${DATES}`,
    );
    expect(services(r)).toEqual([
      ['B25', '仅限互联网信息服务', ['信息搜索查询服务'], ['上海市']],
      ['B11', null, [], ['北京', '上海']],
    ]);
  });

  it('reads coverage after a colon that closes the scope, before a full stop', () => {
    const r = parse(
      `${LICENCE}业务种类和覆盖范围：\n信息服务业务（仅限互联网信息服务）含信息社区平台服务，不含信息发布平台和递送服务：宁夏回族自治区、福建省。${DATES}`,
    );
    expect(r.licence.services[0]?.excludes).toEqual(['信息发布平台和递送服务']);
    expect(r.licence.services[0]?.coverage).toEqual(['宁夏回族自治区', '福建省']);
  });

  it.each([
    ['有效期至：2029年05月20日', null, '2029-05-20'],
    ['有效期限：2029年05月20日', null, '2029-05-20'],
    ['有效期：2024-05-20 ~ 2029-05-20', '2024-05-20', '2029-05-20'],
    ['有效期：2024.05.20-2029.05.20', '2024-05-20', '2029-05-20'],
    ['有效期 2024/5/20 到 2029/5/20', '2024-05-20', '2029-05-20'],
    ['有效期：二〇二四年五月二十日至二〇二九年五月二十日', '2024-05-20', '2029-05-20'],
  ])('reads %s', (line, from, to) => {
    const r = parse(`${LICENCE}${line}`);
    expect([r.licence.validFrom, r.licence.expiresOn]).toEqual([from, to]);
    expect(r.notes.map((n) => n.field)).not.toContain('expiresOn');
  });

  it('does not take 域名解析服务业务 for a 域名 label', () => {
    const r = parse(
      `${LICENCE}业务种类：\n互联网数据中心业务\n域名解析服务业务\n覆盖范围：全国${DATES}`,
    );
    expect(r.licence.services.map((s) => s.code)).toEqual(['B11', 'B26-1']);
    expect(r.licence.websites).toEqual([]);
  });
});

describe('OCR damage read through', () => {
  it('folds radical code points into the ideographs they show', () => {
    const r = parse(
      `${LICENCE}业务种类：信息服务业务（仅限互联\u2f79信息服务）\n业务覆盖范围：\u2f2d东省${DATES}`,
    );
    expect(r.licence.services[0]?.qualifier).toBe('仅限互联网信息服务');
    expect(r.licence.services[0]?.coverage).toEqual(['山东省']);
  });

  it('reads look-alike letters in the number and the credit code when the grammar agrees', () => {
    const r = parse(
      '增值电信业务经营许可证\n经营许可证编号：沪B2-2O2OO73l\n公司名称：甲公司\n统一社会信用代码：9I3I0I04MAIFR5C85C',
    );
    expect(r.licence.number).toBe('沪B2-20200731');
    expect(r.evidence['number']?.raw).toBe('沪B2-2O2OO73l');
    expect(r.licence.holder.creditCode).toBe('91310104MA1FR5C85C');
  });

  it('reads values behind a doubled or misread colon, and lists parted by ASCII commas', () => {
    const r = parse(
      `${LICENCE}业务种类：：信息服务业务（仅限互联网信息服务）不含出版,医疗保健,电子公告服务。\n业务覆盖范围;:上海市${DATES}`,
    );
    expect(r.licence.services[0]?.excludes).toEqual(['出版', '医疗保健', '电子公告服务']);
    expect(r.licence.services[0]?.coverage).toEqual(['上海市']);
  });

  it('reads a table typed with bars between its cells only, one row or several', () => {
    const one = parse(
      `${LICENCE}业务种类  |  覆盖范围\n第二类增值电信业务中的信息服务业务（仅限互联网信息服务）  |  全国${DATES}`,
    );
    expect(services(one)).toEqual([['B25', '仅限互联网信息服务', [], ['全国']]]);
    const several = parse(
      `${LICENCE}序号｜业务种类｜服务项目｜覆盖范围\n1｜第二类增值电信业务中的国内呼叫中心业务｜｜上海\n2｜第二类增值电信业务中的信息服务业务（仅限互联网信息服务）｜不含信息搜索查询服务｜上海、江苏${DATES}`,
    );
    expect(several.licence.services.map((x) => [x.code, x.coverage])).toEqual([
      ['B24-1', ['上海']],
      ['B25', ['上海', '江苏']],
    ]);
    expect(several.licence.services[1]?.excludes).toEqual(['信息搜索查询服务']);
  });
});
