/** Any path the UI does not know. */
import { Link } from 'wouter';
import { PageHeader } from '../components/common';
import { defineMessages, useT } from '../i18n';

const m = defineMessages(
  { title: '找不到这个页面', body: '地址可能有误，或页面已移动。', home: '返回概览' },
  {
    title: 'Page not found',
    body: 'The address may be wrong, or the page has moved.',
    home: 'Back to the dashboard',
  },
);

export default function NotFound() {
  const t = useT(m);
  return (
    <>
      <PageHeader title={t('title')} />
      <p>{t('body')}</p>
      <p>
        <Link href="/">{t('home')}</Link>
      </p>
    </>
  );
}
