/**
 * Use case: every licence of the organisation as export lines, in number order, a page at a time.
 * A JSONL export imported into an empty registry reproduces every licence (record and status); each
 * line says where its record came from (provenance). A restore into a holder's or platform's
 * registry makes every record `declared`: only the register issues.
 */
import { z } from 'zod';
import { LicenceStatus } from '../../core/lifecycle/lifecycle.js';
import { LicenceSchema, type Licence } from '../../core/licence.js';
import { PROVENANCES, type Provenance } from '../../core/trust/types.js';
import type { Actor, RegistryDeps } from './registry-deps.js';

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

export async function* exportLicences(
  who: Actor,
  deps: RegistryDeps,
  pageSize = 500,
): AsyncGenerator<ExportLine> {
  let cursor: string | undefined;
  for (;;) {
    const page = await deps.store.findLicences(who.organisation, {
      today: deps.clock.today(),
      limit: pageSize,
      ...(cursor === undefined ? {} : { cursor }),
    });
    for (const l of page.items) {
      yield {
        schema: EXPORT_SCHEMA_ID,
        number: l.number,
        status: l.status,
        provenance: l.provenance,
        version: l.version,
        updatedAt: l.updatedAt,
        licence: l.licence,
      };
    }
    if (page.next === null) return;
    cursor = page.next;
  }
}
