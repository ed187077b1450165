/**
 * Bulk checks (/bulk-checks, 批量核验; docs/bulk-check.md, issue 19): a platform uploads a
 * customer list (CSV or XLSX: customer, licence, domains) or a ZIP of licence documents; the batch
 * runs as a job (its queue position and progress, JobProgress), then its report is shown with
 * filters (BulkReport), exports (CSV, XLSX, JSON) and 复核, a re-check whose report says what
 * changed since. The job shown is in the address (`?job=ID`), so it can be bookmarked; the
 * organisation's past bulk checks are listed from the jobs API.
 */
import { useEffect, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { api, ApiError, call } from '../api/client';
import { listJobs, readJob, type JobView } from '../api/jobs';
import { DownloadLink } from '../components/annual-report/DownloadLink';
import { BulkReport, when, type BulkJob } from '../components/bulk-check/BulkReport';
import { ErrorNotice, Loading, PageHeader } from '../components/common';
import { JobProgress } from '../components/JobProgress';
import { defineMessages, useLang, useT } from '../i18n';

const m = defineMessages({
  title: ['批量核验', 'Bulk checks'],
  intro: [
    '一次核验许多客户：上传客户列表（CSV 或 XLSX，列为 客户、许可证编号、域名），或许可证文件的 ZIP 压缩包。每个客户一行结果：是否找到许可证、核验结论、有效期状态、发现，以及每个域名是否在许可范围内。',
    'Check many customers at once: upload a customer list (CSV or XLSX with the columns customer, licence, domains) or a ZIP of licence documents. One result per customer: licence found or not, verdict, validity, findings, and whether a licence covers each domain.',
  ],
  file: ['客户列表或 ZIP 文件', 'Customer list or ZIP file'],
  fileHint: [
    '.csv、.xlsx 或 .zip，不超过 33 MB；列表最多 10,000 个客户，ZIP 最多 1,000 个文件。',
    '.csv, .xlsx or .zip, up to 33 MB; a list of at most 10,000 customers, a ZIP of at most 1,000 files.',
  ],
  refused: [
    '“{name}”不是 .csv、.xlsx 或 .zip 文件。',
    '“{name}” is not a .csv, .xlsx or .zip file.',
  ],
  sending: ['正在上传“{name}”…', 'Uploading “{name}”…'],
  job: ['批量核验 {at}', 'Bulk check of {at}'],
  recheckOf: ['（复核）', ' (re-check)'],
  export: ['导出：', 'Export: '],
  recheck: ['复核', 'Re-check'],
  recheckHint: [
    '按今天的登记簿和许可证库重新核验同一批客户，并列出与这次相比的变化。',
    'Check the same customers again as of today, and list what changed since this run.',
  ],
  schedule: ['定期复核', 'Scheduled re-check'],
  scheduleOff: ['关闭', 'Off'],
  scheduleEvery: ['每 {n} 天', 'Every {n} days'],
  scheduleNext: ['下次：{date}', 'Next: {date}'],
  failed: ['这次批量核验失败：{message}', 'This bulk check failed: {message}'],
  past: ['以往的批量核验', 'Past bulk checks'],
  pastNone: ['还没有批量核验。', 'No bulk checks yet.'],
  pastFailed: ['无法读取以往的批量核验。', 'Could not read the past bulk checks.'],
  state_queued: ['排队中', 'Queued'],
  state_running: ['处理中', 'Processing'],
  state_done: ['已完成', 'Done'],
  state_failed: ['失败', 'Failed'],
  state_cancelled: ['已取消', 'Cancelled'],
});

const ACCEPT = '.csv,.xlsx,.zip,text/csv,application/zip';
const PATH = '/bulk-checks';

/** The job's view from the bulk-check route, for a poll when the jobs API does not know the id. */
const asJob = (b: BulkJob): JobView => ({
  id: b.id,
  kind: 'bulk-check',
  state: b.status,
  progress: b.progress,
  position: null,
  createdAt: b.createdAt,
  finishedAt: b.finishedAt,
  error: b.error,
  result: null,
});

const readBulk = (id: string): Promise<BulkJob> =>
  call(api.GET('/api/v1/bulk-checks/{id}', { params: { path: { id } } }));

/** The jobs API's view, else the bulk-check route's own. */
const readEither = (id: string): Promise<JobView> =>
  readJob(id).catch((e: unknown) => {
    if (e instanceof ApiError && e.status === 404) return readBulk(id).then(asJob);
    throw e;
  });

export default function BulkChecks() {
  const t = useT(m);
  const [, navigate] = useLocation();
  const id = new URLSearchParams(useSearch()).get('job');
  const show = (next: string) => {
    navigate(`${PATH}?job=${encodeURIComponent(next)}`);
  };
  return (
    <div className="bulk-checks">
      <PageHeader title={t('title')} />
      <p>{t('intro')}</p>
      <Start onStarted={show} />
      {id !== null && <Batch key={id} id={id} onRecheck={show} />}
      <Past current={id} />
    </div>
  );
}

/** The file input: the upload starts on choosing a file. */
function Start({ onStarted }: { onStarted: (id: string) => void }) {
  const t = useT(m);
  const [state, setState] = useState<
    { sending: string } | { refused: string } | { error: unknown } | null
  >(null);
  const send = async (file: File) => {
    if (!/\.(csv|xlsx|zip)$/iu.test(file.name)) {
      setState({ refused: file.name });
      return;
    }
    setState({ sending: file.name });
    const form = new FormData();
    form.append('file', file, file.name);
    try {
      const job = await call(
        api.POST('/api/v1/bulk-checks', {
          params: { query: { name: file.name } },
          body: form as unknown as { file: string },
        }),
      );
      setState(null);
      onStarted(job.id);
    } catch (error) {
      setState({ error });
    }
  };
  return (
    <div className="card bulk-start">
      <div className="field">
        <label htmlFor="bulk-file">{t('file')}</label>
        <input
          id="bulk-file"
          type="file"
          accept={ACCEPT}
          aria-describedby="bulk-file-hint"
          disabled={state !== null && 'sending' in state}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file !== undefined) void send(file);
          }}
        />
        <p id="bulk-file-hint" className="hint">
          {t('fileHint')}
        </p>
      </div>
      {state !== null && 'sending' in state && (
        <Loading label={t('sending', { name: state.sending })} />
      )}
      {state !== null && 'refused' in state && (
        <p className="field-error" role="alert">
          {t('refused', { name: state.refused })}
        </p>
      )}
      {state !== null && 'error' in state && <ErrorNotice error={state.error} />}
    </div>
  );
}

