/**
 * The audit log (审计日志, administrators; docs/accounts.md "The audit log's API"): who did what to
 * which licence, when and from where, oldest first, paged with `next`. Filters — the person (their
 * own actions and those of the tokens they created), the licence number, the action, a period —
 * live in the address, so a search can be bookmarked, and the export (`/audit/export`, CSV that
 * Excel reads) takes the same ones. The actor is shown by name: a person with their e-mail, a token
 * by its name and who created it, with the client's address.
 */
import { allPages } from '../api/all-pages';
import { useId, useState, useSyncExternalStore } from 'react';
import type { ReactNode, SubmitEvent } from 'react';
import { useLocation, useSearch } from 'wouter';
import { api, ApiError, call } from '../api/client';
import { useData } from '../api/use-data';
import { ColumnHeads, PageHeader } from '../components/common';
import { Loaded } from '../components/Loaded';
import { actorName, tokenName } from '../components/actors';
import { DownloadLink } from '../components/annual-report/DownloadLink';
import { formatTimestamp } from '../format';
import { defineMessages, useLang, useT, type Lang, type Translate } from '../i18n';
import { getSession, onSessionChange } from '../session';
import './settings.css';

const m = defineMessages({
  title: ['审计日志', 'Audit log'],
  intro: [
    '本组织每一项有记录的操作：谁（人员，或令牌及其创建人）、在何时、从哪个地址、对什么做了什么。记录按顺序串成哈希链，不能事后修改。',
    'Every recorded action in the organisation: who (a person, or a token and who created it), when, from which address, what was done to what. The entries are chained by hashes and cannot be changed afterwards.',
  ],
  adminOnly: [
    '只有本组织的管理员可以查看审计日志。',
    'Only the organisation’s administrators can see the audit log.',
  ],
  filters: ['筛选', 'Filters'],
  person: ['人员', 'Person'],
  personAll: ['所有人', 'Everyone'],
  personHint: [
    '包括此人本人的操作和此人创建的令牌的操作。',
    'Their own actions and those of the tokens they created.',
  ],
  licence: ['许可证编号', 'Licence number'],
  action: ['操作', 'Action'],
  actionHint: ['例如 licence.created、member.invited', 'E.g. licence.created, member.invited'],
  from: ['起始日期', 'From'],
  to: ['截止日期', 'To'],
  apply: ['筛选', 'Apply the filters'],
  clear: ['清除筛选', 'Clear the filters'],
  export: ['导出 CSV', 'Export as CSV'],
  exportHint: [
    '导出按当前筛选条件的全部记录（UTF-8，Excel 可直接打开）。',
    'Exports every entry the current filters match (UTF-8, opens in Excel).',
  ],
  caption: ['审计记录', 'Audit entries'],
  seq: ['序号', 'No.'],
  at: ['时间', 'Time'],
  who: ['操作人', 'By'],
  address: ['地址', 'Address'],
  subject: ['对象', 'Subject'],
  details: ['详情', 'Details'],
  none: ['没有符合条件的记录。', 'No entries match.'],
  more: ['加载更多', 'Load more'],
  end: ['已显示全部记录。', 'All entries are shown.'],
  person_email: ['{name}（{email}）', '{name} ({email})'],
  token_by: ['令牌“{name}”，{by} 创建', 'token “{name}”, created by {by}'],
  token: ['令牌“{name}”', 'token “{name}”'],
  badPeriod: ['截止日期不能早于起始日期。', 'The end date cannot be before the start date.'],
  payload: ['记录的数据', 'Recorded data'],
});

const FILTERS = ['person', 'licence', 'action', 'from', 'to'] as const;
type Filters = Readonly<Record<(typeof FILTERS)[number], string>>;

/** The filters in the address, in a fixed order: the query string the API and the key take. */
export function filtersOf(search: string): Filters {
  const params = new URLSearchParams(search);
  return Object.fromEntries(FILTERS.map((f) => [f, params.get(f)?.trim() ?? ''])) as Filters;
}

export function queryOf(filters: Filters): string {
  const params = new URLSearchParams();
  for (const f of FILTERS) if (filters[f] !== '') params.set(f, filters[f]);
  return params.toString();
}

