/**
 * Use case: every licence of the organisation as export lines, in number order, a page at a time.
 * A JSONL export imported into an empty registry reproduces every licence (record and status); each
 * line says where its record came from (provenance). A restore into a holder's or platform's
 * registry makes every record `declared`: only the register issues.
 *
 * The tables for people (CSV, XLSX) read {@link exportTableRows}: each line with its status as of
 * today and its verdict, assessed a page at a time as the licence list does.
 */
import { z } from 'zod';
import { LicenceStatus } from '../../core/lifecycle/lifecycle.js';
import { LicenceSchema, type Licence } from '../../core/licence.js';
import { PROVENANCES, type Provenance, type Verdict } from '../../core/trust/types.js';
import type { StoredLicence } from '../../ports/licence-store.js';
import { assessStoredLicences } from '../trust/assess-report.js';
import { withCurrentStatus } from './find-licences.js';
import type { Actor, RegistryDeps, TrustDeps } from './registry-deps.js';

export const EXPORT_SCHEMA_ID = 'xuke.export/v1';

export const ExportLineSchema = z.object({
  schema: z.literal(EXPORT_SCHEMA_ID),
  number: z.string(),
  status: z.enum(Object.values(LicenceStatus) as [LicenceStatus, ...LicenceStatus[]]),
  /** where the record came from; optional so exports made before provenance still import */
  provenance: z.enum(PROVENANCES as [Provenance, ...Provenance[]]).optional(),
  version: z.number().int(),
  updatedAt: z.string(),
  licence: LicenceSchema,
});
export type ExportLine = z.infer<typeof ExportLineSchema> & { licence: Licence };

/** The organisation's stored licences in number order, a page at a time. */
async function* storedPages(
  who: Actor,
  deps: RegistryDeps,
  pageSize: number,
): AsyncGenerator<readonly StoredLicence[]> {
  let cursor: string | undefined;
  for (;;) {
    const page = await deps.store.findLicences(who.organisation, {
      today: deps.clock.today(),
      limit: pageSize,
      ...(cursor === undefined ? {} : { cursor }),
    });
    yield page.items;
    if (page.next === null) return;
    cursor = page.next;
  }
}

function exportLine(l: StoredLicence): ExportLine {
  return {
    schema: EXPORT_SCHEMA_ID,
    number: l.number,
    status: l.status,
    provenance: l.provenance,
    version: l.version,
    updatedAt: l.updatedAt,
    licence: l.licence,
  };
}

export async function* exportLicences(
  who: Actor,
  deps: RegistryDeps,
  pageSize = 500,
): AsyncGenerator<ExportLine> {
  for await (const items of storedPages(who, deps, pageSize)) {
    for (const l of items) yield exportLine(l);
  }
}

/** A row of the tables for people: the export line, its status as of today, and its verdict. */
export interface ExportTableRow {
  readonly line: ExportLine;
  /** the status as of today (an expired licence recorded valid is `expired`) */
  readonly currentStatus: LicenceStatus;
  /** the trust assessment of the stored record, as GET /licences gives each item (docs/trust.md) */
  readonly verdict: Verdict;
}

/**
 * Every licence as {@link ExportTableRow}s, in number order. Each page is assessed in one call
 * (assessStoredLicences, the licence list's verdict column), with the authorities read once a page.
 */
export async function* exportTableRows(
  who: Actor,
  deps: TrustDeps,
  pageSize = 500,
): AsyncGenerator<ExportTableRow> {
  for await (const items of storedPages(who, deps, pageSize)) {
    const today = deps.clock.today();
    const trust = await assessStoredLicences(items, who.organisation, deps);
    for (const [i, l] of items.entries()) {
      const assessed = trust[i];
      if (assessed === undefined) throw new Error(`no assessment for ${l.number}`);
      yield {
        line: exportLine(l),
        currentStatus: withCurrentStatus(l, today).currentStatus,
        verdict: assessed.verdict,
      };
    }
  }
}
