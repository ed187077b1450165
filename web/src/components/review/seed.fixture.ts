/**
 * The seed document 京B2-20180910 as POST /api/v1/documents reads it, checked as of 2026-11-29
 * (`xuke parse` / `xuke check --json`; provisions after the second trimmed), with its text, for
 * tests.
 */
import seedText from '../../../../fixtures/seed/jing-b2-20180910.txt?raw';
import { SEED_LICENCE } from '../../test-fixtures';
import type { DocumentResult, ParseResult } from './review-api';

const parse: ParseResult = {
  schema: 'xuke.licence/v1',
  licence: SEED_LICENCE,
  source: {
    format: 'text',
    encoding: 'utf-8',
    sha256: 'c59a7bf86422dea86a9d9b4cd6f9df38c47c7631b9c86fa4758588e10e22ce6b',
    pageLabels: ['23', '23', '23', '23', '23', '25'],
  },
  notes: [
    {
      field: 'services[0].coverage',
      message: '未载明业务覆盖范围',
      messageEn: '业务覆盖范围 (coverage) not stated',
      line: 15,
    },
  ],
  evidence: {
    kind: {
      line: 4,
      text: '增值电信业务经营许可证',
      confidence: 1,
    },
    'holder.name': {
      line: 11,
      text: '公司名称：云智联网络科技（北京）有限公司',
      confidence: 1,
    },
    'holder.legalRepresentative': {
      line: 13,
      text: '法定代表人：李国杰',
      confidence: 1,
    },
    'services[0]': {
      line: 15,
      text: '业务种类（服务项目）及覆盖范围：信息服务业务（仅限互联网信息服务）含文化，不含信息搜索查询服务、信息即时交互服务。【依法须经批准的项目，经相关部门批准后方可开展相应经营活动】',
      confidence: 1,
    },
    issuedOn: {
      line: 23,
      text: '发证日期：2022年09月05日',
      confidence: 1,
    },
    expiresOn: {
      line: 25,
      text: '有效期至：2023年05月3日',
      confidence: 1,
    },
    'websites[0].name': {
      line: 34,
      text: '网站名称：云智联产品主站1',
      confidence: 1,
    },
    'websites[0].domains': {
      line: 36,
      text: '网站域名：upliveapp.com',
      confidence: 1,
    },
    'websites[0].serverLocation': {
      line: 38,
      text: '服务器放置地：北京市朝阳区裕民路乙3号A座7层2机房',
      confidence: 1,
    },
    'websites[0].accessProvider': {
      line: 40,
      text: '网站接入服务提供单位：腾讯云计算（北京）有限责任公司',
      confidence: 1,
    },
    inspections: {
      line: 162,
      text: '电信业务经营许可证年检情况记录表',
      confidence: 1,
    },
    number: {
      line: 6,
      text: '经营许可证编号：京B2-20180910',
      confidence: 1,
    },
    'provisions[0]': {
      line: 48,
      text: '一、你公司应当按照《中华人民共和国电信条例》、《互联网信息服务管理办法》等法律法规要求，严格执行电信网码号资源、业务资费、市场管理、服务质量、电信设备管理、设施建设和运行、安全生产及网络与信息安全等行业管理规定，履行维护国家安全和利益的义务，配合电信主管部门依法开展监督检查工作。',
      confidence: 1,
    },
    'provisions[1]': {
      line: 50,
      text: '二、你公司应当按照许可的业务种类和业务覆盖范围，依法开展业务经营活动，不得经营或变相经营未经许可的其他电信业务，不得超越许可的业务覆盖范围开展经营活动。你公司应当在公司主要经营场所、网站首页、业务宣传手册等显著位置标明经营许可证编号。',
      confidence: 1,
    },
    'signatures[0]': {
      line: 60,
      text: '司(局)负责人：李国杰 公司代表：',
      confidence: 1,
    },
    'signatures[1]': {
      line: 60,
      text: '司(局)负责人：李国杰 公司代表：',
      confidence: 1,
    },
    'signatures[1].date': {
      line: 156,
      text: '年 月 日 2018年6月6日',
      confidence: 1,
    },
  },
};

const lines = seedText.split(/\r\n|\n/u);

