/**
 * The holder's side of the annual report (docs/annual-report.md): draft a report on a licence and
 * year, pre-filled from what xuke knows; complete and save it; attach evidence; have an admin sign
 * it off once it is complete; submit it to the authority whose jurisdiction covers the number.
 */
import { shanghaiDayOf } from '../../core/dates.js';
import { createHash } from 'node:crypto';
import { REPORT_ITEMS, REPORT_ITEM_NUMBERS } from '../../core/annual-report/items.js';
import { changedParts, prefillReport } from '../../core/annual-report/prefill.js';
import {
  emptyAnswers,
  validateAnswers,
  type Answers,
  type ItemAnswer,
} from '../../core/annual-report/report.js';
import { filingWindow, isReportYear, mustReport } from '../../core/annual-report/cycle.js';
import { DomainError } from '../../core/errors.js';
import {
  EVIDENCE_MAX_BYTES,
  evidenceFileName,
  evidenceMediaType,
} from '../../core/obligations/evidence-file.js';
import { coversNumber } from '../../core/trust/jurisdiction.js';
import type { ReportStatus, StoredReport } from '../../ports/annual-report-store.js';
import { storedLicenceDeadlines } from '../deadlines/deadline-deps.js';
import { getLicence } from '../registry/get-licence.js';
import { canonicalLicenceNumber, type Actor } from '../registry/registry-deps.js';
import { invalidInput, newId, visibleReport, type AnnualReportDeps } from './annual-report-deps.js';

function checkYear(year: unknown, today: string): number {
  if (!isReportYear(year)) {
    throw invalidInput(
      `年度 ${String(year)} 无效：年报制度自 2017 年度起`,
      `Year ${String(year)} is invalid: annual reports start with 2017`,
    );
  }
  if (`${year + 1}-01-01` > today) {
    throw invalidInput(
      `${year} 年度尚未结束，年报在 ${year + 1} 年第一季度报送`,
      `The year ${year} has not ended; its report is filed in the first quarter of ${year + 1}`,
    );
  }
  return year;
}

async function requireHolder(who: Actor, deps: AnnualReportDeps): Promise<void> {
  const org = await deps.organisations.findOrganisation(who.organisation);
  if (org !== undefined && org.kind !== 'holder') {
    throw new DomainError(
      'FORBIDDEN',
      `年报由持证单位报送；机构 ${who.organisation} 是${org.kind === 'authority' ? '发证机关' : '平台'}`,
      `Annual reports are filed by licence holders; ${who.organisation} is ${org.kind === 'authority' ? 'an issuing authority' : 'a platform'}`,
    );
  }
}

