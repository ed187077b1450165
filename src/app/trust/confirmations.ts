/**
 * Use case: record what the authority's official query showed for a number (provenance
 * `confirmed`): the status, company, services with coverage and validity a person read there, on
 * which day, with a screenshot or saved page. A confirmation is compared like a register entry until
 * it falls due (docs/trust.md), and is never shown by public verification as the authority's word.
 */
import { isIsoDate, parseDocumentDate } from '../../core/dates.js';
import { DomainError } from '../../core/errors.js';
import type { IsoDate } from '../../core/licence.js';
import { confirmationDueOn } from '../../core/trust/confirmation.js';
import type { OfficialConfirmation } from '../../core/trust/types.js';
import type { SourceDocument } from '../../ports/licence-store.js';
import type { Secrets } from '../../ports/secrets.js';
import { canonicalLicenceNumber, type Actor, type TrustDeps } from '../registry/registry-deps.js';

export interface ConfirmationRequest {
  readonly number: string;
  /** the day the official query was consulted; default today; never in the future */
  readonly checkedOn?: string;
  /** as the query showed it: 已发证, 有效, 已注销 … */
  readonly officialStatus: string;
  readonly holderName?: string | null;
  readonly services?: readonly { readonly name: string; readonly coverage?: readonly string[] }[];
  readonly validFrom?: string | null;
  readonly expiresOn?: string | null;
  readonly note?: string | null;
  /** the screenshot or saved page */
  readonly attachment?: SourceDocument | null;
}

/** ISO, or a date as a person writes it (2026年11月30日, 2026.11.30); null stays null. */
function dateOf(value: string | null | undefined, field: string): IsoDate | null {
  if (value === undefined || value === null || value.trim() === '') return null;
  if (isIsoDate(value)) return value;
  const parsed = parseDocumentDate(value);
  if (parsed.ok) return parsed.date;
  throw new DomainError(
    'INVALID_INPUT',
    `${field}：“${value}”不是日期（YYYY-MM-DD 或 2026年11月30日）`,
    `${field}: "${value}" is not a date (YYYY-MM-DD or 2026年11月30日)`,
  );
}

function text(value: string | null | undefined, field: string, max: number): string | null {
  if (value === undefined || value === null) return null;
  const t = value.trim();
  if (t === '') return null;
  if (t.length > max) {
    throw new DomainError(
      'INVALID_INPUT',
      `${field} 过长（上限 ${max} 字）`,
      `${field} is too long (${max} characters at most)`,
    );
  }
  return t;
}

export async function recordConfirmation(
  request: ConfirmationRequest,
  who: Actor,
  deps: TrustDeps & { readonly secrets: Secrets },
): Promise<OfficialConfirmation> {
  const number = canonicalLicenceNumber(request.number);
  const today = deps.clock.today();
  const checkedOn = dateOf(request.checkedOn, 'checkedOn') ?? today;
  if (checkedOn > today) {
    throw new DomainError(
      'INVALID_INPUT',
      `checkedOn：核实日期 ${checkedOn} 在今天（${today}）之后`,
      `checkedOn: the day checked, ${checkedOn}, is after today (${today})`,
    );
  }
  const officialStatus = text(request.officialStatus, 'officialStatus', 50);
  if (officialStatus === null) {
    throw new DomainError(
      'INVALID_INPUT',
      'officialStatus：须填写官方系统显示的状态（如 已发证、有效、已注销）',
      'officialStatus: state the status the official query showed (e.g. 已发证, 有效, 已注销)',
    );
  }
  const services = (request.services ?? []).slice(0, 50).map((s, i) => ({
    name: text(s.name, `services[${i}].name`, 200) ?? '',
    coverage: (s.coverage ?? [])
      .map((c) => text(c, `services[${i}].coverage`, 50))
      .filter((c): c is string => c !== null),
  }));
  const empty = services.findIndex((s) => s.name === '');
  if (empty >= 0) {
    throw new DomainError(
      'INVALID_INPUT',
      `services[${empty}].name：业务种类名称为空`,
      `services[${empty}].name: the business type is empty`,
    );
  }
  const validFrom = dateOf(request.validFrom, 'validFrom');
  const expiresOn = dateOf(request.expiresOn, 'expiresOn');
  if (validFrom !== null && expiresOn !== null && validFrom > expiresOn) {
    throw new DomainError(
      'INVALID_INPUT',
      `有效期起始 ${validFrom} 晚于截止 ${expiresOn}`,
      `validFrom ${validFrom} is after expiresOn ${expiresOn}`,
    );
  }
  const confirmation: OfficialConfirmation = {
    id: `cf_${deps.secrets.newId()}`,
    number,
    checkedOn,
    checkedBy: who.actor,
    officialStatus,
    holderName: text(request.holderName, 'holderName', 200),
    services,
    validFrom,
    expiresOn,
    note: text(request.note, 'note', 1000),
    attachmentSha256: request.attachment?.sha256 ?? null,
    dueOn: confirmationDueOn(checkedOn, expiresOn, deps.confirmationDays),
    recordedAt: deps.clock.now().toISOString(),
  };
  await deps.confirmations.recordConfirmation(
    who.organisation,
    confirmation,
    request.attachment ?? null,
  );
  return confirmation;
}

export async function listConfirmations(
  numberInput: string,
  who: Actor,
  deps: TrustDeps,
): Promise<OfficialConfirmation[]> {
  return deps.confirmations.listConfirmations(
    who.organisation,
    canonicalLicenceNumber(numberInput),
  );
}
