/**
 * What the holder's editor and the authority's review show alike: the report's status, its summary,
 * the reasons it was returned, each art. 35 item's heading (title, legal basis, whether it is
 * published), the facts xuke pre-filled, a field's value, the attachments and the history. All from
 * the report the API answers: the items and their fields are the server's, in both languages.
 */
import { Link } from 'wouter';
import { actorName } from '../actors';
import { formatTimestamp } from '../../format';
import { defineMessages, pick, PUNCT, useLang, useT } from '../../i18n';
import { DownloadLink } from './DownloadLink';
import type { Field, Item, Report } from './report-draft';
import { ReportStatusBadge } from './ReportStatusBadge';
import { actionWord } from './words';

const m = defineMessages(
  {
    number: '经营许可证编号',
    holder: '持证单位',
    creditCode: '统一社会信用代码',
    year: '年度',
    status: '状态',
    version: '版本',
    versionN: '第 {n} 版',
    signedOff: '单位内部签核',
    submitted: '报送时间',
    decided: '审核时间',
    by: '{when}，{who}',
    notStated: '未载明',
    returnedTitle: '发证机关退回了这份年报',
    returnedBy: '{who}于 {when} 退回，理由：',
    returnedNext: '请按理由修改后保存，经管理员重新签核，再次报送。',
    itemTitle: '第 {no} 项　{title}',
    basis: '依据：{basis}',
    pub_public: '公示（标为商业秘密的栏目除外）',
    pub_never: '不公示',
    'pub_holder-choice-yes': '由持证单位选择：公示',
    'pub_holder-choice-no': '由持证单位选择：不公示',
    facts: 'xuke 已掌握的情况（预填）',
    noFacts: '没有预填的情况。',
    empty: '未填写',
    secret: '商业秘密，不予公示',
    attachments: '附件',
    noAttachments: '没有附件。',
    size: '{kb} KB',
    added: '{who}添加于 {when}',
    history: '办理记录',
    noHistory: '还没有记录。',
    authoritySide: '（发证机关）',
    reason: '理由：',
    returnReason: '退回理由：',
  },
  {
    number: 'Licence number',
    holder: 'Holder',
    creditCode: 'Unified social credit code',
    year: 'Year',
    status: 'Status',
    version: 'Version',
    versionN: 'version {n}',
    signedOff: 'Signed off',
    submitted: 'Submitted',
    decided: 'Decided',
    by: '{when}, {who}',
    notStated: 'Not stated',
    returnedTitle: 'The issuing authority returned this report',
    returnedBy: 'Returned by {who} on {when}, because: ',
    returnedNext:
      'Correct it as asked and save; once an administrator has signed it off again, submit it again.',
    itemTitle: 'Item {no}: {title}',
    basis: 'Basis: {basis}',
    pub_public: 'Published (except fields marked as trade secrets)',
    pub_never: 'Not published',
    'pub_holder-choice-yes': 'The holder’s choice: published',
    'pub_holder-choice-no': 'The holder’s choice: not published',
    facts: 'What xuke already knows (pre-filled)',
    noFacts: 'Nothing pre-filled.',
    empty: 'Not filled in',
    secret: 'Trade secret, not published',
    attachments: 'Attachments',
    noAttachments: 'No attachments.',
    size: '{kb} kB',
    added: 'added by {who} on {when}',
    history: 'History',
    noHistory: 'Nothing recorded yet.',
    authoritySide: ' (issuing authority)',
    reason: 'Reason: ',
    returnReason: 'Reason for returning: ',
  },
);

/** The report's licence, holder, year, status and who signed, submitted and decided it. */
export function ReportSummary({ report: r }: { report: Report }) {
  const t = useT(m);
  const { lang } = useLang();
  const by = (when: string | null, who: string | null) =>
    when === null
      ? '—'
      : who === null
        ? formatTimestamp(when, lang)
        : t('by', { when: formatTimestamp(when, lang), who: actorName(who, lang) });
  return (
    <dl className="facts ar-summary">
      <dt>{t('number')}</dt>
      <dd>
        <Link href={`/licences/${encodeURIComponent(r.number)}`}>{r.number}</Link>
      </dd>
      <dt>{t('holder')}</dt>
      <dd>{r.holderName ?? t('notStated')}</dd>
      <dt>{t('creditCode')}</dt>
      <dd>
        {r.creditCode === null ? t('notStated') : <span className="mono">{r.creditCode}</span>}
      </dd>
      <dt>{t('year')}</dt>
      <dd>{r.year}</dd>
      <dt>{t('status')}</dt>
      <dd>
        <ReportStatusBadge status={r.status} /> {t('versionN', { n: r.version })}
      </dd>
      <dt>{t('signedOff')}</dt>
      <dd>{by(r.signedOffAt, r.signedOffBy)}</dd>
      <dt>{t('submitted')}</dt>
      <dd>{by(r.submittedAt, null)}</dd>
      <dt>{t('decided')}</dt>
      <dd>{by(r.decidedAt, r.decidedBy)}</dd>
    </dl>
  );
}

/** The latest return, prominently, while the report is returned. */
export function ReturnedNotice({ report }: { report: Report }) {
  const t = useT(m);
  const { lang } = useLang();
  if (report.status !== 'returned') return null;
  const returned = report.history.filter((h) => h.action === 'returned').at(-1);
  return (
    <div className="notice notice-warn ar-returned" role="note" aria-labelledby="ar-returned-h">
      <h2 id="ar-returned-h">{t('returnedTitle')}</h2>
      {returned !== undefined && (
        <>
          <p>
            {t('returnedBy', {
              who: actorName(returned.actor, lang),
              when: formatTimestamp(returned.at, lang),
            })}
          </p>
          <p className="ar-returned-reason">{returned.reason}</p>
        </>
      )}
      <p>{t('returnedNext')}</p>
    </div>
  );
}

