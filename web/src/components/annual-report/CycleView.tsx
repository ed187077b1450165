/**
 * A year's annual-report cycle, as the issuing authority runs it (/annual-report-cycle?year=2025):
 * every licence in its register that owes the report, with its stage (not filed, under review,
 * returned, ordered to make up by a date, order overdue, listed, accepted), filtered by stage,
 * region, lateness and a name or number. After the first quarter: order every late filer to make
 * up within a month (文号, date) or one licence; once an order has run out, put the holder on the
 * 不良名单 (the decision's date); take it off once its report is accepted.
 */
import { useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { api, call } from '../../api/client';
import type { paths } from '../../api/schema';
import { useOrganisation } from '../../api/organisation';
import { refresh, useData } from '../../api/use-data';
import { ErrorNotice, PageHeader } from '../common';
import { FieldError, useAction } from '../forms';
import { Loaded } from '../Loaded';
import { AuthorityTabs } from './AuthorityTabs';
import { YearPicker, yearOf } from './YearPicker';
import { CYCLE_STAGES, STAGE_BADGE, stageWord, type CycleStage } from './words';
import { useKindWord } from '../trust/kinds';
import { formatDate, todayInShanghai } from '../../format';
import { defineMessages, PUNCT, useLang, useT } from '../../i18n';

const m = defineMessages(
  {
    title: '{year} 年度年报报送情况',
    notAuthority: '年报报送情况属于发证机关。您的组织是{kind}。',
    window:
      '报送期：{from} 至 {to}。报送期结束后，可以责令未报送的持证单位在一个月内补报；补报期满仍未报送的，列入不良名单。',
    orderAllTitle: '责令所有逾期未报送的持证单位限期补报',
    orderAllHint:
      '向所有未报送或被退回未重报、且尚未责令补报的持证单位发出通知，补报期限为一个月。',
    decisionNumber: '通知文号',
    orderedOn: '通知日期',
    orderAll: '全部责令补报',
    orderedAll: '已向 {n} 家持证单位发出限期补报通知。',
    orderedNone: '没有需要责令补报的持证单位。',
    filters: '筛选',
    stage: '阶段',
    allStages: '全部阶段（{n}）',
    stageCount: '{stage}（{n}）',
    region: '地区',
    allRegions: '全部地区',
    lateOnly: '只看逾期的',
    search: '编号或持证单位',
    apply: '筛选',
    clear: '清除',
    results: '应报送年报的许可证',
    shown: '共 {n} 张，显示 {shown} 张。',
    none: '没有符合条件的许可证。',
    noneDue: '登记簿中没有应报送 {year} 年度年报的许可证。',
    number: '编号',
    holder: '持证单位',
    services: '业务',
    late: '逾期',
    isLate: '逾期',
    actions: '操作',
    notStated: '未载明',
    orderedUntil: '{decision}，限期至 {due}',
    listedOn: '{date} 列入',
    stillListed: '仍在不良名单中（{date} 列入）',
    review: '审核',
    reviewLabel: '审核 {number} 的年报',
    order: '责令限期补报',
    list: '列入不良名单',
    remove: '移出不良名单',
    cancel: '取消',
    working: '正在提交…',
    required: '请填写此项。',
    decidedOn: '处理日期',
    decidedOnHint: '列入决定的日期，须在补报期限（{due}）之后。',
    listedOnLabel: '列入日期',
    listedOnHint: '默认为今天；须在处理日期起 30 日内。',
    removedOn: '移出日期',
    removalReason: '移出理由（可选）',
    removalHint: '年报已补报并经受理；不填写时记为“已补报并经确认”。',
    waitRemoval: '补报的年报受理后才能移出。',
    done_order: '已责令 {number} 限期补报。',
    done_list: '已将 {number} 的持证单位列入不良名单。',
    done_remove: '已将 {number} 的持证单位移出不良名单。',
    formTitle_order: '责令 {number} 限期补报',
    formTitle_list: '将 {number} 的持证单位列入不良名单',
    formTitle_remove: '将 {number} 的持证单位移出不良名单',
    region_MIIT: '工业和信息化部',
  },
  {
    title: 'Annual reports {year}: filing status',
    notAuthority:
      'The filing status belongs to issuing authorities. Your organisation is a {kind}.',
    window:
      'Filing window: {from} to {to}. After it, holders that have not filed can be ordered to make up within one month; those who still have not filed by then are put on the 不良名单.',
    orderAllTitle: 'Order every late filer to make up',
    orderAllHint:
      'Sends the order to every holder that has not filed, or was returned and has not filed again, and has not been ordered yet; the period is one month.',
    decisionNumber: 'Order number (文号)',
    orderedOn: 'Order date',
    orderAll: 'Order all late filers',
    orderedAll: 'Ordered {n} holders to make up their reports.',
    orderedNone: 'No holder needs to be ordered.',
    filters: 'Filters',
    stage: 'Stage',
    allStages: 'All stages ({n})',
    stageCount: '{stage} ({n})',
    region: 'Region',
    allRegions: 'All regions',
    lateOnly: 'Late only',
    search: 'Number or holder',
    apply: 'Filter',
    clear: 'Clear',
    results: 'Licences that owe the report',
    shown: '{n} in all, {shown} shown.',
    none: 'No licence matches.',
    noneDue: 'No licence in the register owes a report on {year}.',
    number: 'Number',
    holder: 'Holder',
    services: 'Services',
    late: 'Late',
    isLate: 'Late',
    actions: 'Actions',
    notStated: 'Not stated',
    orderedUntil: '{decision}, due {due}',
    listedOn: 'listed {date}',
    stillListed: 'still on the 不良名单 (listed {date})',
    review: 'Review',
    reviewLabel: 'Review the report of {number}',
    order: 'Order to make up',
    list: 'Put on the 不良名单',
    remove: 'Take off the 不良名单',
    cancel: 'Cancel',
    working: 'Submitting…',
    required: 'Fill this in.',
    decidedOn: 'Decision date',
    decidedOnHint: 'The day of the decision to list; after the make-up period ({due}).',
    listedOnLabel: 'Listing date',
    listedOnHint: 'Today by default; within 30 days of the decision.',
    removedOn: 'Removal date',
    removalReason: 'Reason for removal (optional)',
    removalHint: 'The report was made up and accepted; left empty, that is the reason recorded.',
    waitRemoval: 'It can be taken off once the made-up report is accepted.',
    done_order: 'Ordered {number} to make up its report.',
    done_list: 'Put the holder of {number} on the 不良名单.',
    done_remove: 'Took the holder of {number} off the 不良名单.',
    formTitle_order: 'Order {number} to make up its report',
    formTitle_list: 'Put the holder of {number} on the 不良名单',
    formTitle_remove: 'Take the holder of {number} off the 不良名单',
    region_MIIT: 'MIIT',
  },
);

type Entry =
  paths['/api/v1/annual-report-cycle']['get']['responses'][200]['content']['application/json']['items'][number];
type ActionKind = 'order' | 'list' | 'remove';

interface Filters {
  readonly stage: CycleStage | '';
  readonly region: string;
  readonly late: boolean;
  readonly q: string;
}

function filtersOf(search: string): Filters {
  const p = new URLSearchParams(search);
  const stage = p.get('stage') ?? '';
  return {
    stage: CYCLE_STAGES.some((s) => s === stage) ? (stage as CycleStage) : '',
    region: p.get('region') ?? '',
    late: p.get('late') === '1',
    q: p.get('q') ?? '',
  };
}

function queryOf(year: number, f: Filters): string {
  const p = new URLSearchParams({ year: String(year) });
  if (f.stage !== '') p.set('stage', f.stage);
  if (f.region !== '') p.set('region', f.region);
  if (f.late) p.set('late', '1');
  if (f.q.trim() !== '') p.set('q', f.q.trim());
  return p.toString();
}

export default function CycleView() {
  const t = useT(m);
  const search = useSearch();
  const [, navigate] = useLocation();
  const year = yearOf(search);
  const filters = filtersOf(search);
  const organisation = useOrganisation();
  const kind = useKindWord();
  const authority = organisation.data?.kind === 'authority';
  const cycle = useData(authority ? ['annual-reports', 'cycle', year] : null, () =>
    call(api.GET('/api/v1/annual-report-cycle', { params: { query: { year } } })),
  );
  const overview = useData(authority ? ['annual-reports', 'overview', year] : null, () =>
    call(api.GET('/api/v1/annual-report-cycle/overview', { params: { query: { year } } })),
  );
  const me = useData(authority ? ['me'] : null, () => call(api.GET('/api/v1/me')));
  const writes = me.data !== undefined && me.data.role !== 'viewer';
  const [done, setDone] = useState<string | null>(null);
  const go = (y: number, f: Filters) => {
    navigate(`/annual-report-cycle?${queryOf(y, f)}`);
  };

  if (organisation.data !== undefined && !authority) {
    return (
      <>
        <PageHeader title={t('title', { year })} />
        <p className="notice notice-info">
          {t('notAuthority', { kind: kind(organisation.data.kind) })}
        </p>
      </>
    );
  }
  const after = async (message: string) => {
    setDone(message);
    await refresh('annual-reports');
  };
  return (
    <>
      <PageHeader title={t('title', { year })}>
        <YearPicker
          key={year}
          year={year}
          onYear={(y) => {
            go(y, filters);
          }}
        />
      </PageHeader>
      <AuthorityTabs />
      {overview.data !== undefined && (
        <WindowLine from={overview.data.window.from} to={overview.data.window.to} />
      )}
      {writes && <OrderAll year={year} onDone={after} />}
      <div role="status" aria-live="polite">
        {done !== null && <p className="notice notice-ok">{done}</p>}
      </div>
      <Loaded read={cycle}>
        {(data) => (
          <CycleTable
            year={year}
            items={data.items}
            filters={filters}
            writes={writes}
            onFilters={(f) => {
              go(year, f);
            }}
            onDone={after}
          />
        )}
      </Loaded>
    </>
  );
}

function WindowLine({ from, to }: { from: string; to: string }) {
  const t = useT(m);
  const { lang } = useLang();
  return <p>{t('window', { from: formatDate(from, lang), to: formatDate(to, lang) })}</p>;
}

/** A labelled input inside the cycle's small forms. */
function Input({
  id,
  label,
  hint,
  type = 'text',
  value,
  missing = false,
  onChange,
}: {
  id: string;
  label: string;
  hint?: string;
  type?: 'text' | 'date';
  value: string;
  missing?: boolean;
  onChange: (value: string) => void;
}) {
  const t = useT(m);
  const described = [hint === undefined ? '' : `${id}-hint`, missing ? `${id}-err` : '']
    .filter((s) => s !== '')
    .join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        autoComplete="off"
        value={value}
        aria-invalid={missing}
        aria-describedby={described === '' ? undefined : described}
        onChange={(e) => {
          onChange(e.target.value);
        }}
      />
      {hint !== undefined && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      <FieldError id={`${id}-err`} text={missing ? t('required') : undefined} />
    </div>
  );
}

function OrderAll({ year, onDone }: { year: number; onDone: (message: string) => Promise<void> }) {
  const t = useT(m);
  const [decisionNumber, setDecisionNumber] = useState('');
  const [on, setOn] = useState(todayInShanghai());
  const [tried, setTried] = useState(false);
  const action = useAction();
  const missing = tried && decisionNumber.trim() === '';
  return (
    <details className="card ar-order-all">
      <summary>{t('orderAllTitle')}</summary>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (decisionNumber.trim() === '') return;
          void action.run(async () => {
            const r = await call(
              api.POST('/api/v1/make-up-orders', {
                body: { year, decisionNumber: decisionNumber.trim(), ...(on !== '' && { on }) },
              }),
            );
            setTried(false);
            setDecisionNumber('');
            await onDone(
              r.items.length === 0 ? t('orderedNone') : t('orderedAll', { n: r.items.length }),
            );
          });
        }}
      >
        <p className="hint">{t('orderAllHint')}</p>
        <div className="ar-inline-fields">
          <Input
            id="ar-order-all-number"
            label={t('decisionNumber')}
            value={decisionNumber}
            missing={missing}
            onChange={setDecisionNumber}
          />
          <Input
            id="ar-order-all-on"
            label={t('orderedOn')}
            type="date"
            value={on}
            onChange={setOn}
          />
        </div>
        <button type="submit" className="primary" disabled={action.busy}>
          {action.busy ? t('working') : t('orderAll')}
        </button>
        {action.failure !== null && <ErrorNotice error={action.failure} />}
      </form>
    </details>
  );
}

