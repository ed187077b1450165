/**
 * The dashboard: what needs doing (deadlines overdue and due soon, with the working days left),
 * when licences expire (the next twelve months), what the checks found and what happened lately
 * (by the day it happened, newest first, as the API lists it). Every item links to its licence; a
 * list cut short says how many it left out and leads to all of them. An organisation without
 * licences gets its first steps instead: a document to upload, many to import (or, for an issuing
 * authority, its register), reminders to set up.
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { api, call, type Schemas } from '../api/client';
import { useOrganisation } from '../api/organisation';
import { useData } from '../api/use-data';
import { ErrorNotice, Loading, PageHeader } from '../components/common';
import { Loaded } from '../components/Loaded';
import { ExpiryChart } from '../components/chart/ExpiryChart';
import { bucketByMonth, daysBetween, windowDays } from '../components/chart/expiry-buckets';
import { allDeadlines } from '../components/deadlines/all-deadlines';
import { deadlinesHref, FEED_SECTION } from '../components/deadlines/links';
import { OccurrenceBadge } from '../components/deadlines/occurrence-status';
import { ProvisionalMarker, SeverityBadge, useNames } from '../components/licence/labels';
import { EventNote, RecordedBy } from '../components/licence/RecordedEvent';
import { formatDate, todayInShanghai } from '../format';
import { defineMessages, pick, PUNCT, useLang, useT } from '../i18n';
import './dashboard.css';

const m = defineMessages(
  {
    title: '概览',
    empty: '开始使用',
    emptyText: '您的组织还没有许可证。三步开始：',
    stepUpload: '上传许可证文件',
    stepUploadText:
      '上传一份许可证文件（文本、PDF 或扫描件）：xuke 读出各项内容并核验，您核对、更正后保存，xuke 再算出续期、年报等期限。',
    stepUploadAction: '上传许可证',
    stepImport: '批量导入',
    stepImportText:
      '许可证较多时，可以请负责本服务器的运维人员一次导入一批文件（也可导入导出的 .jsonl 文件）；每份文件都会先与登记簿比对。',
    stepImportLink: '或在网页上逐份上传',
    stepRegister: '在登记簿中发证',
    stepRegisterText:
      '您的组织是发证机关：上传申请材料，核对后登记到本机关登记簿；公开查验以登记簿为准。',
    stepRegisterAction: '打开登记簿',
    stepRemind: '设置提醒',
    stepRemindText:
      '把期限订阅到您的日历应用，或添加 Webhook，在期限临近时收到提醒。保存了许可证之后，提醒才有内容。',
    stepRemindFeed: '订阅日历',
    stepRemindWebhook: '添加 Webhook 提醒',
    deadlines: '需要处理的期限',
    overdue: '已逾期（{n}）',
    dueSoon: '即将到期（{n}）',
    noDeadlines: '没有逾期或即将到期的期限。',
    allDeadlines: '查看全部期限',
    dueOn: '截止 {date}',
    overdueBy: '已逾期 {n} 个自然日',
    overdueBy1: '已逾期 1 个自然日',
    workdaysLeft: '还剩 {n} 个工作日',
    workdaysLeft1: '还剩 1 个工作日',
    workdaysLeftProvisional: '约剩 {n} 个工作日（暂定）',
    lastDay: '今天是最后办理日',
    actByPassed: '最后办理工作日（{date}）已过',
    actBy: '最后办理工作日 {date}',
    why: '这个日期是怎么算的',
    moreOverdue: '共 {total} 项已逾期，这里列出前 {n} 项：查看全部已逾期的期限',
    moreDueSoon: '共 {total} 项即将到期，这里列出前 {n} 项：查看全部即将到期的期限',
    expiring: '许可证到期分布',
    findings: '核验发现',
    findingsNone: '当前没有核验发现：所有许可证的记录都通过了检查。',
    findingsCount: '共 {total} 项，严重的在前；这里列出前 {n} 项。',
    findingsAll: '共 {total} 项，严重的在前。',
    findingsShowAll: '显示全部 {total} 项',
    findingsShowFirst: '显示前 {max} 项',
    findingsShowFewer: '只显示前 {n} 项',
    findingsTruncated: '只检查了按编号排在前面的 {checked} 张许可证。',
    events: '最近事件',
    eventsHint: '按发生日期排列，最近的在前。',
    eventsNone: '还没有记录事件。续期、变更或处置违法信息等事件可在期限页面记录。',
    recordEvent: '记录事件',
  },
  {
    title: 'Dashboard',
    empty: 'Getting started',
    emptyText: 'Your organisation has no licences yet. Three steps to start:',
    stepUpload: 'Upload a licence document',
    stepUploadText:
      'Upload a licence document (text, PDF or a scan): xuke reads it and checks it; you review and correct it, save it, and xuke works out its deadlines — renewal, annual report and more.',
    stepUploadAction: 'Upload a licence',
    stepImport: 'Import many at once',
    stepImportText:
      'With many licences, ask whoever runs this server to import a batch of documents (or an exported .jsonl file) in one go; each document is first compared with the registers.',
    stepImportLink: 'or upload them one by one here',
    stepRegister: 'Issue licences in your register',
    stepRegisterText:
      'Your organisation is an issuing authority: upload the application documents, review them and record the licence in your register; public verification answers from it.',
    stepRegisterAction: 'Open the register',
    stepRemind: 'Set up reminders',
    stepRemindText:
      'Subscribe to the deadlines in your calendar app, or add a webhook, to be reminded as deadlines approach. Reminders have something to say once a licence is saved.',
    stepRemindFeed: 'Subscribe in a calendar',
    stepRemindWebhook: 'Add a webhook reminder',
    deadlines: 'Deadlines to act on',
    overdue: 'Overdue ({n})',
    dueSoon: 'Due soon ({n})',
    noDeadlines: 'No deadline is overdue or due soon.',
    allDeadlines: 'All deadlines',
    dueOn: 'Due {date}',
    overdueBy: '{n} calendar days overdue',
    overdueBy1: '1 calendar day overdue',
    workdaysLeft: '{n} working days left',
    workdaysLeft1: '1 working day left',
    workdaysLeftProvisional: 'About {n} working days left (provisional)',
    lastDay: 'Today is the last day to act',
    actByPassed: 'The last working day to act ({date}) has passed',
    actBy: 'last working day {date}',
    why: 'How this date was worked out',
    moreOverdue: '{total} overdue, the first {n} listed: see all overdue deadlines',
    moreDueSoon: '{total} due soon, the first {n} listed: see all deadlines due soon',
    expiring: 'Licences expiring by month',
    findings: 'Check findings',
    findingsNone: 'No findings: every licence record passes the checks.',
    findingsCount: '{total} in all, most serious first; the first {n} are listed.',
    findingsAll: '{total} in all, most serious first.',
    findingsShowAll: 'Show all {total}',
    findingsShowFirst: 'Show the first {max}',
    findingsShowFewer: 'Show the first {n} only',
    findingsTruncated: 'Only the first {checked} licences by number were checked.',
    events: 'Recent events',
    eventsHint: 'By the day they happened, latest first.',
    eventsNone:
      'No event recorded yet. Record renewals, changes or illegal content disposed of on the deadlines page.',
    recordEvent: 'Record an event',
  },
);

/** items listed per deadline group before "more on the deadlines page" */
const LISTED = 8;
const FINDINGS_LIMIT = 8;
/** the most findings the API lists at once */
const FINDINGS_MAX = 200;
const EVENTS_LIMIT = 8;

