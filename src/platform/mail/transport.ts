// Sends one e-mail through the configured transport: SMTP (nodemailer) or GOV.UK Notify (notifications-node-client).
// What an e-mail says is the caller's; a transport only carries it. `reference` is the job's idempotency key: the
// SMTP Message-ID and Notify's reference, so a resend after a crash can be recognised downstream.
import type { Transporter } from 'nodemailer';
import type { NotifyClient } from 'notifications-node-client';
import type { MailConfig } from '../../config.ts';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** Notify's template personalisation fields (the SMTP text already has them written in). */
  personalisation: { first_name: string; subject: string; message: string; link: string };
  reference: string;
  digest?: boolean;
  /** An iCalendar invitation (SMTP only: Notify templates carry a link instead). */
  ical?: string;
}

export interface MailTransport {
  kind: MailConfig['transport'];
  send(mail: Mail): Promise<void>;
  close(): void;
}

// Each transport's library is loaded with its first e-mail, not when the server starts (together about 35 MB).
export function smtpTransport(url: string, from: string): MailTransport {
  let t: Transporter | undefined;
  return {
    kind: 'smtp',
    async send(m) {
      t ??= (await import('nodemailer')).default.createTransport(url);
      await t.sendMail({
        from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        messageId: `<${m.reference.replace(/[^A-Za-z0-9.:-]/g, '.')}@jigsaw>`,
        ...(m.ical ? { icalEvent: { method: 'REQUEST', filename: 'invitation.ics', content: m.ical } } : {}),
      });
    },
    close: () => t?.close(),
  };
}

export function notifyTransport(c: Extract<MailConfig, { transport: 'notify' }>): MailTransport {
  let client: NotifyClient | undefined;
  return {
    kind: 'notify',
    async send(m) {
      client ??= new (await import('notifications-node-client')).NotifyClient(c.baseUrl, c.apiKey);
      try {
        await client.sendEmail(m.digest ? c.digestTemplateId : c.templateId, m.to, { personalisation: m.personalisation, reference: m.reference });
      } catch (err) {
        // Axios errors carry Notify's problem list; say what it said, not the whole request (it has the token).
        const e = err as { response?: { status?: number; data?: { errors?: { message?: string }[] } }; message?: string };
        const detail = e.response?.data?.errors?.map((x) => x.message).join('; ');
        throw new Error(`GOV.UK Notify refused the e-mail${e.response?.status ? ` (${e.response.status})` : ''}: ${detail ?? e.message}`);
      }
    },
    close: () => {},
  };
}

export function mailTransport(c: MailConfig | null): MailTransport | null {
  if (!c) return null;
  return c.transport === 'smtp' ? smtpTransport(c.smtpUrl, c.from) : notifyTransport(c);
}