function CycleTable({
  year,
  items,
  filters,
  writes,
  onFilters,
  onDone,
}: {
  year: number;
  items: readonly Entry[];
  filters: Filters;
  writes: boolean;
  onFilters: (f: Filters) => void;
  onDone: (message: string) => Promise<void>;
}) {
  const t = useT(m);
  const { lang } = useLang();
  const [open, setOpen] = useState<{ number: string; kind: ActionKind } | null>(null);
  const regions = useMemo(() => [...new Set(items.map((i) => i.region))].sort(), [items]);
  const regionWord = (r: string) => (r === 'MIIT' ? t('region_MIIT') : r);
  const q = filters.q.trim().toLowerCase();
  const shown = items.filter(
    (i) =>
      (filters.stage === '' || i.stage === filters.stage) &&
      (filters.region === '' || i.region === filters.region) &&
      (!filters.late || i.late) &&
      (q === '' ||
        i.number.toLowerCase().includes(q) ||
        (i.holderName ?? '').toLowerCase().includes(q)),
  );
  const counts = (s: CycleStage) => items.filter((i) => i.stage === s).length;
  if (items.length === 0) return <p className="notice notice-info">{t('noneDue', { year })}</p>;
  return (
    <section aria-labelledby="ar-cycle-h">
      <CycleFilters
        key={JSON.stringify(filters)}
        filters={filters}
        regions={regions}
        regionWord={regionWord}
        total={items.length}
        counts={counts}
        onFilters={onFilters}
      />
      <h2 id="ar-cycle-h">{t('results')}</h2>
      <p className="hint">{t('shown', { n: items.length, shown: shown.length })}</p>
      {shown.length === 0 ? (
        <p className="notice notice-info">{t('none')}</p>
      ) : (
        <div className="table-wrap stack-table">
          <table className="ar-table ar-cycle-table">
            <thead>
              <tr>
                <th scope="col">{t('number')}</th>
                <th scope="col">{t('holder')}</th>
                <th scope="col">{t('region')}</th>
                <th scope="col">{t('services')}</th>
                <th scope="col">{t('stage')}</th>
                <th scope="col">{t('late')}</th>
                {writes && <th scope="col">{t('actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {shown.map((i) => (
                <tr key={i.number}>
                  <th scope="row">
                    <Link href={`/licences/${encodeURIComponent(i.number)}`}>{i.number}</Link>
                  </th>
                  <td data-label={t('holder')}>{i.holderName ?? t('notStated')}</td>
                  <td data-label={t('region')}>{regionWord(i.region)}</td>
                  <td data-label={t('services')}>{i.services.join(PUNCT[lang].list)}</td>
                  <td data-label={t('stage')}>
                    <StageCell entry={i} />
                  </td>
                  <td data-label={t('late')}>
                    {i.late ? <span className="badge badge-overdue">{t('isLate')}</span> : '—'}
                  </td>
                  {writes && (
                    <td data-label={t('actions')}>
                      <RowActions
                        entry={i}
                        year={year}
                        open={open?.number === i.number ? open.kind : null}
                        onOpen={(kind) => {
                          setOpen(kind === null ? null : { number: i.number, kind });
                        }}
                        onDone={async (message) => {
                          setOpen(null);
                          await onDone(message);
                        }}
                      />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function StageCell({ entry: i }: { entry: Entry }) {
  const t = useT(m);
  const { lang } = useLang();
  let detail: ReactNode = null;
  if ((i.stage === 'ordered' || i.stage === 'order-overdue') && i.order !== null) {
    detail = t('orderedUntil', {
      decision: i.order.decisionNumber,
      due: formatDate(i.order.dueOn, lang),
    });
  } else if (i.listing !== null) {
    detail = t(i.stage === 'listed' ? 'listedOn' : 'stillListed', {
      date: formatDate(i.listing.listedOn, lang),
    });
  }
  return (
    <>
      <span className={`badge ${STAGE_BADGE[i.stage]}`}>{stageWord(i.stage, lang)}</span>
      {detail !== null && <span className="hint ar-stage-detail">{detail}</span>}
      {i.report !== null && i.stage === 'pending-review' && (
        <Link
          href={`/annual-reports/${encodeURIComponent(i.report.id)}`}
          className="ar-stage-detail"
          aria-label={t('reviewLabel', { number: i.number })}
        >
          {t('review')}
        </Link>
      )}
    </>
  );
}

function CycleFilters({
  filters,
  regions,
  regionWord,
  total,
  counts,
  onFilters,
}: {
  filters: Filters;
  regions: readonly string[];
  regionWord: (r: string) => string;
  total: number;
  counts: (s: CycleStage) => number;
  onFilters: (f: Filters) => void;
}) {
  const t = useT(m);
  const { lang } = useLang();
  const [f, setF] = useState(filters);
  return (
    <form
      className="ar-filters"
      aria-label={t('filters')}
      onSubmit={(e) => {
        e.preventDefault();
        onFilters(f);
      }}
    >
      <div className="field">
        <label htmlFor="ar-cycle-stage">{t('stage')}</label>
        <select
          id="ar-cycle-stage"
          value={f.stage}
          onChange={(e) => {
            setF({ ...f, stage: e.target.value as CycleStage | '' });
          }}
        >
          <option value="">{t('allStages', { n: total })}</option>
          {CYCLE_STAGES.map((s) => (
            <option key={s} value={s}>
              {t('stageCount', { stage: stageWord(s, lang), n: counts(s) })}
            </option>
          ))}
        </select>
      </div>
      {regions.length > 1 && (
        <div className="field">
          <label htmlFor="ar-cycle-region">{t('region')}</label>
          <select
            id="ar-cycle-region"
            value={f.region}
            onChange={(e) => {
              setF({ ...f, region: e.target.value });
            }}
          >
            <option value="">{t('allRegions')}</option>
            {regions.map((r) => (
              <option key={r} value={r}>
                {regionWord(r)}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor="ar-cycle-q">{t('search')}</label>
        <input
          id="ar-cycle-q"
          type="search"
          value={f.q}
          onChange={(e) => {
            setF({ ...f, q: e.target.value });
          }}
        />
      </div>
      <div className="field ar-check">
        <label>
          <input
            type="checkbox"
            checked={f.late}
            onChange={(e) => {
              setF({ ...f, late: e.target.checked });
            }}
          />{' '}
          {t('lateOnly')}
        </label>
      </div>
      <div className="ar-buttons">
        <button type="submit">{t('apply')}</button>
        <button
          type="button"
          onClick={() => {
            onFilters({ stage: '', region: '', late: false, q: '' });
          }}
        >
          {t('clear')}
        </button>
      </div>
    </form>
  );
}

function RowActions({
  entry: i,
  year,
  open,
  onOpen,
  onDone,
}: {
  entry: Entry;
  year: number;
  open: ActionKind | null;
  onOpen: (kind: ActionKind | null) => void;
  onDone: (message: string) => Promise<void>;
}) {
  const t = useT(m);
  const { lang } = useLang();
  const offered: ActionKind | null =
    i.stage === 'not-filed' || i.stage === 'returned'
      ? i.late && i.order === null
        ? 'order'
        : null
      : i.stage === 'order-overdue'
        ? 'list'
        : i.stage === 'accepted' && i.listing !== null
          ? 'remove'
          : null;
  if (offered === null) {
    return i.stage === 'listed' ? <span className="hint">{t('waitRemoval')}</span> : null;
  }
  const label = t(offered);
  if (open !== offered) {
    return (
      <button
        type="button"
        id={`ar-act-${i.number}`}
        aria-label={`${label}${PUNCT[lang].colon}${i.number}`}
        onClick={() => {
          onOpen(offered);
        }}
      >
        {label}
      </button>
    );
  }
  return (
    <ActionForm
      entry={i}
      year={year}
      kind={offered}
      onCancel={() => {
        onOpen(null);
        setTimeout(() => document.getElementById(`ar-act-${i.number}`)?.focus(), 0);
      }}
      onDone={onDone}
    />
  );
}

function ActionForm({
  entry: i,
  year,
  kind,
  onCancel,
  onDone,
}: {
  entry: Entry;
  year: number;
  kind: ActionKind;
  onCancel: () => void;
  onDone: (message: string) => Promise<void>;
}) {
  const t = useT(m);
  const { lang } = useLang();
  const today = todayInShanghai();
  const [first, setFirst] = useState(kind === 'order' ? '' : today);
  const [second, setSecond] = useState(kind === 'order' ? today : '');
  const [tried, setTried] = useState(false);
  const action = useAction();
  const id = `ar-form-${kind}-${i.number}`;
  const missing = tried && first.trim() === '';
  const run = async () => {
    if (kind === 'order') {
      await call(
        api.POST('/api/v1/make-up-orders', {
          body: {
            number: i.number,
            year,
            decisionNumber: first.trim(),
            ...(second !== '' && { on: second }),
          },
        }),
      );
    } else if (kind === 'list') {
      await call(
        api.POST('/api/v1/credit-lists/entries', {
          body: {
            number: i.number,
            list: 'bad',
            reasonKind: 'annual-report-missing',
            year,
            decidedOn: first,
            ...(second !== '' && { listedOn: second }),
          },
        }),
      );
    } else if (i.listing !== null) {
      await call(
        api.POST('/api/v1/credit-lists/entries/{id}/removal', {
          params: { path: { id: i.listing.id } },
          body: { on: first, ...(second.trim() !== '' && { reason: second.trim() }) },
        }),
      );
    }
    await onDone(t(`done_${kind}`, { number: i.number }));
  };
  return (
    <form
      className="ar-row-form"
      role="group"
      aria-labelledby={`${id}-title`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (first.trim() === '') return;
        void action.run(run);
      }}
    >
      <p id={`${id}-title`} className="ar-row-form-title">
        {t(`formTitle_${kind}`, { number: i.number })}
      </p>
      {kind === 'order' && (
        <>
          <Input
            id={`${id}-number`}
            label={t('decisionNumber')}
            value={first}
            missing={missing}
            onChange={setFirst}
          />
          <Input
            id={`${id}-on`}
            label={t('orderedOn')}
            type="date"
            value={second}
            onChange={setSecond}
          />
        </>
      )}
      {kind === 'list' && (
        <>
          <Input
            id={`${id}-decided`}
            label={t('decidedOn')}
            hint={t('decidedOnHint', { due: formatDate(i.order?.dueOn, lang) })}
            type="date"
            value={first}
            missing={missing}
            onChange={setFirst}
          />
          <Input
            id={`${id}-listed`}
            label={t('listedOnLabel')}
            hint={t('listedOnHint')}
            type="date"
            value={second}
            onChange={setSecond}
          />
        </>
      )}
      {kind === 'remove' && (
        <>
          <Input
            id={`${id}-on`}
            label={t('removedOn')}
            type="date"
            value={first}
            missing={missing}
            onChange={setFirst}
          />
          <Input
            id={`${id}-reason`}
            label={t('removalReason')}
            hint={t('removalHint')}
            value={second}
            onChange={setSecond}
          />
        </>
      )}
      <div className="ar-buttons">
        <button type="submit" className="primary" disabled={action.busy}>
          {action.busy ? t('working') : t(kind)}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
      {action.failure !== null && <ErrorNotice error={action.failure} />}
    </form>
  );
}
