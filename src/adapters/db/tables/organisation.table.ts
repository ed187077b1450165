import type { Generated } from 'kysely';

/** A tenant: a compliance team, a platform, an authority. Every other row belongs to one. */
export interface OrganisationTable {
  id: string;
  name: string;
  created_at: string;
  /** authority, holder or platform (core/trust OrganisationKind) */
  kind: Generated<string>;
  /** an authority's jurisdiction keys, comma-separated (京,津 or MIIT); null otherwise */
  jurisdiction: string | null;
  /** 1: public verification may show this organisation's declared records, marked as such */
  publish_declared: Generated<number>;
  /** a mirror of another instance's register: `URL#origin`; null for an organisation of its own */
  mirror_of: string | null;
}

/** What a person recorded from the official query for a number (provenance `confirmed`). */
export interface ConfirmationTable {
  id: string;
  organisation_id: string;
  number: string;
  checked_on: string;
  checked_by: string;
  official_status: string;
  holder_name: string | null;
  /** JSON: [{ name, coverage: [] }] */
  services: string;
  valid_from: string | null;
  expires_on: string | null;
  note: string | null;
  attachment_sha256: string | null;
  due_on: string;
  recorded_at: string;
}
