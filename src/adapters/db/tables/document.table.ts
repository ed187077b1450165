/** Source documents, stored once by content (sha256), shared by the versions that cite them. */
export interface DocumentTable {
  sha256: string;
  format: string;
  size: number;
  bytes: Uint8Array;
  created_at: string;
}
