/**
 * The review of one uploaded document: the fields read from it beside its source text, each with
 * its evidence; corrections re-run the checks (debounced) and the report follows; finally the
 * document is saved with the corrected record as a new licence or a new version.
 */
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'wouter';
import { ApiError, refreshViews, type Schemas } from '../../api/client';
import { useOrganisation } from '../../api/organisation';
import { defineMessages, pick, useLang, useT } from '../../i18n';
import { Loading } from '../common';
import { DifferencesTable, useWord, VerdictBanner } from '../trust/TrustViews';
import {
  SCALAR_FIELDS,
  countChanges,
  documentConfidence,
  doubtfulBelow,
  draftFromLicence,
  emptyItem,
  evidenceForDraft,
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
import { DocumentError } from './DocumentError';
import { FieldRow } from './FieldRow';
import { reviewMessages as m, type ReviewKey } from './messages';
import { ReportList, ReportSummary, type CheckState, type FindingTarget } from './ReportView';
import {
  approveChange,
  issueLicence,
  recheckLicence,
  saveDocument,
  type DocumentResult,
  type Licence,
  type Report,
  type ReportFinding,
  type Saved,
} from './review-api';
import { buildSourceText } from './source-lines';
import { SourcePane } from './SourcePane';
import './review.css';

const tm = defineMessages(
  {
    ackTitle: '确认保存：{verdict}',
    ackLead: '这份文件的核验结论是“{verdict}”：{reason}',
    ackWarn: '保存后它只是本单位自行申报的副本，不会改变发证机关的登记；理由会记入审计记录。',
    ackSubmit: '仍然保存',
    ackNeeded: '这份文件的核验结论是“{verdict}”，保存前需要你写明理由。',
    issueButton: '发证（登记）',
    changeButton: '批准变更（登记新版本）',
    issueTitle: '发证：把 {number} 登记到本机关登记簿',
    changeTitle: '批准变更：{number} 的登记新版本',
    issueIntro: '按上面核对、更正后的内容登记。登记后，公开查验页以此为准。',
    authoritySave: '你的组织是发证机关：发证和变更直接写入登记簿，不保存申报副本。',
    issued: '已登记：{number} 第 {version} 版（发证机关登记）。',
    openRegister: '打开登记簿',
  },
  {
    ackTitle: 'Confirm saving: {verdict}',
    ackLead: 'This document’s verdict is “{verdict}”: {reason}',
    ackWarn:
      'Once saved it is only your organisation’s declared copy; it does not change the issuing authority’s register. The reason is recorded in the audit log.',
    ackSubmit: 'Save anyway',
    ackNeeded: 'This document’s verdict is “{verdict}”; state a reason before saving it.',
    issueButton: 'Issue (register)',
    changeButton: 'Approve the change (new register version)',
    issueTitle: 'Issue: record {number} in this authority’s register',
    changeTitle: 'Approve a change: a new register version of {number}',
    issueIntro:
      'Records the content reviewed and corrected above. Once recorded, public verification answers from it.',
    authoritySave:
      'Your organisation is an issuing authority: issuing and changes go straight into the register; no declared copy is saved.',
    issued: 'Recorded: {number}, version {version} (issuing authority’s register).',
    openRegister: 'Open the register',
  },
);

// opened on demand: saving a doubtful document anyway, an authority's 发证 / 批准变更
const AcknowledgeDialog = lazy(() =>
  import('../trust/DecisionForm').then((mod) => ({ default: mod.AcknowledgeDialog })),
);
const DecisionForm = lazy(() =>
  import('../trust/DecisionForm').then((mod) => ({ default: mod.DecisionForm })),
);

/** How long typing may pause before the checks run again. */
export const RECHECK_DELAY_MS = 600;

const GROUPS: readonly { readonly title: ReviewKey; readonly fields: readonly ScalarField[] }[] = [
  { title: 'groupLicence', fields: ['number', 'kind'] },
  {
    title: 'groupHolder',
    fields: ['holder.name', 'holder.legalRepresentative', 'holder.creditCode', 'holder.address'],
  },
  { title: 'groupValidity', fields: ['issuer', 'issuedOn', 'validFrom', 'expiresOn'] },
];
const DATE_FIELDS: ReadonlySet<ScalarField> = new Set(['issuedOn', 'validFrom', 'expiresOn']);
const KIND_OPTIONS = ['', 'vats', 'vats-cross-regional', 'basic'] as const;

const LISTS: readonly {
  readonly list: ListName;
  readonly title: ReviewKey;
  readonly item: ReviewKey;
  readonly add: ReviewKey;
}[] = [
  { list: 'services', title: 'groupServices', item: 'service', add: 'addService' },
  { list: 'websites', title: 'groupWebsites', item: 'website', add: 'addWebsite' },
  { list: 'apps', title: 'groupApps', item: 'app', add: 'addApp' },
];

const HINTS: Readonly<Record<string, ReviewKey>> = {
  includes: 'listHint',
  excludes: 'listHint',
  coverage: 'listHint',
  stores: 'listHint',
  domains: 'domainsHint',
  code: 'codeHint',
};

function scalarId(field: string): string {
  return `review-f-${field.replace(/[^A-Za-z0-9]+/gu, '-')}`;
}
function itemId(key: string, field: string): string {
  return `review-f-${key}-${field}`;
}
const FACILITIES_ID = 'review-f-facilities';
const ITEM_PATH = /^(services|websites|apps)\[(\d+)\](?:\.(\w+))?/u;

type SaveState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'saving' }
  | {
      readonly kind: 'saved';
      readonly saved: Saved;
      readonly corrected: readonly string[] | undefined;
    }
  | { readonly kind: 'issued'; readonly stored: Schemas['StoredLicence'] }
  | { readonly kind: 'failed'; readonly error: unknown };

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
  const [focus, setFocus] = useState<{ id: string | null; line: number | null }>({
    id: null,
    line: null,
  });
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

  // --- the check report: the document's, or the latest re-check of the corrected record
  const documentReport = result.report;
  const [last, setLast] = useState<{ licence: Licence; report: Report } | null>(null);
  const [failure, setFailure] = useState<{ licence: Licence; error: unknown } | null>(null);
  useEffect(() => {
    if (changes === 0) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      const body = {
        licence,
        evidence: evidenceForDraft(parse.evidence, initial, draft),
        pageLabels: parse.source.pageLabels,
      };
      recheckLicence(body, controller.signal).then(
        (report) => {
          setLast({ licence, report });
        },
        (error: unknown) => {
          if (!controller.signal.aborted) setFailure({ licence, error });
        },
      );
    }, RECHECK_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [licence, changes, parse, initial, draft]);
  const report = changes === 0 ? documentReport : (last?.report ?? documentReport);
  const checkState: CheckState =
    changes === 0
      ? { kind: 'document' }
      : last?.licence === licence
        ? { kind: 'rechecked' }
        : failure?.licence === licence
          ? { kind: 'failed', error: failure.error }
          : { kind: 'pending' };

  // --- saving (a holder's or platform's declared copy) or issuing (an authority's register)
  const tt = useT(tm);
  const word = useWord();
  const organisation = useOrganisation();
  const authority = organisation.data?.kind === 'authority';
  const inOwnRegister =
    authority &&
    report.register !== null &&
    report.register.found &&
    report.register.provenance === 'issued' &&
    report.register.authority?.id === organisation.data.id;
  const doubtful = report.verdict === 'mismatch' || report.verdict === 'suspect';
  const [dialog, setDialog] = useState<'none' | 'acknowledge' | 'issue'>('none');
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  // views that read licences, if any page has shown them, re-read them (the upload page itself
  // does not read through SWR, and does not load it)
  const refreshLicenceViews = () => refreshViews('licences', 'licence', 'register');
  const onSave = async (acknowledge?: string) => {
    setSave({ kind: 'saving' });
    try {
      const r = await saveDocument(file, changes > 0 ? licence : null, acknowledge);
      if (r.saved === null) throw new Error('The server did not save the document');
      setDialog('none');
      setSave({ kind: 'saved', saved: r.saved, corrected: r.corrected });
      await refreshLicenceViews();
    } catch (error) {
      if (
        error instanceof ApiError &&
        error.status === 409 &&
        error.problem?.code === 'ACKNOWLEDGEMENT_REQUIRED'
      ) {
        setSave({ kind: 'idle' });
        setDialog('acknowledge');
        return;
      }
      setSave({ kind: 'failed', error });
    }
  };
  const onIssue = async (decision: { reason: string; decisionNumber: string }) => {
    const stored = inOwnRegister
      ? await approveChange(draft.scalars.number.trim(), licence, decision)
      : await issueLicence(licence, decision);
    setDialog('none');
    setSave({ kind: 'issued', stored });
    await refreshLicenceViews();
  };

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
    setTimeout(() => document.getElementById(itemId(item.key, 'name'))?.focus(), 0);
  };
  const removeItem = (list: ListName, key: string) => {
    setDraft((d) => ({
      ...d,
      [list]: (d[list] as readonly ItemDraft<ListName>[]).filter((i) => i.key !== key),
    }));
  };

  const scalarLabel = (f: ScalarField) => t(f);
  const itemFieldLabel = (list: ListName, field: string) => t(`${list}.${field}` as ReviewKey);

  /**
   * A field path → the input that edits it and its name for people (`services[0].coverage` →
   * 业务 1 · 覆盖范围). `order` says whose indexes the path uses: the checked record's (the draft's
   * order) or the parsed record's (notes and evidence).
   */
  const resolvePath = (
    path: string,
    order: 'draft' | 'parsed',
  ): { id: string | null; label: string } | null => {
    if ((SCALAR_FIELDS as readonly string[]).includes(path)) {
      return { id: scalarId(path), label: scalarLabel(path as ScalarField) };
    }
    if (path === 'facilities' || path.startsWith('facilities[')) {
      return { id: FACILITIES_ID, label: t('facilities') };
    }
    const match = ITEM_PATH.exec(path);
    if (match === null) return null;
    const list = match[1] as ListName;
    const index = Number(match[2]);
    const items = draft[list] as readonly ItemDraft<ListName>[];
    const item = order === 'draft' ? items[index] : items.find((i) => i.origin === index);
    const fields = ITEM_FIELDS[list] as readonly string[];
    const field = match[3] !== undefined && fields.includes(match[3]) ? match[3] : 'name';
    const title = LISTS.find((l) => l.list === list)?.item ?? 'service';
    return {
      id: item === undefined ? null : itemId(item.key, field),
      label: `${t(title, { n: index + 1 })} · ${itemFieldLabel(list, field)}`,
    };
  };

  /** The finding's field paths (in the checked record's order) → the inputs that edit them. */
  const fieldTargets = (f: ReportFinding) => {
    const out = new Map<string, string>();
    for (const path of f.fields) {
      const target = resolvePath(path, 'draft');
      if (target !== null && target.id !== null) out.set(target.id, target.label);
    }
    return [...out].map(([id, label]) => ({ id, label }));
  };

  /** The lines a finding rests on: its own evidence, else where its fields were read. */
  const linesOf = (f: ReportFinding): FindingTarget[] => {
    if (f.evidence.length > 0) return [...f.evidence];
    const lines = new Map<number, string>();
    for (const path of f.fields) {
      const match = ITEM_PATH.exec(path);
      let documentPath: string | null = path;
      if (match !== null) {
        const list = match[1] as ListName;
        const origin = draft[list][Number(match[2])]?.origin ?? null;
        documentPath =
          origin === null
            ? null
            : path.replace(ITEM_PATH, (whole) => whole.replace(/\[\d+\]/u, `[${origin}]`));
      }
      const e = documentPath === null ? undefined : findEvidence(parse.evidence, documentPath);
      if (e !== undefined) lines.set(e.line, e.text);
    }
    return [...lines].map(([line, text]) => ({ line, text }));
  };

  const onShowLine = (line: number) => {
    setFocus({ id: null, line });
  };

  const scalarRow = (f: ScalarField) => {
    const id = scalarId(f);
    const evidence = findEvidence(parse.evidence, f);
    return (
      <FieldRow
        key={f}
        id={id}
        label={scalarLabel(f)}
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
          setFocus({ id, line: evidence?.line ?? null });
        }}
        onRestore={() => {
          setScalar(f, initial.scalars[f]);
          document.getElementById(id)?.focus();
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
          label={itemFieldLabel(list, field)}
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
            setFocus({ id, line: evidence?.line ?? null });
          }}
          onRestore={() => {
            setItemValue(list, item.key, field, before?.values[field] ?? '');
            document.getElementById(id)?.focus();
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
              <dd>{parse.source.pageLabels.join('、')}</dd>
            </>
          )}
          <dt>{t('sha256')}</dt>
          <dd className="mono review-hash">{parse.source.sha256}</dd>
        </dl>
        <button type="button" onClick={onReset}>
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
              {changes > 0 ? t('changedCount', { n: changes }) : t('noChanges')}
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
          {LISTS.map(({ list, title, item: itemTitle, add }) => {
            const items = draft[list] as readonly ItemDraft<typeof list>[];
            return (
              <fieldset key={list} className="review-group">
                <legend>{t(title)}</legend>
                {items.length === 0 && <p className="hint">{t('noItems')}</p>}
                {items.map((item, i) => (
                  <fieldset key={item.key} className="review-item">
                    <legend>{t(itemTitle, { n: i + 1 })}</legend>
                    {itemRows(list, item)}
                    <button
                      type="button"
                      className="review-remove"
                      onClick={() => {
                        removeItem(list, item.key);
                      }}
                    >
                      {t('removeItem', { item: t(itemTitle, { n: i + 1 }) })}
                    </button>
                  </fieldset>
                ))}
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
              label={t('facilities')}
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
                setFocus({ id: FACILITIES_ID, line: facilitiesEvidence?.line ?? null });
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
          <SourcePane source={source} activeLine={focus.line} evidenceLines={evidenceLines} />
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
                    : (resolvePath(n.field, 'parsed')?.label ?? n.field)}
                  {lang === 'zh' ? '：' : ': '}
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
        linesOf={linesOf}
        onShowLine={onShowLine}
        fieldTargets={fieldTargets}
      />

      <section className="review-save card" aria-labelledby="review-save-heading">
        <h2 id="review-save-heading">{t('saveHeading')}</h2>
        <p>
          {t('saveIntro')}
          {changes > 0 && (lang === 'zh' ? '' : ' ') + t('saveWithChanges', { n: changes })}
        </p>
        {draft.scalars.number.trim() === '' && <p className="hint">{t('saveNeedsNumber')}</p>}
        {authority && <p className="hint">{tt('authoritySave')}</p>}
        {!authority && doubtful && (
          <p className="notice notice-warn">
            {tt('ackNeeded', { verdict: word('verdict', report.verdict) })}
          </p>
        )}
        {dialog === 'none' && (
          <button
            type="button"
            className="primary"
            disabled={save.kind === 'saving' || draft.scalars.number.trim() === ''}
            onClick={() => {
              if (authority) setDialog('issue');
              else if (doubtful) setDialog('acknowledge');
              else void onSave();
            }}
          >
            {authority ? (inOwnRegister ? tt('changeButton') : tt('issueButton')) : t('saveButton')}
          </button>
        )}
        <Suspense fallback={<Loading />}>
          {dialog === 'acknowledge' && (
            <AcknowledgeDialog
              title={tt('ackTitle', { verdict: word('verdict', report.verdict) })}
              submit={tt('ackSubmit')}
              onSubmit={(reason) => onSave(reason)}
              onCancel={() => {
                setDialog('none');
              }}
            >
              <p>
                {tt('ackLead', {
                  verdict: word('headline', report.verdict),
                  reason: pick(lang, report.verdictReason, report.verdictReasonEn),
                })}
              </p>
              <p className="hint">{tt('ackWarn')}</p>
            </AcknowledgeDialog>
          )}
          {dialog === 'issue' && (
            <DecisionForm
              title={
                inOwnRegister
                  ? tt('changeTitle', { number: draft.scalars.number.trim() })
                  : tt('issueTitle', { number: draft.scalars.number.trim() })
              }
              submit={inOwnRegister ? tt('changeButton') : tt('issueButton')}
              intro={<p className="hint">{tt('issueIntro')}</p>}
              onSubmit={onIssue}
              onCancel={() => {
                setDialog('none');
              }}
            />
          )}
        </Suspense>
        <div className="review-save-outcome" aria-live="polite">
          {save.kind === 'saving' && <p>{t('saving')}</p>}
          {save.kind === 'saved' && <SavedOutcome saved={save.saved} corrected={save.corrected} />}
          {save.kind === 'issued' && (
            <div className="notice notice-ok">
              <p>{tt('issued', { number: save.stored.number, version: save.stored.version })}</p>
              <p>
                <Link href={`/register?number=${encodeURIComponent(save.stored.number)}`}>
                  {tt('openRegister')}
                </Link>
              </p>
            </div>
          )}
        </div>
        {save.kind === 'failed' && <DocumentError error={save.error} />}
      </section>
    </div>
  );
}

/** The top-level fields the server says a saved correction changed → the form's names for them. */
const TOP_LEVEL_LABELS: Readonly<Record<string, ReviewKey>> = {
  number: 'number',
  kind: 'kind',
  holder: 'groupHolder',
  issuer: 'issuer',
  issuedOn: 'issuedOn',
  validFrom: 'validFrom',
  expiresOn: 'expiresOn',
  services: 'groupServices',
  websites: 'groupWebsites',
  apps: 'groupApps',
  facilities: 'facilities',
};

function SavedOutcome({
  saved,
  corrected,
}: {
  saved: Saved;
  corrected: readonly string[] | undefined;
}) {
  const t = useT(m);
  const { lang } = useLang();
  const { number, version } = saved.licence;
  const key =
    saved.outcome === 'created'
      ? 'savedCreated'
      : saved.outcome === 'changed'
        ? 'savedChanged'
        : 'savedUnchanged';
  const fields = (corrected ?? []).map((f) => {
    const label = TOP_LEVEL_LABELS[f];
    return label === undefined ? f : t(label);
  });
  return (
    <div className="notice notice-ok">
      <p>
        <span aria-hidden="true">✓ </span>
        {t(key, { number, version })}
      </p>
      {fields.length > 0 && (
        <p>{t('savedCorrections', { fields: fields.join(lang === 'zh' ? '、' : ', ') })}</p>
      )}
      <p>
        <Link href={`/licences/${encodeURIComponent(number)}`}>{t('openLicence', { number })}</Link>
      </p>
    </div>
  );
}
