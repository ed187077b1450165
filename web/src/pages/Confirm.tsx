/**
 * Confirmed against the official query (/licences/{number}/confirm): a holder's or a platform's
 * reviewer looks the number up in the MIIT's system (电信业务市场综合管理信息系统, behind a captcha) and
 * records here what it showed, with a screenshot or the saved page. The record is compared like a
 * register entry until it falls due again (90 days by default); public verification never presents
 * it as the issuing authority's word. Its own page, linked from the licence's comparison.
 */
import { Link } from 'wouter';
import { useOrganisation } from '../api/organisation';
import { PageHeader } from '../components/common';
import { ConfirmationForm } from '../components/trust/ConfirmationForm';
import { officialQueryUrl } from '../components/trust/glossary';
import { defineMessages, useT } from '../i18n';

const m = defineMessages(
  {
    title: '记录官方系统核实：{number}',
    intro:
      '在官方系统查询这个编号（需要输入验证码），把看到的内容照实填在这里，并附上截图或保存的网页。核实记录在 90 天内有效，用作比对的依据，但公开查验页不会把它当作发证机关的登记。',
    official: '在工业和信息化部电信业务市场综合管理信息系统查询 {number}（新窗口）',
    licence: '返回许可证 {number}',
    authority: '发证机关不记录核实：您的组织的决定直接写入登记簿。',
    register: '打开登记簿',
  },
  {
    title: 'Record an official-system confirmation: {number}',
    intro:
      'Look the number up in the official system (it asks for a captcha), enter what it shows exactly, and attach a screenshot or the saved page. A confirmation is current for 90 days and is compared like a register entry, but public verification never presents it as the issuing authority’s word.',
    official: 'Look up {number} in the MIIT licence system (new window)',
    licence: 'Back to licence {number}',
    authority:
      'An issuing authority records no confirmations: your organisation’s decisions go straight into its register.',
    register: 'Open the register',
  },
);

export default function Confirm({ number }: { number: string }) {
  const t = useT(m);
  const organisation = useOrganisation().data;
  return (
    <>
      <PageHeader title={t('title', { number })}>
        <Link href={`/licences/${encodeURIComponent(number)}`} className="button">
          {t('licence', { number })}
        </Link>
      </PageHeader>
      {organisation?.kind === 'authority' ? (
        <div className="notice notice-info">
          <p>{t('authority')}</p>
          <p>
            <Link href="/register">{t('register')}</Link>
          </p>
        </div>
      ) : (
        <>
          <p>{t('intro')}</p>
          <p>
            <a href={officialQueryUrl(number)} target="_blank" rel="noopener noreferrer">
              {t('official', { number })}
            </a>
          </p>
          {organisation !== undefined && <ConfirmationForm number={number} />}
        </>
      )}
    </>
  );
}
