/**
 * Hand-built licence records for the rule tests: a clean base licence to vary one field at a time,
 * and the three fixture documents (`shared/fixtures/licences/`) as the parser should read them.
 * Named `*.test-helpers.ts` so the build leaves it out.
 */
import type {
  Evidence,
  Licence,
  LicensedService,
  Provision,
  Signature,
  Website,
} from '../licence.js';
import type { CheckInput, Finding } from './finding.js';
import type { Rule } from './rule.js';

/** The day the expectations are stated for. */
export const TODAY = '2026-11-28';

/** A licensed service; B25 ICP by default. */
export function aService(overrides: Partial<LicensedService> = {}): LicensedService {
  return {
    code: 'B25',
    name: '信息服务业务',
    qualifier: '仅限互联网信息服务',
    includes: [],
    excludes: [],
    coverage: ['上海市'],
    ...overrides,
  };
}

export function aWebsite(overrides: Partial<Website> = {}): Website {
  return {
    name: '青禾读书',
    domains: ['www.qinghe-read.cn'],
    serverLocation: '上海市宝山区园丰路88号',
    accessProvider: '阿里云计算有限公司',
    ...overrides,
  };
}

export function aProvision(id: string, text: string, appliesTo: string | null = null): Provision {
  return { id, text, appliesTo };
}

export function aSignature(overrides: Partial<Signature> = {}): Signature {
  return { role: '司(局)负责人', name: null, date: null, ...overrides };
}

/**
 * A clean provincial licence (shaped on the 沪B2-20200731 fixture, but with a number of its own
 * issue year), which no rule faults on 2026-11-28. Tests vary one field at a time.
 */
export function aLicence(overrides: Partial<Licence> = {}): Licence {
  return {
    kind: 'vats',
    number: '沪B2-20250731',
    holder: {
      name: '上海青禾网络科技有限公司',
      legalRepresentative: '陈思远',
      creditCode: '91310104MA1FR5C85C',
      address: '上海市徐汇区漕溪北路88号15层1503室',
    },
    services: [aService()],
    issuer: '上海市通信管理局',
    issuedOn: '2025-07-31',
    validFrom: null,
    expiresOn: '2030-07-31',
    websites: [aWebsite()],
    apps: [],
    facilities: [],
    provisions: [
      aProvision(
        '10',
        '你公司应当在每年第一季度通过电信业务市场综合管理信息系统向发证机关报告上一年度的经营许可证年报信息。',
      ),
    ],
    inspections: [],
    signatures: [],
    ...overrides,
  };
}

/** Evidence as the parser records it: one line per field. */
export function anEvidence(line: number, text: string): Evidence {
  return { line, text, confidence: 1 };
}

/** A CheckInput for `licence` on `TODAY`, with optional parser extras. */
export function anInput(
  licence: Licence,
  extras: Partial<Omit<CheckInput, 'licence'>> = {},
): CheckInput {
  return { licence, evidence: {}, pageLabels: [], notes: [], today: TODAY, ...extras };
}

