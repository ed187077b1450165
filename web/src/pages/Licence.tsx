/**
 * One licence (`/licences/{number}`): the record, its current check findings, its deadlines on a
 * timeline, its events and version history with what changed, and its source documents. A number
 * the organisation does not hold is said so in words (the API answers 404 for another
 * organisation's licence too, so nothing leaks). Its actions, as the role and the organisation
 * allow: record an event here, its deadlines on the deadlines page (filtered to it) to mark them
 * done, a new version through the upload page's review, its public verification page, and the
 * signed e-licence of a licence in this authority's own register. An address with a section
 * (`#licence-history`) lands there once the sections above it have loaded.
 */
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { ApiError, api, call } from '../api/client';
import { useOrganisation } from '../api/organisation';
import { refresh, useData } from '../api/use-data';
import { ColumnHeads, ErrorNotice, Loading, PageHeader, StatusBadge } from '../components/common';
import { Loaded } from '../components/Loaded';
import { deadlinesHref } from '../components/deadlines/links';
import { labels as eventLabels } from '../components/deadlines/names';
import type { RecordedEvent } from '../components/deadlines/RecordEventForm';
import { CheckFindings } from '../components/licence/CheckFindings';
import { DeadlineTimeline } from '../components/licence/DeadlineTimeline';
import { LicenceRecordView } from '../components/licence/LicenceRecordView';
import { ObligationEvents } from '../components/licence/ObligationEvents';
import { VersionHistory } from '../components/licence/VersionHistory';
import { useNames } from '../components/licence/labels';
import { TrustPanel } from '../components/trust/TrustPanel';
import { useWord } from '../components/trust/TrustViews';
import type { StoredLicence } from '../components/licence/types';
import { useHashTarget } from '../components/use-hash-target';
import { formatDate, formatTimestamp, todayInShanghai } from '../format';
import { defineMessages, PUNCT, useLang, useT } from '../i18n';
import './licence.css';

// the form loads when it is opened: most visits only read the licence
const RecordEventForm = lazy(() =>
  import('../components/deadlines/RecordEventForm').then((mod) => ({
    default: mod.RecordEventForm,
  })),
);

const m = defineMessages({
  notFound: [
    '您的组织中没有编号为 {number} 的许可证。',
    'There is no licence {number} in your organisation.',
  ],
  notFoundHint: [
    '请核对编号；要登记这张许可证，先上传它的文件。',
    'Check the number; to register this licence, upload its document first.',
  ],
  find: ['查找许可证', 'Find licences'],
  upload: ['上传许可证', 'Upload a licence'],
  verify: ['公开查验页', 'Public verification page'],
  actions: ['许可证操作', 'Licence actions'],
  recordEvent: ['记录事件', 'Record an event'],
  recordTitle: ['为 {number} 记录事件', 'Record an event for {number}'],
  recordIntro: [
    '发生了会引起报告或申请义务的事情时记录下来（例如处置了违法信息），xuke 会据此算出新的期限。',
    'When something happens that starts a duty to report or apply (such as illegal information disposed of), record it and xuke dates the new deadline.',
  ],
  recorded: ['已记录：{kind}（{date}）。', 'Recorded: {kind} ({date}).'],
  recordedDeadlines: ['查看它产生的期限', 'See the deadlines it starts'],
  close: ['关闭', 'Close'],
  markDone: ['标记期限完成', 'Mark deadlines done'],
  seeDeadlines: ['查看期限', 'See its deadlines'],
  newVersion: ['上传新版本', 'Upload a new version'],
  inRegister: ['在登记簿中办理', 'Open in the register'],
  elicence: ['下载电子证照', 'Download the e-licence'],
  elicenceHint: [
    '发证机关签名（SM2）的电子证照，JSON 文件',
    'The e-licence signed by the issuing authority (SM2), a JSON file',
  ],
  contents: ['本页内容', 'On this page'],
  trust: ['登记簿比对', 'Register comparison'],
  record: ['许可证信息', 'Licence record'],
  findings: ['核验发现', 'Check findings'],
  findingsHint: [
    '按今天的日期检查当前记录的结果。',
    'The checks of the current record as of today.',
  ],
  checking: ['正在核验…', 'Checking…'],
  deadlines: ['期限', 'Deadlines'],
  deadlinesHint: [
    '记录事件（如处置违法信息）或把期限标记为已完成，请到',
    'To record an event (such as illegal content disposed of) or mark a deadline done, go to the',
  ],
  deadlinesLink: ['期限页面', 'deadlines page'],
  history: ['事件与版本历史', 'Events and version history'],
  documents: ['来源文件', 'Source documents'],
  noDocuments: [
    '没有记录来源文件（记录不是从文件读取的）。',
    'No source document recorded (the record was not read from a document).',
  ],
  documentsHint: [
    '服务器只保存文件的 SHA-256 摘要，不保存文件名和大小。',
    'The server keeps each document’s SHA-256 digest, not its name or size.',
  ],
  version: ['版本', 'Version'],
  sha256: ['SHA-256', 'SHA-256'],
  recordedAt: ['记录时间', 'Recorded'],
  versionN: ['第 {v} 版', 'Version {v}'],
  recordedStatus: ['记录状态：{status}', 'recorded status: {status}'],
  currentStatus: ['当前状态', 'Current status'],
  versionLead: ['第 {v} 版', 'version {v}'],
});

