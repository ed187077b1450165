/**
 * The review of one uploaded document: the fields read from it beside its source text, each with
 * its evidence; corrections re-run the checks (debounced) and the report follows; finally the
 * document is saved with the corrected record as a new licence or a new version. Corrections not
 * yet saved are not lost without a question: leaving the page (a link, Back, closing the tab) or
 * choosing another file asks first.
 */
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { pick, PUNCT, useLang, useT } from '../../i18n';
import { fieldLabel } from '../licence/field-names';
import { useUnsavedChanges } from '../use-unsaved-changes';
import { Loading } from '../common';
import type { Mark } from '../originals/OriginalPages';
import { DifferencesTable, VerdictBanner } from '../trust/TrustViews';
import {
  countChanges,
  documentConfidence,
  doubtfulBelow,
  draftFromLicence,
  emptyItem,
  findEvidence,
  ITEM_FIELDS,
  itemFieldChanged,
  itemPath,
  licenceFromDraft,
  notesFor,
  type Draft,
  type ItemDraft,
  type ItemField,
  type ListName,
  type ScalarField,
} from './draft';
import {
  DATE_FIELDS,
  FACILITIES_ID,
  fieldTargets,
  focusInput,
  GROUPS,
  HINTS,
  itemId,
  KIND_OPTIONS,
  linesOf,
  LISTS,
  resolvePath,
  scalarId,
} from './form-fields';
import { FieldRow } from './FieldRow';
import { reviewMessages as m } from './messages';
import { ReportList, ReportSummary } from './ReportView';
import { regressionsOf, type DocumentResult, type Evidence } from './review-api';
import { SaveSection } from './SaveSection';
import { buildSourceText } from './source-lines';
import { SourcePane } from './SourcePane';
import { useRecheck } from './use-recheck';
import './review.css';

// the page images, loaded when the reviewer first asks for the original
const OriginalPages = lazy(() => import('../originals/OriginalPages'));

export interface ReviewScreenProps {
  readonly file: File;
  readonly result: DocumentResult;
  readonly onReset: () => void;
}

