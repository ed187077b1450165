/**
 * Use cases of the register (docs/trust.md): an authority organisation issues licences in its
 * jurisdiction and records every later decision on them (renewal, change, annual report,
 * inspection, suspension, reinstatement, cancellation, revocation), each with a reason and the
 * decision's document number (文号), each audited with who did it. Nobody else writes a register
 * entry: the licence store is per organisation, and only these use cases write with provenance
 * `issued`, only in an authority's own organisation, only for numbers its jurisdiction covers.
 */
import { addDays } from '../../core/dates.js';
import { DomainError } from '../../core/errors.js';
import { effectiveStatus, type LicenceEventKind } from '../../core/lifecycle/lifecycle.js';
import type { IsoDate, Licence } from '../../core/licence.js';
import { coversNumber, jurisdictionOfNumber } from '../../core/trust/jurisdiction.js';
import { isConfirmationCurrent } from '../../core/trust/confirmation.js';
import type { RegisterLookup } from '../../core/trust/types.js';
import type { SourceDocument } from '../../ports/licence-store.js';
import { withCurrentStatus, type FoundLicence } from '../registry/find-licences.js';
import type { Organisation } from '../../ports/organisation-store.js';
import {
  canonicalLicenceNumber,
  transitionOrRefuse,
  validLicenceRecord,
  type Actor,
  type TrustDeps,
} from '../registry/registry-deps.js';

/** The decisions an authority records on an entry after issuing it. */
export const REGISTER_EVENT_KINDS = [
  'renewal-applied',
  'renewed',
  'changed',
  'annual-report-filed',
  'inspection-recorded',
  'suspended',
  'reinstated',
  'cancelled',
  'revoked',
  'expired',
] as const satisfies readonly LicenceEventKind[];
export type RegisterEventKind = (typeof REGISTER_EVENT_KINDS)[number];

export function isRegisterEventKind(s: string): s is RegisterEventKind {
  return (REGISTER_EVENT_KINDS as readonly string[]).includes(s);
}

/** A decision's reason and document number: both required, both bounded. */
export interface Decision {
  /** why, in the authority's words */
  readonly reason: string;
  /** the decision's document number (文号), e.g. 京通信管〔2026〕12号 */
  readonly decisionNumber: string;
}

function checkDecision(d: Decision): Decision {
  const reason = d.reason.trim();
  const decisionNumber = d.decisionNumber.trim();
  if (reason === '' || reason.length > 500) {
    throw new DomainError(
      'INVALID_INPUT',
      '登记簿操作须写明理由（1–500 字）',
      'A register decision needs a reason (1–500 characters)',
    );
  }
  if (decisionNumber === '' || decisionNumber.length > 100) {
    throw new DomainError(
      'INVALID_INPUT',
      '登记簿操作须写明决定文号（1–100 字），如 京通信管〔2026〕12号',
      'A register decision needs its document number (1–100 characters), e.g. 京通信管〔2026〕12号',
    );
  }
  return { reason, decisionNumber };
}

/**
 * The acting organisation as an authority whose jurisdiction covers `number`; FORBIDDEN otherwise,
 * saying which authority would be the issuer.
 */
async function requireIssuer(who: Actor, number: string, deps: TrustDeps): Promise<Organisation> {
  const org = await deps.organisations.findOrganisation(who.organisation);
  if (org?.kind === 'authority' && org.mirrorOf !== null) {
    throw new DomainError(
      'FORBIDDEN',
      `机构 ${who.organisation} 是另一系统登记簿的镜像（${org.mirrorOf}），只能通过跟随更新`,
      `Organisation ${who.organisation} mirrors another instance's register (${org.mirrorOf}); only following it updates it`,
    );
  }
  if (org?.kind !== 'authority') {
    throw new DomainError(
      'FORBIDDEN',
      `机构 ${who.organisation} 不是发证机关，不能在登记簿中发证或记录发证机关的决定；持证单位和平台保存的是许可证副本（自行申报）`,
      `Organisation ${who.organisation} is not an issuing authority: it cannot issue licences or record the issuer's decisions; holders and platforms keep declared copies`,
    );
  }
  if (!coversNumber(org.jurisdiction, number)) {
    const key = jurisdictionOfNumber(number) ?? '?';
    throw new DomainError(
      'FORBIDDEN',
      `经营许可证 ${number} 不属于 ${org.name} 的管辖范围（${org.jurisdiction.join('、')}）；其发证机关管辖 ${key}`,
      `Licence ${number} is outside ${org.name}'s jurisdiction (${org.jurisdiction.join(', ')}); its issuer's jurisdiction is ${key}`,
    );
  }
  return org;
}