/** One bulk check: its progress until done, then its report, exports and re-check. */
function Batch({ id, onRecheck }: { id: string; onRecheck: (id: string) => void }) {
  const t = useT(m);
  const { lang } = useLang();
  const [bulk, setBulk] = useState<BulkJob | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [read, setRead] = useState(0);
  useEffect(() => {
    let live = true;
    readBulk(id).then(
      (b) => {
        if (live) setBulk(b);
      },
      (e: unknown) => {
        if (live) setError(e);
      },
    );
    return () => {
      live = false;
    };
  }, [id, read]);
  const recheck = async () => {
    setError(null);
    try {
      const next = await call(
        api.POST('/api/v1/bulk-checks/{id}/recheck', { params: { path: { id } } }),
      );
      onRecheck(next.id);
    } catch (e) {
      setError(e);
    }
  };
  const report = `/api/v1/bulk-checks/${encodeURIComponent(id)}/report?lang=${lang}&format=`;
  return (
    <section className="bulk-batch" aria-labelledby="bulk-batch-title">
      <h2 id="bulk-batch-title">
        {bulk === null ? t('title') : t('job', { at: when(bulk.createdAt, lang) })}
        {bulk?.previous != null && t('recheckOf')}
      </h2>
      {error !== null && <ErrorNotice error={error} />}
      {bulk === null ? (
        error === null && <Loading />
      ) : bulk.status === 'done' && bulk.report !== null ? (
        <>
          <p style={{ display: 'flex', flexWrap: 'wrap', gap: '0.4rem', alignItems: 'baseline' }}>
            {t('export')}
            {(['csv', 'xlsx', 'json'] as const).map((f) => (
              <span key={f}>
                <DownloadLink href={report + f} name={`xuke-bulk-check-${id}.${f}`}>
                  {f.toUpperCase()}
                </DownloadLink>{' '}
              </span>
            ))}
            <button
              type="button"
              aria-describedby="bulk-recheck-hint"
              onClick={() => {
                void recheck();
              }}
            >
              {t('recheck')}
            </button>{' '}
            <span id="bulk-recheck-hint" className="hint">
              {t('recheckHint')}
            </span>
          </p>
          <Schedule id={id} />
          <BulkReport report={bulk.report} />
        </>
      ) : bulk.status === 'failed' ? (
        <p className="notice notice-error">
          {/* a cancelled bulk check is `failed` with code GONE on this route */}
          {bulk.error?.code === 'GONE'
            ? t('state_cancelled')
            : t('failed', { message: bulk.error?.message ?? '' })}
        </p>
      ) : (
        <JobProgress
          job={id}
          read={readEither}
          onEnd={() => {
            setRead((n) => n + 1);
          }}
        />
      )}
    </section>
  );
}

