/**
 * Whether public verification also answers for this organisation's own declared records
 * (`PUT /organisation/settings { publishDeclared }`): off by default; when on, the public page says
 * plainly that the record is the holder's own and not verified by the issuing authority.
 */
import { useId, useState } from 'react';
import { api, call } from '../../api/client';
import { reloadOrganisation, useOrganisation } from '../../api/organisation';
import { defineMessages, useT } from '../../i18n';
import { ErrorNotice } from '../common';

const m = defineMessages(
  {
    label: '公开本单位自行登记的许可证',
    warning:
      '打开后，发证机关登记簿中没有的编号，公开查验页会显示本单位保存的记录，并明确写明“由持证单位自行登记，未经发证机关核实”，不显示绿色标记。发证机关的登记始终优先。',
    authority: '发证机关登记簿中的许可证总是公开可查，无需设置。',
    saved: '已保存。',
    saving: '正在保存…',
  },
  {
    label: 'Publish the licences this organisation declared itself',
    warning:
      'When on, a number absent from the issuing authorities’ registers is answered on the public page from your saved record, saying plainly “recorded by the holder itself, not verified by the issuing authority”, with no green mark. The issuing authority’s register always comes first.',
    authority: 'The licences in an issuing authority’s register are always public; nothing to set.',
    saved: 'Saved.',
    saving: 'Saving…',
  },
);

export function PublishSection() {
  const t = useT(m);
  const id = useId();
  const organisation = useOrganisation();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const org = organisation.data;
  if (org === undefined) return null;
  if (org.kind === 'authority') return <p className="hint">{t('authority')}</p>;
  return (
    <div>
      <div className="field field-check">
        <input
          id={id}
          type="checkbox"
          role="switch"
          checked={org.publishDeclared}
          disabled={busy}
          aria-describedby={`${id}-warning`}
          onChange={(e) => {
            const publishDeclared = e.target.checked;
            setBusy(true);
            setFailure(null);
            setSaved(false);
            void call(api.PUT('/api/v1/organisation/settings', { body: { publishDeclared } }))
              .then(async () => {
                setSaved(true);
                await reloadOrganisation();
              })
              .catch((error: unknown) => {
                setFailure(error);
              })
              .finally(() => {
                setBusy(false);
              });
          }}
        />{' '}
        <label htmlFor={id}>{t('label')}</label>
      </div>
      <p id={`${id}-warning`} className="notice notice-warn">
        {t('warning')}
      </p>
      <div role="status" aria-live="polite">
        {busy ? t('saving') : saved ? t('saved') : ''}
      </div>
      {failure !== null && <ErrorNotice error={failure} />}
    </div>
  );
}