export interface IssueRequest extends Decision {
  readonly licence: Licence;
  /** the application document it was reviewed from, stored by its sha256 */
  readonly document?: SourceDocument | null;
  /** the day of the decision; default the record's issue date, else today */
  readonly on?: IsoDate;
}

/** Issue a licence into the acting authority's register (version 1, provenance `issued`). */
export async function issueLicence(
  request: IssueRequest,
  who: Actor,
  deps: TrustDeps,
): Promise<FoundLicence> {
  const decision = checkDecision(request);
  const record = validLicenceRecord(request.licence);
  const authority = await requireIssuer(who, record.number, deps);
  // The register names its issuer: a record without one is issued by the acting authority.
  const licence = { ...record, issuer: record.issuer ?? authority.name };
  const on = request.on ?? licence.issuedOn ?? deps.clock.today();
  const t = transitionOrRefuse(
    { status: undefined, licence: undefined },
    { kind: 'issued', on, note: decision.reason, licence },
    licence.number,
  );
  const existing = await deps.store.findLicence(who.organisation, licence.number);
  if (existing) {
    throw new DomainError(
      'CONFLICT',
      `经营许可证 ${licence.number} 已在登记簿中（第 ${existing.version} 版）；变更、延续请记录相应决定`,
      `Licence ${licence.number} is already in the register (version ${existing.version}); record a change or renewal instead`,
    );
  }
  const [created] = await deps.store.createLicences(who.organisation, [
    {
      licence: { ...t.licence, number: licence.number },
      status: t.status,
      provenance: 'issued',
      event: {
        kind: 'issued',
        on,
        note: decision.reason,
        actor: who.actor,
        data: { decisionNumber: decision.decisionNumber },
      },
      document: request.document ?? null,
    },
  ]);
  if (!created) throw new Error('createLicences returned nothing');
  await deps.registerWritten?.(who.organisation);
  return withCurrentStatus(created, deps.clock.today());
}

export interface RegisterEventRequest extends Decision {
  readonly kind: RegisterEventKind;
  /** the day of the decision; default today */
  readonly on?: IsoDate;
  /** renewed: the new expiry date */
  readonly expiresOn?: IsoDate;
  /** annual-report-filed, inspection-recorded: the year */
  readonly year?: number;
  /** changed: the approved new record (its number must stay the same) */
  readonly licence?: Licence;
  readonly document?: SourceDocument | null;
  /** the version the caller saw; omitted: the version read here */
  readonly expectedVersion?: number;
}

/** Record an authority's decision on a register entry: a new version with its event. */
export async function recordRegisterEvent(
  numberInput: string,
  request: RegisterEventRequest,
  who: Actor,
  deps: TrustDeps,
): Promise<FoundLicence> {
  const number = canonicalLicenceNumber(numberInput);
  if (!isRegisterEventKind(request.kind)) {
    throw new DomainError(
      'INVALID_INPUT',
      `登记簿不接受事件 ${String(request.kind)}；发证请用 register issue`,
      `The register does not take the event ${String(request.kind)}; issue with register issue`,
    );
  }
  const decision = checkDecision(request);
  await requireIssuer(who, number, deps);
  const current = await deps.store.findLicence(who.organisation, number);
  if (!current) {
    throw new DomainError(
      'NOT_FOUND',
      `登记簿中没有经营许可证 ${number}`,
      `The register holds no licence ${number}`,
    );
  }
  let changed: Licence | undefined;
  if (request.kind === 'changed') {
    if (request.licence === undefined) {
      throw new DomainError(
        'INVALID_INPUT',
        '变更须附上批准后的许可证记录',
        'A change needs the approved licence record',
      );
    }
    changed = validLicenceRecord(request.licence);
    if (changed.number !== number) {
      throw new DomainError(
        'INVALID_INPUT',
        `变更不能改变经营许可证编号（${number} → ${changed.number ?? ''}）`,
        `A change cannot alter the licence number (${number} → ${changed.number ?? ''})`,
      );
    }
  }
  const on = request.on ?? deps.clock.today();
  const t = transitionOrRefuse(
    current,
    {
      kind: request.kind,
      on,
      note: decision.reason,
      ...(request.expiresOn === undefined ? {} : { expiresOn: request.expiresOn }),
      ...(request.year === undefined ? {} : { year: request.year }),
      ...(changed === undefined ? {} : { licence: changed }),
    },
    number,
  );
  const updated = await deps.store.updateLicence(who.organisation, {
    number,
    expectedVersion: request.expectedVersion ?? current.version,
    licence: request.kind === 'renewed' ? renewedRecord(current.licence, t.licence, on) : t.licence,
    status: t.status,
    provenance: 'issued',
    event: {
      kind: request.kind,
      on,
      note: decision.reason,
      actor: who.actor,
      data: {
        decisionNumber: decision.decisionNumber,
        ...(request.expiresOn === undefined ? {} : { expiresOn: request.expiresOn }),
        ...(request.year === undefined ? {} : { year: request.year }),
      },
    },
    document: request.document ?? null,
  });
  await deps.registerWritten?.(who.organisation);
  return withCurrentStatus(updated, deps.clock.today());
}

