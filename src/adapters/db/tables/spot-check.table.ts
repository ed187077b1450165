/** Random spot checks (docs/spot-checks.md): draws and the inspection of each drawn licence. */

export interface SpotCheckDrawTable {
  id: string;
  organisation_id: string;
  year: number;
  drawn_on: string;
  /** 32 random bytes, hex */
  seed: string;
  /** JSON: DrawInputs, canonical order */
  inputs: string;
  /** JSON: DrawResult */
  result: string;
  created_by: string;
  created_at: string;
}

export interface SpotCheckResultTable {
  draw_id: string;
  licence_number: string;
  position: number;
  /** planned | done */
  status: string;
  /** compliant | issues-found; null while planned */
  outcome: string | null;
  note: string | null;
  finding: string | null;
  done_on: string | null;
  recorded_by: string | null;
  recorded_at: string | null;
}
