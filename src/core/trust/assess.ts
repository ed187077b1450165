/**
 * The trust assessment of a checked document: compare it with what its issuer recorded (the
 * register here, or a person's confirmation from the official query), merge what that finds into
 * the check's findings, and say whether the document can be believed and whether the licence is in
 * force. Pure: the application looks the register up and passes the day in.
 *
 * A document is a claim; the issuer's record is the fact (Order 42 art. 3, trust.md). So a
 * difference from the register is an error whatever the document's own consistency, and a document
 * nobody compared is at best `unverified`.
 */
import { licenceStatus } from '../checks/check-licence.js';
import {
  SEVERITY_ORDER,
  type CheckInput,
  type CheckReport,
  type Finding,
} from '../checks/finding.js';
import { makeFinding, type FindingDraft, type Rule } from '../checks/rule.js';
import { isIsoDate } from '../dates.js';
import { DomainError } from '../errors.js';
import type { Evidence, IsoDate, Licence } from '../licence.js';
import { parseLicenceNumber } from '../licence-number.js';
import {
  NONE_VALUE,
  NONE_VALUE_EN,
  compareWithConfirmation,
  compareWithRegister,
} from './compare-record.js';
import { isConfirmationCurrent } from './confirmation.js';
import { officialQueryUrl } from './official-query.js';
import type {
  OfficialConfirmation,
  RegisterDifference,
  RegisterLookup,
  RegisterSummary,
  TrustAssessment,
  Validity,
  Verdict,
} from './types.js';

/** The ids of the register's findings, printed beside the check's 19 rules. */
export const RegisterRuleId = {
  registerMismatch: 'register-mismatch',
  notInRegister: 'not-in-register',
  registerUnavailable: 'register-unavailable',
} as const;
export type RegisterRuleId = (typeof RegisterRuleId)[keyof typeof RegisterRuleId];

/** A register rule as listings show it: the shape of a check rule without `check`. */
export interface RegisterRule extends Omit<Rule, 'id' | 'check'> {
  readonly id: RegisterRuleId;
}

const ORDER_42_ART_3 =
  '《电信业务经营许可管理办法》（工业和信息化部令第42号）第三条：工业和信息化部和省、自治区、直辖市通信管理局' +
  '（统称电信管理机构）是经营许可证的审批管理机构；工业和信息化部建立电信业务综合管理平台，推进经营许可证的' +
  '网上申请、审批和管理及相关信息公示、查询、共享';
const ORDER_42_ART_3_EN =
  '《电信业务经营许可管理办法》 (Measures for the Administration of Telecommunications ' +
  'Business Licences, MIIT Order No. 42) art. 3: MIIT and the communications administrations of ' +
  'the provinces, autonomous regions and municipalities directly under the central government ' +
  '(together, the telecommunications administrations) approve and manage licences; MIIT runs the ' +
  'integrated telecommunications business management platform for the online application, ' +
  'approval and management of licences and the publication, query and sharing of their information';

const registerMismatch: RegisterRule = {
  id: RegisterRuleId.registerMismatch,
  severities: ['error'],
  title: '与发证机关登记不符',
  titleEn: 'Differs from the issuer’s register',
  basis: `${ORDER_42_ART_3}；发证机关登记的内容为准，文件只是副本（实践）`,
  basisEn: `${ORDER_42_ART_3_EN}; what the issuer recorded prevails, a document is a copy (practice)`,
};

const notInRegister: RegisterRule = {
  id: RegisterRuleId.notInRegister,
  severities: ['error'],
  title: '发证机关登记簿中无此许可证',
  titleEn: 'Not in the issuer’s register',
  basis: `${ORDER_42_ART_3}；发证机关登记簿中没有的编号不是该机关颁发的经营许可证（推断）`,
  basisEn: `${ORDER_42_ART_3_EN}; a number the issuer’s register does not hold was not issued by that authority (inference)`,
};

const registerUnavailable: RegisterRule = {
  id: RegisterRuleId.registerUnavailable,
  severities: ['info'],
  title: '未与发证机关登记核对',
  titleEn: 'Not checked against the issuer’s register',
  basis: `${ORDER_42_ART_3}；经营许可证信息可在电信业务市场综合管理信息系统（dxzhgl.miit.gov.cn）查询（实践）`,
  basisEn:
    `${ORDER_42_ART_3_EN}; licence information can be queried in “电信业务市场综合管理信息系统” ` +
    '(the telecommunications business market management information system, dxzhgl.miit.gov.cn) ' +
    '(practice)',
};