/**
 * A renewal (延续) is a new certificate: issued on the decision day, valid from the day after the
 * old expiry (or from the decision day when the old one had lapsed or had no expiry) to the new
 * expiry. So the renewed holder's copy, printed with those dates, matches the register and passes the
 * 5-year term check.
 */
function renewedRecord(before: Licence, after: Licence, on: IsoDate): Licence {
  const oldExpiry = before.expiresOn;
  const nextDay = oldExpiry === null ? null : addDays(oldExpiry, 1);
  const validFrom = nextDay !== null && nextDay > on ? nextDay : on;
  return { ...after, issuedOn: on, validFrom };
}

/**
 * The register entry for a number across the authorities on this instance: `register` when an
 * authority whose jurisdiction covers it holds it, `absent` when one covers it and none holds it,
 * `none` when no authority here covers it.
 */
export async function findRegisterEntry(
  number: string,
  deps: Pick<TrustDeps, 'store' | 'organisations' | 'clock'>,
  /** the authorities, when the caller looks many numbers up (a page of the licence list) */
  known?: readonly Organisation[],
): Promise<RegisterLookup & { kind: 'register' | 'absent' | 'none' }> {
  const authorities = (known ?? (await deps.organisations.listAuthorities())).filter((a) =>
    coversNumber(a.jurisdiction, number),
  );
  for (const authority of authorities) {
    const entry = await deps.store.findLicence(authority.id, number);
    // an authority's own entries are `issued`; a mirror's, copied from a verified log, `mirrored`
    const own = authority.mirrorOf === null && entry?.provenance === 'issued';
    const mirrored = authority.mirrorOf !== null && entry?.provenance === 'mirrored';
    if (entry && (own || mirrored)) {
      return {
        kind: 'register',
        authority: { id: authority.id, name: authority.name },
        licence: entry.licence,
        // as of today: a valid entry past its expiry reads expired
        status: effectiveStatus(entry.status, entry.licence.expiresOn, deps.clock.today()),
        version: entry.version,
        updatedAt: entry.updatedAt,
        ...(authority.mirrorOf === null ? {} : { mirroredFrom: authority.mirrorOf }),
      };
    }
  }
  const first = authorities[0];
  return first === undefined
    ? { kind: 'none' }
    : { kind: 'absent', authority: { id: first.id, name: first.name } };
}

/**
 * What the acting organisation can compare a document with: the register (any authority here),
 * else its own latest official-query confirmation (current or fallen due), else nothing.
 */
export async function lookupRegister(
  numberInput: string | null,
  who: Pick<Actor, 'organisation'>,
  deps: TrustDeps,
  known?: readonly Organisation[],
): Promise<RegisterLookup> {
  if (numberInput === null) return { kind: 'none' };
  let number: string;
  try {
    number = canonicalLicenceNumber(numberInput);
  } catch {
    return { kind: 'none' };
  }
  const entry = await findRegisterEntry(number, deps, known);
  if (entry.kind !== 'none') return entry;
  const confirmation = await deps.confirmations.latestConfirmation(who.organisation, number);
  if (confirmation === undefined) return { kind: 'none' };
  return {
    kind: 'confirmation',
    confirmation,
    current: isConfirmationCurrent(confirmation, deps.clock.today()),
  };
}
