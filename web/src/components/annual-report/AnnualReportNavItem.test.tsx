import { render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { LangProvider } from '../../i18n';
import { clearToken } from '../../session';
import { AUTHORITY_ORG, HOLDER_ORG, json, stubFetch } from '../../test-fixtures';
import AnnualReportNavItem from './AnnualReportNavItem';

const fetchMock = stubFetch();

function show(org: typeof HOLDER_ORG, location: string, lang: 'zh' | 'en' = 'zh') {
  fetchMock.mockResolvedValue(json({ ...org, instanceAdmin: false }));
  render(
    <LangProvider lang={lang}>
      <ul>
        <AnnualReportNavItem location={location} />
      </ul>
    </LangProvider>,
  );
}

beforeEach(() => {
  fetchMock.mockReset();
  clearToken();
});

describe('the navigation’s link to the annual reports', () => {
  it('is a holder’s', async () => {
    show(HOLDER_ORG, '/annual-reports/r-1');
    const link = await screen.findByRole('link', { name: '年报' });
    expect(link.getAttribute('href')).toBe('/annual-reports');
    expect(link.getAttribute('aria-current')).toBe('page');
  });

  it('is an authority’s, current on its lists too, in English', async () => {
    show(AUTHORITY_ORG, '/credit-lists', 'en');
    const link = await screen.findByRole('link', { name: 'Annual reports' });
    expect(link.getAttribute('aria-current')).toBe('page');
  });

  it('is not a platform’s', async () => {
    show({ ...HOLDER_ORG, kind: 'platform' }, '/');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fetchMock).toHaveBeenCalled();
    expect(screen.queryByRole('link')).toBeNull();
  });
});