export const SEED_RESULT: DocumentResult = {
  parse,
  report: {
    schema: 'xuke.check/v1',
    licence: parse.licence,
    status: 'expired',
    verdict: 'suspect',
    verdictReason: '与北京市通信管理局（演示）登记簿一致（第 1 版），但发现错误：需人工复核',
    verdictReasonEn:
      'Matches the register of 北京市通信管理局（演示） (version 1), but with errors: needs review',
    validity: 'expired',
    register: {
      provenance: 'issued',
      authority: { id: 'demo-authority', name: '北京市通信管理局（演示）' },
      found: true,
      status: 'expired',
      version: 1,
      updatedAt: '2026-12-07T04:30:27.049Z',
      confirmation: null,
      differences: [],
    },
    findings: [
      {
        ruleId: 'validity-term',
        severity: 'error',
        message: '有效期 240 天，增值电信业务经营许可证有效期为 5 年',
        messageEn: 'Validity is 240 days; a value-added telecom licence runs 5 years',
        fields: ['issuedOn', 'expiresOn'],
        evidence: [
          {
            line: 23,
            text: '发证日期：2022年09月05日',
          },
          {
            line: 25,
            text: '有效期至：2023年05月3日',
          },
        ],
        basis:
          '《电信业务经营许可证管理办法》（2001 年信息产业部令第19号）第十三条：《跨地区增值电信业务经营许可证》和省、自治区、直辖市范围内的《增值电信业务经营许可证》的有效期限为 5 年，《基础电信业务经营许可证》为 5 年或 10 年；《电信业务经营许可管理办法》（工业和信息化部令第42号）施行后实践相同（5 年）',
        basisEn:
          '《电信业务经营许可证管理办法》 (Measures for the Administration of Telecommunications Business Operating Licences, Ministry of Information Industry (MII) Order No. 19 of 2001) art. 13: the 《跨地区增值电信业务经营许可证》 (Cross-Regional Value-Added Telecommunications Business Operating Licence) and the 《增值电信业务经营许可证》 (Value-Added Telecommunications Business Operating Licence) within a province, autonomous region or municipality directly under the central government are valid for 5 years, the 《基础电信业务经营许可证》 (Basic Telecommunications Business Operating Licence) for 5 or 10 years; since 《电信业务经营许可管理办法》 (Measures for the Administration of Telecommunications Business Licences, MIIT Order No. 42) took effect, practice has been the same (5 years)',
      },
      {
        ruleId: 'expired',
        severity: 'error',
        message: '经营许可证已于 2023-05-03 到期，至 2026-11-29 已过期 1306 天',
        messageEn: 'The licence expired on 2023-05-03, 1306 days before 2026-11-29',
        fields: ['expiresOn'],
        evidence: [
          {
            line: 25,
            text: '有效期至：2023年05月3日',
          },
        ],
        basis:
          '《中华人民共和国电信条例》第七条：经营电信业务须取得电信业务经营许可证；《电信业务经营许可管理办法》（工业和信息化部令第42号）第二十七条：有效期届满未获延续的，不得继续经营',
        basisEn:
          '《中华人民共和国电信条例》 (Telecommunications Regulations of the People’s Republic of China) art. 7: operating a telecommunications business requires a telecommunications business operating licence; 《电信业务经营许可管理办法》 (Measures for the Administration of Telecommunications Business Licences, MIIT Order No. 42) art. 27: where the term has expired without a renewal being granted, the business may not continue to operate',
      },
      {
        ruleId: 'coverage-missing',
        severity: 'warning',
        message: '未载明业务覆盖范围：信息服务业务',
        messageEn: 'No coverage stated for: 信息服务业务',
        fields: ['services[0].coverage'],
        evidence: [
          {
            line: 15,
            text: '业务种类（服务项目）及覆盖范围：信息服务业务（仅限互联网信息服务）含文化，不含信息搜索查询服务、信息即时交互服务。【依法须经批准的项目，经相关部门批准后方可开展相应经营活动】',
          },
        ],
        basis:
          '《电信业务经营许可证管理办法》（2001 年信息产业部令第19号）第十二条：经营许可证正文应当载明业务种类、业务覆盖范围等内容；工业和信息化部令第42号下的许可证同样载明业务覆盖范围',
        basisEn:
          '《电信业务经营许可证管理办法》 (Measures for the Administration of Telecommunications Business Operating Licences, Ministry of Information Industry (MII) Order No. 19 of 2001) art. 12: the main text of the operating licence shall state the service types, the service coverage area and other particulars; licences under MIIT Order No. 42 likewise state the service coverage area',
      },
      {
        ruleId: 'signature-date',
        severity: 'warning',
        message: '签署栏“公司代表”的日期 2018-06-06 与发证日期 2022-09-05 不一致',
        messageEn: 'The "公司代表" signature is dated 2018-06-06, not the issue date 2022-09-05',
        fields: ['signatures[1].date', 'issuedOn'],
        evidence: [
          {
            line: 156,
            text: '年 月 日 2018年6月6日',
          },
          {
            line: 23,
            text: '发证日期：2022年09月05日',
          },
        ],
        basis:
          '《电信业务经营许可证管理办法》（2001 年信息产业部令第19号）第十二条：正文载明发证机关、发证日期和签发人；各页签署栏的日期应与发证日期一致（实践）',
        basisEn:
          '《电信业务经营许可证管理办法》 (Measures for the Administration of Telecommunications Business Operating Licences, Ministry of Information Industry (MII) Order No. 19 of 2001) art. 12: the main text states the issuing authority, the issue date and the issuing official; the date in the signature block of each page should match the issue date (practice)',
      },
      {
        ruleId: 'signatory-is-holder',
        severity: 'warning',
        message: '签署栏“司(局)负责人”的签署人 李国杰 即持证公司法定代表人',
        messageEn: 'The "司(局)负责人" signatory 李国杰 is the holder\'s legal representative',
        fields: ['signatures[0].name', 'holder.legalRepresentative'],
        evidence: [
          {
            line: 60,
            text: '司(局)负责人：李国杰 公司代表：',
          },
          {
            line: 13,
            text: '法定代表人：李国杰',
          },
        ],
        basis:
          '《电信业务经营许可证管理办法》（2001 年信息产业部令第19号）第十二条、第十四条：经营许可证载明签发人，由发证机关负责人签发；持证公司的法定代表人不能是签发人',
        basisEn:
          '《电信业务经营许可证管理办法》 (Measures for the Administration of Telecommunications Business Operating Licences, Ministry of Information Industry (MII) Order No. 19 of 2001) arts. 12 and 14: the operating licence states its issuing official and is signed and issued by the head of the issuing authority; the legal representative of the licensed company cannot be the issuing official',
      },
      {
        ruleId: 'page-sequence',
        severity: 'warning',
        message: '页码不连续（23 23 23 23 23 25）：页码 23 重复 5 次；缺少第 24 页',
        messageEn:
          'Page numbers do not run on (23 23 23 23 23 25): page 23 appears 5 times; page 24 is missing',
        fields: ['source.pageLabels'],
        evidence: [],
        basis: '文档完整性（实践）：经营许可证正文与附件为同一文件，印刷页码应连续、不重复、无缺页',
        basisEn:
          'Document integrity (practice): the licence’s main text and its annexes are one document; the printed page numbers should be consecutive, with no page repeated and none missing',
      },
      {
        ruleId: 'regime-anachronism',
        severity: 'warning',
        message:
          '发证日期 2022-09-05 晚于年检制度废止（2017-09-01 起改为年报），许可证却载有年检情况记录表和第 14 项特别规定事项（年检）',
        messageEn:
          'Issued on 2022-09-05, after the annual inspection gave way to the annual report on 2017-09-01, yet the licence carries the annual inspection table and special provision 14 (annual inspection)',
        fields: ['issuedOn', 'inspections', 'provisions[13]'],
        evidence: [
          {
            line: 23,
            text: '发证日期：2022年09月05日',
          },
          {
            line: 162,
            text: '电信业务经营许可证年检情况记录表',
          },
          {
            line: 98,
            text: '十四、你公司应当在每年第一季度参加电信主管部门组织的经营许可证年检。',
          },
        ],
        basis:
          '《电信业务经营许可管理办法》（工业和信息化部令第42号）自 2017-09-01 施行，第三十五条以年报制度取代原年检制度（《工业和信息化部关于建立电信业务经营信息年报和公示制度的通知》工信部信管〔2017〕321号）',
        basisEn:
          '《电信业务经营许可管理办法》 (Measures for the Administration of Telecommunications Business Licences, MIIT Order No. 42) took effect on 2017-09-01; its art. 35 replaced the former annual inspection system with an annual report system (《工业和信息化部关于建立电信业务经营信息年报和公示制度的通知》 (MIIT Notice on Establishing the Annual Report and Publicity System for Telecommunications Business Operation Information), Gongxinbu Xinguan [2017] No. 321)',
      },
      {
        ruleId: 'number-year',
        severity: 'info',
        message: '编号年份 2018 早于发证日期 2022-09-05：编号在延续时保留，此证可能为延续换发',
        messageEn:
          "The number's year 2018 is before the issue date 2022-09-05: numbers are kept on renewal, so this is likely a renewed licence",
        fields: ['number', 'issuedOn'],
        evidence: [
          {
            line: 6,
            text: '经营许可证编号：京B2-20180910',
          },
          {
            line: 23,
            text: '发证日期：2022年09月05日',
          },
        ],
        basis:
          '实践：经营许可证编号中的 4 位年份为首次发证年份，延续时编号保留不变（licensing.md §3.1，推断）；编号年份不可能晚于发证日期',
        basisEn:
          'Practice: the 4-digit year in the licence number is the year of first issue, and the number stays unchanged on renewal (licensing.md §3.1, inference); the number year cannot be later than the issue date',
      },
      {
        ruleId: 'provision-not-applicable',
        severity: 'info',
        message:
          '第 15.12 项特别规定事项适用于信息搜索查询服务，而“信息服务业务”不含该服务，故不适用',
        messageEn:
          'Special provision 15.12 applies to 信息搜索查询服务, which "信息服务业务" excludes; it does not apply',
        fields: ['provisions[26]', 'services[0].excludes'],
        evidence: [
          {
            line: 136,
            text: '（十二）（适用于信息搜索查询服务）你公司提供信息搜索查询服务时，应当按照电信主管部门要求或有关标准，具备网络信息安全技术保障措施，不',
          },
          {
            line: 15,
            text: '业务种类（服务项目）及覆盖范围：信息服务业务（仅限互联网信息服务）含文化，不含信息搜索查询服务、信息即时交互服务。【依法须经批准的项目，经相关部门批准后方可开展相应经营活动】',
          },
        ],
        basis:
          '特别规定事项中标注“（适用于…服务）”的条款仅约束经营该服务的持证人；证载业务不含该服务时，该条款不适用（deadlines.md，依种子许可证第十五项）',
        basisEn:
          'A clause of the special provisions marked “（适用于…服务）” (“applies to … services”) binds only a holder that operates that service; when the services on the licence do not include it, the provision does not apply (deadlines.md, from item 15 of the seed licence)',
      },
      {
        ruleId: 'provision-not-applicable',
        severity: 'info',
        message:
          '第 15.14 项特别规定事项适用于信息即时交互服务，而“信息服务业务”不含该服务，故不适用',
        messageEn:
          'Special provision 15.14 applies to 信息即时交互服务, which "信息服务业务" excludes; it does not apply',
        fields: ['provisions[28]', 'services[0].excludes'],
        evidence: [
          {
            line: 152,
            text: '（十四）（适用于信息即时交互服务）你公司提供信息即时交互服务时，对公众帐号和开放平台发布者做好资质审核备案，同时按照电信主管部门有关技术标准或要求，建立完善的应急处置机制和技术手段，制定重大突发情况下的应急处置预案。你公司不得通过公用通信网和互联网提供公共电话业务。',
          },
          {
            line: 15,
            text: '业务种类（服务项目）及覆盖范围：信息服务业务（仅限互联网信息服务）含文化，不含信息搜索查询服务、信息即时交互服务。【依法须经批准的项目，经相关部门批准后方可开展相应经营活动】',
          },
        ],
        basis:
          '特别规定事项中标注“（适用于…服务）”的条款仅约束经营该服务的持证人；证载业务不含该服务时，该条款不适用（deadlines.md，依种子许可证第十五项）',
        basisEn:
          'A clause of the special provisions marked “（适用于…服务）” (“applies to … services”) binds only a holder that operates that service; when the services on the licence do not include it, the provision does not apply (deadlines.md, from item 15 of the seed licence)',
      },
      {
        ruleId: 'date-format',
        severity: 'info',
        message: '日期书写不规范：“2023年05月3日”（即 2023-05-03）',
        messageEn: 'Irregular printed date "2023年05月3日" (read as 2023-05-03)',
        fields: ['expiresOn'],
        evidence: [
          {
            line: 25,
            text: '有效期至：2023年05月3日',
          },
        ],
        basis:
          '实践：发证机关模板以统一格式印制日期（如 2023年05月03日）；同一证件中不规范的日期书写提示该处可能被改动，需人工核对',
        basisEn:
          'Practice: the issuing authority’s template prints dates in one uniform format (e.g. “2023年05月03日”); an irregularly written date in the same licence suggests that the place may have been altered and needs checking by hand',
      },
      {
        ruleId: 'date-format',
        severity: 'info',
        message: '日期书写不规范：“2018年6月6日”（即 2018-06-06）',
        messageEn: 'Irregular printed date "2018年6月6日" (read as 2018-06-06)',
        fields: ['signatures[1].date'],
        evidence: [
          {
            line: 156,
            text: '年 月 日 2018年6月6日',
          },
        ],
        basis:
          '实践：发证机关模板以统一格式印制日期（如 2023年05月03日）；同一证件中不规范的日期书写提示该处可能被改动，需人工核对',
        basisEn:
          'Practice: the issuing authority’s template prints dates in one uniform format (e.g. “2023年05月03日”); an irregularly written date in the same licence suggests that the place may have been altered and needs checking by hand',
      },
    ],
  },
  text: { lines, lineCount: lines.length, truncated: false },
  saved: null,
};
