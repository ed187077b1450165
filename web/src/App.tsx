/**
 * The shell: header with navigation and the language switch, and the routes. Every page is its own
 * chunk (React.lazy), so a page loads only its own script. Pages other than sign-in, an invitation
 * and the public verification need a session (session.ts, read once at the start); without one
 * they send the person to sign in and back.
 */
import { lazy, Suspense, useEffect, useSyncExternalStore } from 'react';
import type { ExoticComponent } from 'react';
import { Link, Redirect, Route, Switch, useLocation, type PathPattern } from 'wouter';
import { api, ApiError } from './api/client';
import { ErrorNotice, Loading } from './components/common';
import AnnualReportNavItem from './components/annual-report/AnnualReportNavItem';
import { OrgSwitcher, RegisterNavItem } from './components/OrgSwitcher';
import { defineMessages, useLang, useT } from './i18n';
import { getSession, loadSession, onSessionChange, sessionFailure, type Session } from './session';

const SignIn = lazy(() => import('./pages/SignIn'));
const Invite = lazy(() => import('./pages/Invite'));
const Dashboard = lazy(() => import('./pages/Dashboard'));
const Licences = lazy(() => import('./pages/Licences'));
const LicencePage = lazy(() => import('./pages/Licence'));
const Confirm = lazy(() => import('./pages/Confirm'));
const Original = lazy(() => import('./pages/Original'));
const Upload = lazy(() => import('./pages/Upload'));
const BulkChecks = lazy(() => import('./pages/BulkChecks'));
const Deadlines = lazy(() => import('./pages/Deadlines'));
const Settings = lazy(() => import('./pages/Settings'));
const Members = lazy(() => import('./pages/Members'));
const Security = lazy(() => import('./pages/Security'));
const Audit = lazy(() => import('./pages/Audit'));
const Verify = lazy(() => import('./pages/Verify'));
const Register = lazy(() => import('./pages/Register'));
const AnnualReports = lazy(() => import('./pages/AnnualReports'));
const AnnualReportPage = lazy(() => import('./pages/AnnualReport'));
const AnnualReportCycle = lazy(() => import('./pages/AnnualReportCycle'));
const NotFound = lazy(() => import('./pages/NotFound'));

/**
 * The signed-in pages, by path; a page's props are its path's named parameters, decoded
 * (`/licences/:number` gives `number`). One line each: every page loads the shell, so its routes are
 * kept short. The authority's annual-report cycle is one page for its three views, which it tells
 * apart by the path.
 */
const SIGNED_IN_PAGES: readonly (readonly [PathPattern, ExoticComponent<never>])[] = [
  ['/', Dashboard],
  ['/licences', Licences],
  ['/upload', Upload],
  ['/bulk-checks', BulkChecks],
  ['/deadlines', Deadlines],
  ['/register', Register],
  ['/annual-reports', AnnualReports],
  [/^\/(annual-report-cycle(\/overview)?|credit-lists)$/, AnnualReportCycle],
  ['/settings', Settings],
  ['/settings/members', Members],
  ['/settings/security', Security],
  ['/audit', Audit],
  ['/licences/:number/confirm', Confirm],
  ['/licences/:number/original/:sha256', Original],
  ['/licences/:number', LicencePage],
  ['/annual-reports/:id', AnnualReportPage],
];

const m = defineMessages({
  skip: ['跳到正文', 'Skip to content'],
  brand: ['许可 xuke', 'xuke'],
  brandSub: ['增值电信业务经营许可证', 'VATS business licences'],
  nav: ['主导航', 'Main navigation'],
  dashboard: ['概览', 'Dashboard'],
  licences: ['许可证', 'Licences'],
  upload: ['上传核验', 'Upload & review'],
  bulk: ['批量核验', 'Bulk checks'],
  deadlines: ['期限', 'Deadlines'],
  settings: ['设置', 'Settings'],
  audit: ['审计日志', 'Audit log'],
  verify: ['公开查验', 'Verify'],
  signOut: ['退出', 'Sign out'],
  switchLang: ['English', '中文'],
  switchLangLabel: ['Switch to English', '切换到中文'],
});

const useSession = () => useSyncExternalStore(onSessionChange, getSession, () => undefined);