const licenceHref = (number: string) => `/licences/${encodeURIComponent(number)}`;

export default function Dashboard() {
  const t = useT(m);
  const any = useData(['licences', 'any'], () =>
    call(api.GET('/api/v1/licences', { params: { query: { limit: 1 } } })),
  );
  return (
    <>
      <PageHeader title={t('title')} />
      {any.error !== undefined && (
        <ErrorNotice
          error={any.error}
          onRetry={() => {
            void any.mutate();
          }}
        />
      )}
      {any.data === undefined ? (
        any.error === undefined && <Loading />
      ) : any.data.items.length === 0 ? (
        <FirstSteps />
      ) : (
        <div className="dashboard">
          <Deadlines />
          <Expiring />
          <div className="grid">
            <Findings />
            <Events />
          </div>
        </div>
      )}
    </>
  );
}

/** An organisation without licences: what to do first, each step with its link. */
function FirstSteps() {
  const t = useT(m);
  const authority = useOrganisation().data?.kind === 'authority';
  return (
    <section className="card dashboard-empty" aria-labelledby="dashboard-empty">
      <h2 id="dashboard-empty">{t('empty')}</h2>
      <p>{t('emptyText')}</p>
      <ol className="first-steps">
        <li>
          <h3>{t('stepUpload')}</h3>
          <p>{t('stepUploadText')}</p>
          <p>
            <Link href="/upload" className="button primary">
              {t('stepUploadAction')}
            </Link>
          </p>
        </li>
        {authority ? (
          <li>
            <h3>{t('stepRegister')}</h3>
            <p>{t('stepRegisterText')}</p>
            <p>
              <Link href="/register" className="button">
                {t('stepRegisterAction')}
              </Link>
            </p>
          </li>
        ) : (
          <li>
            <h3>{t('stepImport')}</h3>
            <p>{t('stepImportText')}</p>
            <p>
              <Link href="/upload">{t('stepImportLink')}</Link>
            </p>
          </li>
        )}
        <li>
          <h3>{t('stepRemind')}</h3>
          <p>{t('stepRemindText')}</p>
          <p className="first-steps-links">
            <Link href={deadlinesHref({}, FEED_SECTION)} className="button">
              {t('stepRemindFeed')}
            </Link>
            <Link href="/settings" className="button">
              {t('stepRemindWebhook')}
            </Link>
          </p>
        </li>
      </ol>
    </section>
  );
}

