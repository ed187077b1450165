/**
 * Use case: import licence documents (and JSONL exports) into the registry.
 *
 * Each file is its own transaction: a file that fails is named with its reason and the rest go on;
 * with `atomic`, the whole import is one transaction and the first failure undoes it. A process
 * killed mid-way leaves only whole files behind, and running the import again finishes the job.
 * Every file is read, parsed and assessed outside any transaction (with `atomic`, all of them
 * before the one transaction opens); transactions only write.
 *
 * Each document takes the one ingest path the API's save takes too (documents/ingest-document.ts):
 * a document whose bytes were imported before (same sha256) is skipped and counted; with an
 * `assess` dependency every other one is assessed against the registers first (docs/trust.md), and
 * one whose verdict is `mismatch` or `suspect` is refused for that file (ACKNOWLEDGEMENT_REQUIRED)
 * unless the import carries an `acknowledge` reason, which then goes into the saved version's event
 * note and so into the audit chain. JSONL restores are records, not documents, and are not assessed.
 * A CSV or XLSX export is refused with a pointer to the JSONL export.
 *
 * Importers may run at once (two `xuke import`, an import beside the API's writes, instances on one
 * PostgreSQL): a file's write that meets another writer's (CONFLICT: a number another importer
 * registered a moment ago, a version changed meanwhile, a deadlock the engine broke) is written
 * again in a new transaction, which reads the registry afresh: a document the other importer
 * took is then already imported (skipped), the same record is unchanged. Only a file still in
 * conflict after a few tries fails, named like any other.
 */
import { DomainError, isDomainError, type DomainErrorCode } from '../../core/errors.js';
import type { ParseResult } from '../../core/licence.js';
import type { Regression } from '../../core/regressions.js';
import type { RegistryStatistics } from '../../ports/licence-store.js';
import type { OrganisationStore } from '../../ports/organisation-store.js';
import { ExportLineSchema } from './export-licences.js';
import {
  commitIngest,
  prepareIngest,
  type DocumentReading,
  type IngestAssessment,
  type PreparedIngest,
} from '../documents/ingest-document.js';
import { parseDocument, type ParseDocumentDeps } from '../documents/parse-document.js';
import {
  refuseRegisterOrganisation,
  registerLicences,
  type RegisterOutcome,
} from './register-licence.js';
import type { Actor, TrustDeps } from './registry-deps.js';

export interface ImportSource {
  /** how messages name it (the path) */
  readonly name: string;
  read(): Promise<Uint8Array>;
}

export interface ImportFailure {
  readonly name: string;
  readonly message: string;
  readonly messageEn: string;
  /** the DomainError's code (ACKNOWLEDGEMENT_REQUIRED, NOT_A_LICENCE …) */
  readonly code?: DomainErrorCode;
  /** REGRESSION: what the document loses against the held version */
  readonly regressions?: readonly Regression[];
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
  /**
   * the reason a person gives for saving documents whose verdict is `mismatch` or `suspect`;
   * without it such a document is refused (ACKNOWLEDGEMENT_REQUIRED)
   */
  readonly acknowledge?: string | undefined;
  /** save new versions even when they lose what the held versions have (REGRESSION otherwise) */
  readonly force?: boolean | undefined;
}

/** A document's assessment, as the import needs it: the verdict and why (its first error). */
export type ImportAssessment = IngestAssessment;

export interface ImportDeps extends TrustDeps {
  readonly documents: ParseDocumentDeps;
  /** assess a parsed document against the registers; without it documents are not assessed */
  readonly assess?: ((parsed: ParseResult) => Promise<ImportAssessment>) | undefined;
  /** the query planner's statistics, refreshed after an import that wrote (none given: left to the engine) */
  readonly statistics?: RegistryStatistics | undefined;
}

type Counts = Record<RegisterOutcome | 'skipped', number>;

/** Whether a file is a JSONL export (by name). */
export function isJsonlName(name: string): boolean {
  return /\.(jsonl|ndjson)$/iu.test(name);
}

/**
 * UNSUPPORTED_FORMAT for a CSV or XLSX file: the tables `xuke export` writes for people hold a few
 * columns of each licence, not the record; the JSONL export is the one that restores.
 */
