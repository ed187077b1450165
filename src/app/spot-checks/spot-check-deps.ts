/**
 * What the spot-check use cases need (docs/spot-checks.md): the draws' store, the register they
 * draw from, who is an authority, the clock, the draw's randomness and new ids.
 */
import { DomainError } from '../../core/errors.js';
import type { Clock } from '../../ports/clock.js';
import type { LicenceStore } from '../../ports/licence-store.js';
import type { Organisation, OrganisationStore } from '../../ports/organisation-store.js';
import type { DrawRandomness, SpotCheckStore } from '../../ports/spot-check-store.js';
import type { Actor } from '../registry/registry-deps.js';

export interface SpotCheckDeps {
  readonly spotChecks: SpotCheckStore;
  /** the registry: an authority's register is its organisation's licences with provenance issued */
  readonly store: LicenceStore;
  readonly organisations: OrganisationStore;
  readonly clock: Clock;
  readonly randomness: DrawRandomness;
  /** a new draw's id */
  readonly newId: () => string;
}

/**
 * The acting organisation as an authority of this instance (not a mirror of another's register);
 * FORBIDDEN otherwise: only the authority that keeps a register draws from it and records the
 * results.
 */
export async function requireSpotCheckAuthority(
  who: Pick<Actor, 'organisation'>,
  deps: Pick<SpotCheckDeps, 'organisations'>,
): Promise<Organisation> {
  const org = await deps.organisations.findOrganisation(who.organisation);
  if (org?.kind !== 'authority') {
    throw new DomainError(
      'FORBIDDEN',
      `机构 ${who.organisation} 不是发证机关：只有发证机关可以从其登记簿中随机抽查（双随机、一公开）`,
      `Organisation ${who.organisation} is not an issuing authority: only an authority draws spot checks from its register`,
    );
  }
  if (org.mirrorOf !== null) {
    throw new DomainError(
      'FORBIDDEN',
      `机构 ${org.id} 是另一系统登记簿的镜像（${org.mirrorOf}），不能在此抽查`,
      `Organisation ${org.id} mirrors another instance's register (${org.mirrorOf}) and cannot draw spot checks here`,
    );
  }
  return org;
}

/** NOT_FOUND for a draw that does not exist or that another authority made. */
export function noSuchSpotCheck(id: string): DomainError {
  return new DomainError('NOT_FOUND', `没有抽查 ${id}`, `No spot check ${id}`);
}