type Answer =
  import('../api/schema').paths['/api/v1/audit']['get']['responses'][200]['content']['application/json'];
type Entry = Answer['items'][number];

/** Who did it, in words: a person with their e-mail, a token with its creator; else actors.ts. */
function who(entry: Entry, t: Translate<typeof m.zh>, lang: Lang): string {
  const { by } = entry;
  if (by.kind === 'person') {
    return by.email === null ? by.name : t('person_email', { name: by.name, email: by.email });
  }
  if (by.kind === 'token') {
    const name = tokenName(by.tokenName ?? by.name, lang);
    return by.createdBy === null
      ? t('token', { name })
      : t('token_by', { name, by: by.createdBy.name });
  }
  return actorName(entry.actor, lang);
}

const useAdmin = () => useSyncExternalStore(onSessionChange, getSession)?.role === 'admin';

export default function Audit() {
  const t = useT(m);
  const search = useSearch();
  const [, navigate] = useLocation();
  const filters = filtersOf(search);
  const query = queryOf(filters);
  const admin = useAdmin();
  // the pages loaded so far, each by the `after` it starts from; a new search starts again
  const [pages, setPages] = useState<{ query: string; afters: readonly number[] }>({
    query,
    afters: [0],
  });
  const afters = pages.query === query ? pages.afters : [0];

  return (
    <div className="settings audit">
      <PageHeader title={t('title')} />
      <p className="hint">{t('intro')}</p>
      {!admin ? (
        <p className="notice notice-info">{t('adminOnly')}</p>
      ) : (
        <>
          <FilterForm
            key={query}
            filters={filters}
            onApply={(next) => {
              const q = queryOf(next);
              navigate(q === '' ? '/audit' : `/audit?${q}`);
            }}
          />
          <p>
            <DownloadLink
              href={`/api/v1/audit/export${query === '' ? '' : `?${query}`}`}
              name="audit.csv"
              className="button"
            >
              {t('export')}
            </DownloadLink>{' '}
            <span className="hint">{t('exportHint')}</span>
          </p>
          <div className="table-wrap">
            <table className="settings-table">
              <caption className="visually-hidden">{t('caption')}</caption>
              <ColumnHeads
                names={[
                  t('seq'),
                  t('at'),
                  t('who'),
                  t('address'),
                  t('action'),
                  t('subject'),
                  t('details'),
                ]}
              />
              {afters.map((after, i) => (
                <AuditRows
                  key={after}
                  query={query}
                  filters={filters}
                  after={after}
                  last={i === afters.length - 1}
                  onMore={(next) => {
                    setPages({ query, afters: [...afters, next] });
                  }}
                />
              ))}
            </table>
          </div>
        </>
      )}
    </div>
  );
}

/** One page of entries (a `<tbody>`), and on the last page loaded, the way to the next. */
function AuditRows({
  query,
  filters,
  after,
  last,
  onMore,
}: {
  query: string;
  filters: Filters;
  after: number;
  last: boolean;
  onMore: (next: number) => void;
}) {
  const t = useT(m);
  const { lang } = useLang();
  const read = useData(['audit', query, after], () =>
    call(
      api.GET('/api/v1/audit', {
        params: {
          query: {
            after,
            limit: 50,
            ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== '')),
          },
        },
      }),
    ),
  );
  const cell = (children: ReactNode) => (
    <tbody>
      <tr>
        <td colSpan={7}>{children}</td>
      </tr>
    </tbody>
  );
  if (read.data === undefined) return cell(<Loaded read={read}>{() => null}</Loaded>);
  const { items, next } = read.data;
  return (
    <>
      <tbody>
        {items.map((entry) => (
          <tr key={entry.seq}>
            <td className="mono">{entry.seq}</td>
            <td>{formatTimestamp(entry.at, lang)}</td>
            <td title={entry.actor}>{who(entry, t, lang)}</td>
            <td className="mono">{entry.address ?? '—'}</td>
            <td className="mono">{entry.action}</td>
            <td className="mono">{entry.subject}</td>
            <td>
              <details>
                <summary>{t('payload')}</summary>
                <pre className="mono audit-payload">{JSON.stringify(entry.payload, null, 2)}</pre>
                <p className="mono hint" title="sha256">
                  {entry.hash}
                </p>
              </details>
            </td>
          </tr>
        ))}
      </tbody>
      {after === 0 && items.length === 0 && cell(<p>{t('none')}</p>)}
      {last &&
        (items.length > 0 || after !== 0) &&
        cell(
          next === null ? (
            <p className="hint">{t('end')}</p>
          ) : (
            <button
              type="button"
              onClick={() => {
                onMore(next);
              }}
            >
              {t('more')}
            </button>
          ),
        )}
    </>
  );
}

