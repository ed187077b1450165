/**
 * The shell: header with navigation and the language switch, and the routes. Every page is its own
 * chunk (React.lazy), so a page loads only its own script. Pages other than sign-in and the public
 * verification need a token; without one they send the user to sign in and back.
 */
import { lazy, Suspense, useEffect, useSyncExternalStore } from 'react';
import type { ComponentType, LazyExoticComponent } from 'react';
import { Link, Redirect, Route, Switch, useLocation } from 'wouter';
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
// the organisation line and the register's link read the API: their own chunk, shared with the
// pages (which read it too), so the shell's entry stays small
const OrgSwitcher = lazy(() =>
  import('./components/OrgSwitcher').then((mod) => ({ default: mod.OrgSwitcher })),
);
const RegisterNavItem = lazy(() =>
  import('./components/OrgSwitcher').then((mod) => ({ default: mod.RegisterNavItem })),
);
const NotFound = lazy(() => import('./pages/NotFound'));

const m = defineMessages(
  {
    skip: '跳到正文',
    brand: '许可 xuke',
    brandSub: '增值电信业务经营许可证',
    nav: '主导航',
    dashboard: '概览',
    licences: '许可证',
    upload: '上传核验',
    deadlines: '期限',
    settings: '设置',
    verify: '公开查验',
    signOut: '退出',
    switchLang: 'English',
    switchLangLabel: 'Switch to English',
  },
  {
    skip: 'Skip to content',
    brand: 'xuke',
    brandSub: 'VATS business licences',
    nav: 'Main navigation',
    dashboard: 'Dashboard',
    licences: 'Licences',
    upload: 'Upload & review',
    deadlines: 'Deadlines',
    settings: 'Settings',
    verify: 'Verify',
    signOut: 'Sign out',
    switchLang: '中文',
    switchLangLabel: '切换到中文',
  },
);

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
            <Route path="/">
              {() => <Private page={Dashboard} props={{}} signedIn={signedIn} />}
            </Route>
            <Route path="/licences">
              {() => <Private page={Licences} props={{}} signedIn={signedIn} />}
            </Route>
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
            <Route path="/upload">
              {() => <Private page={Upload} props={{}} signedIn={signedIn} />}
            </Route>
            <Route path="/deadlines">
              {() => <Private page={Deadlines} props={{}} signedIn={signedIn} />}
            </Route>
            <Route path="/register">
              {() => <Private page={Register} props={{}} signedIn={signedIn} />}
            </Route>
            <Route path="/settings">
              {() => <Private page={Settings} props={{}} signedIn={signedIn} />}
            </Route>
            <Route component={NotFound} />
          </Switch>
        </Suspense>
      </main>
    </>
  );
}
