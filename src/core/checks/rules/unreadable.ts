import type { Licence } from '../../licence.js';
import type { Finding } from '../finding.js';
import { RuleId, makeFinding, type Rule } from '../rule.js';

/** A part every licence states, where the record keeps it, and its name in words. */
interface Part {
  readonly fields: readonly string[];
  readonly zh: string;
  readonly en: string;
  readonly missing: (licence: Licence) => boolean;
}

function blank(value: string | null): boolean {
  return value === null || value.trim() === '';
}

/** The parts the licence's face states (2001 Order 19 art. 12), in the record's order. */
const PARTS: readonly Part[] = [
  {
    fields: ['number'],
    zh: '经营许可证编号',
    en: 'licence number',
    missing: (l) => blank(l.number),
  },
  {
    fields: ['holder.name'],
    zh: '公司名称',
    en: "holder's name",
    missing: (l) => blank(l.holder.name),
  },
  {
    fields: ['services'],
    zh: '业务种类',
    en: 'services',
    missing: (l) => l.services.every((s) => blank(s.name)),
  },
  {
    fields: ['issuedOn', 'validFrom'],
    zh: '发证日期',
    en: 'issue date',
    missing: (l) => blank(l.issuedOn) && blank(l.validFrom),
  },
  {
    fields: ['expiresOn'],
    zh: '有效期至',
    en: 'expiry date',
    missing: (l) => blank(l.expiresOn),
  },
];

/**
 * A document read without one of the parts every licence states (its number, holder, services,
 * issue and expiry dates) was not read, whatever else it says: an error naming the part, so a check
 * never reports a licence it failed to read as having no problems (a service table in an unusual
 * layout, a scan read badly). Only for a record read from a document: a bare registry record was
 * not read here, and a missing part there is what it was registered with.
 */
export const unreadable: Rule = {
  id: RuleId.unreadable,
  severities: ['error'],
  title: '未能读出',
  titleEn: 'Could not read',
  basis:
    '《电信业务经营许可证管理办法》（2001 年信息产业部令第19号）第十二条：经营许可证的正文部分应当载明公司名称、' +
    '法定代表人、注册住所、业务种类、业务覆盖范围、有效期限、发证机关和发证日期、签发人、经营许可证编号等内容（实践：' +
    '未能读出的内容须对照原件核对）',
  basisEn:
    '《电信业务经营许可证管理办法》 (Measures for the Administration of Telecommunications ' +
    'Business Operating Licences, Ministry of Information Industry (MII) Order No. 19 of 2001) ' +
    "art. 12: the licence's main text shall state the company name, legal representative, " +
    'registered address, services, service coverage, validity period, issuing authority and issue ' +
    'date, signatory, licence number and so on (practice: what could not be read must be checked ' +
    'against the original)',
  check(input): Finding[] {
    if (input.document !== true) return [];
    return PARTS.filter((p) => p.missing(input.licence)).map((p) =>
      makeFinding(unreadable, input, {
        severity: 'error',
        message: `未能从文件中读出${p.zh}：可能在表格或特殊版式中，或扫描不清；请对照原件核对，不能视为没有问题`,
        messageEn: `Could not read the ${p.en} (${p.zh}) from the document: it may sit in a table or an unusual layout, or the scan may be unclear; check it against the original, it cannot be taken as having no problems`,
        fields: p.fields,
      }),
    );
  },
};