function Section({
  id,
  title,
  children,
  className,
}: {
  id: string;
  title: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section className={`card dashboard-section ${className ?? ''}`} aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

type Occurrence = Schemas['LicenceOccurrence'];

function Deadlines() {
  const t = useT(m);
  const today = todayInShanghai();
  const deadlines = useData(['deadlines', 'dashboard', today], () =>
    allDeadlines({ status: 'overdue,due-soon' }),
  );

  return (
    <Section id="dashboard-deadlines" title={t('deadlines')} className="dashboard-deadlines">
      <Loaded read={deadlines}>
        {({ items }) => {
          const overdue = items.filter((o) => o.status === 'overdue');
          const dueSoon = items.filter((o) => o.status === 'due-soon');
          return items.length === 0 ? (
            <p>
              {t('noDeadlines')} <Link href="/deadlines">{t('allDeadlines')}</Link>
            </p>
          ) : (
            <>
              <div className="dashboard-deadline-groups">
                {overdue.length > 0 && (
                  <DeadlineGroup
                    title={t('overdue', { n: overdue.length })}
                    status="overdue"
                    items={overdue}
                    today={today}
                  />
                )}
                {dueSoon.length > 0 && (
                  <DeadlineGroup
                    title={t('dueSoon', { n: dueSoon.length })}
                    status="due-soon"
                    items={dueSoon}
                    today={today}
                  />
                )}
              </div>
              <p>
                <Link href="/deadlines">{t('allDeadlines')}</Link>
              </p>
            </>
          );
        }}
      </Loaded>
    </Section>
  );
}

function DeadlineGroup({
  title,
  status,
  items,
  today,
}: {
  title: string;
  status: 'overdue' | 'due-soon';
  items: readonly Occurrence[];
  today: string;
}) {
  const t = useT(m);
  const { lang } = useLang();
  const remaining = (o: Occurrence): string => {
    if (o.status === 'overdue') {
      const late = daysBetween(o.dueOn, today);
      return late === 1 ? t('overdueBy1') : t('overdueBy', { n: late });
    }
    // working days counted by the server, on the calendar the deadline is dated by; null: the
    // last working day to act (before a due date on a day off) is behind us
    const n = o.workdaysLeft;
    if (n === null) return t('actByPassed', { date: formatDate(o.actBy, lang) });
    if (n === 0) return t('lastDay');
    const left = o.provisional
      ? t('workdaysLeftProvisional', { n })
      : n === 1
        ? t('workdaysLeft1')
        : t('workdaysLeft', { n });
    return o.actBy === o.dueOn
      ? left
      : `${left}${PUNCT[lang].open}${t('actBy', { date: formatDate(o.actBy, lang) })}${PUNCT[lang].close}`;
  };
  return (
    <div className="dashboard-deadline-group">
      <h3>{title}</h3>
      <ul className="dashboard-list">
        {items.slice(0, LISTED).map((o) => (
          <li key={`${o.licence}/${o.id}`} className={`dashboard-deadline dashboard-${o.status}`}>
            <p className="dashboard-item-head">
              <Link href={licenceHref(o.licence)}>{o.licence}</Link>{' '}
              <span>{pick(lang, o.title, o.titleEn)}</span>
            </p>
            <p className="dashboard-item-meta">
              <time dateTime={o.dueOn}>{t('dueOn', { date: formatDate(o.dueOn, lang) })}</time>{' '}
              <OccurrenceBadge status={o.status} /> {o.provisional && <ProvisionalMarker />}{' '}
              <strong className="dashboard-remaining">{remaining(o)}</strong>
            </p>
            <details>
              <summary>{t('why')}</summary>
              <p>{pick(lang, o.explanation.text, o.explanation.textEn)}</p>
            </details>
          </li>
        ))}
      </ul>
      {items.length > LISTED && (
        <p className="dashboard-more">
          <Link href={deadlinesHref({ status: [status] })}>
            {t(status === 'overdue' ? 'moreOverdue' : 'moreDueSoon', {
              total: items.length,
              n: LISTED,
            })}
          </Link>
        </p>
      )}
    </div>
  );
}

/** Every licence expiring within the window, page by page (1000 a page; rarely more than one). */
async function expiringLicences(days: number) {
  const all: { number: string; expiresOn: string | null }[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 20; page += 1) {
    const data = await call(
      api.GET('/api/v1/licences', {
        params: {
          query: {
            'expiring-within': days,
            limit: 1000,
            ...(cursor === undefined ? {} : { cursor }),
          },
        },
      }),
    );
    all.push(...data.items.map((l) => ({ number: l.number, expiresOn: l.licence.expiresOn })));
    if (data.next === null) break;
    cursor = data.next;
  }
  return all;
}

function Expiring() {
  const t = useT(m);
  const today = todayInShanghai();
  const days = windowDays(today);
  const expiring = useData(['licences', 'expiring', today], () => expiringLicences(days));
  return (
    <Section
      id="dashboard-expiring"
      title={t('expiring')}
      // the chart's room is held while it loads; with nothing to chart one sentence says so
      className={
        expiring.data === undefined ? 'dashboard-expiring is-loading' : 'dashboard-expiring'
      }
    >
      <Loaded read={expiring}>
        {(licences) => <ExpiryChart buckets={bucketByMonth(licences, today).buckets} />}
      </Loaded>
    </Section>
  );
}

function Findings() {
  const t = useT(m);
  const { lang } = useLang();
  // the first few, or, asked for, all of them (up to the API's largest page) in place
  const [limit, setLimit] = useState(FINDINGS_LIMIT);
  const findings = useData(
    ['findings', limit],
    () => call(api.GET('/api/v1/findings', { params: { query: { limit } } })),
    { keepPreviousData: true },
  );
  return (
    <Section id="dashboard-findings" title={t('findings')}>
      <Loaded read={findings}>
        {(data) =>
          data.items.length === 0 ? (
            <p>{t('findingsNone')}</p>
          ) : (
            <>
              <p className="hint">
                {data.items.length < data.total
                  ? t('findingsCount', { total: data.total, n: data.items.length })
                  : t('findingsAll', { total: data.total })}
                {data.truncated &&
                  `${lang === 'zh' ? '' : ' '}${t('findingsTruncated', { checked: data.checked })}`}
              </p>
              <ul className="dashboard-list">
                {data.items.map((f, i) => (
                  <li key={`${f.number}-${f.ruleId}-${i}`}>
                    <p className="dashboard-item-head">
                      <SeverityBadge severity={f.severity} /> {pick(lang, f.message, f.messageEn)}
                    </p>
                    <p className="dashboard-item-meta">
                      <Link href={licenceHref(f.number)}>{f.number}</Link>
                      {f.holder !== null && <span> {f.holder}</span>}
                    </p>
                  </li>
                ))}
              </ul>
              {data.items.length < data.total && limit < FINDINGS_MAX ? (
                <p className="dashboard-more">
                  <button
                    type="button"
                    className="link-button"
                    disabled={findings.isValidating}
                    onClick={() => {
                      setLimit(FINDINGS_MAX);
                    }}
                  >
                    {data.total <= FINDINGS_MAX
                      ? t('findingsShowAll', { total: data.total })
                      : t('findingsShowFirst', { max: FINDINGS_MAX })}
                  </button>
                </p>
              ) : (
                limit > FINDINGS_LIMIT &&
                data.items.length > FINDINGS_LIMIT && (
                  <p className="dashboard-more">
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => {
                        setLimit(FINDINGS_LIMIT);
                      }}
                    >
                      {t('findingsShowFewer', { n: FINDINGS_LIMIT })}
                    </button>
                  </p>
                )
              )}
            </>
          )
        }
      </Loaded>
    </Section>
  );
}

function Events() {
  const t = useT(m);
  const { lang } = useLang();
  const name = useNames();
  const events = useData(['events', EVENTS_LIMIT], () =>
    call(api.GET('/api/v1/events', { params: { query: { limit: EVENTS_LIMIT } } })),
  );
  return (
    <Section id="dashboard-events" title={t('events')}>
      <Loaded read={events}>
        {({ items }) =>
          items.length === 0 ? (
            <p>
              {t('eventsNone')} <Link href="/deadlines">{t('recordEvent')}</Link>
            </p>
          ) : (
            <>
              <p className="hint">{t('eventsHint')}</p>
              <ul className="dashboard-list">
                {items.map((e, i) => (
                  <li key={`${e.number}-${e.recordedAt}-${i}`}>
                    <p className="dashboard-item-head">
                      <time dateTime={e.on}>{formatDate(e.on, lang)}</time>{' '}
                      <strong>{name('kind', e.kind)}</strong>{' '}
                      <Link href={licenceHref(e.number)}>{e.number}</Link>
                    </p>
                    <EventNote note={e.note} />
                    <RecordedBy
                      actor={e.actor}
                      at={e.recordedAt}
                      className="dashboard-item-meta hint"
                    />
                  </li>
                ))}
              </ul>
            </>
          )
        }
      </Loaded>
    </Section>
  );
}