const RECORD_BUTTON = 'licence-record-button';
const RECORD_PANEL = 'licence-record-event';

const SECTIONS = ['trust', 'record', 'findings', 'deadlines', 'history', 'documents'] as const;
/** the events endpoint's largest page: a licence rarely has as many */
const EVENTS_LIMIT = 100;

export default function Licence({ number }: { number: string }) {
  const t = useT(m);
  const path = { params: { path: { number } } };
  const licence = useData(['licence', number], () =>
    call(api.GET('/api/v1/licences/{number}', path)),
  );
  const [recording, setRecording] = useState(false);

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
          <Actions
            stored={stored}
            recording={recording}
            onRecord={() => {
              setRecording(!recording);
            }}
          />
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
        <LicenceBody
          stored={stored}
          recording={recording}
          onCloseRecording={() => {
            setRecording(false);
          }}
        />
      )}
    </>
  );
}

/**
 * What can be done with the licence, as the role and the organisation allow. An issuing authority
 * decides in its register; a holder or platform records events and uploads new versions.
 */
function Actions({
  stored,
  recording,
  onRecord,
}: {
  stored: StoredLicence;
  recording: boolean;
  onRecord: () => void;
}) {
  const t = useT(m);
  const me = useData(['me'], () => call(api.GET('/api/v1/me')));
  const authority = useOrganisation().data?.kind === 'authority';
  const role = me.data?.role;
  const writes = role === 'admin' || role === 'member';
  const number = stored.number;
  const encoded = encodeURIComponent(number);
  return (
    <div className="page-actions" role="group" aria-label={t('actions')}>
      {writes && !authority && (
        <button
          type="button"
          id={RECORD_BUTTON}
          aria-expanded={recording}
          aria-controls={recording ? RECORD_PANEL : undefined}
          onClick={onRecord}
        >
          {t('recordEvent')}
        </button>
      )}
      <Link href={deadlinesHref({ licence: number })} className="button">
        {writes ? t('markDone') : t('seeDeadlines')}
      </Link>
      {writes && !authority && (
        <Link href="/upload" className="button">
          {t('newVersion')}
        </Link>
      )}
      {authority && (
        <Link href={`/register?number=${encoded}`} className="button">
          {t('inRegister')}
        </Link>
      )}
      <Link href={`/verify/${encoded}`} className="button">
        {t('verify')}
      </Link>
      {stored.provenance === 'issued' && (
        <a
          href={`/api/v1/public/licences/${encoded}/elicence`}
          download={`${number}.elicence.json`}
          className="button"
          title={t('elicenceHint')}
        >
          {t('elicence')}
        </a>
      )}
    </div>
  );
}

