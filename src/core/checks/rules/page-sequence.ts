import type { Finding } from '../finding.js';
import { RuleId, makeFinding, type Rule } from '../rule.js';

/**
 * Printed page numbers must run on by one: a repeated number (the seed prints `- 23 -` on five
 * pages) or a skipped one (23 → 25) shows pages assembled from different documents. Labels that are
 * not numbers are ignored; no labels, nothing to judge.
 */
export const pageSequence: Rule = {
  id: RuleId.pageSequence,
  severities: ['warning'],
  title: '页码连续性',
  titleEn: 'Page sequence',
  basis: '文档完整性（实践）：经营许可证正文与附件为同一文件，印刷页码应连续、不重复、无缺页',
  basisEn:
    'Document integrity (practice): the licence’s main text and its annexes are one document; ' +
    'the printed page numbers should be consecutive, with no page repeated and none missing',
  check(input): Finding[] {
    const pages = input.pageLabels
      .map((label) => /\d+/u.exec(label)?.[0])
      .filter((n): n is string => n !== undefined)
      .map(Number);
    if (pages.length < 2) return [];
    const zh: string[] = [];
    const en: string[] = [];
    const repeats = new Map<number, number>();
    for (let i = 1; i < pages.length; i++) {
      const prev = pages[i - 1] ?? 0;
      const page = pages[i] ?? 0;
      if (page === prev) {
        repeats.set(page, (repeats.get(page) ?? 1) + 1);
      } else if (page === prev + 1) {
        continue;
      } else if (page > prev + 1) {
        const missing = page - prev - 1 === 1 ? `${prev + 1}` : `${prev + 1}–${page - 1}`;
        zh.push(`缺少第 ${missing} 页`);
        en.push(`page ${missing} is missing`);
      } else {
        zh.push(`第 ${prev} 页之后为第 ${page} 页`);
        en.push(`page ${page} follows page ${prev}`);
      }
    }
    for (const [page, times] of [...repeats].reverse()) {
      zh.unshift(`页码 ${page} 重复 ${times} 次`);
      en.unshift(`page ${page} appears ${times} times`);
    }
    if (zh.length === 0) return [];
    const labels = input.pageLabels.join(' ');
    return [
      makeFinding(pageSequence, input, {
        severity: 'warning',
        message: `页码不连续（${labels}）：${zh.join('；')}`,
        messageEn: `Page numbers do not run on (${labels}): ${en.join('; ')}`,
        fields: ['source.pageLabels'],
      }),
    ];
  },
};
