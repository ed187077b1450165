/**
 * The iCalendar subscription: POST /api/v1/calendar/keys makes a secret feed URL, shown once. A
 * feed key reads deadlines and nothing else, but anyone holding the URL reads all of them.
 */
import { useState } from 'react';
import { api, call } from '../../api/client';
import { ErrorNotice } from '../common';
import { useAction } from '../forms';
import { ShownOnce } from '../settings/ShownOnce';
import { defineMessages, useLang, useT } from '../../i18n';

const m = defineMessages({
  intro: [
    '把本组织全部许可证的期限订阅到日历应用（Outlook、苹果日历、Google 日历等）：日期变化时日历会自动更新，暂定的日期标为“暂定”。',
    'Subscribe to the deadlines of all the organisation’s licences in a calendar app (Outlook, Apple Calendar, Google Calendar …): the calendar updates when a date moves, and provisional dates are marked as such.',
  ],
  create: ['生成订阅链接', 'Create a subscription link'],
  again: ['再生成一个订阅链接', 'Create another subscription link'],
  creating: ['正在生成…', 'Creating…'],
  label: ['日历订阅链接（秘密）', 'Calendar subscription link (secret)'],
  copy: ['复制订阅链接', 'Copy the subscription link'],
  secret: [
    '这个链接只显示这一次，它本身就是凭证：任何拿到它的人都能读到本组织的全部期限，不需要登录。只把它添加到自己的日历应用里，不要发到群里或邮件中。',
    'This link is shown only this once and is itself the credential: anyone who has it can read all of the organisation’s deadlines without signing in. Add it to your own calendar app only; do not post it in a chat or an e-mail.',
  ],
  howTo: [
    '在日历应用中选择“添加订阅日历”或“从 URL 添加”，粘贴这个链接。',
    'In the calendar app choose “Add subscribed calendar” or “From URL” and paste the link.',
  ],
  revoke: [
    '每次生成都是一个新链接，旧链接仍然有效。链接泄露时，请本组织的管理员在“设置 → API 令牌”中撤销它：类型为“日历订阅”、创建人是您、创建时间是现在的那一个。',
    'Each click makes a new link; earlier links keep working. If a link leaks, an administrator of your organisation revokes it under Settings → API tokens: the one of kind “Calendar feed” that you created at this time.',
  ],
  readOnly: [
    '您的角色不能生成日历订阅链接（需要成员或管理员）。',
    'Your role cannot create calendar subscription links (member or administrator needed).',
  ],
});

export function CalendarFeed({ allowed }: { allowed: boolean }) {
  const t = useT(m);
  const { lang } = useLang();
  const creating = useAction();
  const [feed, setFeed] = useState<{ id: string; url: string } | null>(null);

  const create = () =>
    creating.run(async () => {
      const created = await call(api.POST('/api/v1/calendar/keys'));
      // the feed speaks the language the user reads the UI in
      const url = lang === 'en' ? `${created.url}&lang=en` : created.url;
      setFeed({ id: created.id, url });
    });

  return (
    <div className="calendar-feed">
      <p>{t('intro')}</p>
      {!allowed && <p className="notice notice-info">{t('readOnly')}</p>}
      {feed !== null && (
        <ShownOnce label={t('label')} value={feed.url} copyLabel={t('copy')}>
          <p>
            <strong>{t('secret')}</strong>
          </p>
          <p>{t('howTo')}</p>
          <p>{t('revoke')}</p>
        </ShownOnce>
      )}
      {creating.failure !== null && <ErrorNotice error={creating.failure} />}
      {allowed && (
        <button
          type="button"
          disabled={creating.busy}
          onClick={() => {
            void create();
          }}
        >
          {creating.busy ? t('creating') : feed === null ? t('create') : t('again')}
        </button>
      )}
    </div>
  );
}