function refuseTable(name: string): void {
  if (/\.(csv|xlsx)$/iu.test(name)) {
    throw new DomainError(
      'UNSUPPORTED_FORMAT',
      `${name}：CSV 和 XLSX 导出是供人阅读的表格，不能导入；请导入 JSONL 导出（xuke export --format jsonl）`,
      `${name}: CSV and XLSX exports are tables for people and cannot be imported; import the JSONL export (xuke export --format jsonl)`,
    );
  }
}

export async function importDocuments(
  sources: readonly ImportSource[],
  options: ImportOptions,
  who: Actor,
  deps: ImportDeps,
): Promise<ImportSummary> {
  // An authority's register takes no copies, not even ones it holds already (skipped otherwise).
  await refuseRegisterOrganisation(who, deps);
  const counts: Counts = { created: 0, changed: 0, unchanged: 0, skipped: 0 };
  const failed: ImportFailure[] = [];
  const fail = (name: string, e: DomainError) => {
    failed.push({
      name,
      message: e.message,
      messageEn: e.messageEn,
      code: e.code,
      ...(e.regressions === undefined ? {} : { regressions: e.regressions }),
    });
  };
  let done = 0;
  const progress = (name: string) => options.onProgress?.(++done, sources.length, name);
  // Who is acting, read once before any transaction: the writes ask inside one, where a read
  // through the database's own handle would wait for ever on SQLite's single connection.
  const writeDeps: ImportDeps = { ...deps, organisations: await snapshot(deps.organisations) };
  const count = (outcomes: readonly (RegisterOutcome | 'skipped')[]) => {
    for (const o of outcomes) counts[o]++;
  };

  if (!options.atomic) {
    try {
      for (const source of sources) {
        try {
          const prepared = await prepare(source, options, who, deps);
          count(
            await writeAgainOnConflict(() =>
              writeDeps.store.transaction((store) => write(prepared, who, { ...writeDeps, store })),
            ),
          );
        } catch (e) {
          if (!isDomainError(e)) throw e;
          fail(source.name, e);
        }
        progress(source.name);
      }
    } finally {
      if (counts.created + counts.changed > 0) await deps.statistics?.refresh();
    }
    return { files: sources.length, ...counts, failed, rolledBack: false };
  }

  // Atomic: every file read, parsed and assessed first (the slow part, outside the transaction),
  // then all written in one transaction; the first failure undoes the import.
  const undone = (): ImportSummary => ({
    files: sources.length,
    created: 0,
    changed: 0,
    unchanged: 0,
    skipped: 0,
    failed,
    rolledBack: true,
  });
  const prepared: Prepared[] = [];
  for (const source of sources) {
    try {
      prepared.push(await prepare(source, options, who, deps, false));
    } catch (e) {
      if (!isDomainError(e)) throw e;
      fail(source.name, e);
      return undone();
    }
    progress(source.name);
  }
  let current = '(transaction)';
  try {
    await deps.store.transaction(async (store) => {
      for (const p of prepared) {
        current = p.source.name;
        count(await write(p, who, { ...writeDeps, store }));
      }
    });
    if (counts.created + counts.changed > 0) await deps.statistics?.refresh();
    return { files: sources.length, ...counts, failed, rolledBack: false };
  } catch (e) {
    if (!isDomainError(e)) throw e;
    fail(current, e);
    return undone();
  }
}

/** Tries of one file's write transaction when it meets another writer's (CONFLICT). */
export const WRITE_ATTEMPTS = 4;

/**
 * Run one file's write transaction, again after a short pause when it fails with CONFLICT (each try
 * re-reads the registry inside its own transaction), up to WRITE_ATTEMPTS tries.
 */
async function writeAgainOnConflict<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      if (!isDomainError(e) || e.code !== 'CONFLICT' || attempt >= WRITE_ATTEMPTS) throw e;
    }
    // 5–10 ms, 10–20 ms, 20–40 ms: the other writer commits meanwhile
    const ceiling = 10 * 2 ** (attempt - 1);
    await new Promise((r) => setTimeout(r, ceiling / 2 + (ceiling / 2) * Math.random()));
  }
}