export function ReviewScreen({ file, result, onReset }: ReviewScreenProps) {
  const t = useT(m);
  const { lang } = useLang();
  const parse = result.parse;
  const initial = useMemo(() => draftFromLicence(parse.licence), [parse]);
  const [draft, setDraft] = useState<Draft>(initial);
  const [focus, setFocus] = useState<{
    id: string | null;
    line: number | null;
    /** the field's place on the original: undefined with no field active, null when unknown */
    mark?: Mark | null;
  }>({ id: null, line: null });
  const focusField = (id: string, evidence: Evidence | undefined, label: string) => {
    const { page, box } = evidence ?? {};
    setFocus({
      id,
      line: evidence?.line ?? null,
      mark: page !== undefined && box !== undefined ? { page, box, label } : null,
    });
  };
  // beside the fields: the text read (文本), or the original's pages (原件)
  const [original, setOriginal] = useState(false);
  const changes = countChanges(initial, draft);
  // the file input that had focus is gone: start the review at its fields
  const fieldsHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    fieldsHeading.current?.focus();
  }, []);
  const licence = useMemo(
    () => licenceFromDraft(parse.licence, initial, draft),
    [parse.licence, initial, draft],
  );
  // the corrected record last saved: corrections made since are unsaved
  const [saved, setSaved] = useState<typeof licence | null>(null);
  const unsaved = changes > 0 && saved !== licence;
  const { confirmLeave } = useUnsavedChanges(unsaved, t('unsaved'));

  // --- the check report: the document's, or the latest re-check of the corrected record
  const documentReport = result.report;
  // these six names repeat useRecheck's parameters (use-recheck.ts): the call names its arguments,
  // it does not repeat logic
  const { report, checkState } = useRecheck({
    parse,
    documentReport,
    initial,
    draft,
    licence,
    changes,
  });

  // --- the source
  const source = useMemo(
    () => buildSourceText(parse, documentReport, result.text),
    [parse, documentReport, result.text],
  );
  const below = useMemo(() => doubtfulBelow(parse.evidence), [parse.evidence]);
  const evidenceLines = useMemo(
    () => new Set(Object.values(parse.evidence).map((e) => e.line)),
    [parse.evidence],
  );

  // --- editing
  const setScalar = (field: ScalarField, value: string) => {
    setDraft((d) => ({ ...d, scalars: { ...d.scalars, [field]: value } }));
  };
  const setItemValue = (list: ListName, key: string, field: string, value: string) => {
    setDraft((d) => ({
      ...d,
      [list]: (d[list] as readonly ItemDraft<ListName>[]).map((item) =>
        item.key === key ? { ...item, values: { ...item.values, [field]: value } } : item,
      ),
    }));
  };
  const addItem = (list: ListName) => {
    const item = emptyItem(list);
    setDraft((d) => ({ ...d, [list]: [...d[list], item] }));
    // the new item's first input, once rendered
    setTimeout(() => {
      focusInput(itemId(item.key, 'name'));
    }, 0);
  };
  const removeItem = (list: ListName, key: string) => {
    setDraft((d) => ({
      ...d,
      [list]: (d[list] as readonly ItemDraft<ListName>[]).filter((i) => i.key !== key),
    }));
  };

  const onShowLine = (line: number) => {
    setFocus({ id: null, line });
  };

  const scalarRow = (f: ScalarField) => {
    const id = scalarId(f);
    const evidence = findEvidence(parse.evidence, f);
    const label = fieldLabel(f, lang);
    return (
      <FieldRow
        key={f}
        id={id}
        label={label}
        value={draft.scalars[f]}
        changed={draft.scalars[f] !== initial.scalars[f]}
        active={focus.id === id}
        evidence={evidence}
        doubtfulBelow={below}
        notes={notesFor(parse.notes, [f])}
        control={f === 'kind' ? 'select' : DATE_FIELDS.has(f) ? 'date' : 'text'}
        {...(f === 'kind' && {
          options: KIND_OPTIONS.map((k) => ({ value: k, label: t(`kind_${k}`) })),
        })}
        onChange={(v) => {
          setScalar(f, v);
        }}
        onFocus={() => {
          focusField(id, evidence, label);
        }}
        onRestore={() => {
          setScalar(f, initial.scalars[f]);
          focusInput(id);
        }}
      />
    );
  };

  const itemRows = <L extends ListName>(list: L, item: ItemDraft<L>) =>
    (ITEM_FIELDS[list] as readonly ItemField<L>[]).map((field) => {
      const id = itemId(item.key, field);
      const evidence =
        item.origin === null
          ? undefined
          : findEvidence(parse.evidence, itemPath(list, item.origin, field));
      const notePaths =
        item.origin === null
          ? []
          : field === 'name'
            ? [itemPath(list, item.origin, field), itemPath(list, item.origin)]
            : [itemPath(list, item.origin, field)];
      const before = (initial[list] as readonly ItemDraft<L>[]).find(
        (d) => d.origin === item.origin,
      );
      const hint = HINTS[field];
      return (
        <FieldRow
          key={field}
          id={id}
          label={fieldLabel(field, lang)}
          value={item.values[field]}
          changed={itemFieldChanged(initial, item, list, field)}
          active={focus.id === id}
          evidence={evidence}
          doubtfulBelow={below}
          notes={notesFor(parse.notes, notePaths)}
          {...(hint !== undefined && { hint: t(hint) })}
          {...((field === 'domains' || field === 'code') && { inputMode: 'url' as const })}
          onChange={(v) => {
            setItemValue(list, item.key, field, v);
          }}
          onFocus={() => {
            focusField(id, evidence, fieldLabel(field, lang));
          }}
          onRestore={() => {
            setItemValue(list, item.key, field, before?.values[field] ?? '');
            focusInput(id);
          }}
        />
      );
    });

  const facilitiesEvidence = findEvidence(parse.evidence, 'facilities[0]');
  const l = parse.licence;

  return (
    <div className="review">
      <div aria-live="polite" aria-atomic="true">
        <VerdictBanner
          id="review-verdict-heading"
          verdict={report.verdict}
          reason={report.verdictReason}
          reasonEn={report.verdictReasonEn}
          validity={report.validity}
        >
          {report.register !== null && (
            <DifferencesTable differences={report.register.differences} />
          )}
        </VerdictBanner>
      </div>
      <section className="review-file card" aria-labelledby="review-file-heading">
        <h2 id="review-file-heading">{t('fileHeading')}</h2>
        <dl className="facts">
          <dt>{t('fileName')}</dt>
          <dd>{file.name}</dd>
          <dt>{t('fileFormat')}</dt>
          <dd>
            {t(`format_${parse.source.format}`)}
            {parse.source.encoding !== null && ` · ${t('encoding')} ${parse.source.encoding}`}
          </dd>
          {parse.source.pageLabels.length > 0 && (
            <>
              <dt>{t('pages')}</dt>
              <dd>{parse.source.pageLabels.join(PUNCT[lang].list)}</dd>
            </>
          )}
          <dt>SHA-256</dt>
          <dd className="mono review-hash">{parse.source.sha256}</dd>
        </dl>
        <button
          type="button"
          onClick={() => {
            if (confirmLeave()) onReset();
          }}
        >
          {t('another')}
        </button>
      </section>

      <div className="review-grid">
        <form
          className="review-fields"
          aria-labelledby="review-fields-heading"
          onSubmit={(e) => {
            e.preventDefault();
          }}
        >
          <div className="review-fields-head">
            <h2 id="review-fields-heading" ref={fieldsHeading} tabIndex={-1}>
              {t('fieldsHeading')}
            </h2>
            <span className={changes > 0 ? 'review-changes has-changes' : 'review-changes'}>
              <span>{changes > 0 ? t('changedCount', { n: changes }) : t('noChanges')}</span>
              {unsaved && (
                <span className="review-unsaved">
                  {PUNCT[lang].comma}
                  {t('unsavedNote')}
                </span>
              )}
            </span>
          </div>
          <p className="hint">{t('fieldsIntro')}</p>
          {(parse.source.format === 'image' || documentConfidence(parse.evidence) < 1) && (
            <p className="notice notice-info">{t('ocrIntro')}</p>
          )}
          {GROUPS.map((g) => (
            <fieldset key={g.title} className="review-group">
              <legend>{t(g.title)}</legend>
              {g.fields.map(scalarRow)}
            </fieldset>
          ))}
          {LISTS.map(({ list, add }) => {
            const items = draft[list] as readonly ItemDraft<typeof list>[];
            return (
              <fieldset key={list} className="review-group">
                <legend>{fieldLabel(list, lang)}</legend>
                {items.length === 0 && <p className="hint">{t('noItems')}</p>}
                {items.map((item, i) => {
                  const name = fieldLabel(`${list}[${i}]`, lang);
                  return (
                    <fieldset key={item.key} className="review-item">
                      <legend>{name}</legend>
                      {itemRows(list, item)}
                      <button
                        type="button"
                        className="review-remove"
                        onClick={() => {
                          removeItem(list, item.key);
                        }}
                      >
                        {t('removeItem', { item: name })}
                      </button>
                    </fieldset>
                  );
                })}
                <button
                  type="button"
                  onClick={() => {
                    addItem(list);
                  }}
                >
                  {t(add)}
                </button>
              </fieldset>
            );
          })}
          <fieldset className="review-group">
            <legend>{t('groupFacilities')}</legend>
            <FieldRow
              id={FACILITIES_ID}
              label={fieldLabel('facilities', lang)}
              value={draft.facilities}
              control="textarea"
              hint={t('facilitiesHint')}
              changed={draft.facilities !== initial.facilities}
              active={focus.id === FACILITIES_ID}
              evidence={facilitiesEvidence}
              doubtfulBelow={below}
              notes={notesFor(parse.notes, ['facilities'])}
              onChange={(v) => {
                setDraft((d) => ({ ...d, facilities: v }));
              }}
              onFocus={() => {
                focusField(FACILITIES_ID, facilitiesEvidence, fieldLabel('facilities', lang));
              }}
              onRestore={() => {
                setDraft((d) => ({ ...d, facilities: initial.facilities }));
              }}
            />
          </fieldset>
          <p className="hint">
            {t('notEdited', {
              provisions: l.provisions.length,
              inspections: l.inspections.length,
              signatures: l.signatures.length,
            })}
          </p>
        </form>

        <div className="review-side">
          <ReportSummary report={report} state={checkState} />
          {parse.source.format !== 'text' && (
            <div className="review-view" role="group" aria-label={t('viewLabel')}>
              {[false, true].map((o) => (
                <button
                  key={String(o)}
                  type="button"
                  aria-pressed={original === o}
                  onClick={() => {
                    setOriginal(o);
                  }}
                >
                  {/* 文本 / Text: the text format's word */}
                  {t(o ? 'viewOriginal' : 'format_text')}
                </button>
              ))}
            </div>
          )}
          {original ? (
            <Suspense fallback={<Loading />}>
              <OriginalPages file={file} mark={focus.mark} />
            </Suspense>
          ) : (
            <SourcePane source={source} activeLine={focus.line} evidenceLines={evidenceLines} />
          )}
        </div>
      </div>

      <section className="review-notes" aria-labelledby="review-notes-heading">
        <h2 id="review-notes-heading">{t('notesHeading')}</h2>
        {parse.notes.length === 0 ? (
          <p>{t('noNotes')}</p>
        ) : (
          <ul>
            {parse.notes.map((n, i) => (
              <li key={i}>
                <span className="review-note-field">
                  {n.field === 'document'
                    ? t('noteDocument')
                    : resolvePath(lang, draft, n.field, 'parsed').label}
                  {PUNCT[lang].colon}
                </span>
                {pick(lang, n.message, n.messageEn)}{' '}
                {n.line !== null && (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => {
                      onShowLine(n.line ?? 0);
                    }}
                  >
                    {t('showLine', { line: n.line })}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <ReportList
        report={report}
        stale={checkState.kind === 'pending' || checkState.kind === 'failed'}
        linesOf={(f) => linesOf(parse.evidence, draft, f)}
        onShowLine={onShowLine}
        fieldTargets={(f) => fieldTargets(lang, draft, f)}
      />

      <SaveSection
        file={file}
        licence={licence}
        changes={changes}
        number={draft.scalars.number.trim()}
        report={report}
        onSaved={setSaved}
        regressions={regressionsOf(result)}
      />
    </div>
  );
}
