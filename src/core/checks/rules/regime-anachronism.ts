import type { Finding } from '../finding.js';
import {
  ORDER_42_EFFECTIVE,
  annualInspectionProvisions,
  hasInspectionTable,
  isoOrUndefined,
} from '../facts.js';
import { RuleId, makeFinding, type Rule } from '../rule.js';

/**
 * A licence issued on or after 2017-09-01 is under Order 42, which replaced the annual inspection
 * (年检) with the annual report (年报). Such a licence carrying the inspection table or a 年检
 * provision was printed from a pre-2017 template: a forgery signal (the seed, issued 2022, shows
 * both). One finding naming everything that belongs to the old regime.
 */
export const regimeAnachronism: Rule = {
  id: RuleId.regimeAnachronism,
  severities: ['warning'],
  title: '年检制度已废止',
  titleEn: 'Annual inspection after its abolition',
  basis:
    '《电信业务经营许可管理办法》（工业和信息化部令第42号）自 2017-09-01 施行，第三十五条以年报制度取代原年检制度' +
    '（《工业和信息化部关于建立电信业务经营信息年报和公示制度的通知》工信部信管〔2017〕321号）',
  basisEn:
    '《电信业务经营许可管理办法》 (Measures for the Administration of Telecommunications ' +
    'Business Licences, MIIT Order No. 42) took effect on 2017-09-01; its art. 35 replaced the ' +
    'former annual inspection system with an annual report system ' +
    '(《工业和信息化部关于建立电信业务经营信息年报和公示制度的通知》 (MIIT Notice on ' +
    'Establishing the Annual Report and Publicity System for Telecommunications Business ' +
    'Operation Information), Gongxinbu Xinguan [2017] No. 321)',
  check(input): Finding[] {
    const issuedOn = isoOrUndefined(input.licence.issuedOn);
    if (issuedOn === undefined || issuedOn < ORDER_42_EFFECTIVE) return [];
    const provisions = annualInspectionProvisions(input.licence);
    const table = hasInspectionTable(input);
    if (provisions.length === 0 && !table) return [];
    const zh: string[] = [];
    const en: string[] = [];
    const fields: string[] = ['issuedOn'];
    if (table) {
      zh.push('年检情况记录表');
      en.push('the annual inspection table');
      fields.push('inspections');
    }
    if (provisions.length > 0) {
      const ids = provisions.map((p) => p.id).join('、');
      zh.push(`第 ${ids} 项特别规定事项（年检）`);
      en.push(`special provision ${provisions.map((p) => p.id).join(', ')} (annual inspection)`);
      fields.push(...provisions.map((p) => `provisions[${p.index}]`));
    }
    return [
      makeFinding(regimeAnachronism, input, {
        severity: 'warning',
        message: `发证日期 ${issuedOn} 晚于年检制度废止（${ORDER_42_EFFECTIVE} 起改为年报），许可证却载有${zh.join('和')}`,
        messageEn: `Issued on ${issuedOn}, after the annual inspection gave way to the annual report on ${ORDER_42_EFFECTIVE}, yet the licence carries ${en.join(' and ')}`,
        fields,
      }),
    ];
  },
};
