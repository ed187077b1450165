/**
 * The e-licence certificate as one self-contained HTML page (A4 portrait, zh-CN), laid out after the
 * paper 增值电信业务经营许可证: title, number, holder, services with their coverage, websites,
 * validity, special provisions, the issuing authority, and the QR code that verifies it. Pure, so
 * it is tested without a browser; certificate-pdf.ts prints it with Chromium.
 *
 * Every value is HTML-escaped. The page loads nothing (its CSP forbids any fetch and any script) and
 * uses the system's fonts. The special provisions are fine print sized by `--fine`, which the
 * printer lowers until the certificate fits one page.
 */
import { formatDocumentDate, isIsoDate, shanghaiDayOf } from '../../core/dates.js';
import type { Elicence } from '../../core/elicence/types.js';
import type { LicenceKind, LicensedService, Provision } from '../../core/licence.js';
import { STATUS_NAMES } from '../../core/lifecycle/lifecycle.js';

const TITLES: Readonly<Record<LicenceKind, string>> = {
  vats: '中华人民共和国增值电信业务经营许可证',
  'vats-cross-regional': '中华人民共和国增值电信业务经营许可证',
  basic: '中华人民共和国基础电信业务经营许可证',
};

/** The certificate's title for a licence of `kind` (增值 when the record does not say). */
export function certificateTitle(kind: LicenceKind | null): string {
  return TITLES[kind ?? 'vats'];
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (c) => `&#${String(c.codePointAt(0))};`);
}

/** '2022-09-05' → '2022年09月05日'; anything else is shown as it is. */
export function formatCertificateDate(iso: string): string {
  return isIsoDate(iso) ? formatDocumentDate(iso) : iso;
}

const CHINESE_DIGITS = '〇一二三四五六七八九';

/** 1 → 一, 10 → 十, 15 → 十五, 23 → 二十三 (1–99; other numbers stay Arabic). */
function chineseOrdinal(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  const t = tens === 0 ? '' : `${tens === 1 ? '' : (CHINESE_DIGITS[tens] ?? '')}十`;
  return `${t}${ones === 0 ? '' : (CHINESE_DIGITS[ones] ?? '')}`;
}

/** 业务种类 as printed: 信息服务业务（仅限互联网信息服务）, then 含…，不含… on a line below. */
function serviceCell(s: LicensedService): string {
  const qualifier = s.qualifier ?? '';
  // A qualifier reading 不含… already names its items, which the record repeats in `excludes`.
  const excludes = s.excludes.filter((x) => !qualifier.includes(x));
  const scope = [
    s.includes.length > 0 ? `含${s.includes.join('、')}` : '',
    excludes.length > 0 ? `不含${excludes.join('、')}` : '',
  ].filter((x) => x !== '');
  const head = qualifier === '' ? s.name : `${s.name}（${qualifier}）`;
  const more = scope.length === 0 ? '' : `<div class="scope">${escapeHtml(scope.join('，'))}</div>`;
  return `<div>${escapeHtml(head)}</div>${more}`;
}

/**
 * The special provisions as fine print: one paragraph per numbered item, its sub-items (15.1 …)
 * run on inside it, as the paper sets them but without the blank lines between sub-items.
 */
function provisionsHtml(provisions: readonly Provision[]): string {
  const paragraphs: string[][] = [];
  for (const p of provisions) {
    const [top, sub] = p.id.split('.');
    const marker =
      sub === undefined ? `${chineseOrdinal(Number(top))}、` : `（${chineseOrdinal(Number(sub))}）`;
    const applies = p.appliesTo === null ? '' : `（适用于${p.appliesTo}）`;
    const html = `<b>${escapeHtml(marker)}</b>${escapeHtml(`${applies}${p.text}`)}`;
    const last = paragraphs.at(-1);
    if (sub !== undefined && last !== undefined) last.push(html);
    else paragraphs.push([html]);
  }
  return paragraphs.map((parts) => `<p>${parts.join(' ')}</p>`).join('');
}

type Field = readonly [label: string, value: string | null];

