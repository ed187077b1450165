/**
 * A secret the server shows once (an API token, a webhook's signing secret, a calendar feed URL):
 * the value in a read-only field, a copy button and a warning in words. Where the clipboard is not
 * available (plain http on another host), the text is selected for Ctrl+C instead.
 */
import { useId, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { defineMessages, useT } from '../../i18n';
import './shown-once.css';

const m = defineMessages({
  copy: ['复制', 'Copy'],
  copied: ['已复制到剪贴板。', 'Copied to the clipboard.'],
  selectedInstead: [
    '无法自动复制：文本已选中，请按 Ctrl+C（Mac 上按 ⌘C）复制。',
    'Could not copy automatically: the text is selected, press Ctrl+C (⌘C on a Mac).',
  ],
});

async function writeClipboard(text: string): Promise<boolean> {
  try {
    // navigator.clipboard is undefined outside a secure context, whatever the types say
    const clipboard = navigator.clipboard as Clipboard | undefined;
    if (clipboard === undefined) return false;
    await clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export function ShownOnce({
  label,
  value,
  copyLabel,
  children,
}: {
  /** the field's label, e.g. "新的管理员令牌" */
  label: string;
  value: string;
  /** the copy button's accessible name when "复制" alone is ambiguous on the page */
  copyLabel?: string;
  /** the warning: what the value is and why it is shown once */
  children: ReactNode;
}) {
  const t = useT(m);
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [result, setResult] = useState<'copied' | 'selectedInstead' | null>(null);

  async function copy() {
    const ok = await writeClipboard(value);
    if (!ok) input.current?.select();
    setResult(ok ? 'copied' : 'selectedInstead');
  }

  return (
    <div className="shown-once notice notice-warn">
      <div className="shown-once-warning">{children}</div>
      <label htmlFor={id}>{label}</label>
      <div className="shown-once-row">
        <input
          ref={input}
          id={id}
          className="mono shown-once-value"
          value={value}
          readOnly
          spellCheck={false}
          autoComplete="off"
          onFocus={(e) => {
            e.currentTarget.select();
          }}
        />
        <button
          type="button"
          className="primary"
          aria-label={copyLabel}
          onClick={() => {
            void copy();
          }}
        >
          {t('copy')}
        </button>
      </div>
      <p className="shown-once-result" role="status" aria-live="polite">
        {result === null ? '' : t(result)}
      </p>
    </div>
  );
}
