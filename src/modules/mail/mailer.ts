import nodemailer, { type Transporter } from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';
import type { Database, Tx } from '../../db/database.js';
import { composeMail, type MailContent } from './compose.js';

/** How often undelivered mail is tried again, and how many times in all. */
const retryDelaysMs = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 12 * 3_600_000];
/** A mail claimed by a process that died mid-send is picked up again after this. */
const stuckAfterMs = 10 * 60_000;

export interface MailerOptions {
  smtpUrl: string | undefined;
  from: string;
  logger: FastifyBaseLogger;
}

/**
 * The transactional outbox. `queue` writes a mail in the caller's transaction;
 * after commit the mailer sends what is due over SMTP. Without SMTP the mail
 * stays in the outbox, where the platform administrator reads it.
 */
export class Mailer {
  private readonly transport: Transporter | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly database: Database,
    private readonly options: MailerOptions,
  ) {
    this.transport = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : undefined;
  }

  /** Whether mail leaves the platform (SMTP configured) or stays in the outbox. */
  get delivers(): boolean {
    return this.transport !== undefined;
  }

  /** Writes a mail in the caller's transaction; it is sent only if that transaction commits. */
  async queue(tx: Tx, content: MailContent): Promise<void> {
    const { text, html } = composeMail(content);
    await tx.db
      .insertInto('mail_messages')
      .values({
        ecosystem_id: content.ecosystemId ?? null,
        to_address: content.to,
        subject: content.subject,
        text_body: text,
        html_body: html,
        kind: content.kind,
        status: this.transport ? 'pending' : 'outbox',
        attachments: JSON.stringify(content.attachments ?? []),
      })
      .execute();
    if (this.transport) tx.afterCommit(() => this.kick());
  }

  /** Starts sending what is due without waiting for it; one run at a time. */
  kick(): void {
    if (!this.transport) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.deliverDue()
      .catch((error: unknown) => this.options.logger.error({ err: error }, 'mail delivery failed'))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Waits until the current delivery run (if any) has finished; for shutdown and tests. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Retries failed deliveries now and then while the server runs. */
  start(intervalMs = 30_000): void {
    if (!this.transport || this.timer) return;
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
    this.kick();
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.idle();
    this.transport?.close();
  }

  private async deliverDue(): Promise<void> {
    const transport = this.transport;
    if (!transport) return;
    for (;;) {
      const batch = await this.claim(20);
      if (batch.length === 0) return;
      for (const mail of batch) {
        try {
          await transport.sendMail({
            from: this.options.from,
            to: mail.to_address,
            subject: mail.subject,
            text: mail.text_body,
            html: mail.html_body,
            attachments: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
          });
          await this.database.db
            .updateTable('mail_messages')
            .set({ status: 'sent', sent_at: new Date(), text_body: '', html_body: '', last_error: '', attachments: '[]' })
            .where('id', '=', mail.id)
            .execute();
        } catch (error) {
          const delay = retryDelaysMs[mail.attempts - 1];
          const message = error instanceof Error ? error.message : String(error);
          this.options.logger.warn({ mailId: mail.id, attempt: mail.attempts, error: message }, 'mail not delivered');
          await this.database.db
            .updateTable('mail_messages')
            .set(
              delay === undefined
                ? { status: 'failed', last_error: message.slice(0, 500) }
                : { status: 'pending', last_error: message.slice(0, 500), next_attempt_at: new Date(Date.now() + delay) },
            )
            .where('id', '=', mail.id)
            .execute();
        }
      }
    }
  }

  /** Marks due mail as being sent, so two processes never send the same mail. */
  private async claim(limit: number) {
    return this.database.transaction(async (tx) => {
      const now = new Date();
      const due = await tx.db
        .selectFrom('mail_messages')
        .select('id')
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
            eb.and([eb('status', '=', 'sending'), eb('next_attempt_at', '<=', new Date(now.getTime() - stuckAfterMs))]),
          ]),
        )
        .orderBy('id')
        .limit(limit)
        .forUpdate()
        .skipLocked()
        .execute();
      if (due.length === 0) return [];
      return tx.db
        .updateTable('mail_messages')
        .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), next_attempt_at: now }))
        .where(
          'id',
          'in',
          due.map((d) => d.id),
        )
        .returning(['id', 'to_address', 'subject', 'text_body', 'html_body', 'attachments', 'attempts'])
        .execute();
    });
  }
}
