/**
 * Use case: bulk verification (docs/bulk-check.md). A batch is a customer list (customer, licence
 * number, domains) or a set of documents; each row is looked up and assessed as a single check is
 * (app/trust/assess-report.ts: the register, else the organisation's confirmation, else nothing),
 * and each customer domain is matched against the licence's websites. The result is one report;
 * with a previous run's rows, what changed since.
 *
 * Documents are read one at a time through the document path (parse-document.ts, OCR included):
 * a batch never starts more than one document's extraction at once.
 */
import { checkInputFromParseResult, checkLicence } from '../../core/checks/index.js';
import {
  assessedRow,
  domainCoverage,
  licenceDomains,
  problemRow,
  summarise,
  type DomainKey,
} from '../../core/bulk-check/row-verdict.js';
import { diffBulkRows } from '../../core/bulk-check/diff.js';
import {
  BULK_CHECK_SCHEMA_ID,
  type BulkDiff,
  type BulkReport,
  type BulkRow,
  type BulkInput,
  type CustomerRow,
  type DocumentEntry,
  type PreparedDocument,
  type RowProblem,
} from '../../core/bulk-check/types.js';
import { DomainError, isDomainError } from '../../core/errors.js';
import type { IsoDate, Licence } from '../../core/licence.js';
import type { RegisterLookup } from '../../core/trust/types.js';
import type { Clock } from '../../ports/clock.js';
import type { Organisation } from '../../ports/organisation-store.js';
import type { StoredLicence } from '../../ports/licence-store.js';
import { readDocument, type ParseDocumentDeps } from '../documents/parse-document.js';
import type { TrustDeps } from '../registry/registry-deps.js';
import { assessWith } from '../trust/assess-report.js';
import { lookupRegister } from '../trust/register.js';

export type { BulkInput, DocumentEntry, PreparedDocument };

export interface BulkCheckDeps {
  /** the registry of the organisation; null: nothing to compare documents with (`xuke check` without --org) */
  readonly trust: TrustDeps | null;
  /** the organisation acting (its copies and confirmations); null without a registry */
  readonly organisation: string | null;
  /** host → registrable domain, as the registry keys domains */
  readonly domainKey: DomainKey;
  readonly clock: Pick<Clock, 'now'>;
}

export interface BulkCheckOptions {
  /** the day checked as of */
  readonly today: IsoDate;
  /** the previous run: the report's rows are compared with this run's */
  readonly previous?: { readonly id: string | null; readonly report: BulkReport };
  /** told after each row (and each document read) */
  readonly onProgress?: (done: number, total: number) => void;
  /** stops the batch between rows (a cancelled job) */
  readonly signal?: AbortSignal;
}

function problemOf(e: unknown, entry: string): RowProblem {
  if (isDomainError(e)) return { code: e.code, entry, message: e.message, messageEn: e.messageEn };
  return {
    code: 'INTERNAL',
    entry,
    message: `${entry}：读取时发生内部错误`,
    messageEn: `${entry}: an internal error while reading it`,
  };
}

function stopIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) {
    throw new DomainError('GONE', '批量核验已取消', 'The bulk check was cancelled');
  }
}

/**
 * Read each document, one at a time, through the document path. An unreadable one becomes its
 * problem (named by its entry); the batch goes on.
 */
export async function prepareDocuments(
  entries: readonly DocumentEntry[],
  deps: ParseDocumentDeps,
  options: Pick<BulkCheckOptions, 'onProgress' | 'signal'> & {
    /** the organisation charged for the OCR (quotas) and served in its turn (the OCR queue) */
    readonly organisation?: string;
  } = {},
): Promise<PreparedDocument[]> {
  const out: PreparedDocument[] = [];
  for (const entry of entries) {
    stopIfAborted(options.signal);
    if ('problem' in entry) {
      out.push({ name: entry.name, parse: null, problem: entry.problem });
    } else {
      try {
        const { parse } = await readDocument(entry.bytes, entry.name, deps, {
          signal: options.signal,
          organisation: options.organisation,
        });
        out.push({ name: entry.name, parse, problem: null });
      } catch (e) {
        if (!isDomainError(e)) throw e;
        out.push({ name: entry.name, parse: null, problem: problemOf(e, entry.name) });
      }
    }
    options.onProgress?.(out.length, entries.length);
  }
  return out;
}

interface Found {
  readonly own: StoredLicence | undefined;
  readonly lookup: RegisterLookup;
}

/** Look-ups of one run: each number once, the authorities once. */
function lookups(deps: BulkCheckDeps): (number: string) => Promise<Found> {
  const cache = new Map<string, Promise<Found>>();
  let authorities: Promise<Organisation[]> | undefined;
  return (number) => {
    let hit = cache.get(number);
    if (hit === undefined) {
      const { trust, organisation } = deps;
      if (trust === null || organisation === null) {
        hit = Promise.resolve({ own: undefined, lookup: { kind: 'none' } });
      } else {
        authorities ??= trust.organisations.listAuthorities();
        hit = (async () => {
          const known = await authorities;
          const [own, lookup] = await Promise.all([
            trust.store.findLicence(organisation, number),
            lookupRegister(number, { organisation }, trust, known),
          ]);
          return { own, lookup };
        })();
      }
      cache.set(number, hit);
    }
    return hit;
  };
}

