/** Text output of the registry commands, zh-CN or English. */
import {
  EVENT_NAMES,
  renewalDeadline,
  STATUS_NAMES,
  type LicenceStatus,
} from '../../../core/lifecycle/lifecycle.js';
import type { FoundLicence } from '../../../app/registry/find-licences.js';
import type { LicenceHistory } from '../../../app/registry/get-licence-history.js';
import type { ImportSummary } from '../../../app/registry/import-documents.js';
import { ORGANISATION_KIND_NAMES, PROVENANCE_NAMES } from '../../../core/trust/names.js';
import type { OfficialConfirmation, Provenance } from '../../../core/trust/types.js';
import type { AuditVerification, LicenceEvent, Page } from '../../../ports/licence-store.js';
import type { Organisation } from '../../../ports/organisation-store.js';
import type { Lang } from '../lang.js';
import { describeActor } from '../../../core/actor.js';

function status(s: LicenceStatus, lang: Lang): string {
  return lang === 'en' ? s : STATUS_NAMES[s];
}

/** 自行申报（副本） / Declared (a copy): where a stored record came from. */
export function provenanceName(p: Provenance, lang: Lang): string {
  return PROVENANCE_NAMES[p][lang];
}

function domainsOf(l: FoundLicence): string[] {
  return [...new Set(l.licence.websites.flatMap((w) => w.domains))];
}

export function formatLicenceRow(l: FoundLicence, lang: Lang): string {
  return [
    l.number,
    status(l.currentStatus, lang),
    l.licence.expiresOn ?? '—',
    l.licence.holder.name ?? '—',
    domainsOf(l).join(' '),
  ]
    .join('  ')
    .trimEnd();
}

export function formatPage(page: Page<FoundLicence>, lang: Lang): string {
  if (page.items.length === 0) return lang === 'en' ? 'No licences found.' : '未找到许可证。';
  const lines = page.items.map((l) => formatLicenceRow(l, lang));
  if (page.next !== null) {
    lines.push(
      lang === 'en' ? `(more: --cursor ${page.next})` : `（还有更多：--cursor ${page.next}）`,
    );
  }
  return lines.join('\n');
}

export function formatLicence(l: FoundLicence, lang: Lang): string {
  const en = lang === 'en';
  const label = (zh: string, e: string) => (en ? e : zh).padEnd(en ? 16 : 10, en ? ' ' : '　');
  const services = l.licence.services.map(
    (s) => `${s.code ?? '—'} ${s.name}${s.qualifier ? `（${s.qualifier}）` : ''}`,
  );
  const lines = [
    `${label('经营许可证编号', 'Number')}${l.number}`,
    `${label('公司名称', 'Holder')}${l.licence.holder.name ?? '—'}`,
    `${label('法定代表人', 'Legal rep.')}${l.licence.holder.legalRepresentative ?? '—'}`,
    `${label('状态', 'Status')}${status(l.currentStatus, lang)}${l.currentStatus !== l.status ? ` (${status(l.status, lang)})` : ''}`,
    `${label('版本', 'Version')}${l.version}`,
    `${label('来源', 'Provenance')}${provenanceName(l.provenance, lang)}`,
    `${label('发证日期', 'Issued')}${l.licence.issuedOn ?? '—'}`,
    `${label('有效期至', 'Expires')}${l.licence.expiresOn ?? '—'}`,
  ];
  if (
    l.licence.expiresOn !== null &&
    (l.currentStatus === 'valid' || l.currentStatus === 'renewal-pending')
  ) {
    lines.push(`${label('延续申请截止', 'Renew by')}${renewalDeadline(l.licence.expiresOn)}`);
  }
  if (services.length > 0) lines.push(`${label('业务种类', 'Services')}${services.join('；')}`);
  const domains = domainsOf(l);
  if (domains.length > 0) lines.push(`${label('网站域名', 'Domains')}${domains.join(' ')}`);
  return lines.join('\n');
}

