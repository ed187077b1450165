/**
 * Use case: put a holder's or platform's copies of licence records into its registry, as
 * declarations (provenance `declared`, docs/trust.md): a new number is recorded (version 1); a known
 * number with a different record is changed (a new version); the same record again is unchanged. A
 * restore (from an export) keeps the exported status. A declaration never touches a register entry:
 * an authority's organisation is written only through the register use cases (register.ts), and a
 * declared expiry is never a renewal.
 */
import { DomainError } from '../../core/errors.js';
import type { LicenceStatus } from '../../core/lifecycle/lifecycle.js';
import type { IsoDate, Licence } from '../../core/licence.js';
import type { NewLicence, SourceDocument, StoredLicence } from '../../ports/licence-store.js';
import {
  transitionOrRefuse,
  validLicenceRecord,
  type Actor,
  type TrustDeps,
} from './registry-deps.js';

export type RegisterOutcome = 'created' | 'changed' | 'unchanged';

export interface RegisterInput {
  readonly licence: Licence;
  /** the document it was read from, stored once by its sha256 */
  readonly document: SourceDocument | null;
  readonly note?: string | null;
  /** restore: register with this status instead of `valid` (export → import) */
  readonly status?: LicenceStatus;
  /**
   * Called with the version a change replaces, read in the store that writes (the write fails with
   * CONFLICT should another writer change it meanwhile), before anything is written: it throws to
   * refuse the change, or returns words to add to the version's note (null: none). Not called for
   * a new licence nor for the same record again.
   */
  readonly beforeChange?: ((held: StoredLicence) => string | null) | undefined;
}

/** Register one licence. Runs in the store it is given (a transaction when the caller opened one). */
export async function registerLicence(
  input: RegisterInput,
  who: Actor,
  deps: TrustDeps,
): Promise<{ outcome: RegisterOutcome; licence: StoredLicence }> {
  const { licence, number } = checkRecord(input.licence);
  await refuseRegisterOrganisation(who, deps);
  const today = deps.clock.today();
  const current = await deps.store.findLicence(who.organisation, number);

  if (!current) {
    const [created] = await deps.store.createLicences(who.organisation, [
      issue(input, licence, who, today),
    ]);
    if (!created) throw new Error('createLicences returned nothing');
    return { outcome: 'created', licence: created };
  }

  const status = input.status ?? current.status;
  if (JSON.stringify(current.licence) === JSON.stringify(licence) && status === current.status) {
    return { outcome: 'unchanged', licence: current };
  }
  const added = input.beforeChange?.(current) ?? null;
  const note = [input.note ?? null, added].filter((n) => n !== null).join('；') || null;
  const t = transitionOrRefuse(current, { kind: 'changed', on: today, note, licence }, number);
  const updated = await deps.store.updateLicence(who.organisation, {
    number,
    expectedVersion: current.version,
    licence: t.licence,
    status: input.status ?? t.status,
    provenance: 'declared',
    event: { kind: 'changed', on: today, note, actor: who.actor, data: null },
    document: input.document,
  });
  return { outcome: 'changed', licence: updated };
}

/**
 * Register many licences at once (a JSONL import, a bulk load): records new to the registry are
 * written together in multi-row writes; when any of them is already registered the batch falls
 * back to `registerLicence` one by one (changed / unchanged). Runs in the store it is given.
 */
export async function registerLicences(
  inputs: readonly RegisterInput[],
  who: Actor,
  deps: TrustDeps,
): Promise<RegisterOutcome[]> {
  if (inputs.length === 0) return [];
  await refuseRegisterOrganisation(who, deps);
  const today = deps.clock.today();
  const fresh = inputs.map((input) => issue(input, checkRecord(input.licence).licence, who, today));
  try {
    await deps.store.transaction((store) => store.createLicences(who.organisation, fresh));
    return fresh.map(() => 'created');
  } catch (e) {
    if (!(e instanceof DomainError) || e.code !== 'CONFLICT') throw e;
  }
  const out: RegisterOutcome[] = [];
  for (const input of inputs) out.push((await registerLicence(input, who, deps)).outcome);
  return out;
}

/**
 * FORBIDDEN for an authority's organisation: its licences are the register, written only by issuing
 * and recording decisions, never by saving or importing a document.
 */
export async function refuseRegisterOrganisation(who: Actor, deps: TrustDeps): Promise<void> {
  const org = await deps.organisations.findOrganisation(who.organisation);
  if (org?.kind === 'authority') {
    throw new DomainError(
      'FORBIDDEN',
      `${org.name} 是发证机关：其登记簿只能通过发证（register issue）和记录决定写入，不能保存或导入文件副本`,
      `${org.name} is an issuing authority: its register is written only by issuing (register issue) and recording decisions, never by saving or importing a document copy`,
    );
  }
}

/** Validate a record and canonicalise its number. */
function checkRecord(input: Licence): { licence: Licence & { number: string }; number: string } {
  const licence = validLicenceRecord(input);
  return { licence, number: licence.number };
}

/** The `issued` write for a licence new to the registry, through the lifecycle. */
function issue(
  input: RegisterInput,
  licence: Licence & { number: string },
  who: Actor,
  today: IsoDate,
): NewLicence {
  const on = licence.issuedOn ?? today;
  const note = input.note ?? null;
  const t = transitionOrRefuse(
    { status: undefined, licence: undefined },
    { kind: 'issued', on, note, licence },
    licence.number,
  );
  return {
    licence: { ...t.licence, number: licence.number },
    status: input.status ?? t.status,
    provenance: 'declared',
    event: { kind: 'issued', on, note, actor: who.actor, data: null },
    document: input.document,
  };
}
