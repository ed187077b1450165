/**
 * Use cases: an authority reads its own draws (docs/spot-checks.md): one with its checks and who
 * recorded them, or the list, newest first. Another authority's draw is NOT_FOUND here (its
 * published record is the public view's).
 */
import type { Actor } from '../registry/registry-deps.js';
import type { SpotCheckSummary } from '../../ports/spot-check-store.js';
import {
  noSuchSpotCheck,
  requireSpotCheckAuthority,
  type SpotCheckDeps,
} from './spot-check-deps.js';
import { spotCheckView, type SpotCheckView } from './spot-check-view.js';

export async function getSpotCheck(
  id: string,
  who: Pick<Actor, 'organisation'>,
  deps: SpotCheckDeps,
): Promise<SpotCheckView> {
  const authority = await requireSpotCheckAuthority(who, deps);
  const draw = await deps.spotChecks.findDraw(id);
  if (draw?.authority !== authority.id) throw noSuchSpotCheck(id);
  return spotCheckView(draw, authority);
}

export async function listSpotChecks(
  who: Pick<Actor, 'organisation'>,
  filter: { readonly year?: number },
  deps: SpotCheckDeps,
): Promise<SpotCheckSummary[]> {
  const authority = await requireSpotCheckAuthority(who, deps);
  return deps.spotChecks.listDraws(authority.id, filter);
}