function formatEvent(e: LicenceEvent, lang: Lang): string {
  const kind = lang === 'en' ? e.kind : EVENT_NAMES[e.kind];
  const data = e.data
    ? Object.entries(e.data)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(' ')
    : '';
  return [
    `v${e.version}`,
    e.on,
    kind,
    `→ ${status(e.status, lang)}`,
    data,
    e.note ? `“${e.note}”` : '',
    `(${describeActor(e.actor, lang)}, ${e.recordedAt})`,
  ]
    .filter((p) => p !== '')
    .join('  ');
}

export function formatHistory(h: LicenceHistory, lang: Lang): string {
  const head = `${h.licence.number}  ${h.licence.licence.holder.name ?? '—'}  ${status(h.licence.currentStatus, lang)}  ${provenanceName(h.licence.provenance, lang)}`;
  return [head, ...h.events.map((e) => `  ${formatEvent(e, lang)}`)].join('\n');
}

/** A failed file's reason, led by the file's name unless the reason starts with it already. */
function namedFailure(f: ImportSummary['failed'][number], lang: Lang): string {
  const reason = lang === 'en' ? f.messageEn : f.message;
  if (reason.startsWith(f.name)) return reason;
  return `${f.name}${lang === 'en' ? ': ' : '：'}${reason}`;
}

export function formatImportSummary(s: ImportSummary, lang: Lang): string {
  const lines: string[] = [];
  for (const f of s.failed) lines.push(`✗ ${namedFailure(f, lang)}`);
  if (s.failed.some((f) => f.code === 'ACKNOWLEDGEMENT_REQUIRED')) {
    lines.push(
      lang === 'en'
        ? '  To save such a document anyway, import it again with --acknowledge REASON (recorded in the audit log).'
        : '  如确需保存，请加 --acknowledge 原因 重新导入（原因将记入审计日志）。',
    );
  }
  if (s.failed.some((f) => f.code === 'REGRESSION')) {
    lines.push(
      lang === 'en'
        ? '  A document whose reading is worse than the saved version was not saved: check it against the original; to save it anyway, import it again with --force (recorded in the audit log).'
        : '  读取结果比已保存版本有退步的文件未保存：请对照原件核对；如确需保存，请加 --force 重新导入（将记入审计日志）。',
    );
  }
  if (lang === 'en') {
    lines.push(
      s.rolledBack
        ? `Import undone (--atomic): ${s.failed.length} file(s) failed; nothing was written.`
        : `${s.files} file(s): ${s.created} new, ${s.changed} changed, ${s.unchanged} unchanged, ${s.skipped} already imported, ${s.failed.length} failed.`,
    );
  } else {
    lines.push(
      s.rolledBack
        ? `导入已撤销（--atomic）：${s.failed.length} 个文件失败，未写入任何内容。`
        : `共 ${s.files} 个文件：新增 ${s.created}，变更 ${s.changed}，未变 ${s.unchanged}，已导入过 ${s.skipped}，失败 ${s.failed.length}。`,
    );
  }
  return lines.join('\n');
}

export function formatAudit(v: AuditVerification, lang: Lang): string {
  if (v.ok) {
    return lang === 'en'
      ? `Audit chain intact: ${v.entries} entries, head ${v.head.slice(0, 16)}…`
      : `审计链完整：${v.entries} 条记录，链头 ${v.head.slice(0, 16)}…`;
  }
  return lang === 'en'
    ? `Audit chain BROKEN at entry #${v.seq}: ${v.reasonEn}`
    : `审计链已损坏（第 ${v.seq} 条）：${v.reason}`;
}

/** `xuke register list`: the register, one entry a line: number, holder, status, version, provenance. */
export function formatRegister(
  authority: Organisation,
  entries: readonly FoundLicence[],
  lang: Lang,
): string {
  const en = lang === 'en';
  const head = en
    ? `Register of ${authority.name} (${authority.id}; jurisdiction ${authority.jurisdiction.join(', ')}): ${entries.length} licence(s)`
    : `${authority.name}（${authority.id}，管辖 ${authority.jurisdiction.join('、')}）登记簿：${entries.length} 件`;
  const rows = entries.map((l) =>
    [
      l.number,
      l.licence.holder.name ?? '—',
      status(l.currentStatus, lang),
      `v${l.version}`,
      provenanceName(l.provenance, lang),
    ].join('  '),
  );
  return [head, ...rows].join('\n');
}

