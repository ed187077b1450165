/**
 * One annual report (/annual-reports/{id}). For the holder that files it: the editor while it can
 * change (draft, signed off, returned), read only once submitted or accepted, or for a viewer. For
 * the issuing authority it was submitted to: read only, with its decision (accept, or return with
 * reasons). Both: the summary, the reasons it was returned, its history and the printable PDF.
 */
import { useState } from 'react';
import { Link } from 'wouter';
import { api, call } from '../api/client';
import { useOrganisation } from '../api/organisation';
import { refresh, useData } from '../api/use-data';
import { ErrorNotice, Loading, PageHeader } from '../components/common';
import { AuthorityTabs } from '../components/annual-report/AuthorityTabs';
import { ReportEditor } from '../components/annual-report/ReportEditor';
import { DownloadLink } from '../components/annual-report/DownloadLink';
import {
  HistoryList,
  ReadOnlyItems,
  ReportSummary,
  ReturnedNotice,
} from '../components/annual-report/ReportParts';
import type { Report } from '../components/annual-report/report-draft';
import { ReviewDecision } from '../components/annual-report/ReviewDecision';
import { defineMessages, useT } from '../i18n';
import '../components/annual-report/annual-report.css';

const m = defineMessages(
  {
    title: '{number} 的 {year} 年度年报',
    loadingTitle: '年报',
    pdf: '下载 PDF（打印报送用）',
    back: '返回年报列表',
    backQueue: '返回审核列表',
    readOnly_submitted: '这份年报已报送，正等待发证机关审核；审核前不能修改。',
    readOnly_accepted: '这份年报已被发证机关受理。',
    readOnly_viewer: '您的令牌只能查看年报。',
  },
  {
    title: 'Annual report {year}: {number}',
    loadingTitle: 'Annual report',
    pdf: 'Download the PDF (to print and file)',
    back: 'Back to the reports',
    backQueue: 'Back to the review list',
    readOnly_submitted:
      'This report was submitted and is under review by the issuing authority; it cannot change until then.',
    readOnly_accepted: 'The issuing authority accepted this report.',
    readOnly_viewer: 'Your token can read annual reports, not change them.',
  },
);

const EDITABLE: ReadonlySet<Report['status']> = new Set(['draft', 'signed-off', 'returned']);

export default function AnnualReportPage({ id }: { id: string }) {
  const t = useT(m);
  const [decided, setDecided] = useState<string | null>(null);
  const organisation = useOrganisation();
  const me = useData(['me'], () => call(api.GET('/api/v1/me')));
  const read = useData(['annual-reports', 'report', id], () =>
    call(api.GET('/api/v1/annual-reports/{id}', { params: { path: { id } } })),
  );
  const report = read.data;
  const org = organisation.data;
  if (
    read.error !== undefined ||
    report === undefined ||
    org === undefined ||
    me.data === undefined
  ) {
    const error = read.error ?? organisation.error ?? me.error;
    return (
      <>
        <PageHeader title={t('loadingTitle')} />
        {error !== undefined ? (
          <ErrorNotice
            error={error}
            onRetry={() => {
              void read.mutate();
              void me.mutate();
              void organisation.mutate();
            }}
          />
        ) : (
          <Loading />
        )}
      </>
    );
  }
  const onReport = (r: Report) => {
    void read.mutate(r, { revalidate: false });
    // the lists, the cycle and its figures show the new status
    void refresh('annual-reports');
  };
  const reload = () => read.mutate();
  const authority = org.kind === 'authority';
  const own = report.organisation === org.id;
  const editable = own && me.data.role !== 'viewer' && EDITABLE.has(report.status);
  const decides =
    authority &&
    report.status === 'submitted' &&
    report.authority === org.id &&
    me.data.role !== 'viewer';
  const readOnlyWhy =
    !own || editable
      ? null
      : me.data.role === 'viewer'
        ? 'readOnly_viewer'
        : report.status === 'submitted' || report.status === 'accepted'
          ? (`readOnly_${report.status}` as const)
          : null;
  return (
    <>
      <PageHeader title={t('title', { number: report.number, year: report.year })}>
        <DownloadLink
          href={report.pdfUrl}
          name={`${report.number}-${report.year}.pdf`}
          className="button"
        >
          {t('pdf')}
        </DownloadLink>
        <Link href="/annual-reports" className="button">
          {authority ? t('backQueue') : t('back')}
        </Link>
      </PageHeader>
      {authority && <AuthorityTabs />}
      <ReturnedNotice report={report} />
      <ReportSummary report={report} />
      {readOnlyWhy !== null && <p className="notice notice-info">{t(readOnlyWhy)}</p>}
      {editable ? (
        <ReportEditor
          key={report.id}
          report={report}
          admin={me.data.role === 'admin'}
          onReport={onReport}
          reload={reload}
        />
      ) : (
        <ReadOnlyItems report={report} />
      )}
      {decides && (
        <ReviewDecision
          report={report}
          onReport={onReport}
          onDecided={setDecided}
          reload={reload}
        />
      )}
      <div role="status" aria-live="polite">
        {decided !== null && <p className="notice notice-ok">{decided}</p>}
      </div>
      <HistoryList report={report} />
    </>
  );
}
