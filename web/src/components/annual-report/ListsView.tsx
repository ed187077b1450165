/**
 * The issuing authority's credit lists (/credit-lists): the 电信业务经营不良名单 and 失信名单 entries it
 * made, with the recorded fields (经营者名称、统一社会信用代码、许可证编号、处理日期、列入事由、列入单位),
 * current or all, the CSV export, and taking an entry off its list (a missing report's once the
 * report is accepted; the server says so otherwise).
 */
import { useState } from 'react';
import { useLocation, useSearch } from 'wouter';
import { api, call, callUrl, type Schemas } from '../../api/client';
import { useOrganisation } from '../../api/organisation';
import { refresh, useData } from '../../api/use-data';
import { ErrorNotice, PageHeader } from '../common';
import { FieldError, useAction } from '../forms';
import { Loaded } from '../Loaded';
import { AuthorityTabs } from './AuthorityTabs';
import { DownloadLink } from './DownloadLink';
import { CREDIT_LISTS, listShortWord, listWord, reasonWord, type CreditList } from './words';
import { useKindWord } from '../trust/kinds';
import { formatDate, todayInShanghai } from '../../format';
import { defineMessages, PUNCT, useLang, useT } from '../../i18n';

const m = defineMessages(
  {
    title: '不良名单和失信名单',
    notAuthority: '名单由发证机关管理。您的组织是{kind}。',
    intro:
      '本机关列入名单的持证单位。公开查验页会显示持证单位的名单记录；移出后仍保留记录和移出日期。',
    filters: '筛选',
    list: '名单',
    allLists: '全部名单',
    current: '范围',
    currentOnly: '仍在名单中',
    all: '全部（含已移出）',
    apply: '筛选',
    export: '导出 CSV',
    none: '没有符合条件的名单记录。',
    holder: '经营者名称',
    creditCode: '统一社会信用代码',
    number: '许可证编号',
    decidedOn: '处理日期',
    listedOn: '列入日期',
    reason: '列入事由',
    listedBy: '列入单位',
    removedOn: '移出日期',
    notRemoved: '—',
    actions: '操作',
    notStated: '未载明',
    remove: '移出名单',
    removeLabel: '移出名单：{holder}',
    removeTitle: '将 {holder} 移出{list}',
    removeOn: '移出日期',
    removeReason: '移出理由',
    removeReasonHint: '因未报年报列入的，年报补报并经受理后才能移出，可不填理由。',
    required: '请填写此项。',
    cancel: '取消',
    working: '正在提交…',
    removed: '已将 {holder} 移出名单。',
  },
  {
    title: 'Credit lists',
    notAuthority: 'Credit lists are kept by issuing authorities. Your organisation is a {kind}.',
    intro:
      'The holders this authority listed. The public verification page shows a holder’s listings; an entry taken off keeps its record and removal date.',
    filters: 'Filters',
    list: 'List',
    allLists: 'All lists',
    current: 'Entries',
    currentOnly: 'Still listed',
    all: 'All (taken off included)',
    apply: 'Filter',
    export: 'Export CSV',
    none: 'No entry matches.',
    holder: 'Operator',
    creditCode: 'Unified social credit code',
    number: 'Licence number',
    decidedOn: 'Decided on',
    listedOn: 'Listed on',
    reason: 'Reason',
    listedBy: 'Listed by',
    removedOn: 'Taken off on',
    notRemoved: '—',
    actions: 'Actions',
    notStated: 'Not stated',
    remove: 'Take off the list',
    removeLabel: 'Take off the list: {holder}',
    removeTitle: 'Take {holder} off the {list}',
    removeOn: 'Removal date',
    removeReason: 'Reason for removal',
    removeReasonHint:
      'An entry for a missing report comes off once the report is made up and accepted; the reason may be left empty.',
    required: 'Fill this in.',
    cancel: 'Cancel',
    working: 'Submitting…',
    removed: 'Took {holder} off the list.',
  },
);

type Entry = Schemas['CreditListEntry'];

interface Query {
  readonly list: CreditList | '';
  readonly current: 'true' | 'false';
}

function queryOf(search: string): Query {
  const p = new URLSearchParams(search);
  const list = p.get('list') ?? '';
  return {
    list: CREDIT_LISTS.some((l) => l === list) ? (list as CreditList) : '',
    current: p.get('current') === 'false' ? 'false' : 'true',
  };
}

function apiQuery(q: Query) {
  return { current: q.current, ...(q.list !== '' && { list: q.list }) };
}

