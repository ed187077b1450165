/**
 * A year's annual-report figures for the issuing authority (/annual-report-cycle/overview?year=):
 * how many licences owe the report, how many filed and were accepted, the late filers and the
 * listed holders; the filing rate by region and by service (bars, with the figures in words and a
 * table for screen readers); and the progress of the year's random spot checks (双随机、一公开).
 */
import { useLocation, useSearch } from 'wouter';
import { api, call, type Schemas } from '../../api/client';
import { useOrganisation } from '../../api/organisation';
import { useData } from '../../api/use-data';
import { PageHeader } from '../common';
import { Loaded } from '../Loaded';
import { AuthorityTabs } from './AuthorityTabs';
import { YearPicker, yearOf } from './YearPicker';
import { CYCLE_STAGES, STAGE_BADGE, stageWord } from './words';
import { serviceName } from '../licence/service-names';
import { useKindWord } from '../trust/kinds';
import { formatDate } from '../../format';
import { defineMessages, PUNCT, useLang, useT } from '../../i18n';

const m = defineMessages(
  {
    title: '{year} 年度年报统计',
    notAuthority: '年报统计属于发证机关。您的组织是{kind}。',
    window: '报送期：{from} 至 {to}',
    figures: '总体',
    due: '应报送',
    filed: '已报送',
    accepted: '已受理',
    late: '逾期报送或未报送',
    listed: '列入不良名单',
    rateOf: '报送率 {rate}',
    byStage: '按阶段',
    stage: '阶段',
    count: '许可证数',
    byRegion: '按地区的报送率',
    byService: '按业务的报送率',
    region: '地区',
    service: '业务',
    filingRate: '报送率',
    acceptRate: '受理率',
    none: '没有应报送的许可证。',
    region_MIIT: '工业和信息化部',
    spotChecks: '双随机抽查进度',
    spotNone: '本年度还没有抽查。',
    drawnOn: '抽取日期',
    seed: '随机种子',
    checks: '抽中',
    done: '已检查',
    progress: '进度',
    spotTotal: '共抽中 {checks} 家，已检查 {done} 家。',
    noRate: '—',
  },
  {
    title: 'Annual reports {year}: figures',
    notAuthority: 'The figures belong to issuing authorities. Your organisation is a {kind}.',
    window: 'Filing window: {from} to {to}',
    figures: 'In all',
    due: 'Owe the report',
    filed: 'Filed',
    accepted: 'Accepted',
    late: 'Late or not filed',
    listed: 'On the 不良名单',
    rateOf: 'filing rate {rate}',
    byStage: 'By stage',
    stage: 'Stage',
    count: 'Licences',
    byRegion: 'Filing rate by region',
    byService: 'Filing rate by service',
    region: 'Region',
    service: 'Service',
    filingRate: 'Filed',
    acceptRate: 'Accepted',
    none: 'No licence owes the report.',
    region_MIIT: 'MIIT',
    spotChecks: 'Random spot checks',
    spotNone: 'No spot check drawn for this year yet.',
    drawnOn: 'Drawn on',
    seed: 'Seed',
    checks: 'Drawn',
    done: 'Inspected',
    progress: 'Progress',
    spotTotal: '{checks} drawn in all, {done} inspected.',
    noRate: '—',
  },
);

type Overview = Schemas['AnnualReportOverview'];
type Tally = Overview['byRegion'][number];

const percent = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 100);

/** A bar for the eye (hidden from screen readers) beside the figure in words. */
function Bar({ value, label }: { value: number | null; label: string }) {
  return (
    <span className="ar-bar-cell">
      <span className="ar-bar" aria-hidden="true">
        <span style={{ width: `${value ?? 0}%` }} />
      </span>
      <span className="ar-bar-value">{label}</span>
    </span>
  );
}

