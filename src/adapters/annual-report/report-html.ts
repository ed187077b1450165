/**
 * The annual report as a printable zh-CN page (A4): for filing in MIIT's system and for the
 * holder's files. Every art. 35 item with its legal basis, whether it is published, the figures and
 * accounts the holder gave (per-service figures as a table), the facts xuke pre-filled, the
 * attachments by name and sha256, and the sign-off, submission and decision. Self-contained: no
 * script, no external resource.
 */
import { shanghaiDayOf } from '../../core/dates.js';
import type { ReportView } from '../../app/annual-report/report-view.js';
import { escapeHtml, formatCertificateDate } from '../elicence/certificate-html.js';

const STATUS_ZH: Readonly<Record<string, string>> = {
  draft: '草稿',
  'signed-off': '已签核，待报送',
  submitted: '已报送，待审核',
  returned: '已退回',
  accepted: '已受理',
};

const PUBLICATION_ZH: Readonly<Record<string, string>> = {
  public: '向社会公示（涉及商业秘密的除外）',
  never: '不公示',
  'holder-choice': '由经营者选择是否公示',
};

function day(instant: string | null): string {
  return instant === null ? '—' : escapeHtml(formatCertificateDate(shanghaiDayOf(instant)));
}

function value(v: unknown, services: ReportView['report']['prefill']['services']): string {
  if (v === null || v === undefined || v === '') return '<span class="empty">（未填写）</span>';
  if (typeof v === 'number') return escapeHtml(v.toLocaleString('zh-CN'));
  if (typeof v === 'string') return escapeHtml(v).replaceAll('\n', '<br>');
  if (typeof v === 'object' && !Array.isArray(v)) {
    const given = v as Record<string, unknown>;
    const rows = services
      .map(
        (s) =>
          `<tr><td>${escapeHtml(s.key)}</td><td>${escapeHtml(s.name)}</td><td class="num">${
            typeof given[s.key] === 'number'
              ? escapeHtml((given[s.key] as number).toLocaleString('zh-CN'))
              : '—'
          }</td></tr>`,
      )
      .join('');
    return `<table class="svc"><thead><tr><th>业务代码</th><th>业务种类</th><th>用户数</th></tr></thead><tbody>${rows}</tbody></table>`;
  }
  return escapeHtml(JSON.stringify(v));
}

