import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A mail the sink accepted: the envelope's recipients and the raw message. */
export interface SunkMail {
  to: string[];
  raw: string;
  /** The Message-ID header as sent. */
  messageId: string | null;
}

/**
 * A local SMTP server for tests (no outside network): accepts every mail on 127.0.0.1 and keeps
 * it. `stop()` takes it down (the port refuses connections: "SMTP down"); `start()` brings it back
 * on the same port.
 */
export async function startSmtpSink(port = 0) {
  const received: SunkMail[] = [];
  let server: SMTPServer | null = null;
  let boundPort = port;

  async function start() {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      closeTimeout: 50,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
            messageId: /^Message-ID:\s*(<[^>]+>)/imu.exec(raw)?.[1] ?? null,
          });
          callback();
        });
      },
    });
    const s = server;
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      const net = s.listen(boundPort, '127.0.0.1', () => {
        boundPort = (net.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  async function stop() {
    const s = server;
    server = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  await start();
  return {
    received,
    get url() {
      return `smtp://127.0.0.1:${boundPort}`;
    },
    start,
    stop,
  };
}