/** Draft the report on a licence and year, pre-filled; CONFLICT when one exists. */
export async function draftAnnualReport(
  numberInput: string,
  year: unknown,
  who: Actor,
  deps: AnnualReportDeps,
): Promise<StoredReport> {
  const today = deps.clock.today();
  const y = checkYear(year, today);
  await requireHolder(who, deps);
  const found = await getLicence(numberInput, who, deps);
  const licence = found.licence;
  if (!mustReport(licence, y)) {
    throw invalidInput(
      `经营许可证 ${found.number} 不需要报送 ${y} 年度年报：${y} 年 12 月 31 日前未取得，或在 ${filingWindow(y).from} 前已到期`,
      `Licence ${found.number} owes no report on ${y}: not obtained by ${y}-12-31, or expired before ${filingWindow(y).from}`,
    );
  }
  const [versions, lifecycle, events, deadlines] = await Promise.all([
    deps.store.listVersions(who.organisation, found.number),
    deps.store.listEvents(who.organisation, found.number),
    deps.events.listObligationEvents(who.organisation, found.number),
    storedLicenceDeadlines(who.organisation, found.number, licence, today, deps),
  ]);
  const changes: { version: number; on: string; fields: string[] }[] = [];
  for (let i = 1; i < versions.length; i++) {
    const before = versions[i - 1];
    const after = versions[i];
    if (before === undefined || after === undefined) continue;
    changes.push({
      version: after.version,
      on: shanghaiDayOf(after.recordedAt),
      fields: changedParts(before.licence, after.licence).zh,
    });
  }
  const prefill = prefillReport({
    year: y,
    licence,
    lifecycleEvents: lifecycle
      // a change without a note is told by its version's differences (below), not twice
      .filter(
        (e) =>
          (e.kind !== 'issued' || e.on.startsWith(`${y}-`)) &&
          !(e.kind === 'changed' && e.note === null),
      )
      .map((e) => ({ kind: e.kind, on: e.on, note: e.note })),
    changes,
    obligationEvents: events.map((e) => ({ kind: e.kind, date: e.date, note: e.note })),
    occurrences: deadlines.occurrences.map((o) => ({
      id: o.id,
      title: o.title,
      titleEn: o.titleEn,
      dueOn: o.dueOn,
      doneOn: o.done?.on ?? null,
      status: o.status,
    })),
  });
  const blank = emptyAnswers();
  const answers = Object.fromEntries(
    REPORT_ITEM_NUMBERS.map((n) => [
      `${n}`,
      { ...blank[`${n}`], fields: { ...prefill.suggested[`${n}`] } },
    ]),
  ) as unknown as Answers;
  return deps.reports.createReport(
    {
      id: newId(deps),
      organisation: who.organisation,
      number: found.number,
      year: y,
      holderName: licence.holder.name,
      creditCode: licence.holder.creditCode,
      answers,
      prefill,
    },
    who.actor,
    deps.clock.now().toISOString(),
  );
}

/** The holder's own report (by id). */
export async function getAnnualReport(
  id: string,
  who: Actor,
  deps: AnnualReportDeps,
): Promise<StoredReport> {
  return visibleReport(id, who, deps);
}

/** The organisation's reports, newest year first; filters by licence, year and status. */
export async function listOwnReports(
  who: Actor,
  filter: { number?: string; year?: number; status?: ReportStatus },
  deps: AnnualReportDeps,
): Promise<StoredReport[]> {
  return deps.reports.listReports({
    organisation: who.organisation,
    ...(filter.number === undefined ? {} : { number: canonicalLicenceNumber(filter.number) }),
    ...(filter.year === undefined ? {} : { year: filter.year }),
    ...(filter.status === undefined ? {} : { statuses: [filter.status] }),
  });
}

async function ownEditable(id: string, who: Actor, deps: AnnualReportDeps): Promise<StoredReport> {
  const r = await visibleReport(id, who, deps);
  if (r.organisation !== who.organisation) {
    throw new DomainError(
      'FORBIDDEN',
      '只有报送年报的持证单位可以修改它',
      'Only the holder that files a report can change it',
    );
  }
  if (r.status === 'submitted' || r.status === 'accepted') {
    throw new DomainError(
      'CONFLICT',
      r.status === 'accepted'
        ? `年报 ${id} 已被受理，不能再修改`
        : `年报 ${id} 已报送，正等待发证机关审核；退回后才能修改`,
      r.status === 'accepted'
        ? `Report ${id} was accepted; it can no longer change`
        : `Report ${id} is with the authority for review; it can change once returned`,
    );
  }
  return r;
}

const MAX_FIELDS_JSON = 200_000;

