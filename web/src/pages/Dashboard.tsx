/**
 * The dashboard: what needs doing (deadlines overdue and due soon, with the working days left),
 * when licences expire (the next twelve months), what the checks found and what happened lately.
 * Every item links to its licence. An organisation without licences is told how to start.
 */
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { api, call, type Schemas } from '../api/client';
import { useData } from '../api/use-data';
import { ErrorNotice, Loading, PageHeader } from '../components/common';
import { Loaded } from '../components/Loaded';
import { ExpiryChart } from '../components/chart/ExpiryChart';
import { bucketByMonth, daysBetween, windowDays } from '../components/chart/expiry-buckets';
import { OccurrenceBadge } from '../components/deadlines/occurrence-status';
import { ProvisionalMarker, SeverityBadge, useNames } from '../components/licence/labels';
import { EventNote, RecordedBy } from '../components/licence/RecordedEvent';
import { formatDate, todayInShanghai } from '../format';
import { defineMessages, pick, PUNCT, useLang, useT } from '../i18n';
import './dashboard.css';

const m = defineMessages(
  {
    title: '概览',
    empty: '还没有许可证',
    emptyText:
      '上传一份许可证文件（文本、PDF 或扫描件）：xuke 读出各项内容、核验，并算出续期、年报等期限。',
    emptyAction: '上传许可证',
    deadlines: '需要处理的期限',
    overdue: '已逾期（{n}）',
    dueSoon: '即将到期（{n}）',
    noDeadlines: '没有逾期或即将到期的期限。',
    allDeadlines: '查看全部期限',
    dueOn: '截止 {date}',
    overdueBy: '已逾期 {n} 天',
    overdueBy1: '已逾期 1 天',
    workdaysLeft: '还剩 {n} 个工作日',
    workdaysLeft1: '还剩 1 个工作日',
    workdaysLeftProvisional: '约剩 {n} 个工作日（暂定）',
    lastDay: '今天是最后办理日',
    actByPassed: '最后办理工作日（{date}）已过',
    actBy: '最后办理工作日 {date}',
    why: '这个日期是怎么算的',
    moreDeadlines: '另有 {n} 项，见期限页面',
    expiring: '许可证到期分布',
    findings: '核验发现',
    findingsNone: '当前没有核验发现：所有许可证的记录都通过了检查。',
    findingsCount: '共 {total} 项，严重的在前；这里列出前 {n} 项。',
    findingsTruncated: '只检查了按编号排在前面的 {checked} 张许可证。',
    events: '最近事件',
    eventsNone: '还没有记录事件。续期、变更或处置违法信息等事件可在期限页面记录。',
    recordEvent: '记录事件',
  },
  {
    title: 'Dashboard',
    empty: 'No licences yet',
    emptyText:
      'Upload a licence document (text, PDF or a scan): xuke reads it, checks it and works out its deadlines — renewal, annual report and more.',
    emptyAction: 'Upload a licence',
    deadlines: 'Deadlines to act on',
    overdue: 'Overdue ({n})',
    dueSoon: 'Due soon ({n})',
    noDeadlines: 'No deadline is overdue or due soon.',
    allDeadlines: 'All deadlines',
    dueOn: 'Due {date}',
    overdueBy: '{n} days overdue',
    overdueBy1: '1 day overdue',
    workdaysLeft: '{n} working days left',
    workdaysLeft1: '1 working day left',
    workdaysLeftProvisional: 'About {n} working days left (provisional)',
    lastDay: 'Today is the last day to act',
    actByPassed: 'The last working day to act ({date}) has passed',
    actBy: 'last working day {date}',
    why: 'How this date was worked out',
    moreDeadlines: '{n} more on the deadlines page',
    expiring: 'Licences expiring by month',
    findings: 'Check findings',
    findingsNone: 'No findings: every licence record passes the checks.',
    findingsCount: '{total} in all, most serious first; the first {n} are listed.',
    findingsTruncated: 'Only the first {checked} licences by number were checked.',
    events: 'Recent events',
    eventsNone:
      'No event recorded yet. Record renewals, changes or illegal content disposed of on the deadlines page.',
    recordEvent: 'Record an event',
  },
);

/** items listed per deadline group before "more on the deadlines page" */
const LISTED = 8;
const FINDINGS_LIMIT = 8;
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
        <section className="card dashboard-empty" aria-labelledby="dashboard-empty">
          <h2 id="dashboard-empty">{t('empty')}</h2>
          <p>{t('emptyText')}</p>
          <p>
            <Link href="/upload" className="button primary">
              {t('emptyAction')}
            </Link>
          </p>
        </section>
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
    call(api.GET('/api/v1/deadlines', { params: { query: { status: 'overdue,due-soon' } } })),
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
                    items={overdue}
                    today={today}
                  />
                )}
                {dueSoon.length > 0 && (
                  <DeadlineGroup
                    title={t('dueSoon', { n: dueSoon.length })}
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
  items,
  today,
}: {
  title: string;
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
        <p className="hint">
          <Link href="/deadlines">{t('moreDeadlines', { n: items.length - LISTED })}</Link>
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
    <Section id="dashboard-expiring" title={t('expiring')} className="dashboard-expiring">
      <Loaded read={expiring}>
        {(licences) => <ExpiryChart buckets={bucketByMonth(licences, today).buckets} />}
      </Loaded>
    </Section>
  );
}

function Findings() {
  const t = useT(m);
  const { lang } = useLang();
  const findings = useData(['findings', FINDINGS_LIMIT], () =>
    call(api.GET('/api/v1/findings', { params: { query: { limit: FINDINGS_LIMIT } } })),
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
                {t('findingsCount', { total: data.total, n: data.items.length })}
                {data.truncated && ` ${t('findingsTruncated', { checked: data.checked })}`}
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
          )
        }
      </Loaded>
    </Section>
  );
}