/** Decode a path parameter the router hands over still encoded (京 arrives as %E4%BA%AC). */
export function decodeParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function Header({ session }: { session: Session | null | undefined }) {
  const t = useT(m);
  const { lang, setLang } = useLang();
  const [location] = useLocation();
  const signedIn = session != null;
  const links: readonly (readonly [string, keyof typeof m.zh])[] = signedIn
    ? [
        ['/', 'dashboard'],
        ['/licences', 'licences'],
        ['/upload', 'upload'],
        ['/bulk-checks', 'bulk'],
        ['/deadlines', 'deadlines'],
        ['/settings', 'settings'],
        ...(session.role === 'admin' ? ([['/audit', 'audit']] as const) : []),
      ]
    : [['/verify', 'verify']];
  return (
    <header className="app-header">
      <a className="skip-link" href="#main">
        {t('skip')}
      </a>
      <Link href={signedIn ? '/' : '/verify'} className="brand">
        <span className="brand-name">{t('brand')}</span>
        <span className="brand-sub">{t('brandSub')}</span>
      </Link>
      <nav aria-label={t('nav')}>
        <ul>
          {links.map(([href, key]) => {
            const current = href === '/' ? location === '/' : location.startsWith(href);
            return (
              <li key={href}>
                <Link href={href} aria-current={current ? 'page' : undefined}>
                  {t(key)}
                </Link>
              </li>
            );
          })}
          {/* by the kind of the session's organisation; nothing when signed out */}
          <AnnualReportNavItem location={location} />
          <RegisterNavItem current={location.startsWith('/register')} />
        </ul>
      </nav>
      <div className="header-tools">
        <OrgSwitcher />
        <button
          type="button"
          className="link-button"
          lang={lang === 'zh' ? 'en' : 'zh-CN'}
          aria-label={t('switchLangLabel')}
          onClick={() => {
            setLang(lang === 'zh' ? 'en' : 'zh');
          }}
        >
          {t('switchLang')}
        </button>
        {signedIn && (
          <>
            <Link href="/settings/security" className="header-person">
              {session.person.name}
            </Link>
            <button
              type="button"
              className="link-button"
              onClick={() => {
                // the server ends the session and clears its cookie; reading it again says so
                void api.DELETE('/api/v1/session').then(() => loadSession(true));
              }}
            >
              {t('signOut')}
            </button>
          </>
        )}
      </div>
    </header>
  );
}

/**
 * A page that needs a session: while it is read, the loading line (or why it could not be read,
 * with a retry); without one, to sign-in and back here afterwards.
 */
function Private({
  page,
  params,
  signedIn,
}: {
  page: ExoticComponent<never>;
  /** the route's parameters, still encoded */
  params: Readonly<Record<string, string | undefined>>;
  signedIn: boolean | undefined;
}) {
  const [location] = useLocation();
  const failed = useSyncExternalStore(onSessionChange, sessionFailure);
  if (signedIn === false)
    return (
      <Redirect
        to={`/sign-in?next=${encodeURIComponent(location + window.location.search)}`}
        replace
      />
    );
  if (signedIn === undefined)
    return failed === undefined ? (
      <Loading />
    ) : (
      <ErrorNotice
        error={new ApiError(failed, null)}
        onRetry={() => {
          void loadSession();
        }}
      />
    );
  // the table pairs each page with the path that names its props (SIGNED_IN_PAGES)
  const Page = page as ExoticComponent<Readonly<Record<string, string>>>;
  const props = Object.fromEntries(
    Object.entries(params).map(([name, value]) => [name, decodeParam(value ?? '')]),
  );
  return <Page {...props} />;
}

export function App() {
  const session = useSession();
  const signedIn = session === undefined ? undefined : session !== null;
  const [location] = useLocation();
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [location]);
  useEffect(() => {
    void loadSession();
  }, []);
  return (
    <>
      <Header session={session} />
      <main id="main" className="app-main">
        <Suspense fallback={<Loading />}>
          <Switch>
            <Route path="/sign-in" component={SignIn} />
            <Route path="/invite" component={Invite} />
            <Route path="/verify/:number">
              {(params) => <Verify number={decodeParam(params.number)} />}
            </Route>
            <Route path="/verify">{() => <Verify number={null} />}</Route>
            {SIGNED_IN_PAGES.map(([path, page]) => (
              <Route key={String(path)} path={path}>
                {(params) => <Private page={page} params={params} signedIn={signedIn} />}
              </Route>
            ))}
            <Route component={NotFound} />
          </Switch>
        </Suspense>
      </main>
    </>
  );
}
