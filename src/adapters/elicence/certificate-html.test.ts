/**
 * The certificate's HTML without a browser: every section of a rich record in place, values
 * escaped, dates as the paper prints them, and what a sparse record does not state left out.
 */
import { describe, expect, it } from 'vitest';
import type { Elicence } from '../../core/elicence/types.js';
import { emptyLicence, type Licence } from '../../core/licence.js';
import { certificateHtml, escapeHtml, formatCertificateDate } from './certificate-html.js';

const QR = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 29 29" id="qr-marker"></svg>';

function richLicence(): Licence {
  return {
    ...emptyLicence(),
    kind: 'vats',
    number: 'B1.B2-20190001',
    holder: {
      name: '星桥云计算有限公司',
      legalRepresentative: '王五',
      creditCode: '91110108MA01ABCD2X',
      address: '北京市海淀区中关村大街1号',
    },
    services: [
      {
        code: 'B25',
        name: '信息服务业务',
        qualifier: '仅限互联网信息服务',
        includes: ['文化', '教育'],
        excludes: ['信息搜索查询服务'],
        coverage: ['北京市', '上海市'],
      },
      {
        code: 'B11',
        name: '互联网数据中心业务',
        qualifier: '不含互联网资源协作服务',
        includes: [],
        excludes: ['互联网资源协作服务'],
        coverage: ['全国'],
      },
    ],
    issuedOn: '2022-09-05',
    validFrom: '2022-09-05',
    expiresOn: '2027-09-05',
    websites: [
      {
        name: '星桥主站',
        domains: ['www.xingqiao.example', 'xingqiao.example'],
        serverLocation: '北京市朝阳区',
        accessProvider: '某某云计算有限公司',
      },
    ],
    apps: [{ name: '星桥', stores: ['应用宝', 'App Store'] }],
    facilities: ['北京市亦庄'],
    provisions: [
      { id: '1', text: '你公司应当依法经营。', appliesTo: null },
      { id: '15', text: '你公司在经营信息服务业务时应遵守下列规定：', appliesTo: null },
      { id: '15.1', text: '按载明的项目开展业务。', appliesTo: null },
      { id: '15.10', text: '不得强行推送。', appliesTo: '信息发布平台和递送服务' },
    ],
  };
}

function elicence(licence: Licence, over: Partial<Elicence['payload']> = {}): Elicence {
  return {
    schema: 'xuke.elicence/v1',
    payload: {
      number: licence.number ?? '京B2-20180910',
      version: 7,
      status: 'valid',
      licence,
      authority: { id: 'miit', name: '中华人民共和国工业和信息化部' },
      // 20:30 UTC is the next morning in Beijing
      signedAt: '2026-01-09T20:30:00Z',
      ...over,
    },
    signature: { alg: 'SM2-SM3', kid: 'miit-2026-01', value: 'MEUCIQ==' },
  };
}

describe('certificateHtml', () => {
  const html = certificateHtml(elicence(richLicence()), QR);

  it('has every section of a rich record', () => {
    for (const expected of [
      '<title>中华人民共和国增值电信业务经营许可证 B1.B2-20190001</title>',
      '中华人民共和国',
      '增值电信业务经营许可证',
      '经营许可证编号：<b>B1.B2-20190001</b>',
      '<th>公司名称</th>',
      '星桥云计算有限公司',
      '<th>法定代表人</th>',
      '王五',
      '<th>统一社会信用代码</th>',
      '91110108MA01ABCD2X',
      '<th>注册住所</th>',
      '北京市海淀区中关村大街1号',
      '业务种类及业务覆盖范围',
      '信息服务业务（仅限互联网信息服务）',
      '含文化、教育，不含信息搜索查询服务',
      '北京市、上海市',
      '互联网数据中心业务（不含互联网资源协作服务）',
      '全国',
      '<h2>网站</h2>',
      'www.xingqiao.example、xingqiao.example',
      '某某云计算有限公司',
      '<h2>应用</h2>',
      '应用宝、App Store',
      '<h2>机房所在地</h2>',
      '北京市亦庄',
      '<h2>特别规定事项</h2>',
      '<b>一、</b>你公司应当依法经营。',
      '<b>十五、</b>你公司在经营信息服务业务时',
      '<b>（一）</b>按载明的项目开展业务。',
      '<b>（十）</b>（适用于信息发布平台和递送服务）不得强行推送。',
      '发证机关：中华人民共和国工业和信息化部',
      '登记版本：第 7 版',
      '登记状态：有效',
      '本电子证照由发证机关以 SM2 签名，扫描二维码或使用 xuke elicence verify 核验',
      'id="qr-marker"',
      '<div class="kid">miit-2026-01</div>',
    ]) {
      expect(html).toContain(expected);
    }
  });

  it('does not repeat what a 不含… qualifier already says', () => {
    expect(html).not.toContain('，不含互联网资源协作服务');
    expect(html).not.toMatch(/<div class="scope">不含互联网资源协作服务/u);
  });

  it('prints dates as the paper does, zero-padded, and the signing day in Beijing', () => {
    expect(html).toContain('2022年09月05日 至 2027年09月05日');
    expect(html).toContain('<th>发证日期</th><td>2022年09月05日</td>');
    expect(html).toContain('签发日期：2026年01月10日');
    expect(formatCertificateDate('2023-05-03')).toBe('2023年05月03日');
    expect(formatCertificateDate('2023-5-3')).toBe('2023-5-3');
  });

  it('escapes every value, so a name holding markup appears literally', () => {
    const licence = richLicence();
    const hostile = '<script>alert("x")</script>&Co\'';
    const out = certificateHtml(
      elicence(
        { ...licence, holder: { ...licence.holder, name: hostile } },
        {
          number: '京B2-<b>1</b>',
          authority: { id: 'x', name: '<img src=x onerror=alert(1)>' },
        },
      ),
      QR,
    );
    expect(out).not.toContain('<script');
    expect(out).not.toContain('<img');
    expect(out).not.toContain('<b>1</b>');
    expect(out).toContain(escapeHtml(hostile));
    expect(escapeHtml(hostile)).toBe(
      '&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;&#38;Co&#39;',
    );
  });

  it('forbids the page any fetch or script, so the printer loads nothing', () => {
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).not.toMatch(/<script|<link|url\(|src=/iu);
  });

  it('leaves out what a sparse record does not state', () => {
    const sparse: Licence = {
      ...emptyLicence(),
      number: '京B2-20180910',
      holder: { name: '某公司', legalRepresentative: null, creditCode: null, address: null },
      expiresOn: '2023-05-03',
    };
    const out = certificateHtml(elicence(sparse, { status: 'revoked', version: 1 }), QR);
    expect(out).toContain('<th>公司名称</th><td colspan="3">某公司</td>');
    expect(out).toContain('<th>有效期</th><td colspan="3">至 2023年05月03日</td>');
    for (const absent of [
      '法定代表人',
      '统一社会信用代码',
      '注册住所',
      '业务种类及业务覆盖范围',
      '<h2>网站</h2>',
      '<h2>应用</h2>',
      '机房所在地',
      '特别规定事项',
      '发证日期',
    ]) {
      expect(out).not.toContain(absent);
    }
    expect(out).toContain('登记版本：第 1 版');
    expect(out).toContain('登记状态：已吊销');
  });

  it('titles a basic telecom licence as such', () => {
    const out = certificateHtml(elicence({ ...richLicence(), kind: 'basic' }), QR);
    expect(out).toContain('基础电信业务经营许可证');
    expect(out).toContain('经营基础电信业务');
  });
});
