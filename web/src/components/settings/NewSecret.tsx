/**
 * A secret just created in the settings (an API token, a webhook's signing secret): shown once,
 * then put away with "I have saved it, close".
 */
import type { ComponentProps } from 'react';
import { defineMessages, useT } from '../../i18n';
import { ShownOnce } from './ShownOnce';

const m = defineMessages({ dismiss: '我已保存，关闭' }, { dismiss: 'I have saved it, close' });

export function NewSecret({
  onDismiss,
  ...shown
}: ComponentProps<typeof ShownOnce> & { onDismiss: () => void }) {
  const t = useT(m);
  return (
    <>
      <ShownOnce {...shown} />
      <button type="button" onClick={onDismiss}>
        {t('dismiss')}
      </button>
    </>
  );
}
