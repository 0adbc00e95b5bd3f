import type { MailAttachment } from './db/schema.js';

/** What a module hands the outbox: plain text is the source of truth, HTML is derived from it. */
export interface MailContent {
  to: string;
  subject: string;
  /** Paragraphs of plain text. */
  paragraphs: string[];
  /** The one thing to do, shown as a button in HTML and as a bare link in text. */
  action?: { label: string; url: string };
  /** Small print under the message, such as why someone receives it. */
  footer?: string;
  /** What the mail is for (`invitation`, `sign_in_link`, …), shown on the outbox page. */
  kind: string;
  ecosystemId?: number | null;
  /** Text files to send along, such as an .ics calendar file. */
  attachments?: MailAttachment[];
}

export interface ComposedMail {
  text: string;
  html: string;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/**
 * Builds the text and HTML bodies. HTML mail is kept to inline styles and one
 * column because mail clients ignore style sheets; every text is escaped, since
 * names and organisation names come from users.
 */
export function composeMail(content: MailContent): ComposedMail {
  const text = [
    ...content.paragraphs,
    ...(content.action ? [`${content.action.label}:\n${content.action.url}`] : []),
    ...(content.footer ? [`--\n${content.footer}`] : []),
  ].join('\n\n');
  const paragraph = (p: string) => `<p style="margin:0 0 16px">${escapeHtml(p).replace(/\n/g, '<br>')}</p>`;
  const html = [
    '<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">',
    `<title>${escapeHtml(content.subject)}</title></head>`,
    '<body style="margin:0;padding:24px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#ffffff">',
    '<div style="max-width:560px">',
    ...content.paragraphs.map(paragraph),
    content.action
      ? `<p style="margin:24px 0"><a href="${escapeHtml(content.action.url)}" style="display:inline-block;padding:12px 20px;background:#1c5b99;color:#ffffff;text-decoration:underline;border-radius:4px">${escapeHtml(content.action.label)}</a></p>` +
        `<p style="margin:0 0 16px;font-size:14px;word-break:break-all">${escapeHtml(content.action.url)}</p>`
      : '',
    content.footer ? `<p style="margin:32px 0 0;font-size:14px;color:#4d4d4d">${escapeHtml(content.footer)}</p>` : '',
    '</div></body></html>',
  ].join('');
  return { text, html };
}
