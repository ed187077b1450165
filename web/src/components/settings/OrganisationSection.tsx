/** Who you are here: you, the organisation you act in, your role and what it allows. */
import type { Schemas } from '../../api/client';
import { useOrganisation } from '../../api/organisation';
import { defineMessages, PUNCT, useLang, useT } from '../../i18n';
import { actorName } from '../actors';
import { useKindWord } from '../trust/kinds';
import { isRole, roleLabels } from './roles';

const m = defineMessages(
  {
    organisation: '组织',
    kind: '组织类型',
    jurisdiction: '管辖（编号前缀）',
    person: '您',
    role: '您的角色',
    allows: '可以做的事',
    token: '当前令牌 ID',
    actor: '操作记录中显示为',
    notAdmin:
      '您不是本组织的管理员：API 令牌只能由管理员查看、创建和撤销。需要新令牌时，请联系管理员。',
  },
  {
    organisation: 'Organisation',
    kind: 'Kind',
    jurisdiction: 'Jurisdiction (number prefixes)',
    person: 'You',
    role: 'Your role',
    allows: 'What it allows',
    token: 'Current token id',
    actor: 'Shown in records as',
    notAdmin:
      'You are not an administrator of this organisation: only administrators see, create and revoke API tokens. Ask one for a new token.',
  },
);

export function OrganisationSection({ me }: { me: Schemas['Me'] }) {
  const t = useT(m);
  const tr = useT(roleLabels);
  const { lang } = useLang();
  const known = isRole(me.role);
  const kind = useKindWord();
  const org = useOrganisation().data;
  return (
    <>
      <dl className="facts">
        {me.person !== null && (
          <>
            <dt>{t('person')}</dt>
            <dd>
              {me.person.name}
              {me.person.email !== null && ` · ${me.person.email}`}
            </dd>
          </>
        )}
        <dt>{t('organisation')}</dt>
        <dd>
          {org !== undefined && `${org.name} · `}
          <span className="mono">{me.organisation}</span>
        </dd>
        {org !== undefined && (
          <>
            <dt>{t('kind')}</dt>
            <dd>{kind(org.kind)}</dd>
            {org.jurisdiction.length > 0 && (
              <>
                <dt>{t('jurisdiction')}</dt>
                <dd>{org.jurisdiction.join(PUNCT[lang].list)}</dd>
              </>
            )}
          </>
        )}
        <dt>{t('role')}</dt>
        <dd>{known ? tr(`role_${me.role}`) : me.role}</dd>
        {known && (
          <>
            <dt>{t('allows')}</dt>
            <dd>{tr(`roleHint_${me.role}`)}</dd>
          </>
        )}
        {me.tokenId !== null && (
          <>
            <dt>{t('token')}</dt>
            <dd className="mono">{me.tokenId}</dd>
          </>
        )}
        <dt>{t('actor')}</dt>
        <dd title={me.actor}>{actorName(me.actor, lang)}</dd>
      </dl>
      {me.role !== 'admin' && <p className="notice notice-info">{t('notAdmin')}</p>}
    </>
  );
}