/** The register's rules, in the order listings show them. */
export const REGISTER_RULES: readonly RegisterRule[] = [
  registerMismatch,
  notInRegister,
  registerUnavailable,
];

/** Check findings about validity: the assessment reports validity apart, so they make no verdict. */
const VALIDITY_RULES: readonly string[] = ['expired', 'not-yet-valid'];

export interface AssessTrustInput {
  readonly report: CheckReport;
  readonly lookup: RegisterLookup;
  /** the day of the assessment, `YYYY-MM-DD` in Asia/Shanghai terms; injected, never read */
  readonly today: IsoDate;
  /** the document's evidence by field path, so register findings quote their lines */
  readonly evidence?: Readonly<Record<string, Evidence>>;
}

/** Whom a comparison was made against, for messages. */
interface Counterpart {
  /** 北京市通信管理局登记 / 官方系统核实记录（2026-11-30，alice） */
  readonly zh: string;
  readonly en: string;
  /** how the values are introduced: 登记 / 核实记录 */
  readonly noun: string;
  readonly nounEn: string;
}

function valueEn(value: string): string {
  return value === NONE_VALUE ? NONE_VALUE_EN : value;
}

function finding(rule: RegisterRule, input: CheckInput, draft: FindingDraft): Finding {
  return makeFinding(rule, input, draft);
}

/**
 * The lines behind a difference: its field, and for `websites` every website's domains (the
 * parser records evidence per website, which the parent path `websites` does not reach).
 */
function evidenceFieldsOf(difference: RegisterDifference, licence: Licence): string[] {
  if (difference.field !== 'websites') return [difference.field];
  return ['websites', ...licence.websites.map((_, k) => `websites[${k}].domains`)];
}

function mismatchFinding(
  difference: RegisterDifference,
  against: Counterpart,
  input: CheckInput,
): Finding {
  const { label, labelEn, documentValue, registerValue } = difference;
  const documentOnly = difference.documentOnly ?? [];
  const registerOnly = difference.registerOnly ?? [];
  const extra: string[] = [];
  const extraEn: string[] = [];
  if (documentOnly.length > 0) {
    extra.push(`文件多出：${documentOnly.join('、')}`);
    extraEn.push(`only in the document: ${documentOnly.join(', ')}`);
  }
  if (registerOnly.length > 0) {
    extra.push(`文件缺少：${registerOnly.join('、')}`);
    extraEn.push(`missing from the document: ${registerOnly.join(', ')}`);
  }
  const tail = extra.length > 0 ? `（${extra.join('；')}）` : '';
  const tailEn = extraEn.length > 0 ? ` (${extraEn.join('; ')})` : '';
  return finding(registerMismatch, input, {
    severity: 'error',
    message: `${label}与${against.zh}不符：文件为「${documentValue}」，${against.noun}为「${registerValue}」${tail}`,
    messageEn: `${labelEn} differs from ${against.en}: the document says "${valueEn(documentValue)}", ${against.nounEn} says "${valueEn(registerValue)}"${tailEn}`,
    fields: [difference.field],
    evidenceFields: evidenceFieldsOf(difference, input.licence),
  });
}

/** The document's number in canonical form, as written when it does not parse, or null. */
function documentNumber(licence: Licence): string | null {
  if (licence.number === null || licence.number.trim() === '') return null;
  const parsed = parseLicenceNumber(licence.number);
  return parsed.ok ? parsed.number.text : licence.number.trim();
}

function noBasisFinding(input: CheckInput): Finding {
  const number = documentNumber(input.licence);
  if (number === null) {
    return finding(registerUnavailable, input, {
      severity: 'info',
      message:
        '未与发证机关登记核对：本实例没有该许可证的登记，文件也没有经营许可证编号，无法在电信业务市场综合管理信息系统查询',
      messageEn:
        'Not checked against the issuer’s register: this instance holds no register for it, and the document has no licence number to query the official system with',
      fields: ['number'],
    });
  }
  const url = officialQueryUrl(number);
  return finding(registerUnavailable, input, {
    severity: 'info',
    message: `未与发证机关登记核对：本实例没有经营许可证 ${number} 的登记，请在电信业务市场综合管理信息系统查询：${url}`,
    messageEn: `Not checked against the issuer’s register: this instance holds no register for licence ${number}; query the official system: ${url}`,
    fields: ['number'],
  });
}