function FilterForm({ filters, onApply }: { filters: Filters; onApply: (f: Filters) => void }) {
  const t = useT(m);
  const ids = {
    heading: useId(),
    person: useId(),
    personHint: useId(),
    licence: useId(),
    action: useId(),
    actionHint: useId(),
    from: useId(),
    to: useId(),
  };
  const [draft, setDraft] = useState<Filters>(filters);
  const [badPeriod, setBadPeriod] = useState(false);
  // the people to filter by: the organisation's members
  const members = useData(['members'], () =>
    allPages((query) => call(api.GET('/api/v1/members', { params: { query } }))),
  );
  const set = (f: keyof Filters) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setDraft((d) => ({ ...d, [f]: value }));
  };
  const submit = (e: SubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    const bad = draft.from !== '' && draft.to !== '' && draft.to < draft.from;
    setBadPeriod(bad);
    if (!bad) onApply(draft);
  };
  const people = members.data?.items ?? [];
  const forbidden = members.error instanceof ApiError;
  return (
    <form className="card audit-filters" aria-labelledby={ids.heading} noValidate onSubmit={submit}>
      <h2 id={ids.heading}>{t('filters')}</h2>
      <div className="audit-filter-fields">
        <div className="field">
          <label htmlFor={ids.person}>{t('person')}</label>
          <select
            id={ids.person}
            value={draft.person}
            disabled={forbidden}
            aria-describedby={ids.personHint}
            onChange={set('person')}
          >
            <option value="">{t('personAll')}</option>
            {people.map((p) => (
              <option key={p.userId} value={p.userId}>
                {p.email === null ? p.name : `${p.name} <${p.email}>`}
              </option>
            ))}
            {draft.person !== '' && !people.some((p) => p.userId === draft.person) && (
              <option value={draft.person}>{draft.person}</option>
            )}
          </select>
          <p id={ids.personHint} className="hint">
            {t('personHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={ids.licence}>{t('licence')}</label>
          <input
            id={ids.licence}
            value={draft.licence}
            maxLength={40}
            spellCheck={false}
            placeholder="京B2-20180910"
            onChange={set('licence')}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.action}>{t('action')}</label>
          <input
            id={ids.action}
            className="mono"
            value={draft.action}
            maxLength={80}
            spellCheck={false}
            aria-describedby={ids.actionHint}
            onChange={set('action')}
          />
          <p id={ids.actionHint} className="hint">
            {t('actionHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={ids.from}>{t('from')}</label>
          <input id={ids.from} type="date" value={draft.from} onChange={set('from')} />
        </div>
        <div className="field">
          <label htmlFor={ids.to}>{t('to')}</label>
          <input
            id={ids.to}
            type="date"
            value={draft.to}
            aria-invalid={badPeriod}
            aria-describedby={badPeriod ? `${ids.to}-error` : undefined}
            onChange={set('to')}
          />
          {badPeriod && (
            <p id={`${ids.to}-error`} className="field-error" role="alert">
              {t('badPeriod')}
            </p>
          )}
        </div>
      </div>
      <div className="settings-buttons">
        <button type="submit" className="primary">
          {t('apply')}
        </button>
        <button
          type="button"
          onClick={() => {
            onApply({ person: '', licence: '', action: '', from: '', to: '' });
          }}
        >
          {t('clear')}
        </button>
      </div>
    </form>
  );
}