/** A file read outside any transaction, ready to be written. */
type Prepared =
  | {
      readonly kind: 'jsonl';
      readonly source: ImportSource;
      readonly lines: ReturnType<typeof readExportLines>;
    }
  | {
      readonly kind: 'document';
      readonly source: ImportSource;
      readonly ingest: PreparedIngest;
      /** the bytes; undefined when they are read again to be written (atomic imports) */
      readonly bytes: Uint8Array | undefined;
    };

/** Read, parse and assess one file: no write, no transaction. */
async function prepare(
  source: ImportSource,
  options: ImportOptions,
  who: Actor,
  deps: ImportDeps,
  keepBytes = true,
): Promise<Prepared> {
  refuseTable(source.name);
  const bytes = await source.read();
  if (isJsonlName(source.name)) {
    return { kind: 'jsonl', source, lines: readExportLines(bytes, source.name) };
  }
  const read = async (): Promise<DocumentReading> => {
    const parsed = await parseDocument(bytes, source.name, deps.documents);
    return {
      licence: parsed.licence,
      format: parsed.source.format,
      corrected: [],
      assessment: deps.assess ? await deps.assess(parsed) : null,
    };
  };
  const ingest = await prepareIngest(
    {
      name: source.name,
      sha256: deps.documents.hasher.sha256(bytes),
      corrected: false,
      acknowledge: options.acknowledge,
      force: options.force,
    },
    read,
    who,
    deps,
  );
  return { kind: 'document', source, ingest, bytes: keepBytes ? bytes : undefined };
}

/** Write one prepared file with the store it is given (inside a transaction). */
async function write(
  p: Prepared,
  who: Actor,
  deps: ImportDeps,
): Promise<(RegisterOutcome | 'skipped')[]> {
  switch (p.kind) {
    case 'jsonl': {
      const out: RegisterOutcome[] = [];
      for (let i = 0; i < p.lines.length; i += 1000) {
        const batch = p.lines.slice(i, i + 1000).map((line) => ({
          licence: line.licence,
          document: null,
          status: line.status,
        }));
        out.push(...(await registerLicences(batch, who, deps)));
      }
      return out;
    }
    case 'document': {
      // the duplicate check runs again inside the transaction: another importer may have taken it
      const r = await commitIngest(p.ingest, () => bytesOf(p, deps), who, deps);
      if (r.outcome === 'duplicate') return ['skipped'];
      // Unchanged while these very bytes are held: another importer committed the same document
      // between this transaction's reads (PostgreSQL reads each statement afresh): already imported.
      const held =
        r.outcome === 'unchanged' &&
        !p.ingest.request.corrected &&
        (await deps.store.hasDocument(who.organisation, p.ingest.request.sha256));
      return [held ? 'skipped' : r.outcome];
    }
  }
}

/** A document's bytes to write: kept, or read again and checked to be the ones assessed. */
async function bytesOf(
  p: Extract<Prepared, { kind: 'document' }>,
  deps: ImportDeps,
): Promise<Uint8Array> {
  if (p.bytes !== undefined) return p.bytes;
  const bytes = await p.source.read();
  if (deps.documents.hasher.sha256(bytes) !== p.ingest.request.sha256) {
    throw new DomainError(
      'CONFLICT',
      `${p.source.name}：文件在导入期间被修改，请重新导入`,
      `${p.source.name}: the file changed during the import; import it again`,
    );
  }
  return bytes;
}

/**
 * The organisations as they are now, answered from memory: what the writes ask (who is acting)
 * inside a transaction. Creating and changing organisations goes to the store.
 */
async function snapshot(store: OrganisationStore): Promise<OrganisationStore> {
  const all = await store.listOrganisations();
  const byId = new Map(all.map((o) => [o.id, o]));
  return {
    createOrganisation: (org, actor) => store.createOrganisation(org, actor),
    setPublishDeclared: (id, publish, actor) => store.setPublishDeclared(id, publish, actor),
    recordSwitch: (id, actor, tokenId) => store.recordSwitch(id, actor, tokenId),
    findOrganisation: (id) => Promise.resolve(byId.get(id)),
    listOrganisations: () => Promise.resolve(all),
    listAuthorities: () => Promise.resolve(all.filter((o) => o.kind === 'authority')),
  };
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
