import { errors } from '../../../core/errors.js';
import type { Tx } from '../../../db/database.js';
import { t, type Locale } from '../../../web/i18n/index.js';
import { hashToken } from '../../accounts/secrets.js';
import type { Mailer } from '../../mail/mailer.js';
import { formatPassCode } from '../pass-code.js';
import { checkConsentForm, passCodeMailKind, recordConsents, type ConsentForm } from './consent-recorder.js';
import { checkProfile, updatePassProfile, type ProfileForm } from './parent-profile.js';
import { issueSinglePass, type IssuedPass } from './pass-issuer.js';
import { createPrivateLink, privateLinkPath } from './pass-link.js';
import { startParentSession } from './parent-session.js';

export interface PassRequestInput {
  profile: ProfileForm;
  consent: ConsentForm;
  /** The form's one-time token (see the pass-request-tokens migration): the same form sent twice makes one pass. */
  requestToken: string;
}

const requestTokenPattern = /^[A-Za-z0-9_-]{43}$/;

export interface PassRequestContext {
  ecosystem: { id: number; slug: string; name: string };
  mailer: Mailer;
  /** The platform's public address, for links in mail (never the request's Host header). */
  publicUrl: string;
  locale: Locale;
}

export type PassRequestOutcome = ({ repeat: false } & PassRequestResult) | { repeat: true; passId: number };

export interface PassRequestResult {
  pass: IssuedPass;
  /** The private link's token, when the path-page consent was given. */
  linkToken: string | null;
  /** Whether the code (and link) went to the parent's address. */
  mailed: boolean;
  /** A parent session on the new pass, so the parent can go on to its page. */
  sessionToken: string;
}

/**
 * A parent requests a pass online: one pass issued 'parent', with the
 * optional profile and the consents ticked, by a parent or guardian (never
 * asked for the child's name). Everything is checked before anything is
 * written. With the path-page consent a private link is made; with the e-mail
 * consent the code and that link are mailed (through the outbox, after
 * commit). The secret is never mailed: it is shown once, on screen.
 */
export async function requestPassAsParent(tx: Tx, input: PassRequestInput, context: PassRequestContext, now: Date = new Date()): Promise<PassRequestOutcome> {
  const { ecosystem, locale } = context;
  if (!requestTokenPattern.test(input.requestToken)) throw errors.invalidInput([{ field: 'aanvraag', key: 'parent.request.expired' }]);
  const requestTokenHash = hashToken(input.requestToken);
  // Sent before (a refresh of the page that showed the new pass, a double click): that pass, not a second one.
  const earlier = await tx.db.selectFrom('passes').select('id').where('ecosystem_id', '=', ecosystem.id).where('request_token_hash', '=', requestTokenHash).executeTakeFirst();
  if (earlier) return { repeat: true, passId: earlier.id };
  const profile = await checkProfile(tx, ecosystem.id, input.profile, now);
  const consent = checkConsentForm(input.consent);
  const problems = [...profile.problems, ...consent.problems];
  if (problems.length > 0) throw errors.invalidInput(problems);

  const parent = { kind: 'anonymous' } as const;
  const pass = await issueSinglePass(tx, parent, ecosystem.id, 'parent');
  // Unique per ecosystem: of two submissions at the same moment, the second fails here and changes nothing.
  await tx.db.updateTable('passes').set({ request_token_hash: requestTokenHash }).where('id', '=', pass.id).execute();
  await updatePassProfile(tx, parent, ecosystem.id, pass.id, input.profile, now);
  await recordConsents(tx, parent, ecosystem.id, pass.id, consent.consent);
  const linkToken = consent.consent.purposes.has('path_page') ? await createPrivateLink(tx, parent, ecosystem.id, pass.id) : null;

  const email = consent.consent.email;
  if (email) {
    const base = `${context.publicUrl}/e/${ecosystem.slug}`;
    await context.mailer.queue(tx, {
      to: email,
      kind: passCodeMailKind,
      ecosystemId: ecosystem.id,
      // No nickname in the subject or anywhere in the mail: the mail says which pass, not which child.
      subject: t(locale, 'passes.mail.subject', { ecosystem: ecosystem.name }),
      paragraphs: [
        t(locale, 'mail.greeting'),
        t(locale, 'passes.mail.code', { ecosystem: ecosystem.name, code: formatPassCode(pass.code) }),
        t(locale, 'passes.mail.secret'),
        ...(linkToken ? [t(locale, 'passes.mail.link')] : []),
      ],
      action: linkToken
        ? { label: t(locale, 'passes.mail.linkAction'), url: `${base}${privateLinkPath(linkToken)}` }
        : { label: t(locale, 'passes.mail.parentAction'), url: `${base}/ouders` },
      footer: t(locale, 'passes.mail.footer', { url: `${base}/ouders` }),
    });
  }
  const sessionToken = await startParentSession(tx, ecosystem.id, pass.id, now);
  return { repeat: false, pass, linkToken, mailed: email !== null, sessionToken };
}
