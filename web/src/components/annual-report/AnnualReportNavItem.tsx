/**
 * The main navigation's link to the annual reports (年报): a holder files its own there, an issuing
 * authority reviews them and runs the year's cycle; a platform has none. Its own small chunk, as
 * the register's link is, so the shell stays small.
 */
import { Link } from 'wouter';
import { useOrganisation } from '../../api/organisation';
import { defineMessages, useT } from '../../i18n';

const m = defineMessages({
  reports: ['年报', 'Annual reports'],
});

const PATHS = ['/annual-report', '/credit-lists'];

export default function AnnualReportNavItem({ location }: { location: string }) {
  const t = useT(m);
  const kind = useOrganisation().data?.kind;
  if (kind !== 'holder' && kind !== 'authority') return null;
  const current = PATHS.some((p) => location.startsWith(p));
  return (
    <li>
      <Link href="/annual-reports" aria-current={current ? 'page' : undefined}>
        {t('reports')}
      </Link>
    </li>
  );
}
