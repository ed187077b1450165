/**
 * The settings' parts, one page each (each page its own chunk, within its script budget):
 * the organisation and its integrations, its members and invitations (administrators), and the
 * signed-in person's own account and security.
 */
import { useSyncExternalStore } from 'react';
import { Link } from 'wouter';
import { defineMessages, useT } from '../../i18n';
import { getSession, onSessionChange } from '../../session';

const m = defineMessages({
  label: ['设置的各部分', 'Parts of the settings'],
  '/settings': ['组织与集成', 'Organisation and integrations'],
  '/settings/members': ['成员与邀请', 'Members and invitations'],
  '/settings/security': ['您的账户与安全', 'Your account and security'],
});

type Part = '/settings' | '/settings/members' | '/settings/security';

export function SettingsNav({ current }: { current: Part }) {
  const t = useT(m);
  const admin = useSyncExternalStore(onSessionChange, getSession)?.role === 'admin';
  const parts: readonly Part[] = admin
    ? ['/settings', '/settings/members', '/settings/security']
    : ['/settings', '/settings/security'];
  return (
    <nav aria-label={t('label')} className="settings-nav">
      <ul>
        {parts.map((part) => (
          <li key={part}>
            <Link href={part} aria-current={part === current ? 'page' : undefined}>
              {t(part)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