const PERIODS = [1, 7, 30] as const;

/** 定期复核: off, or a re-check every 1, 7 or 30 days; the next due day in Beijing time. */
function Schedule({ id }: { id: string }) {
  const t = useT(m);
  const [next, setNext] = useState<{ everyDays: number; nextDue: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const path = { params: { path: { id } } };
  const settle = (p: Promise<{ everyDays: number; nextDue: string } | null>) => {
    setError(null);
    p.then(setNext, (e: unknown) => {
      if (e instanceof ApiError && e.status === 404) setNext(null);
      else setError(e);
    });
  };
  useEffect(() => {
    settle(call(api.GET('/api/v1/bulk-checks/{id}/schedule', path)));
  }, [id]);
  const change = (value: string) => {
    const everyDays = Number(value);
    settle(
      everyDays === 0
        ? call(api.DELETE('/api/v1/bulk-checks/{id}/schedule', path)).then(() => null)
        : call(api.PUT('/api/v1/bulk-checks/{id}/schedule', { ...path, body: { everyDays } })),
    );
  };
  const day =
    next === null
      ? ''
      : new Date(Date.parse(next.nextDue) + 8 * 3_600_000).toISOString().slice(0, 10);
  return (
    <p>
      <label htmlFor="bulk-schedule">{t('schedule')}</label>{' '}
      <select
        id="bulk-schedule"
        value={next?.everyDays ?? 0}
        onChange={(e) => {
          change(e.target.value);
        }}
      >
        <option value={0}>{t('scheduleOff')}</option>
        {PERIODS.map((n) => (
          <option key={n} value={n}>
            {t('scheduleEvery', { n })}
          </option>
        ))}
      </select>{' '}
      {next !== null && <span className="hint">{t('scheduleNext', { date: day })}</span>}
      {error !== null && <ErrorNotice error={error} />}
    </p>
  );
}

/** The organisation's bulk checks, newest first, from the jobs API. */
function Past({ current }: { current: string | null }) {
  const t = useT(m);
  const { lang } = useLang();
  const [jobs, setJobs] = useState<readonly JobView[] | null | 'failed'>(null);
  useEffect(() => {
    let live = true;
    listJobs('bulk-check').then(
      (page) => {
        if (live) setJobs(page.items);
      },
      () => {
        if (live) setJobs('failed');
      },
    );
    return () => {
      live = false;
    };
  }, [current]);
  return (
    <section className="bulk-past" aria-labelledby="bulk-past-title">
      <h2 id="bulk-past-title">{t('past')}</h2>
      {jobs === null ? (
        <Loading />
      ) : jobs === 'failed' ? (
        <p className="hint">{t('pastFailed')}</p>
      ) : jobs.length === 0 ? (
        <p>{t('pastNone')}</p>
      ) : (
        <ul>
          {jobs.map((j) => (
            <li key={j.id}>
              <Link
                href={`${PATH}?job=${encodeURIComponent(j.id)}`}
                aria-current={j.id === current ? 'true' : undefined}
              >
                {t('job', { at: when(j.createdAt, lang) })}
              </Link>{' '}
              <span className="hint">
                {t(`state_${j.state}`)}
                {j.progress !== null && ` ${j.progress.done}/${j.progress.total}`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
