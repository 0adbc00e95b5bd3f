import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Files attached to the mail, with their content as text (such as an .ics calendar file). */
  attachments: Array<{ filename: string; contentType: string; content: string }>;
  /** The first link in the text body that starts with `prefix`. */
  link(prefix: string): string;
}

/**
 * A real SMTP server on a free local port that keeps what it receives, so
 * tests see the mail exactly as a mail server would: over the wire, MIME and all.
 */
export async function captureSmtp(options: { failNext?: number } = {}) {
  const received: CapturedMail[] = [];
  const waiters: Array<() => void> = [];
  let failures = options.failNext ?? 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      if (failures > 0) {
        failures -= 1;
        stream.resume();
        stream.on('end', () => callback(Object.assign(new Error('tijdelijk niet beschikbaar'), { responseCode: 451 })));
        return;
      }
      simpleParser(stream)
        .then((mail: ParsedMail) => {
          const text = mail.text ?? '';
          const to = Array.isArray(mail.to) ? (mail.to[0]?.text ?? '') : (mail.to?.text ?? '');
          received.push({
            to,
            subject: mail.subject ?? '',
            text,
            html: typeof mail.html === 'string' ? mail.html : '',
            attachments: mail.attachments.map((a) => ({ filename: a.filename ?? '', contentType: a.contentType, content: a.content.toString('utf8') })),
            link(prefix: string) {
              const found = text.split(/\s+/).find((word) => word.startsWith(prefix));
              if (!found) throw new Error(`no link starting with ${prefix} in:\n${text}`);
              return found;
            },
          });
          for (const wake of waiters.splice(0)) wake();
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** Waits for a mail that matches, for at most `ms` milliseconds. */
    async waitFor(match: (mail: CapturedMail) => boolean, ms = 5000): Promise<CapturedMail> {
      const deadline = Date.now() + ms;
      for (;;) {
        const found = received.find(match);
        if (found) return found;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no matching mail within ${ms} ms; received: ${received.map((m) => `${m.to} "${m.subject}"`).join(', ') || 'nothing'}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
