/** A tenant: a compliance team, a platform, an authority. Every other row belongs to one. */
export interface OrganisationTable {
  id: string;
  name: string;
  created_at: string;
}
