/**
 * Licences: find the organisation's licences by number, domain or company fragment, status and
 * service, a page at a time. The search lives in the URL (`/licences?company=…&status=…`), so it
 * can be bookmarked and shared, and the back button walks back through searches and pages.
 */
import { useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { api, call } from '../api/client';
import { useData } from '../api/use-data';
import { ErrorNotice, PageHeader, StatusBadge } from '../components/common';
import { SeverityBadge } from '../components/licence/labels';
import { LicencesTable } from '../components/licence/LicencesTable';
import { LicenceSearchForm } from '../components/licence/LicenceSearchForm';
import { useWord } from '../components/trust/TrustViews';
import { VerdictBadge } from '../components/trust/VerdictBadge';
import {
  EMPTY_SEARCH,
  formatSearch,
  hasFilters,
  parseSearch,
  toApiQuery,
  type LicenceSearch,
} from '../components/licence/search-query';
import { formatDate } from '../format';
import { defineMessages, pick, PUNCT, useLang, useT } from '../i18n';
import './licences.css';

/** licences a page */
export const PAGE_SIZE = 25;

const m = defineMessages(
  {
    title: '许可证',
    upload: '上传许可证',
    results: '查找结果',
    loading: '正在查找…',
    countPage: '第 {page} 页，本页 {count} 张',
    count: '本页 {count} 张',
    more: '还有更多，见下一页',
    none: '没有符合条件的许可证。',
    noneHint: '换个条件试试，或清除条件查看全部。',
    empty: '还没有许可证。',
    emptyHint: '上传一份许可证文件（文本、PDF 或扫描件），核验后保存到许可证库。',
    emptyAction: '上传许可证',
    services: '业务种类',
    domains: '网站域名',
    expiresOn: '有效期至',
    status: '状态',
    provenance: '来源',
    verdict: '核验结论',
    notCompared: '未比对',
    topFinding: '最严重的发现',
    noFinding: '无',
    moreFindings: '共 {errors} 个错误，{warnings} 个警告',
    trustHint:
      '核验结论按今天的日期与发证机关登记（或有效的官方系统核实记录）比对得出；详情见各许可证页面。',
    unknown: '未载明',
    paging: '分页',
    first: '第一页',
    previous: '上一页',
    next: '下一页',
  },
  {
    title: 'Licences',
    upload: 'Upload a licence',
    results: 'Results',
    loading: 'Searching…',
    countPage: 'Page {page}: {count} on this page',
    count: '{count} on this page',
    more: 'More on the next page',
    none: 'No licence matches.',
    noneHint: 'Try other filters, or clear them to see every licence.',
    empty: 'No licences yet.',
    emptyHint:
      'Upload a licence document (text, PDF or a scan), review it and save it to the registry.',
    emptyAction: 'Upload a licence',
    services: 'Services',
    domains: 'Website domains',
    expiresOn: 'Expires on',
    status: 'Status',
    provenance: 'Source',
    verdict: 'Verdict',
    notCompared: 'Not compared',
    topFinding: 'Most severe finding',
    noFinding: 'None',
    moreFindings: '{errors} error(s), {warnings} warning(s) in all',
    trustHint:
      'The verdict compares the record, as of today, with the issuing authority’s register (or a current official-system confirmation); each licence’s page has the details.',
    unknown: 'Not stated',
    paging: 'Pages',
    first: 'First page',
    previous: 'Previous page',
    next: 'Next page',
  },
);

/**
 * The cursors of the pages before this one ('' the first page), valid while the URL still shows
 * `at`: the API pages forwards only, so "previous" is remembered here.
 */
interface Trail {
  readonly at: string;
  readonly cursors: readonly string[];
}

export default function Licences() {
  const t = useT(m);
  const { lang } = useLang();
  const word = useWord();
  const query = useSearch();
  const [, navigate] = useLocation();
  const search = parseSearch(query);
  const filters = formatSearch({ ...search, cursor: '' });
  const [trail, setTrail] = useState<Trail>({ at: '', cursors: [] });
  // a trail left behind by other navigation (back button, a shared link) is not this page's
  const current = formatSearch(search);
  const cursors = trail.at === current ? trail.cursors : [];

  const go = (next: LicenceSearch, nextCursors: readonly string[]) => {
    const qs = formatSearch(next);
    setTrail({ at: qs, cursors: nextCursors });
    navigate(qs === '' ? '/licences' : `/licences?${qs}`);
  };

  const { data, error, isLoading, mutate } = useData(['licences', 'search', current], () =>
    call(api.GET('/api/v1/licences', { params: { query: toApiQuery(search, PAGE_SIZE) } })),
  );

  const page = cursors.length + 1;
  const knowsPage = search.cursor === '' || cursors.length > 0;

  return (
    <>
      <PageHeader title={t('title')}>
        <Link href="/upload" className="button">
          {t('upload')}
        </Link>
      </PageHeader>
      <LicenceSearchForm
        key={filters}
        value={search}
        onSearch={(next) => {
          go(next, []);
        }}
        onClear={() => {
          go(EMPTY_SEARCH, []);
        }}
      />
      <section className="licences-results" aria-labelledby="licences-results">
        <h2 id="licences-results">{t('results')}</h2>
        <p className="licences-count" role="status" aria-live="polite">
          {isLoading
            ? t('loading')
            : data === undefined
              ? ''
              : knowsPage
                ? t('countPage', { page, count: data.items.length })
                : t('count', { count: data.items.length })}
        </p>
        {error !== undefined && (
          <ErrorNotice
            error={error}
            onRetry={() => {
              void mutate();
            }}
          />
        )}
        {data !== undefined && data.items.length === 0 && search.cursor === '' && (
          <div className="notice notice-info">
            {hasFilters(search) ? (
              <>
                <p>{t('none')}</p>
                <p>{t('noneHint')}</p>
              </>
            ) : (
              <>
                <p>{t('empty')}</p>
                <p>{t('emptyHint')}</p>
                <p>
                  <Link href="/upload">{t('emptyAction')}</Link>
                </p>
              </>
            )}
          </div>
        )}
        {data !== undefined && data.items.length > 0 && (
          <LicencesTable
            items={data.items}
            head={
              <>
                <th scope="col">{t('services')}</th>
                <th scope="col">{t('domains')}</th>
                <th scope="col">{t('expiresOn')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('provenance')}</th>
                <th scope="col">{t('verdict')}</th>
                <th scope="col">{t('topFinding')}</th>
              </>
            }
            cells={(l) => {
              const codes = l.licence.services.map((s) => s.code ?? s.name);
              const domains = l.licence.websites.flatMap((w) => w.domains);
              const trust = l.trust;
              const top = trust?.topFinding ?? null;
              return (
                <>
                  <td data-label={t('services')}>
                    {codes.length === 0 ? (
                      <span className="hint">{t('unknown')}</span>
                    ) : (
                      codes.join(PUNCT[lang].list)
                    )}
                  </td>
                  <td data-label={t('domains')} className="licences-domains">
                    {domains.length === 0 ? '—' : domains.join(' ')}
                  </td>
                  <td data-label={t('expiresOn')} className="licences-date">
                    {l.licence.expiresOn === null ? (
                      <span className="hint">{t('unknown')}</span>
                    ) : (
                      formatDate(l.licence.expiresOn, lang)
                    )}
                  </td>
                  <td data-label={t('status')}>
                    <StatusBadge status={l.currentStatus} />
                  </td>
                  <td data-label={t('provenance')} className={`provenance is-${l.provenance}`}>
                    {word('provenance', l.provenance)}
                  </td>
                  <td data-label={t('verdict')}>
                    {trust === null ? (
                      <span className="hint">{t('notCompared')}</span>
                    ) : (
                      <VerdictBadge verdict={trust.verdict} validity={trust.validity} />
                    )}
                  </td>
                  <td
                    data-label={t('topFinding')}
                    className={`licences-finding is-${top?.severity ?? 'none'}`}
                  >
                    {trust === null ? (
                      <span className="hint">—</span>
                    ) : top === null ? (
                      <span className="hint">{t('noFinding')}</span>
                    ) : (
                      <>
                        <SeverityBadge severity={top.severity} />{' '}
                        {pick(lang, top.message, top.messageEn)}
                        {trust.errors + trust.warnings > 1 && (
                          <span className="hint">
                            {PUNCT[lang].open}
                            {t('moreFindings', {
                              errors: trust.errors,
                              warnings: trust.warnings,
                            })}
                            {PUNCT[lang].close}
                          </span>
                        )}
                      </>
                    )}
                  </td>
                </>
              );
            }}
          />
        )}
        {data !== undefined && data.items.length > 0 && <p className="hint">{t('trustHint')}</p>}
        {data !== undefined && (search.cursor !== '' || data.next !== null) && (
          <nav className="licences-paging" aria-label={t('paging')}>
            {search.cursor !== '' && cursors.length === 0 && (
              <button
                type="button"
                onClick={() => {
                  go({ ...search, cursor: '' }, []);
                }}
              >
                {t('first')}
              </button>
            )}
            {cursors.length > 0 && (
              <button
                type="button"
                onClick={() => {
                  go({ ...search, cursor: cursors.at(-1) ?? '' }, cursors.slice(0, -1));
                }}
              >
                {t('previous')}
              </button>
            )}
            {data.next !== null && (
              <button
                type="button"
                onClick={() => {
                  const next = data.next ?? '';
                  go({ ...search, cursor: next }, knowsPage ? [...cursors, search.cursor] : []);
                }}
              >
                {t('next')}
              </button>
            )}
          </nav>
        )}
      </section>
    </>
  );
}
