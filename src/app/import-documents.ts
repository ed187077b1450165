/**
 * Use case: import licence documents (and JSONL exports) into the registry.
 *
 * Each file is its own transaction: a file that fails is named with its reason and the rest go on;
 * with `atomic`, the whole import is one transaction and the first failure undoes it. A document
 * whose bytes were imported before (same sha256) is skipped and counted. A process killed mid-way
 * leaves only whole files behind, and running the import again finishes the job.
 */
import { DomainError, isDomainError } from '../core/errors.js';
import type { LicenceStore } from '../ports/licence-store.js';
import { ExportLineSchema } from './export-licences.js';
import { parseDocument, type ParseDocumentDeps } from './parse-document.js';
import { registerLicence, registerLicences, type RegisterOutcome } from './register-licence.js';
import type { Actor, RegistryDeps } from './registry-deps.js';

export interface ImportSource {
  /** how messages name it (the path) */
  readonly name: string;
  read(): Promise<Uint8Array>;
}

export interface ImportFailure {
  readonly name: string;
  readonly message: string;
  readonly messageEn: string;
}

export interface ImportSummary {
  readonly files: number;
  readonly created: number;
  readonly changed: number;
  readonly unchanged: number;
  /** documents already imported (same sha256) */
  readonly skipped: number;
  readonly failed: readonly ImportFailure[];
  /** with `atomic`, whether the import was undone */
  readonly rolledBack: boolean;
}

export interface ImportOptions {
  readonly atomic: boolean;
  /** called after each file */
  readonly onProgress?: ((done: number, total: number, name: string) => void) | undefined;
}

export interface ImportDeps extends RegistryDeps {
  readonly documents: ParseDocumentDeps;
}

type Counts = Record<RegisterOutcome | 'skipped', number>;

/** Whether a file is a JSONL export (by name). */
export function isJsonlName(name: string): boolean {
  return /\.(jsonl|ndjson)$/iu.test(name);
}

export async function importDocuments(
  sources: readonly ImportSource[],
  options: ImportOptions,
  who: Actor,
  deps: ImportDeps,
): Promise<ImportSummary> {
  const counts: Counts = { created: 0, changed: 0, unchanged: 0, skipped: 0 };
  const failed: ImportFailure[] = [];
  let done = 0;

  const importAll = async (store: LicenceStore, atomic: boolean): Promise<void> => {
    for (const source of sources) {
      try {
        const outcomes = await importOne(source, store, atomic, who, { ...deps, store });
        for (const o of outcomes) counts[o]++;
      } catch (e) {
        if (!isDomainError(e)) throw e;
        failed.push({ name: source.name, message: e.message, messageEn: e.messageEn });
        if (atomic) throw e;
      }
      options.onProgress?.(++done, sources.length, source.name);
    }
  };

  if (!options.atomic) {
    try {
      await importAll(deps.store, false);
    } finally {
      if (counts.created + counts.changed > 0) await deps.store.refreshStatistics();
    }
    return { files: sources.length, ...counts, failed, rolledBack: false };
  }
  try {
    await deps.store.transaction((store) => importAll(store, true));
    if (counts.created + counts.changed > 0) await deps.store.refreshStatistics();
    return { files: sources.length, ...counts, failed, rolledBack: false };
  } catch (e) {
    if (!isDomainError(e)) throw e;
    if (failed.length === 0) {
      failed.push({ name: '(transaction)', message: e.message, messageEn: e.messageEn });
    }
    return {
      files: sources.length,
      created: 0,
      changed: 0,
      unchanged: 0,
      skipped: 0,
      failed,
      rolledBack: true,
    };
  }
}

/** One file: parsed outside any transaction, written inside one. */
async function importOne(
  source: ImportSource,
  store: LicenceStore,
  inTransaction: boolean,
  who: Actor,
  deps: ImportDeps,
): Promise<(RegisterOutcome | 'skipped')[]> {
  const bytes = await source.read();
  const write = <T>(fn: (s: LicenceStore) => Promise<T>): Promise<T> =>
    inTransaction ? fn(store) : store.transaction(fn);

  if (isJsonlName(source.name)) {
    const lines = readExportLines(bytes, source.name);
    return write(async (s) => {
      const out: RegisterOutcome[] = [];
      for (let i = 0; i < lines.length; i += 1000) {
        const batch = lines.slice(i, i + 1000).map((line) => ({
          licence: line.licence,
          document: null,
          status: line.status,
        }));
        out.push(...(await registerLicences(batch, who, { ...deps, store: s })));
      }
      return out;
    });
  }

  const sha256 = deps.documents.hasher.sha256(bytes);
  if (await store.hasDocument(who.organisation, sha256)) return ['skipped'];
  const parsed = await parseDocument(bytes, source.name, deps.documents);
  return write(async (s) => {
    // Checked again inside the transaction: another importer may have taken it meanwhile.
    if (await s.hasDocument(who.organisation, sha256)) return ['skipped' as const];
    const r = await registerLicence(
      { licence: parsed.licence, document: { sha256, format: parsed.source.format, bytes } },
      who,
      { ...deps, store: s },
    );
    return [r.outcome];
  });
}

function readExportLines(bytes: Uint8Array, name: string) {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  return text
    .split('\n')
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, n }) => {
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        throw new DomainError('INVALID_INPUT', `${name}:${n}：不是 JSON`, `${name}:${n}: not JSON`);
      }
      const r = ExportLineSchema.safeParse(json);
      if (!r.success) {
        const issue = r.error.issues[0];
        const where = issue?.path.join('.') ?? '';
        throw new DomainError(
          'INVALID_INPUT',
          `${name}:${n}：字段 ${where} 无效：${issue?.message ?? ''}`,
          `${name}:${n}: field ${where} is invalid: ${issue?.message ?? ''}`,
        );
      }
      return r.data;
    });
}
