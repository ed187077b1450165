/**
 * Settings, the people's part (administrators): the organisation's members (role in words, second
 * factor, single sign-on; change a role, remove), its invitations (by e-mail or as a link, with
 * their status; revoke) and how people join (by invitation, or through single sign-on by e-mail
 * domain; the role they get; whether a second factor is required). A page of its own, so that the
 * settings' pages each stay within their script budget (docs/web-ui.md).
 */
import { useId, useSyncExternalStore } from 'react';
import { PageHeader } from '../components/common';
import { AccessPolicySection } from '../components/settings/AccessPolicySection';
import { InvitationsSection } from '../components/settings/InvitationsSection';
import { MembersSection } from '../components/settings/MembersSection';
import { SettingsNav } from '../components/settings/SettingsNav';
import { defineMessages, useT } from '../i18n';
import { getSession, onSessionChange } from '../session';
import './settings.css';

const m = defineMessages({
  title: ['成员与邀请', 'Members and invitations'],
  members: ['成员', 'Members'],
  membersIntro: [
    '本组织的成员和他们的角色。更改角色立即生效；移除成员后，他们在本组织的会话立即结束。本组织至少要保留一位管理员。',
    'The organisation’s members and their roles. A changed role applies at once; a removed member’s sessions here end at once. The organisation keeps at least one administrator.',
  ],
  invitations: ['邀请', 'Invitations'],
  invitationsIntro: [
    '邀请 7 天内有效，只能使用一次。受邀人设置口令，或用单点登录接受邀请。',
    'An invitation works once, for 7 days. The invitee sets a password, or accepts with single sign-on.',
  ],
  policy: ['单点登录与加入方式', 'Sign-in policy'],
  adminOnly: [
    '只有本组织的管理员可以管理成员和邀请。需要邀请同事时，请联系管理员。',
    'Only the organisation’s administrators manage members and invitations. To invite a colleague, ask one of them.',
  ],
});

export default function Members() {
  const t = useT(m);
  const ids = { members: useId(), invitations: useId(), policy: useId() };
  const admin = useSyncExternalStore(onSessionChange, getSession)?.role === 'admin';
  return (
    <div className="settings">
      <PageHeader title={t('title')} />
      <SettingsNav current="/settings/members" />
      {!admin ? (
        <p className="notice notice-info">{t('adminOnly')}</p>
      ) : (
        <>
          <section aria-labelledby={ids.members} className="card settings-section">
            <h2 id={ids.members}>{t('members')}</h2>
            <p className="hint">{t('membersIntro')}</p>
            <MembersSection />
          </section>
          <section aria-labelledby={ids.invitations} className="card settings-section">
            <h2 id={ids.invitations}>{t('invitations')}</h2>
            <p className="hint">{t('invitationsIntro')}</p>
            <InvitationsSection />
          </section>
          <section aria-labelledby={ids.policy} className="card settings-section">
            <h2 id={ids.policy}>{t('policy')}</h2>
            <AccessPolicySection />
          </section>
        </>
      )}
    </div>
  );
}
