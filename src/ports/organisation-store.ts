/**
 * Organisations as first-class records (docs/trust.md): each has a kind, and an authority the
 * jurisdiction it issues numbers in. The instance's administrator creates and lists them; every use
 * case that writes a register entry or answers public verification asks here who may.
 */
import type { JurisdictionKey, OrganisationKind } from '../core/trust/types.js';

export interface Organisation {
  readonly id: string;
  readonly name: string;
  readonly kind: OrganisationKind;
  /** an authority's jurisdiction keys (京, MIIT …); empty for holders and platforms */
  readonly jurisdiction: readonly JurisdictionKey[];
  /** whether public verification may show its declared records (marked as not verified) */
  readonly publishDeclared: boolean;
  /**
   * a mirror of another instance's register (`URL#origin`), written only by following it; null for
   * an organisation of this instance's own
   */
  readonly mirrorOf: string | null;
  readonly createdAt: string;
}

export interface NewOrganisation {
  readonly id: string;
  readonly name: string;
  readonly kind: OrganisationKind;
  readonly jurisdiction: readonly JurisdictionKey[];
  readonly publishDeclared: boolean;
  readonly mirrorOf?: string | null;
}

export interface OrganisationStore {
  /**
   * Create an organisation (audited in its own chain). CONFLICT when the id exists, unless it
   * exists only as the placeholder a token created (a holder named by its id, holding no licence),
   * which is then given this kind, name and jurisdiction.
   */
  createOrganisation(org: NewOrganisation, actor: string): Promise<Organisation>;
  /** Change the opt-in to publish declared records (audited). NOT_FOUND for an unknown id. */
  setPublishDeclared(id: string, publish: boolean, actor: string): Promise<Organisation>;
  /** Audit, in the target's chain, that the instance's administrator switched to it. */
  recordSwitch(id: string, actor: string, tokenId: string): Promise<void>;
  findOrganisation(id: string): Promise<Organisation | undefined>;
  /** Every organisation, by id. */
  listOrganisations(): Promise<Organisation[]>;
  /** The authority organisations, by id (few: MIIT and the 31 provincial administrations at most). */
  listAuthorities(): Promise<Organisation[]>;
}