/** The register's record when it holds the number: what a customer's domains are matched against. */
function registerRecord(lookup: RegisterLookup): Licence | undefined {
  return lookup.kind === 'register' ? lookup.licence : undefined;
}

async function customerRow(
  c: CustomerRow,
  today: IsoDate,
  find: (number: string) => Promise<Found>,
  deps: BulkCheckDeps,
): Promise<BulkRow> {
  const source = { kind: 'list', row: c.row } as const;
  if (c.problem !== null || c.licence === null) {
    return problemRow({
      source,
      customer: c.customer,
      licence: c.licenceAsWritten === '' ? null : c.licenceAsWritten,
      domains: c.domains,
      problem: c.problem ?? {
        code: 'INVALID_INPUT',
        row: c.row,
        message: `第 ${c.row} 行：没有许可证编号`,
        messageEn: `row ${c.row}: no licence number`,
      },
    });
  }
  const { own, lookup } = await find(c.licence);
  // the organisation's copy is what is checked (against the register); else the register's entry
  const record = own?.licence ?? registerRecord(lookup);
  const covering = registerRecord(lookup) ?? record;
  const domains = domainCoverage(
    c.domains,
    covering === undefined ? [] : licenceDomains(covering),
    deps.domainKey,
  );
  if (record === undefined) {
    const absent = lookup.kind === 'absent';
    return assessedRow({
      source,
      customer: c.customer,
      licence: c.licence,
      record: undefined,
      domains,
      assessment: {
        verdict: absent ? 'mismatch' : 'unverified',
        verdictReason: absent
          ? `${lookup.authority.name}的登记簿中没有经营许可证 ${c.licence}`
          : `本机构没有经营许可证 ${c.licence} 的记录，本系统也没有覆盖它的登记簿`,
        verdictReasonEn: absent
          ? `${lookup.authority.name}'s register holds no licence ${c.licence}`
          : `This organisation holds no record of licence ${c.licence}, and no register here covers it`,
        validity: 'unknown',
        register: absent
          ? {
              provenance: 'issued',
              authority: lookup.authority,
              found: false,
              status: null,
              version: null,
              updatedAt: null,
              confirmation: null,
              differences: [],
            }
          : null,
        findings: [],
      },
    });
  }
  const report = checkLicence({ licence: record, today, evidence: {}, pageLabels: [], notes: [] });
  const assessment = assessWith(report, lookup, today);
  return assessedRow({
    source,
    customer: c.customer,
    licence: c.licence,
    record,
    domains,
    assessment,
  });
}

async function documentRow(
  d: PreparedDocument,
  today: IsoDate,
  find: (number: string) => Promise<Found>,
  deps: BulkCheckDeps,
): Promise<BulkRow> {
  const source = { kind: 'document', entry: d.name } as const;
  if (d.parse === null) {
    return problemRow({ source, customer: d.name, licence: null, domains: [], problem: d.problem });
  }
  const { licence } = d.parse;
  const report = checkLicence(checkInputFromParseResult(d.parse, today));
  const number = report.licence.number;
  const { lookup } = number === null ? { lookup: { kind: 'none' } as const } : await find(number);
  const assessment = assessWith(report, lookup, today, d.parse.evidence);
  // a document's domains, against the register's entry when there is one; else its own record
  const covering = registerRecord(lookup) ?? licence;
  return assessedRow({
    source,
    customer: d.name,
    licence: number,
    record: number === null ? undefined : licence,
    domains: domainCoverage(licenceDomains(licence), licenceDomains(covering), deps.domainKey),
    assessment,
  });
}

/** Run one batch: every row assessed, summarised, and compared with the previous run if any. */
export async function runBulkCheck(
  input: BulkInput,
  options: BulkCheckOptions,
  deps: BulkCheckDeps,
): Promise<BulkReport> {
  const find = lookups(deps);
  const rows: BulkRow[] = [];
  const items: readonly (CustomerRow | PreparedDocument)[] =
    input.kind === 'list' ? input.customers : input.documents;
  if (input.kind === 'list' && deps.trust === null) {
    throw new DomainError(
      'INVALID_INPUT',
      '核验客户列表需要登记簿（--org 或 --db）',
      'Checking a customer list needs the registry (--org or --db)',
    );
  }
  for (const item of items) {
    stopIfAborted(options.signal);
    rows.push(
      'customer' in item
        ? await customerRow(item, options.today, find, deps)
        : await documentRow(item, options.today, find, deps),
    );
    options.onProgress?.(rows.length, items.length);
  }
  const changes: BulkDiff | null =
    options.previous === undefined
      ? null
      : diffBulkRows(options.previous.report.rows, rows, {
          id: options.previous.id,
          createdAt: options.previous.report.createdAt,
        });
  return {
    schema: BULK_CHECK_SCHEMA_ID,
    organisation: deps.organisation,
    today: options.today,
    createdAt: deps.clock.now().toISOString(),
    input: { kind: input.kind, name: input.name, count: items.length },
    summary: summarise(rows),
    rows,
    changes,
  };
}
