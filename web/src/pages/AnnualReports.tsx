/**
 * The annual reports (/annual-reports, 年报). A holder's: its reports by licence and year, and a new
 * draft for one of its licences (last year by default), pre-filled by the server. An issuing
 * authority's: the reports submitted to it, by status and year, to review. A platform files none.
 */
import { useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { api, call } from '../api/client';
import { useOrganisation } from '../api/organisation';
import { refresh, useData } from '../api/use-data';
import { ErrorNotice, Loading, PageHeader } from '../components/common';
import { Loaded } from '../components/Loaded';
import { AuthorityTabs } from '../components/annual-report/AuthorityTabs';
import { ReportStatusBadge } from '../components/annual-report/ReportStatusBadge';
import {
  lastYear,
  REPORT_STATUSES,
  statusWord,
  type ReportStatus,
} from '../components/annual-report/words';
import { useAction } from '../components/forms';
import { useKindWord } from '../components/trust/kinds';
import { formatTimestamp, todayInShanghai } from '../format';
import { defineMessages, useLang, useT } from '../i18n';
import '../components/annual-report/annual-report.css';

const m = defineMessages(
  {
    title: '年报',
    intro:
      '每年第一季度，持证单位向发证机关报送上一年度的年报（《电信业务经营许可管理办法》第三十五条）。在这里起草年报：xuke 会预填它已掌握的情况，您补充其余内容，经管理员签核后报送。',
    notFiler: '年报由持证单位报送、发证机关审核。您的组织是{kind}，没有年报。',
    draftTitle: '起草年报',
    licence: '经营许可证',
    chooseLicence: '选择许可证…',
    noLicences: '您的组织还没有许可证。请先上传许可证文件。',
    year: '年度',
    yearHint: '报送的是哪一年的情况；默认为上一年。',
    draft: '起草',
    drafting: '正在起草…',
    pickLicence: '请选择许可证。',
    viewerNote: '您的令牌只能查看，不能起草或修改年报。',
    reports: '本单位的年报',
    none: '还没有年报。',
    number: '许可证',
    status: '状态',
    updated: '最后更新',
    open: '打开',
    openReport: '{action} {number} 的 {year} 年度年报',
    queueTitle: '审核年报',
    queueIntro: '持证单位报送给本机关的年报。受理后，公示部分出现在许可证的公开查验页。',
    filters: '筛选',
    statusFilter: '状态',
    allStatuses: '全部',
    yearFilter: '年度',
    anyYear: '全部年度',
    apply: '筛选',
    holder: '持证单位',
    submitted: '报送时间',
    review: '审核',
    view: '查看',
    queueNone: '没有符合条件的年报。',
    notStated: '未载明',
  },
  {
    title: 'Annual reports',
    intro:
      'Every first quarter, licence holders file last year’s annual report with the issuing authority (Order 42 art. 35). Draft it here: xuke pre-fills what it already knows, you complete the rest, and once an administrator has signed it off you submit it.',
    notFiler:
      'Licence holders file annual reports and issuing authorities review them. Your organisation is a {kind}: it has none.',
    draftTitle: 'Draft a report',
    licence: 'Licence',
    chooseLicence: 'Choose a licence…',
    noLicences: 'Your organisation has no licence yet. Upload a licence document first.',
    year: 'Year',
    yearHint: 'The year reported on; last year by default.',
    draft: 'Draft',
    drafting: 'Drafting…',
    pickLicence: 'Choose a licence.',
    viewerNote: 'Your token can read, not draft or change, annual reports.',
    reports: 'Your organisation’s reports',
    none: 'No annual report yet.',
    number: 'Licence',
    status: 'Status',
    updated: 'Last changed',
    open: 'Open',
    openReport: '{action} the {year} report of {number}',
    queueTitle: 'Review annual reports',
    queueIntro:
      'The reports holders submitted to this authority. Once accepted, the published part appears on the licence’s public verification page.',
    filters: 'Filters',
    statusFilter: 'Status',
    allStatuses: 'All',
    yearFilter: 'Year',
    anyYear: 'All years',
    apply: 'Filter',
    holder: 'Holder',
    submitted: 'Submitted',
    review: 'Review',
    view: 'View',
    queueNone: 'No report matches.',
    notStated: 'Not stated',
  },
);

export default function AnnualReports() {
  const t = useT(m);
  const organisation = useOrganisation();
  const kind = useKindWord();
  const org = organisation.data;
  if (org === undefined) {
    return (
      <>
        <PageHeader title={t('title')} />
        {organisation.error === undefined ? (
          <Loading />
        ) : (
          <ErrorNotice
            error={organisation.error}
            onRetry={() => {
              void organisation.mutate();
            }}
          />
        )}
      </>
    );
  }
  if (org.kind === 'authority') return <ReviewQueue />;
  if (org.kind !== 'holder') {
    return (
      <>
        <PageHeader title={t('title')} />
        <p className="notice notice-info">{t('notFiler', { kind: kind(org.kind) })}</p>
      </>
    );
  }
  return <OwnReports />;
}

function OwnReports() {
  const t = useT(m);
  const { lang } = useLang();
  const me = useData(['me'], () => call(api.GET('/api/v1/me')));
  const reports = useData(['annual-reports', 'own', ''], () =>
    call(api.GET('/api/v1/annual-reports')),
  );
  const writes = me.data !== undefined && me.data.role !== 'viewer';
  return (
    <>
      <PageHeader title={t('title')} />
      <p>{t('intro')}</p>
      {writes && <DraftForm />}
      {me.data?.role === 'viewer' && <p className="notice notice-info">{t('viewerNote')}</p>}
      <section aria-labelledby="ar-own-h">
        <h2 id="ar-own-h">{t('reports')}</h2>
        <Loaded read={reports}>
          {(data) =>
            data.items.length === 0 ? (
              <p className="notice notice-info">{t('none')}</p>
            ) : (
              <div className="table-wrap stack-table">
                <table className="ar-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('number')}</th>
                      <th scope="col">{t('year')}</th>
                      <th scope="col">{t('status')}</th>
                      <th scope="col">{t('updated')}</th>
                      <th scope="col">{t('open')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.items.map((r) => (
                      <tr key={r.id}>
                        <th scope="row">{r.number}</th>
                        <td data-label={t('year')}>{r.year}</td>
                        <td data-label={t('status')}>
                          <ReportStatusBadge status={r.status} />
                        </td>
                        <td data-label={t('updated')}>{formatTimestamp(r.updatedAt, lang)}</td>
                        <td data-label={t('open')}>
                          <Link
                            href={`/annual-reports/${encodeURIComponent(r.id)}`}
                            aria-label={t('openReport', {
                              action: t('open'),
                              number: r.number,
                              year: r.year,
                            })}
                          >
                            {t('open')}
                          </Link>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </Loaded>
      </section>
    </>
  );
}

function DraftForm() {
  const t = useT(m);
  const [, navigate] = useLocation();
  const licences = useData(['licences', 'choices'], () =>
    call(api.GET('/api/v1/licences', { params: { query: { limit: 200 } } })),
  );
  const [number, setNumber] = useState('');
  const [year, setYear] = useState(String(lastYear(todayInShanghai())));
  const [missing, setMissing] = useState(false);
  const action = useAction();
  const items = licences.data?.items ?? [];
  return (
    <section className="card ar-draft" aria-labelledby="ar-draft-h">
      <h2 id="ar-draft-h">{t('draftTitle')}</h2>
      {licences.data !== undefined && items.length === 0 ? (
        <p className="notice notice-info">
          {t('noLicences')} <Link href="/upload">{t('licence')}</Link>
        </p>
      ) : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (number === '') {
              setMissing(true);
              return;
            }
            setMissing(false);
            void action.run(async () => {
              const r = await call(
                api.POST('/api/v1/licences/{number}/annual-reports', {
                  params: { path: { number } },
                  body: { year: Number(year) },
                }),
              );
              await refresh('annual-reports');
              navigate(`/annual-reports/${encodeURIComponent(r.id)}`);
            });
          }}
        >
          <div className="ar-draft-fields">
            <div className="field">
              <label htmlFor="ar-draft-licence">{t('licence')}</label>
              <select
                id="ar-draft-licence"
                value={number}
                aria-invalid={missing}
                aria-describedby={missing ? 'ar-draft-licence-err' : undefined}
                onChange={(e) => {
                  setNumber(e.target.value);
                }}
              >
                <option value="">{t('chooseLicence')}</option>
                {items.map((l) => (
                  <option key={l.number} value={l.number}>
                    {l.number}
                    {l.licence.holder.name === null ? '' : ` ${l.licence.holder.name}`}
                  </option>
                ))}
              </select>
              {missing && (
                <p id="ar-draft-licence-err" className="field-error" role="alert">
                  {t('pickLicence')}
                </p>
              )}
            </div>
            <div className="field">
              <label htmlFor="ar-draft-year">{t('year')}</label>
              <input
                id="ar-draft-year"
                type="number"
                min={2017}
                max={9999}
                required
                value={year}
                aria-describedby="ar-draft-year-hint"
                onChange={(e) => {
                  setYear(e.target.value);
                }}
              />
              <p id="ar-draft-year-hint" className="hint">
                {t('yearHint')}
              </p>
            </div>
          </div>
          <button type="submit" className="primary" disabled={action.busy}>
            {action.busy ? t('drafting') : t('draft')}
          </button>
          {action.failure !== null && <ErrorNotice error={action.failure} />}
        </form>
      )}
    </section>
  );
}

/** `?status=submitted&year=2025` → the API's query; the queue opens on the reports to review. */
function queueOf(search: string): { status: ReportStatus | 'all'; year: string } {
  const q = new URLSearchParams(search);
  const status = q.get('status');
  const year = q.get('year') ?? '';
  return {
    status:
      status === 'all' || REPORT_STATUSES.some((s) => s === status)
        ? (status as ReportStatus | 'all')
        : 'submitted',
    year: /^\d{4}$/u.test(year) ? year : '',
  };
}

/** the statuses a report submitted to an authority can have */
const QUEUE_STATUSES = ['submitted', 'returned', 'accepted'] as const;

function ReviewQueue() {
  const t = useT(m);
  const { lang } = useLang();
  const search = useSearch();
  const query = queueOf(search);
  const key = `status=${query.status}&year=${query.year}`;
  const reports = useData(['annual-reports', 'submitted', key], () =>
    call(
      api.GET('/api/v1/annual-reports', {
        params: {
          query: {
            side: 'authority',
            ...(query.status !== 'all' && { status: query.status }),
            ...(query.year !== '' && { year: Number(query.year) }),
          },
        },
      }),
    ),
  );
  return (
    <>
      <PageHeader title={t('queueTitle')} />
      <AuthorityTabs />
      <p>{t('queueIntro')}</p>
      <QueueFilters key={key} initial={query} />
      <section aria-labelledby="ar-queue-h">
        <h2 id="ar-queue-h" className="visually-hidden">
          {t('queueTitle')}
        </h2>
        <Loaded read={reports}>
          {(data) =>
            data.items.length === 0 ? (
              <p className="notice notice-info">{t('queueNone')}</p>
            ) : (
              <div className="table-wrap stack-table">
                <table className="ar-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('number')}</th>
                      <th scope="col">{t('holder')}</th>
                      <th scope="col">{t('year')}</th>
                      <th scope="col">{t('submitted')}</th>
                      <th scope="col">{t('status')}</th>
                      <th scope="col">{t('open')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.items.map((r) => (
                      <tr key={r.id}>
                        <th scope="row">{r.number}</th>
                        <td data-label={t('holder')}>{r.holderName ?? t('notStated')}</td>
                        <td data-label={t('year')}>{r.year}</td>
                        <td data-label={t('submitted')}>{formatTimestamp(r.submittedAt, lang)}</td>
                        <td data-label={t('status')}>
                          <ReportStatusBadge status={r.status} />
                        </td>
                        <td data-label={t('open')}>
                          <Link
                            href={`/annual-reports/${encodeURIComponent(r.id)}`}
                            aria-label={t('openReport', {
                              action: r.status === 'submitted' ? t('review') : t('view'),
                              number: r.number,
                              year: r.year,
                            })}
                          >
                            {r.status === 'submitted' ? t('review') : t('view')}
                          </Link>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </Loaded>
      </section>
    </>
  );
}

function QueueFilters({ initial }: { initial: ReturnType<typeof queueOf> }) {
  const t = useT(m);
  const { lang } = useLang();
  const [, navigate] = useLocation();
  const [status, setStatus] = useState<string>(initial.status);
  const [year, setYear] = useState(initial.year);
  return (
    <form
      className="ar-filters"
      aria-label={t('filters')}
      onSubmit={(e) => {
        e.preventDefault();
        const q = new URLSearchParams();
        if (status !== 'submitted') q.set('status', status);
        if (/^\d{4}$/u.test(year)) q.set('year', year);
        const qs = q.toString();
        navigate(qs === '' ? '/annual-reports' : `/annual-reports?${qs}`);
      }}
    >
      <div className="field">
        <label htmlFor="ar-queue-status">{t('statusFilter')}</label>
        <select
          id="ar-queue-status"
          value={status}
          onChange={(e) => {
            setStatus(e.target.value);
          }}
        >
          {QUEUE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {statusWord(s, lang)}
            </option>
          ))}
          <option value="all">{t('allStatuses')}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="ar-queue-year">{t('yearFilter')}</label>
        <input
          id="ar-queue-year"
          type="number"
          min={2017}
          max={9999}
          placeholder={t('anyYear')}
          value={year}
          onChange={(e) => {
            setYear(e.target.value);
          }}
        />
      </div>
      <button type="submit">{t('apply')}</button>
    </form>
  );
}
