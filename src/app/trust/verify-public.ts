/**
 * Use case: public verification (docs/trust.md). Anyone may ask whether a number is a licence; the
 * answer comes from the registers of the authorities on this instance, with the authority's name
 * and the register's last change. A number held only as declarations is NOT_IN_REGISTER, pointing
 * to the authority's own query, unless an organisation chose to publish its declared records: then
 * the answer says plainly that the holder recorded it and the issuer has not verified it.
 * Malformed and impossible numbers (a year after this one) are INVALID_INPUT, each saying why.
 */
import { DomainError } from '../../core/errors.js';
import { effectiveStatus, type LicenceStatus } from '../../core/lifecycle/lifecycle.js';
import type { Licence } from '../../core/licence.js';
import { parseLicenceNumber } from '../../core/licence-number.js';
import { officialQueryUrl } from '../../core/trust/official-query.js';
import type { AuthorityRef, Provenance } from '../../core/trust/types.js';
import { findRegisterEntry } from './register.js';
import type { TrustDeps } from '../registry/registry-deps.js';

export interface PublicAnswer {
  readonly number: string;
  readonly status: LicenceStatus;
  readonly licence: Licence;
  readonly provenance: Provenance;
  readonly authority: AuthorityRef | null;
  readonly registerVersion: number;
  readonly registerUpdatedAt: string;
  readonly notice: string | null;
  readonly noticeEn: string | null;
}

const DECLARED_NOTICE = '由持证单位自行登记，未经发证机关核实';
const DECLARED_NOTICE_EN =
  'Recorded by the licence holder itself; not verified by the issuing authority';

export async function verifyPublicLicence(input: string, deps: TrustDeps): Promise<PublicAnswer> {
  const parsed = parseLicenceNumber(input);
  if (!parsed.ok) {
    throw new DomainError(
      'INVALID_INPUT',
      `“${input.slice(0, 60)}”不是经营许可证编号：${parsed.message}`,
      `"${input.slice(0, 60)}" is not a licence number: ${parsed.messageEn}`,
    );
  }
  const { number } = parsed;
  const today = deps.clock.today();
  const thisYear = Number(today.slice(0, 4));
  if (number.year > thisYear) {
    throw new DomainError(
      'INVALID_INPUT',
      `经营许可证编号 ${number.text} 不可能存在：编号中的年份 ${number.year} 在今年（${thisYear}）之后`,
      `Licence number ${number.text} cannot exist: its year ${number.year} is after this year (${thisYear})`,
    );
  }
  const entry = await findRegisterEntry(number.text, deps);
  if (entry.kind === 'register') {
    return {
      number: number.text,
      status: effectiveStatus(entry.status, entry.licence.expiresOn, today),
      licence: entry.licence,
      provenance: entry.mirroredFrom === undefined ? 'issued' : 'mirrored',
      authority: entry.authority,
      registerVersion: entry.version,
      registerUpdatedAt: entry.updatedAt,
      notice: null,
      noticeEn: null,
    };
  }
  // Not in a register: an organisation that opted in may publish its own declared record.
  if (entry.kind === 'none') {
    for (const org of await deps.organisations.listOrganisations()) {
      if (!org.publishDeclared || org.kind === 'authority') continue;
      const declared = await deps.store.findLicence(org.id, number.text);
      if (declared === undefined) continue;
      return {
        number: number.text,
        status: effectiveStatus(declared.status, declared.licence.expiresOn, today),
        licence: declared.licence,
        provenance: 'declared',
        authority: null,
        registerVersion: declared.version,
        registerUpdatedAt: declared.updatedAt,
        notice: `${DECLARED_NOTICE}（${org.name}）`,
        noticeEn: `${DECLARED_NOTICE_EN} (${org.name})`,
      };
    }
  }
  const query = officialQueryUrl(number.text);
  const [zh, en] =
    entry.kind === 'absent'
      ? [
          `${entry.authority.name}的登记簿中没有经营许可证 ${number.text}`,
          `${entry.authority.name}'s register holds no licence ${number.text}`,
        ]
      : [
          `本系统没有发证机关登记簿覆盖经营许可证 ${number.text}`,
          `No issuing authority's register on this instance covers licence ${number.text}`,
        ];
  throw new DomainError(
    'NOT_IN_REGISTER',
    `${zh}；请在工业和信息化部电信业务市场综合管理信息系统查询：${query}`,
    `${en}; query the MIIT licence system: ${query}`,
    { links: { officialQuery: query } },
  );
}