export function annualReportHtml(view: ReportView): string {
  const r = view.report;
  const items = view.items
    .map((item) => {
      const fields = item.fields
        .map(
          (f) =>
            `<tr><th>${escapeHtml(f.label)}${f.secret ? '<span class="tag">商业秘密，不公示</span>' : ''}</th><td>${value(f.value, r.prefill.services)}</td></tr>`,
        )
        .join('');
      const facts =
        item.facts.length === 0
          ? ''
          : `<div class="facts"><div class="facts-title">系统记录的相关情况</div><ul>${item.facts
              .map((f) => `<li>${escapeHtml(f.text)}</li>`)
              .join('')}</ul></div>`;
      const attachments = r.attachments.filter((a) => a.item === item.no);
      const files =
        attachments.length === 0
          ? ''
          : `<div class="files">附件：${attachments
              .map((a) => `${escapeHtml(a.name)}（SHA-256 ${escapeHtml(a.sha256.slice(0, 16))}…）`)
              .join('；')}</div>`;
      return `<section class="item">
  <h2>${['一', '二', '三', '四', '五', '六'][item.no - 1] ?? item.no}、${escapeHtml(item.title)}</h2>
  <div class="basis">依据：${escapeHtml(item.basis)}；${escapeHtml(PUBLICATION_ZH[item.publication] ?? '')}${
    item.publication === 'holder-choice'
      ? `（本项${item.published ? '选择公示' : '选择不公示'}）`
      : ''
  }</div>
  <table class="fields">${fields}</table>
  ${facts}${files}
</section>`;
    })
    .join('\n');
  const problems =
    view.problems.length === 0
      ? ''
      : `<section class="problems"><h2>尚待完成</h2><ul>${view.problems
          .map((p) => `<li>${escapeHtml(p.message)}</li>`)
          .join('')}</ul></section>`;
  const returned = [...r.history].reverse().find((h) => h.action === 'returned');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>${escapeHtml(`${r.holderName ?? ''} ${r.year}年度电信业务经营信息年报 ${r.number}`)}</title>
<style>
@page { size: A4; margin: 18mm 16mm 18mm 16mm; }
body { font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; font-size: 10.5pt; color: #111; line-height: 1.55; }
h1 { font-size: 16pt; text-align: center; margin: 0 0 4mm; }
h2 { font-size: 12pt; margin: 5mm 0 1.5mm; border-bottom: 0.4pt solid #555; padding-bottom: 1mm; }
.head { width: 100%; border-collapse: collapse; margin-bottom: 3mm; }
.head th, .head td { border: 0.4pt solid #777; padding: 1.2mm 2mm; text-align: left; vertical-align: top; }
.head th { width: 24%; background: #f2f2f2; font-weight: normal; }
.basis { color: #444; font-size: 9pt; margin-bottom: 1.5mm; }
.fields { width: 100%; border-collapse: collapse; }
.fields > tbody > tr > th, .fields > tbody > tr > td { border: 0.4pt solid #999; padding: 1.2mm 2mm; vertical-align: top; text-align: left; }
.fields > tbody > tr > th { width: 28%; font-weight: normal; background: #fafafa; }
.svc { border-collapse: collapse; width: 100%; }
.svc th, .svc td { border: 0.3pt solid #bbb; padding: 0.6mm 1.5mm; font-size: 9.5pt; }
.num { text-align: right; }
.empty { color: #a00; }
.tag { display: inline-block; margin-left: 2mm; font-size: 8pt; color: #555; border: 0.3pt solid #999; padding: 0 1mm; }
.facts { margin-top: 1.5mm; font-size: 9pt; color: #333; }
.facts-title { font-weight: bold; }
.facts ul, .problems ul { margin: 0.5mm 0 0 5mm; padding: 0; }
.files { margin-top: 1mm; font-size: 9pt; }
.item { break-inside: auto; }
.sign { margin-top: 6mm; font-size: 10pt; }
.sign td { padding: 1mm 3mm 1mm 0; }
.note { margin-top: 5mm; font-size: 8.5pt; color: #444; }
</style></head>
<body>
<h1>${r.year}年度电信业务经营信息年报</h1>
<table class="head">
<tr><th>经营者名称</th><td>${escapeHtml(r.holderName ?? '—')}</td></tr>
<tr><th>统一社会信用代码</th><td>${escapeHtml(r.creditCode ?? '—')}</td></tr>
<tr><th>经营许可证编号</th><td>${escapeHtml(r.number)}</td></tr>
<tr><th>报告年度</th><td>${r.year}年度（${r.year + 1}年第一季度报送，截止${formatCertificateDate(`${r.year + 1}-03-31`)}）</td></tr>
<tr><th>状态</th><td>${escapeHtml(STATUS_ZH[r.status] ?? r.status)}（第 ${r.version} 版）</td></tr>
</table>
${items}
${problems}
<table class="sign">
<tr><td>单位内部签核：</td><td>${escapeHtml(r.signedOffBy ?? '—')}</td><td>${day(r.signedOffAt)}</td></tr>
<tr><td>报送：</td><td>${escapeHtml(r.authority ?? '—')}</td><td>${day(r.submittedAt)}</td></tr>
<tr><td>审核：</td><td>${escapeHtml(r.status === 'accepted' ? '已受理' : r.status === 'returned' ? `已退回：${returned?.reason ?? ''}` : '—')}</td><td>${day(r.decidedAt)}</td></tr>
</table>
<p class="note">电信业务经营者应当对年报信息的真实性负责，不得弄虚作假或者隐瞒真实情况（《电信业务经营许可管理办法》第三十五条第三款）。第一至三项（涉及商业秘密的信息除外）向社会公示，第五、六项由经营者选择是否公示。</p>
</body></html>`;
}
