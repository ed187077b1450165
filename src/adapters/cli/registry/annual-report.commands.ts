/**
 * The annual-report commands (docs/annual-report.md): the holder's `xuke annual-report draft | show
 * | list | fill | attach | sign-off | submit`, the authority's `decide | cycle | order` and `xuke
 * credit-list add | remove | list`. Each runs one use case in the registry's frame: bad input exit
 * 2, not found 3, a concurrent change 4, the cycle's order refused 5, FORBIDDEN 8, no Chromium 13.
 */
import { writeFile } from 'node:fs/promises';
import {
  addListing,
  annualReportCycle,
  decideAnnualReport,
  listListings,
  listSubmittedReports,
  orderAllLate,
  orderMakeUp,
  removeListing,
  type CycleEntry,
} from '../../../app/annual-report/authority.js';
import { visibleReport } from '../../../app/annual-report/annual-report-deps.js';
import {
  attachToAnnualReport,
  draftAnnualReport,
  listOwnReports,
  saveAnnualReport,
  signOffAnnualReport,
  submitAnnualReport,
} from '../../../app/annual-report/holder.js';
import { viewReport, type ReportView } from '../../../app/annual-report/report-view.js';
import { DomainError } from '../../../core/errors.js';
import type {
  CreditListEntry,
  ListingReason,
  ReportStatus,
  StoredReport,
} from '../../../ports/annual-report-store.js';
import { creditListCsv } from '../../credit-list-csv.js';
import type { CliContext } from '../cli-context.js';
import type { Lang } from '../lang.js';
import { date, year } from './event.command.js';
import type { OutputOptions } from './query.commands.js';
import { runRegistryCommand } from './run-registry-command.js';

const STATUS: Readonly<Record<ReportStatus, [string, string]>> = {
  draft: ['草稿', 'draft'],
  'signed-off': ['已签核，待报送', 'signed off, to submit'],
  submitted: ['已报送，待审核', 'submitted, under review'],
  returned: ['已退回', 'returned'],
  accepted: ['已受理', 'accepted'],
};

function shown(v: unknown): string {
  if (v === null || v === undefined || v === '') return '';
  if (typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>)
      .map(([k, n]) => `${k} ${String(n)}`)
      .join('，');
  }
  return (typeof v === 'string' ? v : JSON.stringify(v)).replaceAll('\n', ' / ');
}

/** A report as text: its header, then each item with facts, fields and what is still to complete. */
export function formatReport(view: ReportView, lang: Lang): string {
  const r = view.report;
  const zh = lang === 'zh';
  const [sz, se] = STATUS[r.status];
  const lines = [
    zh
      ? `年报 ${r.id}：${r.number} ${r.year} 年度，${sz}（第 ${r.version} 版）`
      : `Report ${r.id}: ${r.number}, year ${r.year}, ${se} (version ${r.version})`,
    `  ${zh ? '经营者' : 'Holder'}: ${r.holderName ?? '—'}  ${r.creditCode ?? ''}`,
  ];
  for (const item of view.items) {
    lines.push(
      '',
      `${item.no}. ${zh ? item.title : item.titleEn}${item.published ? (zh ? '（公示）' : ' (published)') : ''}`,
    );
    for (const f of item.facts) lines.push(`   · ${zh ? f.text : f.textEn}`);
    for (const f of item.fields) {
      const mark = f.toComplete ? (zh ? '  ← 待填写' : '  ← to complete') : '';
      lines.push(`   ${zh ? f.label : f.labelEn}: ${shown(f.value)}${mark}`);
    }
  }
  for (const a of r.attachments) {
    lines.push(`${zh ? '附件' : 'Attachment'} ${a.item}: ${a.name} sha256:${a.sha256}`);
  }
  lines.push(
    '',
    view.complete
      ? zh
        ? '内容完整，可以签核报送。'
        : 'Complete: ready to sign off and submit.'
      : zh
        ? `尚待完成 ${view.problems.length} 处：`
        : `${view.problems.length} things still to complete:`,
  );
  for (const p of view.problems) lines.push(`  - ${zh ? p.message : p.messageEn}`);
  return lines.join('\n');
}

function printReport(r: StoredReport, o: OutputOptions, ctx: CliContext): void {
  const view = viewReport(r);
  ctx.io.stdout(
    o.json
      ? `${JSON.stringify({ ...view.report, items: view.items, problems: view.problems, complete: view.complete, publicPreview: view.publicPreview }, null, 2)}\n`
      : `${formatReport(view, o.lang)}\n`,
  );
}

export interface DraftOptions extends OutputOptions {
  readonly year: string;
}

export function runAnnualReportDraftCommand(
  number: string,
  o: DraftOptions,
  ctx: CliContext,
): Promise<number> {
  return runRegistryCommand(
    'annual-report draft',
    o.lang,
    o,
    ctx,
    async ({ annualReports, who }) => {
      const r = await draftAnnualReport(number, year(o.year), who, annualReports);
      printReport(r, o, ctx);
      return 0;
    },
  );
}

