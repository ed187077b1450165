/**
 * A report as people and clients read it: per art. 35 item, its legal basis, whether it is
 * published, the facts xuke pre-filled, every field with its value and whether it is still to
 * complete, and the problems that keep it from being signed off. Shared by the API, the CLI's
 * `--json` and the printable report.
 */
import { REPORT_ITEMS, type FieldKind, type Publication } from '../../core/annual-report/items.js';
import type { Fact } from '../../core/annual-report/prefill.js';
import {
  publicPart,
  validateAnswers,
  type PublicItem,
  type ReportProblem,
} from '../../core/annual-report/report.js';
import { emptyLicence } from '../../core/licence.js';
import type { StoredReport } from '../../ports/annual-report-store.js';

export interface FieldView {
  readonly key: string;
  readonly label: string;
  readonly labelEn: string;
  readonly kind: FieldKind;
  readonly required: boolean;
  readonly hint: string;
  readonly hintEn: string;
  readonly value: unknown;
  /** withheld from publication as a trade secret */
  readonly secret: boolean;
  /** no valid value yet (a problem names it) */
  readonly toComplete: boolean;
}

export interface ItemView {
  readonly no: number;
  readonly title: string;
  readonly titleEn: string;
  readonly basis: string;
  readonly basisEn: string;
  readonly publication: Publication;
  /** whether the item is published once accepted */
  readonly published: boolean;
  readonly facts: readonly Fact[];
  readonly fields: readonly FieldView[];
  readonly problems: readonly ReportProblem[];
}

export interface ReportView {
  readonly report: StoredReport;
  readonly items: readonly ItemView[];
  readonly problems: readonly ReportProblem[];
  readonly complete: boolean;
  readonly publicPreview: readonly PublicItem[];
}

/** The view, validated against the services the report was drafted for. */
export function viewReport(r: StoredReport): ReportView {
  const services = r.prefill.services.map((s) => ({
    code: s.key,
    name: s.name,
    qualifier: null,
    includes: [],
    excludes: [],
    coverage: [],
  }));
  const problems = validateAnswers(r.answers, { ...emptyLicence(), services });
  const items = REPORT_ITEMS.map((item) => {
    const answer = r.answers[`${item.no}`];
    const mine = problems.filter((p) => p.item === item.no);
    return {
      no: item.no,
      title: item.title,
      titleEn: item.titleEn,
      basis: item.basis,
      basisEn: item.basisEn,
      publication: item.publication,
      published:
        item.publication === 'public' || (item.publication === 'holder-choice' && answer.public),
      facts: r.prefill.facts[`${item.no}`],
      fields: item.fields.map((f) => ({
        key: f.key,
        label: f.label,
        labelEn: f.labelEn,
        kind: f.kind,
        required: f.required,
        hint: f.hint,
        hintEn: f.hintEn,
        value: answer.fields[f.key] ?? null,
        secret: answer.secretFields.includes(f.key),
        toComplete: mine.some((p) => p.field === f.key),
      })),
      problems: mine,
    };
  });
  return {
    report: r,
    items,
    problems,
    complete: problems.length === 0,
    publicPreview: publicPart(r.answers),
  };
}