/** An item's answer as sent, shaped (not yet checked for completeness). */
function shapeAnswers(input: unknown): Answers {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw invalidInput('年报内容须按第1至6项填写', 'The answers must be given as items 1 to 6');
  }
  if (JSON.stringify(input).length > MAX_FIELDS_JSON) {
    throw invalidInput(
      `年报内容过长（上限 ${MAX_FIELDS_JSON} 个字符）`,
      `The answers are too long (at most ${MAX_FIELDS_JSON} characters)`,
    );
  }
  const given = input as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (!REPORT_ITEMS.some((i) => `${i.no}` === key)) {
      throw invalidInput(
        `没有第 ${key} 项：年报只有第1至6项`,
        `There is no item ${key}: items are 1 to 6`,
      );
    }
  }
  const out: Record<string, ItemAnswer> = {};
  for (const item of REPORT_ITEMS) {
    const raw: unknown = given[`${item.no}`];
    if (raw !== undefined && (typeof raw !== 'object' || raw === null || Array.isArray(raw))) {
      throw invalidInput(`第${item.no}项须为对象`, `Item ${item.no} must be an object`);
    }
    const answer = (raw ?? {}) as Record<string, unknown>;
    const fields: unknown = answer['fields'] ?? {};
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
      throw invalidInput(`第${item.no}项的栏目无效`, `Item ${item.no}'s fields are invalid`);
    }
    const secretFields: unknown = answer['secretFields'] ?? [];
    if (!Array.isArray(secretFields) || secretFields.some((s) => typeof s !== 'string')) {
      throw invalidInput(
        `第${item.no}项的商业秘密栏目须为栏目名列表`,
        `Item ${item.no}'s trade-secret fields must be a list of field keys`,
      );
    }
    out[`${item.no}`] = {
      fields: fields as Record<string, unknown>,
      public: answer['public'] === true,
      secretFields: secretFields as string[],
    };
  }
  return out as unknown as Answers;
}

/** Save the answers (a returned or signed-off report goes back to draft: its sign-off lapses). */
export async function saveAnnualReport(
  id: string,
  input: { answers: unknown; expectedVersion: number },
  who: Actor,
  deps: AnnualReportDeps,
): Promise<StoredReport> {
  await ownEditable(id, who, deps);
  const answers = shapeAnswers(input.answers);
  return deps.reports.updateReport(
    id,
    input.expectedVersion,
    { answers, status: 'draft', signedOffBy: null, signedOffAt: null },
    {
      at: deps.clock.now().toISOString(),
      organisation: who.organisation,
      actor: who.actor,
      action: 'saved',
      reason: null,
    },
  );
}

export const ATTACHMENT_TYPES: ReadonlySet<string> = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'text/plain',
]);

/** Attach a file to an item (PDF, PNG, JPEG or text; ≤ 10 MB). */
export async function attachToAnnualReport(
  id: string,
  input: {
    item: number;
    name: string;
    mediaType: string;
    bytes: Uint8Array;
    expectedVersion: number;
  },
  who: Actor,
  deps: AnnualReportDeps,
): Promise<StoredReport> {
  await ownEditable(id, who, deps);
  if (!REPORT_ITEMS.some((i) => i.no === input.item)) {
    throw invalidInput(
      `没有第 ${input.item} 项：年报只有第1至6项`,
      `There is no item ${input.item}: items are 1 to 6`,
    );
  }
  const name = evidenceFileName(input.name);
  if (input.name.trim() === '') {
    throw invalidInput('附件须有文件名', 'An attachment needs a file name');
  }
  if (input.bytes.length === 0 || input.bytes.length > EVIDENCE_MAX_BYTES) {
    throw invalidInput(
      `附件须为 1 字节到 ${EVIDENCE_MAX_BYTES / 1024 / 1024} MB`,
      `An attachment must be 1 byte to ${EVIDENCE_MAX_BYTES / 1024 / 1024} MB`,
    );
  }
  // the type the content shows, as for an obligation's evidence: a declared PDF that is not one
  // is not stored (nor served back) as a PDF
  const mediaType = evidenceMediaType(input.bytes, input.mediaType);
  if (!ATTACHMENT_TYPES.has(mediaType) || mediaType !== input.mediaType) {
    throw new DomainError(
      'UNSUPPORTED_FORMAT',
      mediaType === input.mediaType || !ATTACHMENT_TYPES.has(input.mediaType)
        ? `附件类型 ${input.mediaType} 不受支持；请上传 PDF、PNG、JPEG 或纯文本文件`
        : `附件的内容不是 ${input.mediaType}；请上传 PDF、PNG、JPEG 或纯文本文件`,
      mediaType === input.mediaType || !ATTACHMENT_TYPES.has(input.mediaType)
        ? `Attachment type ${input.mediaType} is not supported; upload a PDF, PNG, JPEG or plain-text file`
        : `The attachment's content is not ${input.mediaType}; upload a PDF, PNG, JPEG or plain-text file`,
    );
  }
  const at = deps.clock.now().toISOString();
  return deps.reports.addAttachment(
    id,
    input.expectedVersion,
    {
      id: newId(deps),
      item: input.item,
      name,
      mediaType,
      sha256: createHash('sha256').update(input.bytes).digest('hex'),
      addedBy: who.actor,
      addedAt: at,
      bytes: input.bytes,
    },
    { at, organisation: who.organisation, actor: who.actor, action: 'attached', reason: null },
  );
}

