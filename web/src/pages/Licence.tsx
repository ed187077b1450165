/**
 * One licence (`/licences/{number}`): the record, its current check findings, its deadlines on a
 * timeline, its events and version history with what changed, and its source documents. A number
 * the organisation does not hold is said so in words (the API answers 404 for another
 * organisation's licence too, so nothing leaks).
 */
import { Link } from 'wouter';
import { ApiError, api, call } from '../api/client';
import { useData } from '../api/use-data';
import { ErrorNotice, Loading, PageHeader, StatusBadge } from '../components/common';
import { Loaded } from '../components/Loaded';
import { CheckFindings } from '../components/licence/CheckFindings';
import { DeadlineTimeline } from '../components/licence/DeadlineTimeline';
import { LicenceRecordView } from '../components/licence/LicenceRecordView';
import { ObligationEvents } from '../components/licence/ObligationEvents';
import { VersionHistory } from '../components/licence/VersionHistory';
import { useNames } from '../components/licence/labels';
import { TrustPanel } from '../components/trust/TrustPanel';
import { useWord } from '../components/trust/TrustViews';
import type { StoredLicence } from '../components/licence/types';
import { formatTimestamp, todayInShanghai } from '../format';
import { defineMessages, PUNCT, useLang, useT } from '../i18n';
import './licence.css';

const m = defineMessages(
  {
    notFound: '您的组织中没有编号为 {number} 的许可证。',
    notFoundHint: '请核对编号；要登记这张许可证，先上传它的文件。',
    find: '查找许可证',
    upload: '上传许可证',
    verify: '公开查验页',
    contents: '本页内容',
    trust: '登记簿比对',
    record: '许可证信息',
    findings: '核验发现',
    findingsHint: '按今天的日期检查当前记录的结果。',
    checking: '正在核验…',
    deadlines: '期限',
    deadlinesHint: '记录事件（如处置违法信息）或把期限标记为已完成，请到',
    deadlinesLink: '期限页面',
    history: '事件与版本历史',
    documents: '来源文件',
    noDocuments: '没有记录来源文件（记录不是从文件读取的）。',
    documentsHint: '服务器只保存文件的 SHA-256 摘要，不保存文件名和大小。',
    version: '版本',
    sha256: 'SHA-256',
    recordedAt: '记录时间',
    versionN: '第 {v} 版',
    recordedStatus: '记录状态：{status}',
    currentStatus: '当前状态',
    versionLead: '第 {v} 版',
  },
  {
    notFound: 'There is no licence {number} in your organisation.',
    notFoundHint: 'Check the number; to register this licence, upload its document first.',
    find: 'Find licences',
    upload: 'Upload a licence',
    verify: 'Public verification page',
    contents: 'On this page',
    trust: 'Register comparison',
    record: 'Licence record',
    findings: 'Check findings',
    findingsHint: 'The checks of the current record as of today.',
    checking: 'Checking…',
    deadlines: 'Deadlines',
    deadlinesHint:
      'To record an event (such as illegal content disposed of) or mark a deadline done, go to the',
    deadlinesLink: 'deadlines page',
    history: 'Events and version history',
    documents: 'Source documents',
    noDocuments: 'No source document recorded (the record was not read from a document).',
    documentsHint: 'The server keeps each document’s SHA-256 digest, not its name or size.',
    version: 'Version',
    sha256: 'SHA-256',
    recordedAt: 'Recorded',
    versionN: 'Version {v}',
    recordedStatus: 'recorded status: {status}',
    currentStatus: 'Current status',
    versionLead: 'version {v}',
  },
);

const SECTIONS = ['trust', 'record', 'findings', 'deadlines', 'history', 'documents'] as const;
/** the events endpoint's largest page: a licence rarely has as many */
const EVENTS_LIMIT = 100;

export default function Licence({ number }: { number: string }) {
  const t = useT(m);
  const path = { params: { path: { number } } };
  const licence = useData(['licence', number], () =>
    call(api.GET('/api/v1/licences/{number}', path)),
  );

  if (licence.error instanceof ApiError && licence.error.status === 404) {
    return (
      <>
        <PageHeader title={number} />
        <div className="notice notice-warn" role="alert">
          <p>{t('notFound', { number })}</p>
          <p>{t('notFoundHint')}</p>
          <p className="licence-links">
            <Link href="/licences">{t('find')}</Link>
            <Link href="/upload">{t('upload')}</Link>
          </p>
        </div>
      </>
    );
  }
  const stored = licence.data;
  // a malformed number (400) will not become valid by asking again
  const retry =
    licence.error instanceof ApiError && licence.error.status === 400
      ? undefined
      : () => {
          void licence.mutate();
        };
  return (
    <>
      <PageHeader title={stored?.number ?? number}>
        {stored !== undefined && (
          <Link href={`/verify/${encodeURIComponent(stored.number)}`} className="button">
            {t('verify')}
          </Link>
        )}
      </PageHeader>
      {licence.error !== undefined &&
        (retry === undefined ? (
          <ErrorNotice error={licence.error} />
        ) : (
          <ErrorNotice error={licence.error} onRetry={retry} />
        ))}
      {stored === undefined ? (
        licence.error === undefined && <Loading />
      ) : (
        <LicenceBody stored={stored} />
      )}
    </>
  );
}