export default function OverviewView() {
  const t = useT(m);
  const { lang } = useLang();
  const search = useSearch();
  const [, navigate] = useLocation();
  const year = yearOf(search);
  const organisation = useOrganisation();
  const kind = useKindWord();
  const authority = organisation.data?.kind === 'authority';
  const overview = useData(authority ? ['annual-reports', 'overview', year] : null, () =>
    call(api.GET('/api/v1/annual-report-cycle/overview', { params: { query: { year } } })),
  );
  const spot = useData(authority ? ['spot-checks', year] : null, () =>
    call(api.GET('/api/v1/spot-checks', { params: { query: { year } } })),
  );
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
  return (
    <>
      <PageHeader title={t('title', { year })}>
        <YearPicker
          key={year}
          year={year}
          onYear={(y) => {
            navigate(`/annual-report-cycle/overview?year=${y}`);
          }}
        />
      </PageHeader>
      <AuthorityTabs />
      <Loaded read={overview}>
        {(o) => (
          <>
            <p>
              {t('window', {
                from: formatDate(o.window.from, lang),
                to: formatDate(o.window.to, lang),
              })}
            </p>
            <Figures overview={o} />
            {o.due > 0 && (
              <>
                <section aria-labelledby="ar-stage-h">
                  <h2 id="ar-stage-h">{t('byStage')}</h2>
                  <div className="table-wrap">
                    <table className="ar-tally">
                      <thead>
                        <tr>
                          <th scope="col">{t('stage')}</th>
                          <th scope="col">{t('count')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {CYCLE_STAGES.map((s) => (
                          <tr key={s}>
                            <th scope="row">
                              <span className={`badge ${STAGE_BADGE[s]}`}>
                                {stageWord(s, lang)}
                              </span>
                            </th>
                            <td>
                              <Bar
                                value={percent(o.byStage[s], o.due)}
                                label={String(o.byStage[s])}
                              />
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </section>
                <TallyTable
                  id="ar-region-h"
                  title={t('byRegion')}
                  keyLabel={t('region')}
                  rows={o.byRegion}
                  name={(k) => (k === 'MIIT' ? t('region_MIIT') : k)}
                />
                <TallyTable
                  id="ar-service-h"
                  title={t('byService')}
                  keyLabel={t('service')}
                  rows={o.byService}
                  name={(k) => {
                    const n = serviceName(k, lang);
                    return n === undefined ? k : `${n}${PUNCT[lang].open}${k}${PUNCT[lang].close}`;
                  }}
                />
              </>
            )}
          </>
        )}
      </Loaded>
      <section aria-labelledby="ar-spot-h">
        <h2 id="ar-spot-h">{t('spotChecks')}</h2>
        <Loaded read={spot}>
          {(data) =>
            data.items.length === 0 ? (
              <p className="hint">{t('spotNone')}</p>
            ) : (
              <>
                <p>
                  {t('spotTotal', {
                    checks: data.items.reduce((n, d) => n + d.checks, 0),
                    done: data.items.reduce((n, d) => n + d.done, 0),
                  })}
                </p>
                <div className="table-wrap">
                  <table className="ar-tally">
                    <thead>
                      <tr>
                        <th scope="col">{t('drawnOn')}</th>
                        <th scope="col">{t('seed')}</th>
                        <th scope="col">{t('checks')}</th>
                        <th scope="col">{t('done')}</th>
                        <th scope="col">{t('progress')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.items.map((d) => {
                        const p = percent(d.done, d.checks);
                        return (
                          <tr key={d.id}>
                            <th scope="row">{formatDate(d.drawnOn, lang)}</th>
                            <td className="mono" title={d.seed}>
                              {d.seed.slice(0, 12)}…
                            </td>
                            <td>{d.checks}</td>
                            <td>{d.done}</td>
                            <td>
                              <Bar value={p} label={p === null ? t('noRate') : `${p}%`} />
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              </>
            )
          }
        </Loaded>
      </section>
    </>
  );
}

function Figures({ overview: o }: { overview: Overview }) {
  const t = useT(m);
  // every licence has one region: the regions' filed add up to all filed
  const filed = o.byRegion.reduce((n, r) => n + r.filed, 0);
  const rate = percent(filed, o.due);
  if (o.due === 0) return <p className="notice notice-info">{t('none')}</p>;
  return (
    <section aria-labelledby="ar-figures-h">
      <h2 id="ar-figures-h">{t('figures')}</h2>
      <dl className="ar-figures">
        <div>
          <dt>{t('due')}</dt>
          <dd>{o.due}</dd>
        </div>
        <div>
          <dt>{t('filed')}</dt>
          <dd>
            {filed}
            {rate !== null && <span className="hint"> {t('rateOf', { rate: `${rate}%` })}</span>}
          </dd>
        </div>
        <div>
          <dt>{t('accepted')}</dt>
          <dd>{o.byStage.accepted}</dd>
        </div>
        <div>
          <dt>{t('late')}</dt>
          <dd>{o.late}</dd>
        </div>
        <div>
          <dt>{t('listed')}</dt>
          <dd>{o.listed}</dd>
        </div>
      </dl>
    </section>
  );
}

function TallyTable({
  id,
  title,
  keyLabel,
  rows,
  name,
}: {
  id: string;
  title: string;
  keyLabel: string;
  rows: readonly Tally[];
  name: (key: string) => string;
}) {
  const t = useT(m);
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <div className="table-wrap">
        <table className="ar-tally">
          <thead>
            <tr>
              <th scope="col">{keyLabel}</th>
              <th scope="col">{t('due')}</th>
              <th scope="col">{t('filed')}</th>
              <th scope="col">{t('accepted')}</th>
              <th scope="col">{t('filingRate')}</th>
              <th scope="col">{t('acceptRate')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const filed = percent(r.filed, r.due);
              return (
                <tr key={r.key}>
                  <th scope="row">{name(r.key)}</th>
                  <td>{r.due}</td>
                  <td>{r.filed}</td>
                  <td>{r.accepted}</td>
                  <td>
                    <Bar value={filed} label={filed === null ? t('noRate') : `${filed}%`} />
                  </td>
                  <td>{r.rate === null ? t('noRate') : `${Math.round(r.rate * 100)}%`}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
