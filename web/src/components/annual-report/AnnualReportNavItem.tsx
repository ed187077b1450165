/**
 * The main navigation's link to the annual reports (年报): a holder files its own there, an issuing
 * authority reviews them and runs the year's cycle; a platform has none. The kind is the
 * session's organisation's (session.ts), so the header reads nothing more for it.
 */
import { useSyncExternalStore } from 'react';
import { Link } from 'wouter';
import { defineMessages, useT } from '../../i18n';
import { getSession, onSessionChange } from '../../session';

const m = defineMessages({
  reports: ['年报', 'Annual reports'],
});

const PATHS = ['/annual-report', '/credit-lists'];

export default function AnnualReportNavItem({ location }: { location: string }) {
  const t = useT(m);
  const kind = useSyncExternalStore(onSessionChange, getSession)?.organisation.kind;
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
