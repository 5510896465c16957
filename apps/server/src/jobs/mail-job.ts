import type { Repositories } from '@caitien/db';
import type { Clock } from '../clock.ts';
import type { JobLogger } from './job-runner.ts';
import type { MailTransport } from './mail-transport.ts';

/** How the outbox is worked through. */
export interface MailJobSettings {
  /** Attempts before an item is `failed` for good (kept and shown to the administrator). */
  maxAttempts: number;
  /** The wait after the first failed attempt; doubled after each further one. */
  baseDelayMs: number;
  /** The longest wait between attempts. */
  maxDelayMs: number;
  /**
   * How long a claimed item stays 'sending'. A process that dies between handing a mail to the
   * SMTP server and recording it leaves the item 'sending'; only when this lease has run out is it
   * tried again (as its next attempt, same Message-ID). That is the one case where a mail could
   * reach the server twice — the alternative, never retrying an unconfirmed send, could lose it,
   * and the issue says "never lost". The deterministic Message-ID lets the receiving side drop the
   * duplicate.
   */
  leaseMs: number;
  /** Items taken per run. */
  batchSize: number;
}

export const DEFAULT_MAIL_SETTINGS: MailJobSettings = {
  maxAttempts: 8,
  baseDelayMs: 60_000,
  maxDelayMs: 6 * 60 * 60_000,
  leaseMs: 10 * 60_000,
  batchSize: 50,
};

/** The wait before the attempt after `attempts` failed ones: base · 2^(attempts−1), capped. */
export function retryDelayMs(attempts: number, settings: MailJobSettings): number {
  return Math.min(settings.baseDelayMs * 2 ** Math.max(0, attempts - 1), settings.maxDelayMs);
}

/**
 * The "mail" job: claim due outbox items (pending, or 'sending' with an expired lease), send each
 * through the transport, record sent, or the failure with exponential backoff — `failed` after the
 * last attempt. Every failure is logged with the item, the attempt and the next try. Without a
 * transport (no SMTP configured) nothing is claimed, so nothing is lost either.
 */
export function createMailJob(deps: {
  repositories: Pick<Repositories, 'notifications'>;
  clock: Clock;
  transport: MailTransport | null;
  logger: JobLogger;
  settings?: Partial<MailJobSettings>;
}) {
  const settings = { ...DEFAULT_MAIL_SETTINGS, ...deps.settings };
  const repo = deps.repositories.notifications;
  const iso = (ms: number) => new Date(ms).toISOString();

  return async function runMailJob(): Promise<{ sent: number; failed: number }> {
    const transport = deps.transport;
    if (!transport) return { sent: 0, failed: 0 };
    const now = deps.clock.now().getTime();
    const claimed = await repo.claimDueMail(
      iso(now),
      iso(now + settings.leaseMs),
      settings.batchSize,
    );
    let sent = 0;
    let failed = 0;
    for (const item of claimed) {
      try {
        await transport.send({
          to: item.toAddress,
          subject: item.subject,
          text: item.bodyText,
          messageId: item.messageId,
        });
      } catch (e) {
        const error = e instanceof Error ? e.message : String(e);
        const final = item.attempts >= settings.maxAttempts;
        const at = deps.clock.now().getTime();
        const nextAttemptAt = iso(final ? at : at + retryDelayMs(item.attempts, settings));
        await repo.markMailAttemptFailed(item.id, item.attempts, {
          status: final ? 'failed' : 'pending',
          nextAttemptAt,
          error,
        });
        failed += 1;
        const log = {
          outboxId: item.id,
          to: item.toAddress,
          attempt: item.attempts,
          maxAttempts: settings.maxAttempts,
          error,
        };
        if (final) deps.logger.error(log, 'mail failed for good after the last attempt');
        else deps.logger.warn({ ...log, nextAttemptAt }, 'mail not sent; will retry');
        continue;
      }
      await repo.markMailSent(item.id, item.attempts, deps.clock.now().toISOString());
      sent += 1;
      deps.logger.info(
        { outboxId: item.id, to: item.toAddress, attempt: item.attempts },
        'mail sent',
      );
    }
    return { sent, failed };
  };
}
