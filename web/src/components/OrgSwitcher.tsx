/**
 * The shell's organisation line: the current organisation's name and kind (发证机关 / 持证单位 /
 * 平台), and a one-click switch to each other organisation the person belongs to — for the
 * instance's administrator, to every organisation — through `PUT /session/organisation` (the same
 * session acts there; docs/accounts.md). Shown on every page, so it stays cheap: the organisation
 * comes from the session (session.ts), the kinds' words from kinds.ts, and nothing here reads
 * through SWR.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { Link } from 'wouter';
import { api, call } from '../api/client';
import type { Organisation } from '../api/organisation';
import { defineMessages, PUNCT, useLang, useT } from '../i18n';
import { getSession, onSessionChange } from '../session';
import { useKindWord } from './trust/kinds';

const m = defineMessages({
  register: ['登记簿', 'Register'],
  current: ['当前组织', 'Current organisation'],
  switchTo: ['切换到 {name}', 'Switch to {name}'],
  switchToKind: ['切换到 {name}（{kind}）', 'Switch to {name} ({kind})'],
  switchGroup: ['切换组织', 'Switch organisation'],
  failed: ['未能切换组织，请重试。', 'Could not switch organisation; try again.'],
});

const useSession = () => useSyncExternalStore(onSessionChange, getSession);

export function OrgSwitcher() {
  const t = useT(m);
  const { lang } = useLang();
  const kind = useKindWord();
  const session = useSession();
  const admin = session?.instanceAdmin === true;
  // the instance's administrator may act in any organisation: the list of them, with their kinds
  const [all, setAll] = useState<readonly Organisation[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!admin) return;
    let live = true;
    call(api.GET('/api/v1/organisations')).then(
      (list) => {
        if (live) setAll(list.items);
      },
      () => {
        // the person's own organisations are offered still
      },
    );
    return () => {
      live = false;
    };
  }, [admin]);
  if (session == null) return null;
  const current = session.organisation;
  const others = (all ?? session.organisations).filter((o) => o.id !== current.id);
  const switchTo = async (id: string) => {
    setFailed(false);
    try {
      const now = await call(
        api.PUT('/api/v1/session/organisation', { body: { organisation: id } }),
      );
      // a full load: nothing read as the previous organisation (cached views, forms half filled)
      // survives the switch
      window.location.assign(now.organisation.kind === 'authority' ? '/register' : '/');
    } catch {
      setFailed(true);
    }
  };
  return (
    <div className="org-switcher">
      <p className="org-current">
        <span className="visually-hidden">
          {t('current')}
          {PUNCT[lang].colon}
        </span>
        <strong>{current.name}</strong> <span className="org-kind">{kind(current.kind)}</span>
      </p>
      {others.length > 0 && (
        <div role="group" aria-label={t('switchGroup')} className="org-switch-buttons">
          {others.map((o) => (
            <button
              key={o.id}
              type="button"
              className="link-button"
              onClick={() => {
                void switchTo(o.id);
              }}
            >
              {'kind' in o
                ? t('switchToKind', { name: o.name, kind: kind(o.kind) })
                : t('switchTo', { name: o.name })}
            </button>
          ))}
        </div>
      )}
      {failed && (
        <p className="field-error" role="alert">
          {t('failed')}
        </p>
      )}
    </div>
  );
}

/** The main navigation's link to the register, for an issuing authority only. */
export function RegisterNavItem({ current }: { current: boolean }) {
  const t = useT(m);
  if (useSession()?.organisation.kind !== 'authority') return null;
  return (
    <li>
      <Link href="/register" aria-current={current ? 'page' : undefined}>
        {t('register')}
      </Link>
    </li>
  );
}
