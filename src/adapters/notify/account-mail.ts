/**
 * Mail to a person (invitations, lock-out notices: docs/accounts.md) through the SMTP server the
 * reminders use (XUKE_SMTP_URL, XUKE_SMTP_FROM); plain text. nodemailer is loaded on the first send.
 */
import type { AccountMail } from '../../app/accounts/account-deps.js';

export interface AccountMailOptions {
  readonly host: string;
  readonly port: number;
  /** TLS from the start (465); otherwise STARTTLS when the server offers it */
  readonly secure: boolean;
  readonly user: string | null;
  readonly password: string | null;
  readonly from: string;
}

export function smtpAccountMail(options: AccountMailOptions): AccountMail {
  let transport: Promise<{ sendMail(m: object): Promise<unknown> }> | undefined;
  const open = () =>
    (transport ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport({
        host: options.host,
        port: options.port,
        secure: options.secure,
        ...(options.user === null
          ? {}
          : { auth: { user: options.user, pass: options.password ?? '' } }),
      }),
    ));
  return {
    async send(to, subject, text) {
      try {
        await (await open()).sendMail({ from: options.from, to, subject, text: `${text}\n` });
      } catch (e) {
        // nodemailer's messages name the server, never the password
        const reason = e instanceof Error ? e.message : String(e);
        throw new Error(`SMTP ${options.host}:${String(options.port)}: ${reason}`, { cause: e });
      }
    },
  };
}
