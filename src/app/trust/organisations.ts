/**
 * Use cases: organisations as first-class records (docs/trust.md). The instance's administrator
 * creates them (authority with its jurisdiction, holder, platform) and lists them; an
 * organisation's admin decides whether public verification may show its declared records.
 */
import { DomainError } from '../../core/errors.js';
import { parseJurisdiction } from '../../core/trust/jurisdiction.js';
import {
  ORGANISATION_ID,
  ORGANISATION_KINDS,
  type OrganisationKind,
} from '../../core/trust/types.js';
import type { Organisation, OrganisationStore } from '../../ports/organisation-store.js';

export interface CreateOrganisationRequest {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  /** authorities only, required there: 京,津 / MIIT / 北京市通信管理局 … */
  readonly jurisdiction?: string | readonly string[] | null;
  readonly publishDeclared?: boolean;
}

export async function createOrganisation(
  request: CreateOrganisationRequest,
  actor: string,
  deps: { readonly organisations: OrganisationStore },
): Promise<Organisation> {
  if (!ORGANISATION_ID.test(request.id)) {
    throw new DomainError(
      'INVALID_INPUT',
      `机构标识“${request.id}”无效：应为 1–64 个 a-z 0-9 - _，以字母或数字开头`,
      `Organisation id "${request.id}" is invalid: expected 1–64 of a-z 0-9 - _ starting with a letter or digit`,
    );
  }
  const name = request.name.trim();
  if (name === '' || name.length > 200) {
    throw new DomainError(
      'INVALID_INPUT',
      '机构名称应为 1–200 个字符',
      'The organisation name must be 1–200 characters',
    );
  }
  if (!(ORGANISATION_KINDS as readonly string[]).includes(request.kind)) {
    throw new DomainError(
      'INVALID_INPUT',
      `机构类型“${request.kind}”无效：应为 ${ORGANISATION_KINDS.join('、')}`,
      `Organisation kind "${request.kind}" is invalid: expected ${ORGANISATION_KINDS.join(', ')}`,
    );
  }
  const kind = request.kind as OrganisationKind;
  const raw = request.jurisdiction;
  const text =
    raw === undefined || raw === null ? '' : typeof raw === 'string' ? raw : raw.join(',');
  let jurisdiction: string[] = [];
  if (kind === 'authority') {
    const parsed = parseJurisdiction(text);
    if (!parsed.ok) {
      throw new DomainError(
        'INVALID_INPUT',
        `发证机关的管辖范围：${parsed.message}`,
        `The authority's jurisdiction: ${parsed.messageEn}`,
      );
    }
    jurisdiction = parsed.keys;
  } else if (text.trim() !== '') {
    throw new DomainError(
      'INVALID_INPUT',
      `只有发证机关有管辖范围；${kind} 不能带 --jurisdiction`,
      `Only an authority has a jurisdiction; a ${kind} takes no --jurisdiction`,
    );
  }
  return deps.organisations.createOrganisation(
    { id: request.id, name, kind, jurisdiction, publishDeclared: request.publishDeclared ?? false },
    actor,
  );
}

/** The acting organisation's own record; a placeholder (never created by name) reads as a holder. */
export async function getOwnOrganisation(
  id: string,
  deps: { readonly organisations: OrganisationStore },
): Promise<Organisation> {
  const found = await deps.organisations.findOrganisation(id);
  return (
    found ?? {
      id,
      name: id,
      kind: 'holder',
      jurisdiction: [],
      mirrorOf: null,
      publishDeclared: false,
      createdAt: '',
    }
  );
}