function staleConfirmationFinding(c: OfficialConfirmation, input: CheckInput): Finding {
  const url = officialQueryUrl(c.number);
  return finding(registerUnavailable, input, {
    severity: 'info',
    message: `${c.checkedOn} 的官方系统核实（${c.checkedBy}）已于 ${c.dueOn} 到期，须重新在电信业务市场综合管理信息系统核实：${url}`,
    messageEn: `The official-system confirmation of ${c.checkedOn} (${c.checkedBy}) fell due on ${c.dueOn} and must be redone in the official system: ${url}`,
    fields: ['number'],
  });
}

function isError(f: Finding): boolean {
  return f.severity === 'error';
}

/** Errors that make a document doubtful: any but the validity rules (validity is reported apart). */
function hasDoubtfulError(findings: readonly Finding[]): boolean {
  return findings.some((f) => isError(f) && !VALIDITY_RULES.includes(f.ruleId));
}

/** Check findings and register findings: errors, warnings, info; register findings first in each. */
function mergeFindings(register: readonly Finding[], check: readonly Finding[]): Finding[] {
  return [...register, ...check].sort(
    (a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity),
  );
}

/** The register's lifecycle status where it stops the licence; otherwise its record's dates. */
function validityFromRegister(
  lookup: Extract<RegisterLookup, { kind: 'register' }>,
  today: IsoDate,
): Validity {
  switch (lookup.status) {
    case 'suspended':
    case 'cancelled':
    case 'revoked':
      return lookup.status;
    case 'valid':
    case 'renewal-pending':
    case 'expired':
      // renewal-pending is in force as long as its dates say; a recorded expiry agrees with them.
      // A register entry is in force from its decision (issuedOn): a renewed certificate's term
      // starts after the old one ends, and the licence is in force in between.
      return licenceStatus(
        lookup.licence.issuedOn === null ? lookup.licence : { ...lookup.licence, validFrom: null },
        today,
      );
  }
}

/**
 * What the official query's status (as written) says about force: 吊销, 注销, 暂停 are the issuer's
 * word; any other status (已发证, 有效) leaves it to the document's dates.
 */
function validityFromOfficialStatus(status: string, document: Licence, today: IsoDate): Validity {
  if (status.includes('吊销')) return 'revoked';
  if (status.includes('注销')) return 'cancelled';
  if (status.includes('暂停')) return 'suspended';
  return licenceStatus(document, today);
}

/**
 * Assess a checked document against what this instance knows of its number (see `RegisterLookup`).
 *
 * Verdict: with something to compare with (a register entry, the register's word that it has no
 * such licence, or a current confirmation) any difference or absence is `mismatch`; otherwise an
 * error finding (other than `expired` / `not-yet-valid`) is `suspect`, and none is `verified`.
 * Without it, an error finding is `suspect`, none `unverified`. A confirmation counts as current
 * only when the lookup says so and `today` is before its due day, so a stale lookup cannot verify.
 *
 * @throws DomainError `INVALID_INPUT` when `today` is not a real `YYYY-MM-DD` date.
 */
