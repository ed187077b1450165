/**
 * The licences search form: number, domain, company fragment, status and service. It edits a copy
 * of the search and hands it over on submit; the page keeps the search in the URL. Remount it (a
 * `key` from the URL) to show a search that arrived by navigation (back button, a shared link).
 */
import { useId, useState } from 'react';
import type { SyntheticEvent } from 'react';
import { defineMessages, useLang, useT } from '../../i18n';
import { useNames } from './labels';
import { COMMON_SERVICE_CODES, type LicenceSearch } from './search-query';
import { LICENCE_STATUSES, type LicenceStatus } from './statuses';
import { serviceName } from './service-names';

const m = defineMessages(
  {
    legend: '查找许可证',
    number: '许可证编号',
    numberHint: '完整编号，如 京B2-20180910',
    domain: '网站域名',
    domainHint: '如 upliveapp.com',
    company: '公司名称',
    companyHint: '名称中的任意一段',
    status: '状态',
    service: '业务种类',
    any: '全部',
    search: '搜索',
    clear: '清除条件',
  },
  {
    legend: 'Find licences',
    number: 'Licence number',
    numberHint: 'The whole number, e.g. 京B2-20180910',
    domain: 'Website domain',
    domainHint: 'e.g. upliveapp.com',
    company: 'Company name',
    companyHint: 'Any part of the name',
    status: 'Status',
    service: 'Service',
    any: 'Any',
    search: 'Search',
    clear: 'Clear',
  },
);

export function LicenceSearchForm({
  value,
  onSearch,
  onClear,
}: {
  value: LicenceSearch;
  onSearch: (search: LicenceSearch) => void;
  onClear: () => void;
}) {
  const t = useT(m);
  const { lang } = useLang();
  const id = useId();
  const name = useNames();
  const [draft, setDraft] = useState<LicenceSearch>(value);
  const set =
    (key: 'number' | 'domain' | 'company' | 'service') =>
    (e: { currentTarget: { value: string } }) => {
      const next = e.currentTarget.value;
      setDraft((d) => ({ ...d, [key]: next }));
    };
  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    onSearch({ ...draft, cursor: '' });
  };
  const text = (key: 'number' | 'domain' | 'company') => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{t(key)}</label>
      <input
        id={`${id}-${key}`}
        name={key}
        type="search"
        value={draft[key]}
        onChange={set(key)}
        aria-describedby={`${id}-${key}-hint`}
        autoComplete="off"
        spellCheck={false}
      />
      <p className="hint" id={`${id}-${key}-hint`}>
        {t(`${key}Hint`)}
      </p>
    </div>
  );
  return (
    <form className="licences-search" role="search" onSubmit={submit} aria-label={t('legend')}>
      <div className="licences-fields">
        {text('number')}
        {text('domain')}
        {text('company')}
        <div className="field">
          <label htmlFor={`${id}-status`}>{t('status')}</label>
          <select
            id={`${id}-status`}
            name="status"
            value={draft.status}
            onChange={(e) => {
              const next = e.currentTarget.value as LicenceStatus | '';
              setDraft((d) => ({ ...d, status: next }));
            }}
          >
            <option value="">{t('any')}</option>
            {LICENCE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {name('status', s)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-service`}>{t('service')}</label>
          <select
            id={`${id}-service`}
            name="service"
            value={draft.service}
            onChange={set('service')}
          >
            <option value="">{t('any')}</option>
            {/* a code from a shared link that the list does not offer stays selectable */}
            {[
              ...COMMON_SERVICE_CODES,
              ...(draft.service !== '' &&
              !(COMMON_SERVICE_CODES as readonly string[]).includes(draft.service)
                ? [draft.service]
                : []),
            ].map((code) => {
              const name = serviceName(code, lang);
              return (
                <option key={code} value={code}>
                  {name === undefined ? code : `${code} ${name}`}
                </option>
              );
            })}
          </select>
        </div>
      </div>
      <div className="licences-buttons">
        <button type="submit" className="primary">
          {t('search')}
        </button>
        <button type="button" onClick={onClear}>
          {t('clear')}
        </button>
      </div>
    </form>
  );
}