export interface ShowOptions extends OutputOptions {
  readonly pdf?: string;
}

export function runAnnualReportShowCommand(
  id: string,
  o: ShowOptions,
  ctx: CliContext,
): Promise<number> {
  return runRegistryCommand(
    'annual-report show',
    o.lang,
    o,
    ctx,
    async ({ annualReports, who }) => {
      const r = await visibleReport(id, who, annualReports);
      if (o.pdf !== undefined) {
        let pdf: Uint8Array;
        try {
          pdf = await ctx.services.annualReportPdf(viewReport(r));
        } catch (e) {
          const zh = e instanceof Error ? e.message : String(e);
          const en = (e as { messageEn?: unknown }).messageEn;
          throw new DomainError('RENDERER_UNAVAILABLE', zh, typeof en === 'string' ? en : zh, {
            cause: e,
          });
        }
        await writeFile(o.pdf, pdf);
      }
      printReport(r, o, ctx);
      return 0;
    },
  );
}

export interface ListOptions extends OutputOptions {
  readonly year?: string;
  readonly status?: string;
  readonly submitted: boolean;
}

const STATUSES = Object.keys(STATUS) as ReportStatus[];

export function runAnnualReportListCommand(o: ListOptions, ctx: CliContext): Promise<number> {
  return runRegistryCommand(
    'annual-report list',
    o.lang,
    o,
    ctx,
    async ({ annualReports, who }) => {
      if (o.status !== undefined && !(STATUSES as string[]).includes(o.status)) {
        throw new DomainError(
          'INVALID_INPUT',
          `--status 应为 ${STATUSES.join('、')} 之一：${o.status}`,
          `--status must be one of ${STATUSES.join(', ')}: ${o.status}`,
        );
      }
      const filter = {
        ...(o.year === undefined ? {} : { year: year(o.year) }),
        ...(o.status === undefined ? {} : { status: o.status as ReportStatus }),
      };
      const reports = o.submitted
        ? await listSubmittedReports(who, filter, annualReports)
        : await listOwnReports(who, filter, annualReports);
      if (o.json) {
        ctx.io.stdout(
          `${JSON.stringify(
            reports.map((r) => ({ ...r, prefill: undefined })),
            null,
            2,
          )}\n`,
        );
      } else {
        const zh = o.lang === 'zh';
        ctx.io.stdout(
          reports.length === 0
            ? `${zh ? '没有年报' : 'No reports'}\n`
            : reports
                .map(
                  (r) =>
                    `${r.id}  ${r.number}  ${r.year}  ${STATUS[r.status][zh ? 0 : 1]}  ${r.holderName ?? ''}`,
                )
                .join('\n') + '\n',
        );
      }
      return 0;
    },
  );
}

export interface FillOptions extends OutputOptions {
  readonly answers: string;
}

export function runAnnualReportFillCommand(
  id: string,
  o: FillOptions,
  ctx: CliContext,
): Promise<number> {
  return runRegistryCommand(
    'annual-report fill',
    o.lang,
    o,
    ctx,
    async ({ annualReports, who }) => {
      const bytes = await ctx.io.readFile(o.answers, 512 * 1024);
      let answers: unknown;
      try {
        answers = JSON.parse(new TextDecoder().decode(bytes));
      } catch (e) {
        throw new DomainError(
          'INVALID_INPUT',
          `${o.answers} 不是有效的 JSON：${e instanceof Error ? e.message : String(e)}`,
          `${o.answers} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`,
        );
      }
      const current = await visibleReport(id, who, annualReports);
      const r = await saveAnnualReport(
        id,
        { answers, expectedVersion: current.version },
        who,
        annualReports,
      );
      printReport(r, o, ctx);
      return 0;
    },
  );
}

const MEDIA_TYPES: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  txt: 'text/plain',
};

export interface AttachOptions extends OutputOptions {
  readonly item: string;
}

export function runAnnualReportAttachCommand(
  id: string,
  file: string,
  o: AttachOptions,
  ctx: CliContext,
): Promise<number> {
  return runRegistryCommand(
    'annual-report attach',
    o.lang,
    o,
    ctx,
    async ({ annualReports, who }) => {
      const ext = file.toLowerCase().split('.').pop() ?? '';
      const mediaType = MEDIA_TYPES[ext];
      if (mediaType === undefined) {
        throw new DomainError(
          'UNSUPPORTED_FORMAT',
          `附件 ${file} 的类型不受支持；请用 .pdf、.png、.jpg 或 .txt 文件`,
          `The attachment ${file} is not a supported type; use a .pdf, .png, .jpg or .txt file`,
        );
      }
      const bytes = await ctx.io.readFile(file, 10 * 1024 * 1024 + 1);
      const current = await visibleReport(id, who, annualReports);
      const r = await attachToAnnualReport(
        id,
        {
          item: Number(o.item),
          name: file.split(/[\\/]/u).pop() ?? file,
          mediaType,
          bytes,
          expectedVersion: current.version,
        },
        who,
        annualReports,
      );
      printReport(r, o, ctx);
      return 0;
    },
  );
}