/** An item's heading, its legal basis and whether it is published. */
export function ItemHeading({ item, id }: { item: Item; id: string }) {
  const t = useT(m);
  const { lang } = useLang();
  const publication =
    item.publication === 'holder-choice'
      ? item.published
        ? t('pub_holder-choice-yes')
        : t('pub_holder-choice-no')
      : t(`pub_${item.publication}`);
  return (
    <>
      <h2 id={id}>
        {t('itemTitle', { no: item.no, title: pick(lang, item.title, item.titleEn) })}
      </h2>
      <p className="hint ar-basis">{t('basis', { basis: pick(lang, item.basis, item.basisEn) })}</p>
      <p className={`ar-publication ${item.published ? 'is-public' : 'is-private'}`}>
        {publication}
      </p>
    </>
  );
}

/** What xuke pre-filled for the item. */
export function ItemFacts({ item }: { item: Item }) {
  const t = useT(m);
  const { lang } = useLang();
  return (
    <details className="ar-facts" open={item.facts.length > 0 && item.facts.length <= 6}>
      <summary>{t('facts')}</summary>
      {item.facts.length === 0 ? (
        <p className="hint">{t('noFacts')}</p>
      ) : (
        <ul>
          {item.facts.map((f, i) => (
            <li key={i}>{pick(lang, f.text, f.textEn)}</li>
          ))}
        </ul>
      )}
    </details>
  );
}

/** A field's value as written: text, a figure, or a figure per service. */
export function FieldValue({ field, services }: { field: Field; services: Report['services'] }) {
  const t = useT(m);
  const { lang } = useLang();
  const v = field.value;
  if (v === null || v === undefined || v === '') return <p className="hint">{t('empty')}</p>;
  if (field.kind === 'per-service-count' && typeof v === 'object' && !Array.isArray(v)) {
    const given = v as Record<string, unknown>;
    return (
      <ul className="ar-per-service">
        {services.map((s) => (
          <li key={s.key}>
            {s.name}
            {PUNCT[lang].open}
            {s.key}
            {PUNCT[lang].close}
            {PUNCT[lang].colon}
            {given[s.key] === undefined ? t('empty') : String(given[s.key])}
          </li>
        ))}
      </ul>
    );
  }
  return <p className="ar-value">{typeof v === 'string' ? v : JSON.stringify(v)}</p>;
}

/** Every item, read only: the authority's review, and the holder's once the report is submitted. */
export function ReadOnlyItems({ report }: { report: Report }) {
  const t = useT(m);
  const { lang } = useLang();
  return (
    <>
      {report.items.map((item) => (
        <section
          key={item.no}
          className="ar-item"
          aria-labelledby={`ar-item-${item.no}-h`}
          id={`ar-item-${item.no}`}
        >
          <ItemHeading item={item} id={`ar-item-${item.no}-h`} />
          <ItemFacts item={item} />
          <dl className="ar-fields">
            {item.fields.map((f) => (
              <div key={f.key} className="ar-field-view">
                <dt>
                  {pick(lang, f.label, f.labelEn)}
                  {f.secret && <span className="badge badge-warning ar-secret">{t('secret')}</span>}
                </dt>
                <dd>
                  <FieldValue field={f} services={report.services} />
                </dd>
              </div>
            ))}
          </dl>
          <AttachmentList
            attachments={report.attachments.filter((a) => a.item === item.no)}
            headingLevel={3}
          />
        </section>
      ))}
    </>
  );
}

type Attachment = Report['attachments'][number];

export function AttachmentList({
  attachments,
  headingLevel,
}: {
  attachments: readonly Attachment[];
  headingLevel: 3 | 4;
}) {
  const t = useT(m);
  const { lang } = useLang();
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <div className="ar-attachments">
      <Heading>{t('attachments')}</Heading>
      {attachments.length === 0 ? (
        <p className="hint">{t('noAttachments')}</p>
      ) : (
        <ul>
          {attachments.map((a) => (
            <li key={a.id}>
              <DownloadLink href={a.url} name={a.name}>
                {a.name}
              </DownloadLink>{' '}
              <span className="hint">
                {t('size', { kb: Math.max(1, Math.round(a.size / 1024)) })}
                {PUNCT[lang].comma}
                {t('added', {
                  who: actorName(a.addedBy, lang),
                  when: formatTimestamp(a.addedAt, lang),
                })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Who did what, oldest first; the reasons a report was returned stand out. */
export function HistoryList({ report }: { report: Report }) {
  const t = useT(m);
  const { lang } = useLang();
  return (
    <section aria-labelledby="ar-history-h" className="ar-history">
      <h2 id="ar-history-h">{t('history')}</h2>
      {report.history.length === 0 ? (
        <p className="hint">{t('noHistory')}</p>
      ) : (
        <ol>
          {report.history.map((h, i) => (
            <li key={i} className={h.action === 'returned' ? 'is-returned' : undefined}>
              <span className="ar-history-when">{formatTimestamp(h.at, lang)}</span>{' '}
              <strong>{actionWord(h.action, lang)}</strong>
              {PUNCT[lang].comma}
              {actorName(h.actor, lang)}
              {h.organisation !== report.organisation && t('authoritySide')}
              {h.reason !== null && h.reason !== '' && (
                <p className={h.action === 'returned' ? 'ar-returned-reason' : 'ar-history-reason'}>
                  {h.action === 'returned' ? t('returnReason') : t('reason')}
                  {pick(lang, h.reason, null)}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