/** `ruleId:severity` for each finding, for compact assertions. */
export function summarise(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.ruleId}:${f.severity}`);
}

/** Runs one rule. */
export function run(
  rule: Rule,
  licence: Licence,
  extras: Partial<Omit<CheckInput, 'licence'>> = {},
): Finding[] {
  return rule.check(anInput(licence, extras));
}

/** 京B2-20180910, the seed (`000_76c3e29b3dfe6cfb.txt`), as the parser reads it. */
export function seedLicence(): Licence {
  const provisions: Provision[] = [
    [
      '1',
      '你公司应当按照《中华人民共和国电信条例》、《互联网信息服务管理办法》等法律法规要求……配合电信主管部门依法开展监督检查工作。',
    ],
    ['2', '你公司应当按照许可的业务种类和业务覆盖范围，依法开展业务经营活动……标明经营许可证编号。'],
    ['3', '你公司在未取得国内通信设施服务业务经营许可证时，不得投资建设电信传输网络设施。……'],
    ['4', '你公司应当按照电信主管部门要求，规范各类电信资源的使用管理……'],
    ['5', '你公司应当按照《电信服务规范》等相关电信服务管理要求向用户提供服务……'],
    [
      '6',
      '你公司应当按照《通信网络安全防护管理办法》（工业和信息化部令第11号）的有关要求，开展所属网络和系统定级备案、符合性评测和风险评估等工作，……',
    ],
    ['7', '你公司应当按照国家个人信息保护有关法律法规……防止用户信息和数据泄露。'],
    [
      '8',
      '你公司应当按照电信主管部门要求，在发生重大规模用户个人信息泄露事件……第一时间向电信主管部门报告……',
    ],
    [
      '9',
      '你公司应当配合国家有关部门依法开展监督检查工作……并在处置后的10个工作日内向电信主管部门上报。',
    ],
    ['10', '你公司应按照国家法律法规要求，为有关部门提供技术接口和解密等技术支持和协助。'],
    [
      '11',
      '你公司或者经你公司授权经营电信业务的子公司，遇有合并或者分立……应当自公司作出决定之日起30日内向我通信管理局提出申请，经批准后方可实施。……',
    ],
    [
      '12',
      '你公司遇有业务覆盖范围内变更后……应当在变更后30日内向原发证机关报送变更信息。你公司经营许可证有效期届满需要继续经营的，应当提前90日向原发证机关提出续办申请。',
    ],
    [
      '13',
      '你公司如已持有省（自治区、直辖市）通信管理局颁发的电信业务经营许可证……30日内，向相关省（自治区、直辖市）通信管理局办理许可证的注销或变更手续。',
    ],
    ['14', '你公司应当在每年第一季度参加电信主管部门组织的经营许可证年检。'],
    ['15', '你公司在经营信息服务业务时应遵守下列规定：'],
  ].map(([id, text]) => aProvision(id ?? '', text ?? ''));
  const sub: [string, string | null][] = [
    ['1', null],
    ['2', null],
    ['3', null],
    ['4', null],
    ['5', null],
    ['6', null],
    ['7', null],
    ['8', null],
    ['9', null],
    ['10', '信息发布平台和递送服务'],
    ['11', '信息发布平台和递送服务'],
    ['12', '信息搜索查询服务'],
    ['13', '信息社区平台服务'],
    ['14', '信息即时交互服务'],
  ];
  for (const [n, appliesTo] of sub) {
    provisions.push(aProvision(`15.${n}`, `你公司……（第十五项第${n}目）`, appliesTo));
  }
  return {
    kind: 'vats',
    number: '京B2-20180910',
    holder: {
      name: '云智联网络科技（北京）有限公司',
      legalRepresentative: '李国杰',
      creditCode: null,
      address: null,
    },
    services: [
      aService({
        code: 'B25',
        name: '信息服务业务',
        qualifier: '仅限互联网信息服务',
        includes: ['文化'],
        excludes: ['信息搜索查询服务', '信息即时交互服务'],
        coverage: [],
      }),
    ],
    issuer: null,
    issuedOn: '2022-09-05',
    validFrom: null,
    expiresOn: '2023-05-03',
    websites: [
      {
        name: '云智联产品主站1',
        domains: ['upliveapp.com'],
        serverLocation: '北京市朝阳区裕民路乙3号A座7层2机房',
        accessProvider: '腾讯云计算（北京）有限责任公司',
      },
    ],
    apps: [],
    facilities: [],
    provisions,
    inspections: [],
    signatures: [
      { role: '司(局)负责人', name: '李国杰', date: null },
      { role: '公司代表', name: null, date: '2018-06-06' },
    ],
  };
}

/** The seed's printed page numbers: five pages labelled 23, then 25. */
export const SEED_PAGE_LABELS: readonly string[] = ['23', '23', '23', '23', '23', '25'];

/** The seed's evidence lines for the fields the rules quote (line numbers of the fixture text). */
export function seedEvidence(): Record<string, Evidence> {
  return {
    number: anEvidence(6, '经营许可证编号：京B2-20180910'),
    'holder.legalRepresentative': anEvidence(13, '法定代表人：李国杰'),
    'services[0].coverage': anEvidence(
      15,
      '业务种类（服务项目）及覆盖范围：信息服务业务（仅限互联网信息服务）含文化，不含信息搜索查询服务、信息即时交互服务。【依法须经批准的项目，经相关部门批准后方可开展相应经营活动】',
    ),
    issuedOn: anEvidence(23, '发证日期：2022年09月05日'),
    expiresOn: anEvidence(25, '有效期至：2023年05月3日'),
    'websites[0].domains': anEvidence(36, '网站域名：upliveapp.com'),
    'signatures[0]': anEvidence(60, '司(局)负责人：李国杰 公司代表：'),
    'signatures[1]': anEvidence(60, '司(局)负责人：李国杰 公司代表：'),
    // The date of the 公司代表 block is printed on the last provisions page, not on the role line.
    'signatures[1].date': anEvidence(156, '年 月 日 2018年6月6日'),
    'provisions[13]': anEvidence(
      98,
      '十四、你公司应当在每年第一季度参加电信主管部门组织的经营许可证年检。',
    ),
    inspections: anEvidence(162, '电信业务经营许可证年检情况记录表'),
  };
}

/** 沪B2-20200731 (`hu-b2-20200731.txt`): a renewed provincial ICP licence, electronic. */
export function huLicence(): Licence {
  return {
    kind: 'vats',
    number: '沪B2-20200731',
    holder: {
      name: '上海青禾网络科技有限公司',
      legalRepresentative: '陈思远',
      creditCode: '91310104MA1FR5C85C',
      address: '上海市徐汇区漕溪北路88号15层1503室',
    },
    services: [
      aService({
        code: 'B25',
        name: '信息服务业务',
        qualifier: '仅限互联网信息服务',
        includes: [],
        excludes: ['信息搜索查询服务', '信息即时交互服务'],
        coverage: ['上海市'],
      }),
    ],
    issuer: '上海市通信管理局',
    issuedOn: '2025-07-31',
    validFrom: null,
    expiresOn: '2030-07-31',
    websites: [
      aWebsite({ name: '青禾读书', domains: ['www.qinghe-read.cn', 'qinghe-read.cn'] }),
      aWebsite({ name: '青禾听书', domains: ['listen.qinghe-read.cn'] }),
    ],
    apps: [{ name: '青禾读书', stores: ['华为应用市场', '苹果应用商店'] }],
    facilities: [],
    provisions: [
      aProvision(
        '1',
        '你公司应当按照《中华人民共和国电信条例》、《互联网信息服务管理办法》等法律法规要求开展经营活动，配合电信主管部门依法开展监督检查工作。',
      ),
      aProvision(
        '2',
        '你公司应当按照许可的业务种类和业务覆盖范围开展业务经营活动，不得超越许可的业务覆盖范围开展经营活动。你公司应当在网站首页、移动应用显著位置标明经营许可证编号。',
      ),
      aProvision(
        '3',
        '你公司应当按照《通信网络安全防护管理办法》的有关要求，开展所属网络和系统定级备案、符合性评测和风险评估等工作。',
      ),
      aProvision(
        '4',
        '你公司应当按照《电信和互联网用户个人信息保护规定》要求，开展用户信息保护工作，防止用户信息和数据泄露。',
      ),
      aProvision(
        '5',
        '你公司在发生重大规模用户个人信息泄露事件、影响众多用户的业务中断事件等重大网络安全事件时，应当立即采取应急措施，并第一时间向电信主管部门报告。',
      ),
      aProvision(
        '6',
        '你公司应当做好用户日志留存、违法信息监测等工作，对发现的违法信息立即进行处置，保存有关记录，并在处置后的10个工作日内向电信主管部门上报。',
      ),
      aProvision(
        '7',
        '你公司遇有合并或者分立、股东变化等导致经营主体需要变更的情形，或者业务范围需要变化的，应当自公司作出决定之日起30日内向原发证机关提出申请。',
      ),
      aProvision(
        '8',
        '你公司变更公司名称、法定代表人、注册资本的，应当在完成公司的工商变更登记手续之日起30日内向原发证机关提出申请。',
      ),
      aProvision(
        '9',
        '你公司经营许可证有效期届满需要继续经营的，应当提前90日向原发证机关提出延续经营许可证的申请；不再继续经营的，应当提前90日向原发证机关报告，并做好善后工作。',
      ),
      aProvision(
        '10',
        '你公司应当在每年第一季度通过电信业务市场综合管理信息系统向发证机关报告上一年度的经营许可证年报信息，并对年报信息的真实性负责。',
      ),
      aProvision(
        '11',
        '你公司在新技术新业务上线时，应当开展网络信息安全评估，并在安全评估完成30日内向电信主管部门提交书面评估报告。',
      ),
      aProvision(
        '12',
        '你公司提供信息搜索查询服务时，不得向用户推送或推荐违法信息。',
        '信息搜索查询服务',
      ),
    ],
    inspections: [],
    signatures: [],
  };
}

/** Evidence lines of the 沪B2-20200731 fixture for its dates. */
export function huEvidence(): Record<string, Evidence> {
  return {
    number: anEvidence(5, '经营许可证编号：沪B2-20200731'),
    issuedOn: anEvidence(17, '发证日期：2025年07月31日'),
    expiresOn: anEvidence(18, '有效期至：2030年07月31日'),
  };
}

/** B1.B2-20233345 (`b1.b2-20233345.txt`): a cross-regional IDC, CDN, EDI and ICP licence. */
export function b1b2Licence(): Licence {
  return {
    kind: 'vats-cross-regional',
    number: 'B1.B2-20233345',
    holder: {
      name: '深圳星桥云数据有限公司',
      legalRepresentative: '林海涛',
      creditCode: '91440300MA5FK2L751',
      address: '深圳市南山区粤海街道科技南十二路18号星桥大厦21层',
    },
    services: [
      aService({
        code: 'B11',
        name: '互联网数据中心业务',
        qualifier: '不含互联网资源协作服务',
        excludes: ['互联网资源协作服务'],
        coverage: ['北京', '上海', '广东（广州、深圳）'],
      }),
      aService({ code: 'B12', name: '内容分发网络业务', qualifier: null, coverage: ['全国'] }),
      aService({
        code: 'B21',
        name: '在线数据处理与交易处理业务',
        qualifier: '仅限经营类电子商务',
        coverage: ['全国'],
      }),
      aService({
        code: 'B25',
        name: '信息服务业务',
        qualifier: '仅限互联网信息服务',
        coverage: ['全国'],
      }),
    ],
    issuer: '中华人民共和国工业和信息化部',
    issuedOn: '2023-03-09',
    validFrom: null,
    expiresOn: '2028-03-09',
    websites: [
      aWebsite({
        name: '星桥云',
        domains: ['xingqiao-cloud.com', 'www.xingqiao-cloud.com'],
        serverLocation: '广东省深圳市龙岗区坂田街道五和大道4023号',
        accessProvider: '深圳星桥云数据有限公司',
      }),
      aWebsite({
        name: '星桥商城',
        domains: ['mall.xingqiao-cloud.com'],
        serverLocation: '上海市嘉定区安亭镇墨玉南路1020号',
        accessProvider: '深圳星桥云数据有限公司',
      }),
    ],
    apps: [],
    facilities: [
      '北京市大兴区经海路9号星桥北京一号数据中心',
      '上海市嘉定区安亭镇墨玉南路1020号',
      '广东省广州市黄埔区科学大道233号',
      '广东省深圳市龙岗区坂田街道五和大道4023号',
    ],
    provisions: [
      aProvision(
        '1',
        '你公司应当按照许可的业务种类和业务覆盖范围开展业务经营活动，不得超越许可的业务覆盖范围开展经营活动。……',
      ),
      aProvision(
        '8',
        '你公司经营许可证有效期届满需要继续经营的，应当提前90日向工业和信息化部提出延续经营许可证的申请。',
      ),
      aProvision(
        '9',
        '你公司应当在每年第一季度通过电信业务市场综合管理信息系统报告上一年度的年报信息。',
      ),
    ],
    inspections: [],
    signatures: [],
  };
}
