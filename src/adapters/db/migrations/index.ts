/**
 * Every migration, in order. Listed statically (not read from the directory) so they run the same
 * from source, from `dist/` and from a bundle.
 */
import type { Migration, MigrationProvider } from 'kysely';
import * as m2026_11_28_1000 from './2026_11_28_1000_registry.js';
import * as m2026_11_28_1200 from './2026_11_28_1200_api_access.js';
import * as m2026_11_29_1000 from './2026_11_29_1000_reminders.js';
import * as m2026_12_07_1000 from './2026_12_07_1000_trust.js';
import * as m2026_12_08_1000 from './2026_12_08_1000_signatures.js';
import * as m2026_12_09_1000 from './2026_12_09_1000_annual_reports.js';
import * as m2026_12_09_1100 from './2026_12_09_1100_spot_checks.js';
import * as m2026_12_09_1200 from './2026_12_09_1200_completion_evidence.js';
import * as m2026_12_10_1000 from './2026_12_10_1000_accounts.js';
import * as m2026_12_11_1000 from './2026_12_11_1000_jobs.js';
import * as m2026_12_11_1100 from './2026_12_11_1100_ocr_usage.js';
import * as m2026_12_11_1200 from './2026_12_11_1200_bulk_check_schedules.js';

export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '2026_11_28_1000_registry': m2026_11_28_1000,
  '2026_11_28_1200_api_access': m2026_11_28_1200,
  '2026_11_29_1000_reminders': m2026_11_29_1000,
  '2026_12_07_1000_trust': m2026_12_07_1000,
  '2026_12_08_1000_signatures': m2026_12_08_1000,
  '2026_12_09_1000_annual_reports': m2026_12_09_1000,
  '2026_12_09_1100_spot_checks': m2026_12_09_1100,
  '2026_12_09_1200_completion_evidence': m2026_12_09_1200,
  '2026_12_10_1000_accounts': m2026_12_10_1000,
  '2026_12_11_1000_jobs': m2026_12_11_1000,
  '2026_12_11_1100_ocr_usage': m2026_12_11_1100,
  '2026_12_11_1200_bulk_check_schedules': m2026_12_11_1200,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve({ ...MIGRATIONS }),
};