/** Record an obligation event for this licence, and what it started. */
function RecordPanel({
  stored,
  onRecorded,
  onClose,
}: {
  stored: StoredLicence;
  /** re-read what the event changes */
  onRecorded: () => Promise<void>;
  onClose: () => void;
}) {
  const t = useT(m);
  const tl = useT(eventLabels);
  const { lang } = useLang();
  const [recorded, setRecorded] = useState<RecordedEvent | null>(null);
  const today = todayInShanghai();
  const heading = useRef<HTMLHeadingElement>(null);
  // opened from the actions: the keyboard follows into the panel
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <section
      id={RECORD_PANEL}
      className="card licence-record-event"
      aria-labelledby={`${RECORD_PANEL}-h`}
    >
      <h2 id={`${RECORD_PANEL}-h`} ref={heading} tabIndex={-1}>
        {t('recordTitle', { number: stored.number })}
      </h2>
      <p className="hint">{t('recordIntro')}</p>
      <Suspense fallback={<Loading />}>
        <RecordEventForm
          licences={[{ number: stored.number, holder: stored.licence.holder.name }]}
          truncated={false}
          today={today}
          onRecorded={async (event) => {
            await onRecorded();
            setRecorded(event);
          }}
        />
      </Suspense>
      <div role="status" aria-live="polite">
        {recorded !== null && (
          <p className="notice notice-ok">
            {t('recorded', {
              kind: tl(`event_${recorded.kind}`),
              date: formatDate(recorded.date, lang),
            })}{' '}
            <a href="#licence-deadlines">{t('recordedDeadlines')}</a>
          </p>
        )}
      </div>
      <button
        type="button"
        onClick={() => {
          onClose();
          // back to the button that opened it
          document.getElementById(RECORD_BUTTON)?.focus();
        }}
      >
        {t('close')}
      </button>
    </section>
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

/** One of the page's sections (`#licence-history` …), headed by its name in the contents. */
function Section({
  name,
  busy,
  children,
}: {
  name: (typeof SECTIONS)[number];
  /** its content is being read (aria-busy) */
  busy?: boolean;
  children: ReactNode;
}) {
  const t = useT(m);
  const id = `licence-${name}`;
  return (
    <section id={id} className="licence-section" aria-labelledby={`${id}-h`} aria-busy={busy}>
      <h2 id={`${id}-h`}>{t(name)}</h2>
      {children}
    </section>
  );
}

function LicenceBody({
  stored,
  recording,
  onCloseRecording,
}: {
  stored: StoredLicence;
  /** the record-an-event panel is open */
  recording: boolean;
  onCloseRecording: () => void;
}) {
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
  const settled = (read: { data: unknown; error: unknown }) =>
    read.data !== undefined || read.error !== undefined;
  // the sections above the history and the history itself drawn: a `#licence-…` lands in place
  useHashTarget(settled(checks) && settled(deadlines) && settled(history));

  return (
    <>
      <Lead stored={stored} />
      {recording && (
        <RecordPanel
          stored={stored}
          onRecorded={async () => {
            // this licence's deadlines and events, and the lists elsewhere that show them
            await Promise.all([deadlines.mutate(), events.mutate()]);
            void refresh('deadlines');
            void refresh('events');
          }}
          onClose={onCloseRecording}
        />
      )}
      <nav className="licence-contents" aria-label={t('contents')}>
        <ul>
          {SECTIONS.map((s) => (
            <li key={s}>
              <a href={`#licence-${s}`}>{t(s)}</a>
            </li>
          ))}
        </ul>
      </nav>

      <Section name="trust">
        <TrustPanel number={number} />
      </Section>

      <Section name="record">
        <LicenceRecordView record={stored.licence} />
      </Section>

      <Section name="findings" busy={checks.isLoading}>
        <p className="hint">{t('findingsHint')}</p>
        <div aria-live="polite">
          <Loaded read={checks} loadingLabel={t('checking')}>
            {(report) => <CheckFindings findings={report.findings} />}
          </Loaded>
        </div>
      </Section>

      <Section name="deadlines">
        <p className="hint">
          {t('deadlinesHint')}{' '}
          <Link href={deadlinesHref({ licence: number })}>{t('deadlinesLink')}</Link>
          {PUNCT[lang].stop.trim()}
        </p>
        <Loaded read={deadlines}>
          {({ occurrences }) => <DeadlineTimeline occurrences={occurrences} today={today} />}
        </Loaded>
      </Section>

      <Section name="history">
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
      </Section>

      <Section name="documents">
        <Loaded read={documents}>
          {({ items }) =>
            items.length === 0 ? (
              <p>{t('noDocuments')}</p>
            ) : (
              <>
                <div className="table-wrap">
                  <table>
                    <ColumnHeads names={[t('version'), t('sha256'), t('recordedAt')]} />
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
      </Section>
    </>
  );
}
