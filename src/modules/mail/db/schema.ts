import type { ColumnType, Generated, Selectable } from 'kysely';

export type MailStatus = 'outbox' | 'pending' | 'sending' | 'sent' | 'failed';

export interface MailMessagesTable {
  id: Generated<string>;
  ecosystem_id: number | null;
  to_address: string;
  subject: string;
  text_body: ColumnType<string, string | undefined, string>;
  html_body: ColumnType<string, string | undefined, string>;
  /** What the mail is for (`invitation`, `sign_in_link`, …), for the outbox page. */
  kind: ColumnType<string, string | undefined, string>;
  status: MailStatus;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: ColumnType<string, string | undefined, string>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>;
  sent_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Files sent with the mail, text only (an .ics calendar file); emptied with the body. */
  attachments: ColumnType<MailAttachment[], string | undefined, string>;
}

/** A text file attached to a mail, such as an iCalendar file with the dates of a sign-up. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

export type MailMessage = Selectable<MailMessagesTable>;

export interface MailDB {
  mail_messages: MailMessagesTable;
}