export function assessTrust(input: AssessTrustInput): TrustAssessment {
  const { report, lookup, today } = input;
  if (!isIsoDate(today)) {
    throw new DomainError(
      'INVALID_INPUT',
      `评估日期“${today}”不是有效的 YYYY-MM-DD 日期`,
      `The assessment date "${today}" is not a valid YYYY-MM-DD date`,
    );
  }
  const document = report.licence;
  const checkInput: CheckInput = {
    licence: document,
    evidence: input.evidence ?? {},
    pageLabels: [],
    notes: [],
    today,
  };
  const doubtful = hasDoubtfulError(report.findings);

  switch (lookup.kind) {
    case 'register': {
      const { authority } = lookup;
      const differences = compareWithRegister(document, lookup.licence);
      const against: Counterpart = {
        zh: `${authority.name}登记`,
        en: `the register of ${authority.name}`,
        noun: '登记',
        nounEn: 'the register',
      };
      const own = differences.map((d) => mismatchFinding(d, against, checkInput));
      const first = own[0];
      const verdict = first ? 'mismatch' : doubtful ? 'suspect' : 'verified';
      const reason =
        first !== undefined
          ? mismatchReason(first)
          : doubtful
            ? {
                zh: `与${authority.name}登记簿一致（第 ${lookup.version} 版），但发现错误：需人工复核`,
                en: `Matches the register of ${authority.name} (version ${lookup.version}), but with errors: needs review`,
              }
            : {
                zh: `与${authority.name}登记簿一致（第 ${lookup.version} 版）`,
                en: `Matches the register of ${authority.name} (version ${lookup.version})`,
              };
      return assessment(own, report, verdict, reason, validityFromRegister(lookup, today), {
        provenance: 'issued',
        authority,
        found: true,
        status: lookup.status,
        version: lookup.version,
        updatedAt: lookup.updatedAt,
        confirmation: null,
        differences,
      });
    }
    case 'absent': {
      const { authority } = lookup;
      const number = documentNumber(document) ?? NONE_VALUE;
      const absence = finding(notInRegister, checkInput, {
        severity: 'error',
        message: `${authority.name}登记簿中没有经营许可证 ${number}：该机关未颁发此编号的许可证，或文件上的编号有误`,
        messageEn: `The register of ${authority.name} has no licence ${valueEn(number)}: that authority did not issue a licence with this number, or the document’s number is wrong`,
        fields: ['number'],
      });
      const reason = mismatchReason(absence);
      return assessment([absence], report, 'mismatch', reason, licenceStatus(document, today), {
        provenance: 'issued',
        authority,
        found: false,
        status: null,
        version: null,
        updatedAt: null,
        confirmation: null,
        differences: [],
      });
    }
    case 'confirmation': {
      const c = lookup.confirmation;
      const current = lookup.current && isConfirmationCurrent(c, today);
      const differences = current ? compareWithConfirmation(document, c) : [];
      const against: Counterpart = {
        zh: `官方系统核实记录（${c.checkedOn}，${c.checkedBy}）`,
        en: `the official-system confirmation (${c.checkedOn}, ${c.checkedBy})`,
        noun: '核实记录',
        nounEn: 'the confirmation',
      };
      const own = current
        ? differences.map((d) => mismatchFinding(d, against, checkInput))
        : [staleConfirmationFinding(c, checkInput)];
      const first = current ? own[0] : undefined;
      let verdict: Verdict;
      let reason: { zh: string; en: string };
      if (first !== undefined) {
        verdict = 'mismatch';
        reason = mismatchReason(first);
      } else if (doubtful) {
        verdict = 'suspect';
        reason = current
          ? {
              zh: `与 ${c.checkedOn} 的官方系统核实记录一致，但发现错误：需人工复核`,
              en: `Matches the official-system confirmation of ${c.checkedOn}, but with errors: needs review`,
            }
          : SUSPECT_REASON;
      } else if (current) {
        verdict = 'verified';
        reason = {
          zh: `已于 ${c.checkedOn} 由 ${c.checkedBy} 在官方系统核实`,
          en: `Confirmed in the official system by ${c.checkedBy} on ${c.checkedOn}`,
        };
      } else {
        verdict = 'unverified';
        reason = {
          zh: `${UNVERIFIED_REASON.zh}（${c.checkedOn} 的官方系统核实已于 ${c.dueOn} 到期）`,
          en: `${UNVERIFIED_REASON.en} (the official-system confirmation of ${c.checkedOn} fell due on ${c.dueOn})`,
        };
      }
      const validity = validityFromOfficialStatus(c.officialStatus, document, today);
      return assessment(own, report, verdict, reason, validity, {
        provenance: 'confirmed',
        authority: null,
        found: true,
        status: c.officialStatus,
        version: null,
        updatedAt: null,
        confirmation: {
          id: c.id,
          checkedOn: c.checkedOn,
          checkedBy: c.checkedBy,
          dueOn: c.dueOn,
          current,
          attachmentSha256: c.attachmentSha256,
        },
        differences,
      });
    }
    case 'none': {
      const own = [noBasisFinding(checkInput)];
      const verdict = doubtful ? 'suspect' : 'unverified';
      const reason = doubtful ? SUSPECT_REASON : UNVERIFIED_REASON;
      return assessment(own, report, verdict, reason, licenceStatus(document, today), null);
    }
  }
}

const SUSPECT_REASON = {
  zh: '未能与发证机关登记核对，且发现错误：需人工复核',
  en: 'Could not be checked against the issuer’s register, and has errors: needs review',
};

const UNVERIFIED_REASON = {
  zh: '未经发证机关核实',
  en: 'Not verified with the issuer',
};

function mismatchReason(first: Finding): { zh: string; en: string } {
  return {
    zh: `与登记不符，疑似伪造：${first.message}`,
    en: `Differs from the register, possibly forged: ${first.messageEn}`,
  };
}

function assessment(
  own: readonly Finding[],
  report: CheckReport,
  verdict: Verdict,
  reason: { zh: string; en: string },
  validity: Validity,
  register: RegisterSummary | null,
): TrustAssessment {
  return {
    findings: mergeFindings(own, report.findings),
    verdict,
    verdictReason: reason.zh,
    verdictReasonEn: reason.en,
    validity,
    register,
  };
}
