import nodemailer from 'nodemailer';

/** One e-mail as the mail job hands it to the transport. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** Deterministic per outbox item ("<…@…>"): a retried item keeps it, so receivers can dedupe. */
  messageId: string;
}

/** Where mail goes: SMTP in production, a local sink in tests (process edge, CONVENTIONS.md §13). */
export interface MailTransport {
  /** The sender address written on every mail. */
  readonly from: string;
  /** Resolves once the server accepted the mail; rejects with the reason otherwise. */
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/**
 * An SMTP transport through nodemailer from `smtp://user:pass@host:port` (or `smtps://`). No pool:
 * one connection per send keeps a dead server's failure local to that send; short timeouts so a
 * silent server fails an attempt instead of holding the job.
 */
export function createSmtpTransport(options: {
  url: string;
  from: string;
  secure?: boolean;
  timeoutMs?: number;
}): MailTransport {
  const url = new URL(options.url);
  const secure = options.secure ?? url.protocol === 'smtps:';
  const timeout = options.timeoutMs ?? 15_000;
  const transporter = nodemailer.createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(url.username
      ? {
          auth: {
            user: decodeURIComponent(url.username),
            pass: decodeURIComponent(url.password),
          },
        }
      : {}),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout * 2,
  });
  return {
    from: options.from,
    async send(mail) {
      await transporter.sendMail({
        from: options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        messageId: mail.messageId,
      });
    },
    close() {
      transporter.close();
    },
  };
}
