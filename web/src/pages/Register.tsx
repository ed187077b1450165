/**
 * The register (/register), an issuing authority's workspace: the licences it issued, found by
 * number, company or domain and filtered by status, with the count of each status; each entry's
 * decisions (renew, annual report, inspection, suspend, reinstate, cancel, revoke), each with its
 * reason and 文号; a change and a new licence go through the upload page's review screen.
 */
import { lazy, Suspense, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { api, call, type Schemas } from '../api/client';
import { useOrganisation } from '../api/organisation';
import { refresh, useData } from '../api/use-data';
import { ErrorNotice, Loading, PageHeader, StatusBadge } from '../components/common';
import { LicenceSearchForm } from '../components/licence/LicenceSearchForm';
import { LicencesTable } from '../components/licence/LicencesTable';
import { useNames } from '../components/licence/labels';
import {
  EMPTY_SEARCH,
  formatSearch,
  parseSearch,
  toApiQuery,
  type LicenceSearch,
} from '../components/licence/search-query';
import { LICENCE_STATUSES } from '../components/licence/statuses';
import { useKindWord } from '../components/trust/kinds';
import type { RegisterAction as Action } from '../components/trust/RegisterActionForm';
import { formatDate } from '../format';
import { defineMessages, PUNCT, useLang, useT } from '../i18n';
import './licences.css';

const PAGE_SIZE = 25;

const m = defineMessages(
  {
    title: '登记簿',
    intro:
      '本机关颁发的许可证。这里的记录就是公开查验的依据：每项决定都要写明理由和文号，并记入审计记录。',
    notAuthority: '登记簿只属于发证机关。您的组织是{kind}：您保存的许可证是自行申报的副本。',
    issue: '发证（上传申请材料）',
    counts: '按状态统计',
    countsTotal: '共 {n} 张',
    results: '登记的许可证',
    none: '没有符合条件的登记。',
    expiresOn: '有效期至',
    status: '状态',
    version: '版本',
    actions: '决定',
    unknown: '未载明',
    chooseAction: '对 {number} 作出决定',
    choose: '选择决定…',
    act_renewed: '延续（续期）',
    act_changed: '变更（经核验页）',
    'act_annual-report-filed': '记录年报',
    'act_inspection-recorded': '记录年检',
    act_suspended: '暂停',
    act_reinstated: '恢复',
    act_cancelled: '注销',
    act_revoked: '吊销',
    formTitle: '{action}：{number}',
    changeHint:
      '变更要从变更后的许可证文件开始：上传它，在核验页对照登记核对差异，再“批准变更（登记新版本）”。',
    toUpload: '去上传',
    done: '已记录：{number} {action}，现为第 {version} 版。',
    next: '下一页',
    first: '第一页',
    paging: '分页',
  },
  {
    title: 'Register',
    intro:
      'The licences this authority issued. These records are what public verification answers from: every decision states its reason and decision number (文号) and is audited.',
    notAuthority:
      'The register belongs to issuing authorities. Your organisation is a {kind}: the licences you save are declared copies.',
    issue: 'Issue (upload an application)',
    counts: 'By status',
    countsTotal: '{n} in all',
    results: 'Registered licences',
    none: 'No register entry matches.',
    expiresOn: 'Expires on',
    status: 'Status',
    version: 'Version',
    actions: 'Decision',
    unknown: 'Not stated',
    chooseAction: 'Decide on {number}',
    choose: 'Choose a decision…',
    act_renewed: 'Renew',
    act_changed: 'Change (through the review)',
    'act_annual-report-filed': 'Record an annual report',
    'act_inspection-recorded': 'Record an inspection',
    act_suspended: 'Suspend',
    act_reinstated: 'Reinstate',
    act_cancelled: 'Cancel',
    act_revoked: 'Revoke',
    formTitle: '{action}: {number}',
    changeHint:
      'A change starts from the changed licence document: upload it, check the differences against the register on the review screen, then “Approve the change”.',
    toUpload: 'Upload',
    done: 'Recorded: {number} {action}; now version {version}.',
    next: 'Next page',
    first: 'First page',
    paging: 'Pages',
  },
);

/** the decisions, in the order offered (the form's module, which names them too, loads later) */
const ACTIONS: readonly Action[] = [
  'renewed',
  'changed',
  'annual-report-filed',
  'inspection-recorded',
  'suspended',
  'reinstated',
  'cancelled',
  'revoked',
];
type Entry = Schemas['StoredLicence'];

// a decision's form, loaded when one is chosen
const RegisterActionForm = lazy(() =>
  import('../components/trust/RegisterActionForm').then((mod) => ({
    default: mod.RegisterActionForm,
  })),
);

export default function Register() {
  const t = useT(m);
  const { lang } = useLang();
  const query = useSearch();
  const [, navigate] = useLocation();
  const search = parseSearch(query);
  const current = formatSearch(search);
  const organisation = useOrganisation();
  const authority = organisation.data?.kind === 'authority';
  const go = (next: LicenceSearch) => {
    const qs = formatSearch(next);
    navigate(qs === '' ? '/register' : `/register?${qs}`);
  };
  const list = useData(authority ? ['register', 'search', current] : null, () =>
    call(
      api.GET('/api/v1/register/licences', { params: { query: toApiQuery(search, PAGE_SIZE) } }),
    ),
  );
  const names = useNames();
  const kind = useKindWord();
  const [done, setDone] = useState<string | null>(null);

  if (organisation.data !== undefined && !authority) {
    return (
      <>
        <PageHeader title={t('title')} />
        <p className="notice notice-info">
          {t('notAuthority', { kind: kind(organisation.data.kind) })}
        </p>
      </>
    );
  }
  const counts = list.data?.counts ?? {};
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return (
    <>
      <PageHeader title={t('title')}>
        <Link href="/upload" className="button">
          {t('issue')}
        </Link>
      </PageHeader>
      <p>{t('intro')}</p>
      <LicenceSearchForm
        key={formatSearch({ ...search, cursor: '' })}
        value={search}
        onSearch={(next) => {
          go({ ...next, cursor: '' });
        }}
        onClear={() => {
          go(EMPTY_SEARCH);
        }}
      />
      <section aria-labelledby="register-counts" className="register-counts">
        <h2 id="register-counts">{t('counts')}</h2>
        <ul className="register-count-list">
          <li>{t('countsTotal', { n: total })}</li>
          {LICENCE_STATUSES.filter((s) => (counts[s] ?? 0) > 0).map((s) => (
            <li key={s}>
              <Link href={`/register?${formatSearch({ ...EMPTY_SEARCH, status: s })}`}>
                {names('status', s)}
                {PUNCT[lang].colon}
                {counts[s] ?? 0}
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="register-results">
        <h2 id="register-results">{t('results')}</h2>
        <div role="status" aria-live="polite">
          {done !== null && <p className="notice notice-ok">{done}</p>}
        </div>
        {list.error !== undefined && (
          <ErrorNotice
            error={list.error}
            onRetry={() => {
              void list.mutate();
            }}
          />
        )}
        {list.data === undefined && list.error === undefined && <Loading />}
        {list.data !== undefined && list.data.items.length === 0 && (
          <p className="notice notice-info">{t('none')}</p>
        )}
        {list.data !== undefined && list.data.items.length > 0 && (
          <LicencesTable
            items={list.data.items}
            head={
              <>
                <th scope="col">{t('expiresOn')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('version')}</th>
                <th scope="col">{t('actions')}</th>
              </>
            }
            cells={(entry) => (
              <>
                <td data-label={t('expiresOn')}>
                  {entry.licence.expiresOn === null
                    ? t('unknown')
                    : formatDate(entry.licence.expiresOn, lang)}
                </td>
                <td data-label={t('status')}>
                  <StatusBadge status={entry.currentStatus} />
                </td>
                <td data-label={t('version')}>{entry.version}</td>
                <td data-label={t('actions')}>
                  <EntryActions
                    entry={entry}
                    onDone={async (action, stored) => {
                      setDone(
                        t('done', {
                          number: stored.number,
                          action: t(`act_${action}`),
                          version: stored.version,
                        }),
                      );
                      await Promise.all([refresh('register'), refresh('licence')]);
                    }}
                  />
                </td>
              </>
            )}
          />
        )}
        {list.data !== undefined && (search.cursor !== '' || list.data.next !== null) && (
          <nav className="licences-paging" aria-label={t('paging')}>
            {search.cursor !== '' && (
              <button
                type="button"
                onClick={() => {
                  go({ ...search, cursor: '' });
                }}
              >
                {t('first')}
              </button>
            )}
            {list.data.next !== null && (
              <button
                type="button"
                onClick={() => {
                  go({ ...search, cursor: list.data?.next ?? '' });
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

function EntryActions({
  entry,
  onDone,
}: {
  entry: Entry;
  onDone: (action: Action, stored: Entry) => Promise<void>;
}) {
  const t = useT(m);
  const [action, setAction] = useState<Action | ''>('');
  const id = `register-action-${entry.number}`;
  const close = () => {
    setAction('');
    setTimeout(() => document.getElementById(id)?.focus(), 0);
  };
  return (
    <div className="register-actions">
      <label htmlFor={id} className="visually-hidden">
        {t('chooseAction', { number: entry.number })}
      </label>
      <select
        id={id}
        value={action}
        onChange={(e) => {
          setAction(e.target.value as Action | '');
        }}
      >
        <option value="">{t('choose')}</option>
        {ACTIONS.map((a) => (
          <option key={a} value={a}>
            {t(`act_${a}`)}
          </option>
        ))}
      </select>
      {action === 'changed' && (
        <p className="hint">
          {t('changeHint')} <Link href="/upload">{t('toUpload')}</Link>
        </p>
      )}
      {action !== '' && action !== 'changed' && (
        <Suspense fallback={<Loading />}>
          <RegisterActionForm
            key={action}
            entry={entry}
            action={action}
            id={id}
            title={t('formTitle', { action: t(`act_${action}`), number: entry.number })}
            submit={t(`act_${action}`)}
            onCancel={close}
            onDone={async (stored) => {
              close();
              await onDone(action, stored);
            }}
          />
        </Suspense>
      )}
    </div>
  );
}
