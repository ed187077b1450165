/**
 * Settings, the organisation's part: the organisation and your role (GET /api/v1/me), the
 * organisation's API tokens for its programs (admins) and the webhooks that receive deadline
 * reminders (members and admins). The members and invitations, and your own account, are parts of
 * their own (SettingsNav). What a role may not do is said in words, not hidden silently.
 */
import { useId } from 'react';
import { api, call } from '../api/client';
import { useData } from '../api/use-data';
import { Loading, PageHeader } from '../components/common';
import { Loaded } from '../components/Loaded';
import { OrganisationSection } from '../components/settings/OrganisationSection';
import { SettingsNav } from '../components/settings/SettingsNav';
import { PublishSection } from '../components/settings/PublishSection';
import { TokensSection } from '../components/settings/TokensSection';
import { WebhooksSection } from '../components/settings/WebhooksSection';
import { defineMessages, useT } from '../i18n';
import './settings.css';

const m = defineMessages(
  {
    title: '设置',
    organisation: '组织',
    tokens: 'API 令牌',
    tokensIntro:
      '令牌供程序调用 API（例如上架审核系统、持续集成），不用于登录网页。每个令牌属于一个角色，可以设定有效期；令牌只在创建时显示一次，服务器只保存它的指纹。',
    tokensAdminOnly: '只有管理员可以查看和管理 API 令牌。',
    publish: '公开查验',
    webhooks: 'Webhook 提醒',
    webhooksIntro: '期限临近时（最后办理日前 10、5、1 个工作日），xuke 向这些地址发送签名的提醒。',
    webhooksReadOnly: '您的角色不能管理 Webhook（需要成员或管理员）。',
  },
  {
    title: 'Settings',
    organisation: 'Organisation',
    tokens: 'API tokens',
    tokensIntro:
      'Tokens are for programs that call the API (an app review system, continuous integration), not for signing in to the web UI. Each has one role and may have an expiry date; a token is shown only when it is created, and the server keeps only its fingerprint.',
    tokensAdminOnly: 'Only administrators can see and manage API tokens.',
    publish: 'Public verification',
    webhooks: 'Webhook reminders',
    webhooksIntro:
      'As deadlines approach (10, 5 and 1 working days before the last day to act), xuke sends signed reminders to these URLs.',
    webhooksReadOnly: 'Your role cannot manage webhooks (member or administrator needed).',
  },
);

export default function Settings() {
  const t = useT(m);
  const ids = { organisation: useId(), publish: useId(), tokens: useId(), webhooks: useId() };
  const me = useData(['me'], () => call(api.GET('/api/v1/me')));
  const role = me.data?.role;

  return (
    <div className="settings">
      <PageHeader title={t('title')} />
      <SettingsNav current="/settings" />

      <section aria-labelledby={ids.organisation} className="card settings-section">
        <h2 id={ids.organisation}>{t('organisation')}</h2>
        <Loaded read={me}>{(data) => <OrganisationSection me={data} />}</Loaded>
      </section>

      {role === 'admin' && (
        <section aria-labelledby={ids.publish} className="card settings-section">
          <h2 id={ids.publish}>{t('publish')}</h2>
          <PublishSection />
        </section>
      )}

      <section aria-labelledby={ids.tokens} className="card settings-section">
        <h2 id={ids.tokens}>{t('tokens')}</h2>
        <p className="hint">{t('tokensIntro')}</p>
        {me.data === undefined ? (
          me.error === undefined && <Loading />
        ) : role === 'admin' ? (
          <TokensSection currentTokenId={me.data.tokenId} />
        ) : (
          <p className="notice notice-info">{t('tokensAdminOnly')}</p>
        )}
      </section>

      <section aria-labelledby={ids.webhooks} className="card settings-section">
        <h2 id={ids.webhooks}>{t('webhooks')}</h2>
        <p className="hint">{t('webhooksIntro')}</p>
        {me.data === undefined ? (
          me.error === undefined && <Loading />
        ) : role === 'admin' || role === 'member' ? (
          <WebhooksSection />
        ) : (
          <p className="notice notice-info">{t('webhooksReadOnly')}</p>
        )}
      </section>
    </div>
  );
}