export default function ListsView() {
  const t = useT(m);
  const search = useSearch();
  const [, navigate] = useLocation();
  const query = queryOf(search);
  const key = new URLSearchParams(apiQuery(query)).toString();
  const organisation = useOrganisation();
  const kind = useKindWord();
  const authority = organisation.data?.kind === 'authority';
  const entries = useData(authority ? ['annual-reports', 'listings', key] : null, () =>
    call(api.GET('/api/v1/credit-lists/entries', { params: { query: apiQuery(query) } })),
  );
  const me = useData(authority ? ['me'] : null, () => call(api.GET('/api/v1/me')));
  const writes = me.data !== undefined && me.data.role !== 'viewer';
  const [done, setDone] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);

  if (organisation.data !== undefined && !authority) {
    return (
      <>
        <PageHeader title={t('title')} />
        <p className="notice notice-info">
          {t('notAuthority', { kind: kind(organisation.data.kind) })}
        </p>
      </>
    );
  }
  const exportUrl = callUrl('/api/v1/credit-lists/entries/export', { query: apiQuery(query) });
  return (
    <>
      <PageHeader title={t('title')}>
        <DownloadLink href={exportUrl} name="credit-list.csv" className="button">
          {t('export')}
        </DownloadLink>
      </PageHeader>
      <AuthorityTabs />
      <p>{t('intro')}</p>
      <Filters
        key={key}
        query={query}
        onQuery={(q) => {
          const qs = new URLSearchParams({
            ...(q.list !== '' && { list: q.list }),
            ...(q.current === 'false' && { current: 'false' }),
          }).toString();
          navigate(qs === '' ? '/credit-lists' : `/credit-lists?${qs}`);
        }}
      />
      <div role="status" aria-live="polite">
        {done !== null && <p className="notice notice-ok">{done}</p>}
      </div>
      <Loaded read={entries}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="notice notice-info">{t('none')}</p>
          ) : (
            <div className="table-wrap stack-table">
              <table className="ar-table ar-lists-table">
                <thead>
                  <tr>
                    <th scope="col">{t('holder')}</th>
                    <th scope="col">{t('creditCode')}</th>
                    <th scope="col">{t('number')}</th>
                    <th scope="col">{t('list')}</th>
                    <th scope="col">{t('decidedOn')}</th>
                    <th scope="col">{t('listedOn')}</th>
                    <th scope="col">{t('reason')}</th>
                    <th scope="col">{t('listedBy')}</th>
                    <th scope="col">{t('removedOn')}</th>
                    {writes && <th scope="col">{t('actions')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((e) => (
                    <Row
                      key={e.id}
                      entry={e}
                      writes={writes}
                      open={open === e.id}
                      onOpen={(on) => {
                        setOpen(on ? e.id : null);
                      }}
                      onDone={async (message) => {
                        setOpen(null);
                        setDone(message);
                        await refresh('annual-reports');
                      }}
                    />
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
    </>
  );
}

function Filters({ query, onQuery }: { query: Query; onQuery: (q: Query) => void }) {
  const t = useT(m);
  const { lang } = useLang();
  const [q, setQ] = useState(query);
  return (
    <form
      className="ar-filters"
      aria-label={t('filters')}
      onSubmit={(e) => {
        e.preventDefault();
        onQuery(q);
      }}
    >
      <div className="field">
        <label htmlFor="ar-lists-list">{t('list')}</label>
        <select
          id="ar-lists-list"
          value={q.list}
          onChange={(e) => {
            setQ({ ...q, list: e.target.value as CreditList | '' });
          }}
        >
          <option value="">{t('allLists')}</option>
          {CREDIT_LISTS.map((l) => (
            <option key={l} value={l}>
              {listWord(l, lang)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="ar-lists-current">{t('current')}</label>
        <select
          id="ar-lists-current"
          value={q.current}
          onChange={(e) => {
            setQ({ ...q, current: e.target.value === 'false' ? 'false' : 'true' });
          }}
        >
          <option value="true">{t('currentOnly')}</option>
          <option value="false">{t('all')}</option>
        </select>
      </div>
      <button type="submit">{t('apply')}</button>
    </form>
  );
}

function Row({
  entry: e,
  writes,
  open,
  onOpen,
  onDone,
}: {
  entry: Entry;
  writes: boolean;
  open: boolean;
  onOpen: (open: boolean) => void;
  onDone: (message: string) => Promise<void>;
}) {
  const t = useT(m);
  const { lang } = useLang();
  const buttonId = `ar-remove-${e.id}`;
  return (
    <tr>
      <th scope="row">{e.holderName}</th>
      <td data-label={t('creditCode')}>
        {e.creditCode === null ? t('notStated') : <span className="mono">{e.creditCode}</span>}
      </td>
      <td data-label={t('number')} className="ar-nowrap">
        {e.number}
      </td>
      <td data-label={t('list')}>{listShortWord(e.list, lang)}</td>
      <td data-label={t('decidedOn')} className="ar-nowrap">
        {formatDate(e.decidedOn, lang)}
      </td>
      <td data-label={t('listedOn')} className="ar-nowrap">
        {formatDate(e.listedOn, lang)}
      </td>
      <td data-label={t('reason')}>
        <span className="badge badge-info">{reasonWord(e.reasonKind, lang)}</span> {e.reason}
      </td>
      <td data-label={t('listedBy')}>{e.listedBy}</td>
      <td data-label={t('removedOn')} className="ar-nowrap">
        {e.removedOn === null ? (
          t('notRemoved')
        ) : (
          <>
            {formatDate(e.removedOn, lang)}
            {e.removalReason !== null && (
              <span className="hint">
                {PUNCT[lang].open}
                {e.removalReason}
                {PUNCT[lang].close}
              </span>
            )}
          </>
        )}
      </td>
      {writes && (
        <td data-label={t('actions')}>
          {e.removedOn === null &&
            (open ? (
              <RemoveForm
                entry={e}
                onCancel={() => {
                  onOpen(false);
                  setTimeout(() => document.getElementById(buttonId)?.focus(), 0);
                }}
                onDone={onDone}
              />
            ) : (
              <button
                type="button"
                id={buttonId}
                aria-label={t('removeLabel', { holder: e.holderName })}
                onClick={() => {
                  onOpen(true);
                }}
              >
                {t('remove')}
              </button>
            ))}
        </td>
      )}
    </tr>
  );
}

function RemoveForm({
  entry: e,
  onCancel,
  onDone,
}: {
  entry: Entry;
  onCancel: () => void;
  onDone: (message: string) => Promise<void>;
}) {
  const t = useT(m);
  const { lang } = useLang();
  const [on, setOn] = useState(todayInShanghai());
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const action = useAction();
  const reasonRequired = e.reasonKind !== 'annual-report-missing';
  const missingReason = tried && reasonRequired && reason.trim() === '';
  const missingOn = tried && on === '';
  const id = `ar-removal-${e.id}`;
  return (
    <form
      className="ar-row-form"
      role="group"
      aria-labelledby={`${id}-title`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setTried(true);
        if (on === '' || (reasonRequired && reason.trim() === '')) return;
        void action.run(async () => {
          await call(
            api.POST('/api/v1/credit-lists/entries/{id}/removal', {
              params: { path: { id: e.id } },
              body: { on, ...(reason.trim() !== '' && { reason: reason.trim() }) },
            }),
          );
          await onDone(t('removed', { holder: e.holderName }));
        });
      }}
    >
      <p id={`${id}-title`} className="ar-row-form-title">
        {t('removeTitle', { holder: e.holderName, list: listWord(e.list, lang) })}
      </p>
      <div className="field">
        <label htmlFor={`${id}-on`}>{t('removeOn')}</label>
        <input
          id={`${id}-on`}
          type="date"
          value={on}
          aria-invalid={missingOn}
          aria-describedby={`${id}-on-err`}
          onChange={(event) => {
            setOn(event.target.value);
          }}
        />
        <FieldError id={`${id}-on-err`} text={missingOn ? t('required') : undefined} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t('removeReason')}</label>
        <input
          id={`${id}-reason`}
          type="text"
          autoComplete="off"
          value={reason}
          aria-invalid={missingReason}
          aria-describedby={`${id}-reason-hint ${id}-reason-err`}
          onChange={(event) => {
            setReason(event.target.value);
          }}
        />
        <p id={`${id}-reason-hint`} className="hint">
          {t('removeReasonHint')}
        </p>
        <FieldError id={`${id}-reason-err`} text={missingReason ? t('required') : undefined} />
      </div>
      <div className="ar-buttons">
        <button type="submit" className="primary" disabled={action.busy}>
          {action.busy ? t('working') : t('remove')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
      {action.failure !== null && <ErrorNotice error={action.failure} />}
    </form>
  );
}
