import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LangProvider } from '../../i18n';
import { signIn } from '../../test-fixtures';
import AnnualReportNavItem from './AnnualReportNavItem';

function show(kind: string, location: string, lang: 'zh' | 'en' = 'zh') {
  // the kind is the session's organisation's
  signIn({ organisation: { id: 'o', name: '某单位', kind } });
  render(
    <LangProvider lang={lang}>
      <ul>
        <AnnualReportNavItem location={location} />
      </ul>
    </LangProvider>,
  );
}

describe('the navigation’s link to the annual reports', () => {
  it('is a holder’s', () => {
    show('holder', '/annual-reports/r-1');
    const link = screen.getByRole('link', { name: '年报' });
    expect(link.getAttribute('href')).toBe('/annual-reports');
    expect(link.getAttribute('aria-current')).toBe('page');
  });

  it('is an authority’s, current on its lists too, in English', () => {
    show('authority', '/credit-lists', 'en');
    const link = screen.getByRole('link', { name: 'Annual reports' });
    expect(link.getAttribute('aria-current')).toBe('page');
  });

  it('is not a platform’s', () => {
    show('platform', '/');
    expect(screen.queryByRole('link')).toBeNull();
  });

  it('goes when the session ends', () => {
    show('holder', '/');
    expect(screen.getByRole('link', { name: '年报' })).toBeTruthy();
    act(() => {
      signIn(null);
    });
    expect(screen.queryByRole('link')).toBeNull();
  });
});
