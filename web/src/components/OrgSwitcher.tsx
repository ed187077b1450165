/**
 * The shell's organisation line: the current organisation's name and kind (发证机关 / 持证单位 /
 * 平台), and for the instance's administrator a one-click switch to every other organisation
 * (POST /session/switch hands out an admin token of that organisation; the administrator's own
 * token is kept beside it, so switching back works). Shown on every page, so it stays cheap: the
 * organisation comes from its small store (api/organisation.ts), the kinds' words from kinds.ts, and
 * nothing here reads through SWR.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { Link } from 'wouter';
import { api, call } from '../api/client';
import { useOrganisation, type Organisation } from '../api/organisation';
import { defineMessages, PUNCT, useLang, useT } from '../i18n';
import { getHomeToken, onTokenChange, switchHome, switchToken } from '../session';
import { useKindWord } from './trust/kinds';

const m = defineMessages({
  register: ['登记簿', 'Register'],
  current: ['当前组织', 'Current organisation'],
  switchTo: ['切换到 {name}（{kind}）', 'Switch to {name} ({kind})'],
  switchGroup: ['切换组织', 'Switch organisation'],
  back: ['返回 {name}', 'Back to {name}'],
  failed: ['未能切换组织，请重试。', 'Could not switch organisation; try again.'],
});

function useHomeToken(): string | null {
  return useSyncExternalStore(onTokenChange, getHomeToken, () => null);
}

/**
 * Open the new organisation's start page afresh: a full load, so that nothing read as the previous
 * organisation (cached views, forms half filled) survives the switch.
 */
function afterSwitch(kind: string): void {
  window.location.assign(kind === 'authority' ? '/register' : '/');
}

/** Calls made as the administrator themself (their own token, kept while acting elsewhere). */
function asHome(home: string | null) {
  return home === null ? {} : { headers: { authorization: `Bearer ${home}` } };
}

interface Choices {
  /** the organisations of the instance (the administrator's view) */
  readonly all: readonly Organisation[];
  /** the administrator's own organisation, while acting as another; null otherwise */
  readonly homeId: string | null;
}

export function OrgSwitcher() {
  const t = useT(m);
  const { lang } = useLang();
  const kind = useKindWord();
  const home = useHomeToken();
  const current = useOrganisation().data;
  const admin = current?.instanceAdmin === true || home !== null;
  const [choices, setChoices] = useState<Choices | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!admin) return;
    let live = true;
    void Promise.all([
      call(api.GET('/api/v1/organisations', asHome(home))),
      home === null ? null : call(api.GET('/api/v1/organisation', asHome(home))),
    ]).then(
      ([list, own]) => {
        if (live) setChoices({ all: list.items, homeId: own?.id ?? null });
      },
      () => {
        // no switch offered; the organisation line itself stands
      },
    );
    return () => {
      live = false;
    };
  }, [admin, home]);
  if (current === undefined) return null;
  const others = (choices?.all ?? []).filter((o) => o.id !== current.id);
  const switchTo = async (o: Organisation) => {
    setFailed(false);
    try {
      if (o.id === choices?.homeId) {
        switchHome();
      } else {
        const answer = await call(
          api.POST('/api/v1/session/switch', { body: { organisation: o.id }, ...asHome(home) }),
        );
        switchToken(answer.token);
      }
      afterSwitch(o.kind);
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
      {admin && others.length > 0 && (
        <div role="group" aria-label={t('switchGroup')} className="org-switch-buttons">
          {others.map((o) => (
            <button
              key={o.id}
              type="button"
              className="link-button"
              onClick={() => {
                void switchTo(o);
              }}
            >
              {o.id === choices?.homeId
                ? t('back', { name: o.name })
                : t('switchTo', { name: o.name, kind: kind(o.kind) })}
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
  const org = useOrganisation().data;
  if (org?.kind !== 'authority') return null;
  return (
    <li>
      <Link href="/register" aria-current={current ? 'page' : undefined}>
        {t('register')}
      </Link>
    </li>
  );
}
