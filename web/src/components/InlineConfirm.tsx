/**
 * An action confirmed where it was asked for (revoke a token, delete a webhook): what it will do in
 * words, the confirm button named after what it acts on, and Cancel. The caller keeps which item is
 * being confirmed, so that one confirmation is open at a time.
 */
import type { ReactNode } from 'react';
import { defineMessages, useT } from '../i18n';

const m = defineMessages(
  { named: '{action}：{item}', cancel: '取消' },
  { named: '{action}: {item}', cancel: 'Cancel' },
);

export function InlineConfirm({
  className,
  groupLabel,
  confirm,
  item,
  busy,
  busyText,
  danger = false,
  onConfirm,
  onCancel,
  children,
}: {
  className: string;
  /** when set, the confirmation is a group of that name */
  groupLabel?: string;
  /** the confirm button's words, e.g. "确认撤销" */
  confirm: string;
  /** what it acts on, in the confirm button's accessible name: "确认撤销：CI 令牌" */
  item: string;
  busy: boolean;
  /** the confirm button's words while the action runs */
  busyText: string;
  /** a destructive action: the confirm button in red */
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  /** what the action will do */
  children: ReactNode;
}) {
  const t = useT(m);
  return (
    <div
      className={className}
      role={groupLabel === undefined ? undefined : 'group'}
      aria-label={groupLabel}
    >
      {children}
      <button
        type="button"
        className={danger ? 'danger' : undefined}
        disabled={busy}
        onClick={onConfirm}
        aria-label={t('named', { action: confirm, item })}
      >
        {busy ? busyText : confirm}
      </button>{' '}
      <button type="button" onClick={onCancel}>
        {t('cancel')}
      </button>
    </div>
  );
}