export function runAnnualReportSignOffCommand(
  id: string,
  o: OutputOptions,
  ctx: CliContext,
): Promise<number> {
  return runRegistryCommand(
    'annual-report sign-off',
    o.lang,
    o,
    ctx,
    async ({ annualReports, who }) => {
      const current = await visibleReport(id, who, annualReports);
      const r = await signOffAnnualReport(
        id,
        { expectedVersion: current.version },
        who,
        annualReports,
      );
      printReport(r, o, ctx);
      return 0;
    },
  );
}

export interface SubmitOptions extends OutputOptions {
  readonly authority?: string;
}

export function runAnnualReportSubmitCommand(
  id: string,
  o: SubmitOptions,
  ctx: CliContext,
): Promise<number> {
  return runRegistryCommand(
    'annual-report submit',
    o.lang,
    o,
    ctx,
    async ({ annualReports, who }) => {
      const current = await visibleReport(id, who, annualReports);
      const r = await submitAnnualReport(
        id,
        {
          expectedVersion: current.version,
          ...(o.authority === undefined ? {} : { authority: o.authority }),
        },
        who,
        annualReports,
      );
      printReport(r, o, ctx);
      return 0;
    },
  );
}

export interface DecideOptions extends OutputOptions {
  readonly reason?: string;
  readonly decision?: string;
}

export function runAnnualReportDecideCommand(
  id: string,
  decision: string,
  o: DecideOptions,
  ctx: CliContext,
): Promise<number> {
  return runRegistryCommand(
    'annual-report decide',
    o.lang,
    o,
    ctx,
    async ({ annualReports, who }) => {
      if (decision !== 'accept' && decision !== 'return') {
        throw new DomainError(
          'INVALID_INPUT',
          `决定应为 accept（受理）或 return（退回）：${decision}`,
          `The decision must be accept or return: ${decision}`,
        );
      }
      const current = await visibleReport(id, who, annualReports);
      const r = await decideAnnualReport(
        id,
        {
          decision,
          expectedVersion: current.version,
          ...(o.reason === undefined ? {} : { reason: o.reason }),
          ...(o.decision === undefined ? {} : { decisionNumber: o.decision }),
        },
        who,
        annualReports,
      );
      printReport(r, o, ctx);
      return 0;
    },
  );
}

const STAGE: Readonly<Record<CycleEntry['stage'], [string, string]>> = {
  accepted: ['已受理', 'accepted'],
  'pending-review': ['待审核', 'under review'],
  returned: ['已退回', 'returned'],
  'not-filed': ['未报送', 'not filed'],
  ordered: ['已责令限期补报', 'ordered to make up'],
  'order-overdue': ['补报期限已过', 'make-up period passed'],
  listed: ['已列入不良名单', 'on the 不良名单'],
};

export interface CycleOptions extends OutputOptions {
  readonly year: string;
}

export function runAnnualReportCycleCommand(o: CycleOptions, ctx: CliContext): Promise<number> {
  return runRegistryCommand(
    'annual-report cycle',
    o.lang,
    o,
    ctx,
    async ({ annualReports, who }) => {
      const entries = await annualReportCycle(year(o.year), who, annualReports);
      if (o.json) {
        ctx.io.stdout(`${JSON.stringify(entries, null, 2)}\n`);
      } else {
        const zh = o.lang === 'zh';
        ctx.io.stdout(
          entries
            .map(
              (e) =>
                `${e.number}  ${STAGE[e.stage][zh ? 0 : 1]}${e.late ? (zh ? '（逾期）' : ' (late)') : ''}  ${e.holderName ?? ''}${
                  e.order === null
                    ? ''
                    : zh
                      ? `  限期至 ${e.order.dueOn}`
                      : `  due ${e.order.dueOn}`
                }`,
            )
            .join('\n') + '\n',
        );
      }
      return 0;
    },
  );
}

export interface OrderOptions extends OutputOptions {
  readonly year: string;
  readonly decision: string;
  readonly on?: string;
  readonly reason?: string;
}

