/**
 * The year an authority's cycle pages show, kept in the address (`?year=2025`, bookmarkable; last
 * year by default), and the small form that changes it.
 */
import { useState } from 'react';
import { defineMessages, useT } from '../../i18n';
import { todayInShanghai } from '../../format';
import { lastYear } from './words';

const m = defineMessages(
  { year: '年度', show: '查看', form: '选择年度' },
  { year: 'Year', show: 'Show', form: 'Choose the year' },
);

/** The year in `search`, or last year. */
export function yearOf(search: string): number {
  const y = new URLSearchParams(search).get('year') ?? '';
  return /^\d{4}$/u.test(y) && Number(y) >= 2017 ? Number(y) : lastYear(todayInShanghai());
}

export function YearPicker({ year, onYear }: { year: number; onYear: (year: number) => void }) {
  const t = useT(m);
  const [value, setValue] = useState(String(year));
  return (
    <form
      className="ar-year"
      aria-label={t('form')}
      onSubmit={(e) => {
        e.preventDefault();
        if (/^\d{4}$/u.test(value) && Number(value) >= 2017) onYear(Number(value));
      }}
    >
      <label htmlFor="ar-year">{t('year')}</label>
      <input
        id="ar-year"
        type="number"
        min={2017}
        max={9999}
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
        }}
      />
      <button type="submit">{t('show')}</button>
    </form>
  );
}
