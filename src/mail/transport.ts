import { mkdir, rename, writeFile } from 'node:fs';
import { promisify } from 'node:util';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { composeMessage, envelopeOf, type OutgoingMail } from './compose-message.js';

/** Something that sends one message and says what the server answered. */
export interface MailTransport {
  send(message: OutgoingMail, fileName: string): Promise<{ response: string }>;
  close(): void;
}

/**
 * SMTP through a pooled nodemailer transport when `smtpUrl` is set; otherwise `.eml` files in `outboxDir`. Both
 * carry the bytes of `composeMessage`, so a file in the outbox is exactly what an SMTP server would receive.
 */
// The callback API, promisified: on a 14 kB message, a third of the CPU of `fs/promises`, whose FileHandle
// takes several promise hops per call (measured: 5,000 files on /dev/shm, 433 ms of CPU against 168 ms).
const writeFileAsync = promisify(writeFile);
const renameAsync = promisify(rename);
const mkdirAsync = promisify(mkdir);

export function createMailTransport(options: { smtpUrl?: string | undefined; outboxDir: string }): MailTransport {
  if (options.smtpUrl) {
    const transporter = nodemailer.createTransport({
      url: options.smtpUrl,
      pool: true,
      maxConnections: 5,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    } as never);
    return {
      async send(message) {
        const info = (await transporter.sendMail({ envelope: envelopeOf(message), raw: composeMessage(message), messageId: message.messageId })) as { response?: string };
        return { response: info.response ?? 'accepted' };
      },
      close: () => transporter.close(),
    };
  }
  return {
    async send(message, fileName) {
      const bytes = composeMessage(message);
      const target = path.join(options.outboxDir, fileName);
      // Write then rename, so a reader never sees half a message; make the folder only when it is missing.
      await writeFileAsync(`${target}.tmp`, bytes).catch(async (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
        await mkdirAsync(options.outboxDir, { recursive: true });
        await writeFileAsync(`${target}.tmp`, bytes);
      });
      await renameAsync(`${target}.tmp`, target);
      return { response: `written ${target}` };
    },
    close: () => {},
  };
}