export function runAnnualReportOrderCommand(
  number: string | undefined,
  o: OrderOptions,
  ctx: CliContext,
): Promise<number> {
  return runRegistryCommand(
    'annual-report order',
    o.lang,
    o,
    ctx,
    async ({ annualReports, who }) => {
      const input = {
        year: year(o.year),
        decisionNumber: o.decision,
        ...(o.on === undefined ? {} : { on: date('--on', o.on) }),
        ...(o.reason === undefined ? {} : { reason: o.reason }),
      };
      const orders =
        number === undefined
          ? await orderAllLate(input, who, annualReports)
          : [await orderMakeUp(number, input, who, annualReports)];
      const zh = o.lang === 'zh';
      ctx.io.stdout(
        o.json
          ? `${JSON.stringify(orders, null, 2)}\n`
          : orders.length === 0
            ? `${zh ? '没有需要责令补报的经营者' : 'No late filer to order'}\n`
            : orders
                .map((x) =>
                  zh
                    ? `${x.number}：责令于 ${x.dueOn} 前补报 ${x.year} 年度年报（${x.decisionNumber}）`
                    : `${x.number}: ordered to file its ${x.year} report by ${x.dueOn} (${x.decisionNumber})`,
                )
                .join('\n') + '\n',
      );
      return 0;
    },
  );
}

export interface ListingAddOptions extends OutputOptions {
  readonly reasonKind: string;
  readonly decidedOn: string;
  readonly listedOn?: string;
  readonly year?: string;
  readonly list?: string;
  readonly reason?: string;
}

function printListing(e: CreditListEntry, o: OutputOptions, ctx: CliContext): void {
  const zh = o.lang === 'zh';
  ctx.io.stdout(
    o.json
      ? `${JSON.stringify(e, null, 2)}\n`
      : `${e.id}  ${e.list === 'bad' ? (zh ? '不良名单' : 'bad list') : zh ? '失信名单' : 'dishonest list'}  ${e.number}  ${e.holderName}  ${e.decidedOn}  ${e.reason}${
          e.removedOn === null ? '' : zh ? `  已于 ${e.removedOn} 移出` : `  removed ${e.removedOn}`
        }\n`,
  );
}

export function runCreditListAddCommand(
  number: string,
  o: ListingAddOptions,
  ctx: CliContext,
): Promise<number> {
  return runRegistryCommand('credit-list add', o.lang, o, ctx, async ({ annualReports, who }) => {
    const kinds: ListingReason[] = ['annual-report-missing', 'penalty', 'other'];
    if (!(kinds as string[]).includes(o.reasonKind)) {
      throw new DomainError(
        'INVALID_INPUT',
        `--reason-kind 应为 ${kinds.join('、')} 之一：${o.reasonKind}`,
        `--reason-kind must be one of ${kinds.join(', ')}: ${o.reasonKind}`,
      );
    }
    if (o.list !== undefined && o.list !== 'bad' && o.list !== 'dishonest') {
      throw new DomainError(
        'INVALID_INPUT',
        `--list 应为 bad（不良名单）或 dishonest（失信名单）：${o.list}`,
        `--list must be bad or dishonest: ${o.list}`,
      );
    }
    const entry = await addListing(
      number,
      {
        reasonKind: o.reasonKind as ListingReason,
        decidedOn: date('--decided-on', o.decidedOn),
        ...(o.listedOn === undefined ? {} : { listedOn: date('--listed-on', o.listedOn) }),
        ...(o.year === undefined ? {} : { year: year(o.year) }),
        ...(o.list === undefined ? {} : { list: o.list }),
        ...(o.reason === undefined ? {} : { reason: o.reason }),
      },
      who,
      annualReports,
    );
    printListing(entry, o, ctx);
    return 0;
  });
}

export interface ListingRemoveOptions extends OutputOptions {
  readonly on?: string;
  readonly reason?: string;
}

export function runCreditListRemoveCommand(
  id: string,
  o: ListingRemoveOptions,
  ctx: CliContext,
): Promise<number> {
  return runRegistryCommand(
    'credit-list remove',
    o.lang,
    o,
    ctx,
    async ({ annualReports, who }) => {
      const entry = await removeListing(
        id,
        {
          ...(o.on === undefined ? {} : { on: date('--on', o.on) }),
          ...(o.reason === undefined ? {} : { reason: o.reason }),
        },
        who,
        annualReports,
      );
      printListing(entry, o, ctx);
      return 0;
    },
  );
}

export interface ListingListOptions extends OutputOptions {
  readonly current: boolean;
  readonly csv: boolean;
}

export function runCreditListListCommand(o: ListingListOptions, ctx: CliContext): Promise<number> {
  return runRegistryCommand('credit-list list', o.lang, o, ctx, async ({ annualReports, who }) => {
    const entries = await listListings(who, o.current ? { current: true } : {}, annualReports);
    if (o.csv) {
      ctx.io.stdout(creditListCsv(entries));
    } else if (o.json) {
      ctx.io.stdout(`${JSON.stringify(entries, null, 2)}\n`);
    } else {
      for (const e of entries) printListing(e, o, ctx);
    }
    return 0;
  });
}
