/**
 * Use cases of 一公开 (docs/spot-checks.md §4): anyone reads a draw's published record (the seed,
 * the inputs, the result and each check's result, inspector names included, no actor) and an
 * authority's list of draws, without a token.
 */
import { DomainError } from '../../core/errors.js';
import type { SpotCheckRecord } from '../../core/spot-check/record.js';
import { noSuchSpotCheck, type SpotCheckDeps } from './spot-check-deps.js';
import {
  publicSummary,
  publishedSpotCheck,
  type PublicSpotCheckSummary,
} from './spot-check-view.js';

type PublicDeps = Pick<SpotCheckDeps, 'spotChecks' | 'organisations'>;

export async function getPublicSpotCheck(id: string, deps: PublicDeps): Promise<SpotCheckRecord> {
  const draw = await deps.spotChecks.findDraw(id);
  if (draw === undefined) throw noSuchSpotCheck(id);
  const authority = await deps.organisations.findOrganisation(draw.authority);
  if (authority === undefined) throw noSuchSpotCheck(id);
  return publishedSpotCheck(draw, authority);
}

export async function listPublicSpotChecks(
  authorityId: string,
  filter: { readonly year?: number },
  deps: PublicDeps,
): Promise<PublicSpotCheckSummary[]> {
  const authority = await deps.organisations.findOrganisation(authorityId);
  if (authority?.kind !== 'authority') {
    throw new DomainError(
      'NOT_FOUND',
      `本系统没有发证机关 ${authorityId}`,
      `No issuing authority ${authorityId} on this instance`,
    );
  }
  const draws = await deps.spotChecks.listDraws(authority.id, filter);
  return draws.map((d) => publicSummary(d, authority));
}