/** Refuse an incomplete report, naming every item and field still to complete. */
function requireComplete(r: StoredReport, licence: Parameters<typeof validateAnswers>[1]): void {
  const problems = validateAnswers(r.answers, licence);
  if (problems.length === 0) return;
  throw new DomainError(
    'INVALID_INPUT',
    `年报尚不完整（${problems.length} 处）：${problems.map((p) => p.message).join('；')}`,
    `The report is not complete (${problems.length} problems): ${problems.map((p) => p.messageEn).join('; ')}`,
  );
}

/** An admin's sign-off inside the holder: only a complete report. */
export async function signOffAnnualReport(
  id: string,
  input: { expectedVersion: number },
  who: Actor,
  deps: AnnualReportDeps,
): Promise<StoredReport> {
  const r = await ownEditable(id, who, deps);
  if (r.status === 'signed-off') {
    throw new DomainError('CONFLICT', `年报 ${id} 已签核`, `Report ${id} is already signed off`);
  }
  const licence = await getLicence(r.number, who, deps);
  requireComplete(r, licence.licence);
  const at = deps.clock.now().toISOString();
  return deps.reports.updateReport(
    id,
    input.expectedVersion,
    { status: 'signed-off', signedOffBy: who.actor, signedOffAt: at },
    { at, organisation: who.organisation, actor: who.actor, action: 'signed-off', reason: null },
  );
}

/**
 * Submit a signed-off report to the authority on this instance whose jurisdiction covers the
 * number (or the one named, which must cover it).
 */
export async function submitAnnualReport(
  id: string,
  input: { expectedVersion: number; authority?: string },
  who: Actor,
  deps: AnnualReportDeps,
): Promise<StoredReport> {
  const r = await ownEditable(id, who, deps);
  if (r.status !== 'signed-off') {
    throw new DomainError(
      'CONFLICT',
      `年报 ${id} 须先经单位内部签核才能报送（现为${r.status === 'returned' ? '被退回' : '草稿'}）`,
      `Report ${id} must be signed off inside the organisation before it is submitted (it is ${r.status})`,
    );
  }
  const authorities = (await deps.organisations.listAuthorities()).filter(
    (a) => a.mirrorOf === null && coversNumber(a.jurisdiction, r.number),
  );
  const target =
    input.authority === undefined
      ? authorities[0]
      : authorities.find((a) => a.id === input.authority);
  if (target === undefined) {
    throw new DomainError(
      'INVALID_INPUT',
      input.authority === undefined
        ? `本系统没有管辖经营许可证 ${r.number} 的发证机关；请导出年报，在工业和信息化部电信业务市场综合管理信息系统报送`
        : `机构 ${input.authority} 不是管辖经营许可证 ${r.number} 的发证机关`,
      input.authority === undefined
        ? `No issuing authority on this instance covers licence ${r.number}; export the report and file it in MIIT's licence system`
        : `Organisation ${input.authority} is not the issuing authority for licence ${r.number}`,
    );
  }
  const licence = await getLicence(r.number, who, deps);
  requireComplete(r, licence.licence);
  const at = deps.clock.now().toISOString();
  return deps.reports.updateReport(
    id,
    input.expectedVersion,
    {
      status: 'submitted',
      authority: target.id,
      submittedAt: at,
      decidedAt: null,
      decidedBy: null,
    },
    {
      at,
      organisation: who.organisation,
      actor: who.actor,
      action: 'submitted',
      reason: target.name,
    },
  );
}