function Lead({ stored }: { stored: StoredLicence }) {
  const t = useT(m);
  const { lang } = useLang();
  const name = useNames();
  const word = useWord();
  return (
    <p className="licence-lead">
      <span className="visually-hidden">
        {t('currentStatus')}
        {PUNCT[lang].colon}
      </span>
      <StatusBadge status={stored.currentStatus} />
      {stored.status !== stored.currentStatus && (
        <span className="hint">
          {t('recordedStatus', { status: name('status', stored.status) })}
        </span>
      )}
      {stored.licence.holder.name !== null && <span>{stored.licence.holder.name}</span>}
      <span className="hint">{t('versionLead', { v: stored.version })}</span>
      <span className={`provenance is-${stored.provenance}`}>
        {word('provenance', stored.provenance)}
      </span>
    </p>
  );
}

function LicenceBody({ stored }: { stored: StoredLicence }) {
  const t = useT(m);
  const { lang } = useLang();
  const number = stored.number;
  const path = { params: { path: { number } } };
  const today = todayInShanghai();
  const checks = useData(['licence', number, 'checks', stored.version, today], () =>
    call(api.POST('/api/v1/checks', { body: { licence: stored.licence, today } })),
  );
  const deadlines = useData(['licence', number, 'deadlines'], () =>
    call(api.GET('/api/v1/licences/{number}/deadlines', path)),
  );
  const history = useData(['licence', number, 'history'], () =>
    call(api.GET('/api/v1/licences/{number}/history', path)),
  );
  const documents = useData(['licence', number, 'documents'], () =>
    call(api.GET('/api/v1/licences/{number}/documents', path)),
  );
  // the obligation events (lifecycle ones come with the history, with their versions)
  const events = useData(['licence', number, 'events'], () =>
    call(api.GET('/api/v1/events', { params: { query: { number, limit: EVENTS_LIMIT } } })),
  );

  return (
    <>
      <Lead stored={stored} />
      <nav className="licence-contents" aria-label={t('contents')}>
        <ul>
          {SECTIONS.map((s) => (
            <li key={s}>
              <a href={`#licence-${s}`}>{t(s)}</a>
            </li>
          ))}
        </ul>
      </nav>

      <section id="licence-trust" className="licence-section" aria-labelledby="licence-trust-h">
        <h2 id="licence-trust-h">{t('trust')}</h2>
        <TrustPanel number={number} />
      </section>

      <section id="licence-record" className="licence-section" aria-labelledby="licence-record-h">
        <h2 id="licence-record-h">{t('record')}</h2>
        <LicenceRecordView record={stored.licence} />
      </section>

      <section
        id="licence-findings"
        className="licence-section"
        aria-labelledby="licence-findings-h"
        aria-busy={checks.isLoading}
      >
        <h2 id="licence-findings-h">{t('findings')}</h2>
        <p className="hint">{t('findingsHint')}</p>
        <div aria-live="polite">
          <Loaded read={checks} loadingLabel={t('checking')}>
            {(report) => <CheckFindings findings={report.findings} />}
          </Loaded>
        </div>
      </section>

      <section
        id="licence-deadlines"
        className="licence-section"
        aria-labelledby="licence-deadlines-h"
      >
        <h2 id="licence-deadlines-h">{t('deadlines')}</h2>
        <p className="hint">
          {t('deadlinesHint')} <Link href="/deadlines">{t('deadlinesLink')}</Link>
          {PUNCT[lang].stop.trim()}
        </p>
        <Loaded read={deadlines}>
          {({ occurrences }) => <DeadlineTimeline occurrences={occurrences} today={today} />}
        </Loaded>
      </section>

      <section id="licence-history" className="licence-section" aria-labelledby="licence-history-h">
        <h2 id="licence-history-h">{t('history')}</h2>
        <Loaded read={history}>
          {({ versions, events: lifecycle }) => (
            <VersionHistory
              versions={versions}
              events={lifecycle}
              besideEvents={
                <Loaded read={events}>
                  {({ items }) => <ObligationEvents events={items} limit={EVENTS_LIMIT} />}
                </Loaded>
              }
            />
          )}
        </Loaded>
      </section>

      <section
        id="licence-documents"
        className="licence-section"
        aria-labelledby="licence-documents-h"
      >
        <h2 id="licence-documents-h">{t('documents')}</h2>
        <Loaded read={documents}>
          {({ items }) =>
            items.length === 0 ? (
              <p>{t('noDocuments')}</p>
            ) : (
              <>
                <div className="table-wrap">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t('version')}</th>
                        <th scope="col">{t('sha256')}</th>
                        <th scope="col">{t('recordedAt')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {items.map((d) => (
                        <tr key={`${d.version}-${d.sha256}`}>
                          <td>
                            <a href={`#version-${d.version}`}>{t('versionN', { v: d.version })}</a>
                          </td>
                          <td className="mono licence-sha">{d.sha256}</td>
                          <td>{formatTimestamp(d.recordedAt, lang)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <p className="hint">{t('documentsHint')}</p>
              </>
            )
          }
        </Loaded>
      </section>
    </>
  );
}
