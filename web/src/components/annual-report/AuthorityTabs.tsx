/**
 * The issuing authority's annual-report work, one link each: the reports to review, the year's
 * cycle (who owes, who filed, orders and listings), its figures, and the credit lists.
 */
import { Link, useLocation } from 'wouter';
import { defineMessages, useT } from '../../i18n';

const m = defineMessages(
  {
    nav: '年报工作',
    queue: '审核年报',
    cycle: '报送情况',
    overview: '统计',
    lists: '不良名单',
  },
  {
    nav: 'Annual-report work',
    queue: 'Review reports',
    cycle: 'Filing status',
    overview: 'Figures',
    lists: 'Credit lists',
  },
);

const TABS = [
  ['/annual-reports', 'queue'],
  ['/annual-report-cycle', 'cycle'],
  ['/annual-report-cycle/overview', 'overview'],
  ['/credit-lists', 'lists'],
] as const;

export function AuthorityTabs() {
  const t = useT(m);
  const [location] = useLocation();
  return (
    <nav className="ar-tabs" aria-label={t('nav')}>
      <ul>
        {TABS.map(([href, key]) => (
          <li key={href}>
            <Link href={href} aria-current={location === href ? 'page' : undefined}>
              {t(key)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