/** Display width: CJK and full-width characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const c of s)
    w +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        c,
      )
        ? 2
        : 1;
  return w;
}

function pad(s: string, n: number): string {
  return s + ' '.repeat(Math.max(0, n - width(s)));
}

/** `xuke org list`: a table of id, kind, name and jurisdiction. */
export function formatOrganisations(orgs: readonly Organisation[], lang: Lang): string {
  const en = lang === 'en';
  if (orgs.length === 0) return en ? 'No organisations.' : '没有机构。';
  const rows = [
    en ? ['ID', 'Kind', 'Name', 'Jurisdiction'] : ['标识', '类型', '名称', '管辖范围'],
    ...orgs.map((o) => [
      o.id,
      ORGANISATION_KIND_NAMES[o.kind][lang],
      o.name,
      o.jurisdiction.length === 0 ? '—' : o.jurisdiction.join(en ? ', ' : '、'),
    ]),
  ];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => width(r[i] ?? ''))));
  return rows
    .map((r) =>
      r
        .map((cell, i) => (i < 3 ? pad(cell, widths[i] ?? 0) : cell))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** One organisation, as `xuke org create` prints it. */
export function formatOrganisation(o: Organisation, lang: Lang): string {
  const en = lang === 'en';
  const kind = ORGANISATION_KIND_NAMES[o.kind][lang];
  const lines = [
    en ? `Organisation ${o.id}: ${o.name} (${kind})` : `机构 ${o.id}：${o.name}（${kind}）`,
  ];
  if (o.kind === 'authority') {
    lines.push(
      en
        ? `  jurisdiction: ${o.jurisdiction.join(', ')}`
        : `  管辖范围：${o.jurisdiction.join('、')}`,
    );
  }
  if (o.publishDeclared) {
    lines.push(
      en
        ? '  public verification may show its declared records (marked as not verified by the issuer)'
        : '  公开核验可显示其自行登记的记录（注明未经发证机关核实）',
    );
  }
  return lines.join('\n');
}

/** `xuke confirm`: what was recorded from the official query. */
export function formatConfirmation(c: OfficialConfirmation, lang: Lang): string {
  const en = lang === 'en';
  const none = '—';
  const services = c.services
    .map((s) => (s.coverage.length > 0 ? `${s.name}（${s.coverage.join('、')}）` : s.name))
    .join(en ? '; ' : '；');
  const lines = en
    ? [
        `Confirmed in the official system: ${c.number} (${c.id})`,
        `  checked on ${c.checkedOn} by ${c.checkedBy}; due again ${c.dueOn}`,
        `  status: ${c.officialStatus}`,
        `  holder: ${c.holderName ?? none}`,
        `  services: ${services || none}`,
        `  valid: ${c.validFrom ?? none} – ${c.expiresOn ?? none}`,
      ]
    : [
        `已记录官方系统核实：${c.number}（${c.id}）`,
        `  ${c.checkedOn} 由 ${c.checkedBy} 核实；复核期限 ${c.dueOn}`,
        `  状态：${c.officialStatus}`,
        `  公司名称：${c.holderName ?? none}`,
        `  业务种类：${services || none}`,
        `  有效期：${c.validFrom ?? none} 至 ${c.expiresOn ?? none}`,
      ];
  if (c.attachmentSha256 !== null) {
    lines.push(
      en ? `  attachment sha256 ${c.attachmentSha256}` : `  附件 sha256 ${c.attachmentSha256}`,
    );
  }
  if (c.note !== null) lines.push(en ? `  note: ${c.note}` : `  说明：${c.note}`);
  return lines.join('\n');
}