/** One row per group, its stated fields side by side (a lone field spans the row); empty rows go. */
function fieldRows(groups: readonly (readonly Field[])[]): string {
  return groups
    .map((g) => g.filter(([, value]) => value !== null && value !== ''))
    .filter((g) => g.length > 0)
    .map((g) => {
      const span = g.length === 1 ? ' colspan="3"' : '';
      const cells = g.map(([label, value]) => {
        return `<th>${escapeHtml(label)}</th><td${span}>${escapeHtml(value ?? '')}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('');
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const th = head.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const tr = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('');
  return `<table class="list"><thead><tr>${th}</tr></thead><tbody>${tr}</tbody></table>`;
}

function section(title: string, body: string): string {
  return `<section><h2>${escapeHtml(title)}</h2>${body}</section>`;
}

const text = (s: string | null): string => escapeHtml(s === null || s === '' ? '—' : s);

const STYLE = `
@page { size: A4; margin: 0; }
:root { --fine: 7pt; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif;
  color: #111; font-size: 10pt; line-height: 1.4; }
.sheet { position: relative; width: 210mm; min-height: 296mm; padding: 11mm 12mm 9mm;
  display: flex; flex-direction: column; }
.frame { position: absolute; inset: 5mm; border: 1.6pt solid #9b1c1c; outline: 0.5pt solid #9b1c1c;
  outline-offset: -1.8mm; }
.head { display: flex; gap: 5mm; align-items: flex-start; }
.head-text { flex: 1; }
h1 { margin: 1mm 0 0; text-align: center; font-weight: bold; letter-spacing: 0.06em; }
h1 .state { display: block; font-size: 13pt; }
h1 .name { display: block; font-size: 19pt; }
.number { margin: 2mm 0 0; text-align: center; font-size: 12pt; }
.preamble { margin: 2mm 0 0; text-indent: 2em; font-size: 8.5pt; }
.qr { width: 30mm; flex: none; text-align: center; }
.qr svg { display: block; width: 30mm; height: 30mm; }
.qr .kid { font-size: 6pt; color: #444; word-break: break-all; line-height: 1.2; }
table { width: 100%; border-collapse: collapse; margin: 1.5mm 0 0; }
th, td { border: 0.5pt solid #999; padding: 0.7mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #f6f1ea; font-weight: normal; white-space: nowrap; }
table.fields th { width: 27mm; }
table.list { font-size: 8.5pt; }
.scope { color: #333; }
h2 { font-size: 10pt; margin: 2.5mm 0 0; padding-left: 1.5mm; border-left: 2pt solid #9b1c1c;
  line-height: 1.2; }
.provisions { font-size: var(--fine); line-height: 1.35; text-align: justify; margin-top: 1mm; }
.provisions p { margin: 0; }
footer { margin-top: auto; padding-top: 2.5mm; }
.issuer { display: flex; justify-content: flex-end; gap: 8mm; }
.register { text-align: right; font-size: 8.5pt; }
.verify { margin: 1.5mm 0 0; padding-top: 1mm; border-top: 0.5pt solid #aaa; font-size: 8pt;
  color: #333; text-align: center; }
`;

/**
 * The certificate for `e`, with `qrSvgMarkup` (an SVG document from qrSvg: trusted markup, put in
 * as is) in its top-right corner. Optional parts the record leaves empty are left out.
 */
export function certificateHtml(e: Elicence, qrSvgMarkup: string): string {
  const { payload } = e;
  const l = payload.licence;
  const title = certificateTitle(l.kind);
  const state = '中华人民共和国';
  const kindName = title.slice(state.length);
  const business = l.kind === 'basic' ? '基础电信业务' : '增值电信业务';

  const holder = fieldRows([
    [['公司名称', l.holder.name]],
    [
      ['法定代表人', l.holder.legalRepresentative],
      ['统一社会信用代码', l.holder.creditCode],
    ],
    [['注册住所', l.holder.address]],
  ]);
  const services = l.services.map((s) => [serviceCell(s), text(s.coverage.join('、'))]);
  const websites = l.websites.map((w) => [
    text(w.name),
    text(w.domains.join('、')),
    text(w.serverLocation),
    text(w.accessProvider),
  ]);
  const apps = l.apps.map((a) => [text(a.name), text(a.stores.join('、'))]);
  const validity =
    l.expiresOn === null
      ? null
      : l.validFrom === null
        ? `至 ${formatCertificateDate(l.expiresOn)}`
        : `${formatCertificateDate(l.validFrom)} 至 ${formatCertificateDate(l.expiresOn)}`;
  const dates = fieldRows([
    [
      ['有效期', validity],
      ['发证日期', l.issuedOn === null ? null : formatCertificateDate(l.issuedOn)],
    ],
  ]);
  const parts = [
    holder === '' ? '' : `<table class="fields"><tbody>${holder}</tbody></table>`,
    services.length === 0
      ? ''
      : section(
          '业务种类及业务覆盖范围',
          table(['业务种类（服务项目）', '业务覆盖范围'], services),
        ),
    websites.length === 0
      ? ''
      : section(
          '网站',
          table(['网站名称', '网站域名', '服务器放置地', '网站接入服务提供单位'], websites),
        ),
    apps.length === 0 ? '' : section('应用', table(['应用名称', '应用商店'], apps)),
    l.facilities.length === 0
      ? ''
      : section('机房所在地', `<p>${escapeHtml(l.facilities.join('、'))}</p>`),
    dates === '' ? '' : `<table class="fields"><tbody>${dates}</tbody></table>`,
    l.provisions.length === 0
      ? ''
      : section('特别规定事项', `<div class="provisions">${provisionsHtml(l.provisions)}</div>`),
  ];
  const signedOn = formatCertificateDate(shanghaiDayOf(payload.signedAt));

  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(`${title} ${payload.number}`)}</title>
<style>${STYLE}</style></head>
<body><div class="sheet"><div class="frame"></div>
<div class="head"><div class="head-text">
<h1><span class="state">${state}</span><span class="name">${escapeHtml(kindName)}</span></h1>
<p class="number">经营许可证编号：<b>${escapeHtml(payload.number)}</b></p>
<p class="preamble">根据《中华人民共和国电信条例》及国家有关规定，经审查，准许你公司按照本经营许可证（正文和附件）载明的内容经营${business}，特颁发${escapeHtml(kindName)}。</p>
</div><div class="qr">${qrSvgMarkup}<div class="kid">${escapeHtml(e.signature.kid)}</div></div></div>
${parts.filter((x) => x !== '').join('\n')}
<footer>
<div class="issuer"><span>发证机关：${escapeHtml(payload.authority.name)}</span><span>签发日期：${escapeHtml(signedOn)}</span></div>
<div class="register">登记版本：第 ${payload.version} 版&#12288;登记状态：${escapeHtml(STATUS_NAMES[payload.status])}</div>
<p class="verify">本电子证照由发证机关以 SM2 签名，扫描二维码或使用 xuke elicence verify 核验</p>
</footer>
</div></body></html>
`;
}
