import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';

/** Something that sends one composed message and says what the server answered. */
export interface MailTransport {
  send(message: Mail.Options, fileName: string): Promise<{ response: string }>;
  close(): void;
}

// nodemailer capitalises header names word by word (X-Da06-Task); keep the spelling INTERFACES.md promises.
const normalizeHeaderKey = (key: string): string => key.replace(/^X-Da06-/i, 'X-DA06-');

/** SMTP through a pooled nodemailer transport when `smtpUrl` is set; otherwise `.eml` files in `outboxDir`. */
export function createMailTransport(options: { smtpUrl?: string | undefined; outboxDir: string }): MailTransport {
  if (options.smtpUrl) {
    const transporter = nodemailer.createTransport({
      url: options.smtpUrl,
      pool: true,
      maxConnections: 5,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      normalizeHeaderKey,
    } as never);
    return {
      async send(message) {
        const info = (await transporter.sendMail(message)) as { response?: string };
        return { response: info.response ?? 'accepted' };
      },
      close: () => transporter.close(),
    };
  }
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix', normalizeHeaderKey } as never);
  return {
    async send(message, fileName) {
      const info = (await composer.sendMail(message)) as { message: Buffer };
      const target = path.join(options.outboxDir, fileName);
      // Write then rename, so a reader never sees half a message; make the folder only when it is missing.
      await writeFile(`${target}.tmp`, info.message).catch(async (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
        await mkdir(options.outboxDir, { recursive: true });
        await writeFile(`${target}.tmp`, info.message);
      });
      await rename(`${target}.tmp`, target);
      return { response: `written ${target}` };
    },
    close: () => composer.close(),
  };
}
