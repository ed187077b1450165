/**
 * A new password, typed twice (setting one after the first start's link, accepting an
 * invitation, changing it under Security). The page checks what it can before sending — the
 * length (10–200 characters, docs/accounts.md) and that both agree — and the server checks the
 * rest (not digits only, not the e-mail) and says so in words.
 */
import { useId } from 'react';
import { defineMessages, useT } from '../../i18n';
import { FieldError } from '../forms';

export const passwordWords = defineMessages({
  newPassword: ['新口令', 'New password'],
  again: ['再输入一次新口令', 'The new password again'],
  hint: [
    '至少 10 个字符；不要只用数字，也不要用您的电子邮件地址。密码管理器生成的口令最好。',
    'At least 10 characters; not digits only, and not your e-mail address. One made by a password manager is best.',
  ],
  tooShort: ['口令至少 10 个字符。', 'A password needs at least 10 characters.'],
  tooLong: ['口令最多 200 个字符。', 'A password has at most 200 characters.'],
  differ: ['两次输入的口令不一致。', 'The two passwords differ.'],
});

export type PasswordProblem = 'tooShort' | 'tooLong' | 'differ';

/** What is wrong with the new password as typed, before the server is asked; null: nothing. */
export function passwordProblem(password: string, again: string): PasswordProblem | null {
  // characters as the server counts them: code points (src/app/accounts/users.ts)
  const length = Array.from(password).length;
  if (length < 10) return 'tooShort';
  if (length > 200) return 'tooLong';
  return password === again ? null : 'differ';
}

export function PasswordFields({
  password,
  again,
  onPassword,
  onAgain,
  problem,
}: {
  password: string;
  again: string;
  onPassword: (value: string) => void;
  onAgain: (value: string) => void;
  /** shown once the form was sent */
  problem: PasswordProblem | null;
}) {
  const t = useT(passwordWords);
  const ids = { password: useId(), again: useId(), hint: useId(), error: useId() };
  const first = problem === 'tooShort' || problem === 'tooLong';
  return (
    <>
      <div className="field">
        <label htmlFor={ids.password}>{t('newPassword')}</label>
        <input
          id={ids.password}
          type="password"
          value={password}
          autoComplete="new-password"
          maxLength={200}
          aria-invalid={first}
          aria-describedby={first ? `${ids.hint} ${ids.error}` : ids.hint}
          onChange={(e) => {
            onPassword(e.currentTarget.value);
          }}
        />
        <p id={ids.hint} className="hint">
          {t('hint')}
        </p>
        <FieldError id={ids.error} text={first ? t(problem) : undefined} />
      </div>
      <div className="field">
        <label htmlFor={ids.again}>{t('again')}</label>
        <input
          id={ids.again}
          type="password"
          value={again}
          autoComplete="new-password"
          maxLength={200}
          aria-invalid={problem === 'differ'}
          aria-describedby={problem === 'differ' ? `${ids.again}-error` : undefined}
          onChange={(e) => {
            onAgain(e.currentTarget.value);
          }}
        />
        <FieldError
          id={`${ids.again}-error`}
          text={problem === 'differ' ? t('differ') : undefined}
        />
      </div>
    </>
  );
}
