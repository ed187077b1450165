/** Text output of the registry commands, zh-CN or English. */
import {
  EVENT_NAMES,
  renewalDeadline,
  STATUS_NAMES,
  type LicenceStatus,
} from '../../../core/lifecycle/lifecycle.js';
import type { FoundLicence } from '../../../app/find-licences.js';
import type { LicenceHistory } from '../../../app/get-licence-history.js';
import type { ImportSummary } from '../../../app/import-documents.js';
import type { AuditVerification, LicenceEvent, Page } from '../../../ports/licence-store.js';
import type { Lang } from '../lang.js';

function status(s: LicenceStatus, lang: Lang): string {
  return lang === 'en' ? s : STATUS_NAMES[s];
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
    `(${e.actor}, ${e.recordedAt})`,
  ]
    .filter((p) => p !== '')
    .join('  ');
}

export function formatHistory(h: LicenceHistory, lang: Lang): string {
  const head = `${h.licence.number}  ${h.licence.licence.holder.name ?? '—'}  ${status(h.licence.currentStatus, lang)}`;
  return [head, ...h.events.map((e) => `  ${formatEvent(e, lang)}`)].join('\n');
}

export function formatImportSummary(s: ImportSummary, lang: Lang): string {
  const lines: string[] = [];
  for (const f of s.failed) lines.push(`✗ ${lang === 'en' ? f.messageEn : f.message}`);
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
