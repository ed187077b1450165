/** E-mail over SMTP (nodemailer): a plain-text reminder, Chinese first. */
import nodemailer from 'nodemailer';
import type { Notifier, Reminder } from '../../ports/notifier.js';
import { reminderLines, reminderTitle, type ReminderLang } from './format-reminder.js';

export interface EmailOptions {
  readonly id?: string;
  readonly host: string;
  readonly port: number;
  /** TLS from the start (465); otherwise STARTTLS when the server offers it */
  readonly secure?: boolean;
  readonly user?: string;
  readonly password?: string;
  readonly from: string;
  readonly to: readonly string[];
  readonly lang?: ReminderLang;
  /** for a local test server without TLS */
  readonly ignoreTls?: boolean;
}

export function emailNotifier(options: EmailOptions): Notifier {
  const transport = nodemailer.createTransport({
    host: options.host,
    port: options.port,
    secure: options.secure ?? false,
    ignoreTLS: options.ignoreTls ?? false,
    ...(options.user ? { auth: { user: options.user, pass: options.password ?? '' } } : {}),
  });
  return {
    id: options.id ?? 'email',
    async send(reminder: Reminder) {
      const lang = options.lang ?? 'zh';
      try {
        await transport.sendMail({
          from: options.from,
          to: [...options.to],
          subject: reminderTitle(reminder, lang),
          text: `${reminderLines(reminder, lang).join('\n')}\n`,
        });
      } catch (e) {
        // nodemailer's messages name the server, never the password.
        const reason = e instanceof Error ? e.message : String(e);
        throw new Error(`SMTP ${options.host}:${options.port}: ${reason}`, { cause: e });
      }
    },
  };
}
