/** Every version of every licence, the current one included: never updated, never deleted. */
export interface LicenceVersionTable {
  licence_id: number;
  version: number;
  organisation_id: string;
  status: string;
  record: string;
  /** issued, declared, confirmed or mirrored (core/trust Provenance) */
  provenance: string;
  /** the document this version was read from, when it came from one */
  document_sha256: string | null;
  recorded_at: string;
}
