/**
 * The shell: header with navigation and the language switch, and the routes. Every page is its own
 * chunk (React.lazy), so a page loads only its own script. Pages other than sign-in and the public
 * verification need a token; without one they send the user to sign in and back.
 */
import { lazy, Suspense, useEffect, useSyncExternalStore } from 'react';
import type { ComponentType, LazyExoticComponent } from 'react';
import { Link, Redirect, Route, Switch, useLocation, type PathPattern } from 'wouter';
import { Loading } from './components/common';
import { defineMessages, useLang, useT } from './i18n';
import { clearToken, getToken, onTokenChange } from './session';

const SignIn = lazy(() => import('./pages/SignIn'));
const Dashboard = lazy(() => import('./pages/Dashboard'));
const Licences = lazy(() => import('./pages/Licences'));
const LicencePage = lazy(() => import('./pages/Licence'));
const Confirm = lazy(() => import('./pages/Confirm'));
const Upload = lazy(() => import('./pages/Upload'));
const Deadlines = lazy(() => import('./pages/Deadlines'));
const Settings = lazy(() => import('./pages/Settings'));
const Verify = lazy(() => import('./pages/Verify'));
const Register = lazy(() => import('./pages/Register'));
const AnnualReports = lazy(() => import('./pages/AnnualReports'));
const AnnualReportPage = lazy(() => import('./pages/AnnualReport'));
const AnnualReportCycle = lazy(() => import('./pages/AnnualReportCycle'));
// the organisation line and the register's link read the API: their own chunk, shared with the
// pages (which read it too), so the shell's entry stays small
const OrgSwitcher = lazy(() =>
  import('./components/OrgSwitcher').then((mod) => ({ default: mod.OrgSwitcher })),
);
const RegisterNavItem = lazy(() =>
  import('./components/OrgSwitcher').then((mod) => ({ default: mod.RegisterNavItem })),
);
// the annual reports' link, for holders and authorities: it reads the organisation's kind
const AnnualReportNavItem = lazy(() => import('./components/annual-report/AnnualReportNavItem'));
const NotFound = lazy(() => import('./pages/NotFound'));

/**
 * The signed-in pages that take no parameter from the path, by path (one line each: every page
 * loads the shell, so its routes are kept short). The authority's annual-report cycle is one page
 * for its three views, which it tells apart by the path.
 */
const SIGNED_IN_PAGES: readonly (readonly [PathPattern, LazyExoticComponent<ComponentType>])[] = [
  ['/', Dashboard],
  ['/licences', Licences],
  ['/upload', Upload],
  ['/deadlines', Deadlines],
  ['/register', Register],
  ['/annual-reports', AnnualReports],
  [/^\/(annual-report-cycle(\/overview)?|credit-lists)$/, AnnualReportCycle],
  ['/settings', Settings],
];

const m = defineMessages({
  skip: ['跳到正文', 'Skip to content'],
  brand: ['许可 xuke', 'xuke'],
  brandSub: ['增值电信业务经营许可证', 'VATS business licences'],
  nav: ['主导航', 'Main navigation'],
  dashboard: ['概览', 'Dashboard'],
  licences: ['许可证', 'Licences'],
  upload: ['上传核验', 'Upload & review'],
  deadlines: ['期限', 'Deadlines'],
  settings: ['设置', 'Settings'],
  verify: ['公开查验', 'Verify'],
  signOut: ['退出', 'Sign out'],
  switchLang: ['English', '中文'],
  switchLangLabel: ['Switch to English', '切换到中文'],
});

function useToken(): string | null {
  return useSyncExternalStore(onTokenChange, getToken, () => null);
}

/** Decode a path parameter the router hands over still encoded (京 arrives as %E4%BA%AC). */
export function decodeParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function Header({ signedIn }: { signedIn: boolean }) {
  const t = useT(m);
  const { lang, setLang } = useLang();
  const [location] = useLocation();
  const links: readonly (readonly [string, keyof typeof m.zh])[] = signedIn
    ? [
        ['/', 'dashboard'],
        ['/licences', 'licences'],
        ['/upload', 'upload'],
        ['/deadlines', 'deadlines'],
        ['/settings', 'settings'],
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
          {signedIn && (
            <Suspense fallback={null}>
              <AnnualReportNavItem location={location} />
              <RegisterNavItem current={location.startsWith('/register')} />
            </Suspense>
          )}
        </ul>
      </nav>
      <div className="header-tools">
        {signedIn && (
          <Suspense fallback={null}>
            <OrgSwitcher />
          </Suspense>
        )}
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
          <button
            type="button"
            className="link-button"
            onClick={() => {
              clearToken();
            }}
          >
            {t('signOut')}
          </button>
        )}
      </div>
    </header>
  );
}

/** A page that needs a token: without one, to sign-in and back here afterwards. */
function Private<P extends object>({
  page: Page,
  props,
  signedIn,
}: {
  page: LazyExoticComponent<ComponentType<P>>;
  props: P;
  signedIn: boolean;
}) {
  const [location] = useLocation();
  if (!signedIn) return <Redirect to={`/sign-in?next=${encodeURIComponent(location)}`} replace />;
  return <Page {...props} />;
}

export function App() {
  const token = useToken();
  const signedIn = token !== null;
  const [location] = useLocation();
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [location]);
  return (
    <>
      <Header signedIn={signedIn} />
      <main id="main" className="app-main">
        <Suspense fallback={<Loading />}>
          <Switch>
            <Route path="/sign-in" component={SignIn} />
            <Route path="/verify/:number">
              {(params) => <Verify number={decodeParam(params.number)} />}
            </Route>
            <Route path="/verify">{() => <Verify number={null} />}</Route>
            {SIGNED_IN_PAGES.map(([path, page]) => (
              <Route key={String(path)} path={path}>
                {() => <Private page={page} props={{}} signedIn={signedIn} />}
              </Route>
            ))}
            <Route path="/licences/:number/confirm">
              {(params) => (
                <Private
                  page={Confirm}
                  props={{ number: decodeParam(params.number) }}
                  signedIn={signedIn}
                />
              )}
            </Route>
            <Route path="/licences/:number">
              {(params) => (
                <Private
                  page={LicencePage}
                  props={{ number: decodeParam(params.number) }}
                  signedIn={signedIn}
                />
              )}
            </Route>
            <Route path="/annual-reports/:id">
              {(params) => (
                <Private
                  page={AnnualReportPage}
                  props={{ id: decodeParam(params.id) }}
                  signedIn={signedIn}
                />
              )}
            </Route>
            <Route component={NotFound} />
          </Switch>
        </Suspense>
      </main>
    </>
  );
}
