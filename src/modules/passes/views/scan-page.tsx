import type { FieldProblem } from '../../../core/errors.js';
import { Alert } from '../../../web/components/alert.js';
import { CsrfField, ErrorSummary, TextField } from '../../../web/components/form.js';
import { formatDay, formatTime } from '../../../web/format.js';
import { t, type Locale, type MessageKey } from '../../../web/i18n/index.js';
import { Layout } from '../../../web/layout.js';
import { jsonForScript } from '../../../web/render.js';
import type { Ecosystem } from '../../ecosystems/db/schema.js';
import type { ScanSession } from '../queries/scan-sessions.js';

export const scanPath = '/scannen';

/** What the scan island reads from the page (src/web/islands/scan.ts, ScanData). */
export interface ScanData {
  /** The JSON endpoint that takes a batch of scans. */
  api: string;
  /** localStorage key of this person's queue in this ecosystem. */
  queueKey: string;
  /** The decoder used when the browser has no BarcodeDetector; loaded only when the camera starts. */
  decoder: string;
  labels: Record<string, string>;
}

/** The result of the last scan sent without JavaScript. */
export type ScanNotice = { kind: 'recorded' | 'duplicate'; code: string; message?: undefined } | { kind: 'refused' | 'retry'; message: string; code?: undefined } | undefined;

export interface ScanPageProps {
  locale: Locale;
  ecosystem: Ecosystem;
  basePath: string;
  csrfToken: string;
  now: Date;
  sessions: ScanSession[];
  /** The chosen session; without one the page lists today's sessions to choose from. */
  session: ScanSession | undefined;
  /** A fresh id for the next scan sent by the form: a second POST of the same form counts once. */
  deviceScanId: string;
  /** A code to fill in (from a card's landing page, or a refused scan to correct). */
  code: string;
  problems: FieldProblem[];
  notice: ScanNotice;
  queueKey: string;
}

/** Texts the island shows, in the reader's language. */
const islandLabels: Record<string, MessageKey> = {
  recorded: 'scan.result.recorded',
  duplicate: 'scan.result.duplicate',
  queued: 'scan.queue.queued',
  pendingNone: 'scan.queue.none',
  pendingOne: 'scan.queue.one',
  pendingMany: 'scan.queue.many',
  offline: 'scan.queue.offline',
  sending: 'scan.queue.sending',
  signedOut: 'scan.queue.signedOut',
  retryLater: 'scan.queue.retryLater',
  cameraStart: 'scan.camera.start',
  cameraStop: 'scan.camera.stop',
  cameraStarting: 'scan.camera.starting',
  cameraLooking: 'scan.camera.looking',
  cameraUnavailable: 'scan.camera.unavailable',
  cameraDenied: 'scan.camera.denied',
  cameraRead: 'scan.camera.read',
  cameraNotAPass: 'scan.camera.notAPass',
  codeEmpty: 'passes.code.empty',
  codeCharacters: 'passes.code.characters',
  codeLength: 'passes.code.length',
  codeCheck: 'passes.code.check',
  sessionLine: 'scan.log.session',
};

function timeRange(s: ScanSession, locale: Locale): string {
  return `${formatTime(s.startsAt, locale)}–${formatTime(s.endsAt, locale)}`;
}

function Notice({ notice, locale }: { notice: ScanNotice; locale: Locale }) {
  if (!notice) return null;
  if (notice.message === undefined) {
    return (
      <Alert type={notice.kind === 'recorded' ? 'ok' : 'info'} role="status" class="scan-notice">
        <p class="utrecht-paragraph">
          <strong>{t(locale, notice.kind === 'recorded' ? 'scan.result.recorded' : 'scan.result.duplicate')}</strong> {notice.code}
        </p>
      </Alert>
    );
  }
  return (
    <Alert type={notice.kind === 'retry' ? 'warning' : 'error'} role="alert" class="scan-notice">
      <p class="utrecht-paragraph">{notice.message}</p>
    </Alert>
  );
}

/**
 * The scan page, made for a phone: choose today's session, then scan or type
 * a code and confirm. Works as a plain form without JavaScript; the island
 * adds the camera and a queue on the device that survives a poor connection.
 */
export function ScanPage(props: ScanPageProps) {
  const { locale, basePath, session } = props;
  const here = `${basePath}${scanPath}`;
  const codeQuery = props.code ? `&code=${encodeURIComponent(props.code)}` : '';
  const data: ScanData = {
    api: `${basePath}/api/v1/check-ins`,
    queueKey: props.queueKey,
    decoder: '/assets/js/qr-decoder.js',
    labels: Object.fromEntries(Object.entries(islandLabels).map(([k, key]) => [k, t(locale, key)])),
  };
  return (
    <Layout title={t(locale, 'scan.title')} locale={locale} ecosystem={props.ecosystem} basePath={basePath} scripts={session ? ['/assets/js/scan.js'] : []}>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={`${basePath}/beheer`}>
          {t(locale, 'scan.backToManage')}
        </a>
      </p>
      <h1 class="utrecht-heading-1">{t(locale, 'scan.title')}</h1>
      {!session ? (
        <>
          <Notice notice={props.notice} locale={locale} />
          <p class="utrecht-paragraph">{t(locale, 'scan.choose.intro', { day: formatDay(props.now, locale) })}</p>
          {props.sessions.length === 0 ? (
            <p class="utrecht-paragraph">{t(locale, 'scan.choose.none')}</p>
          ) : (
            <ul class="scan-sessions">
              {props.sessions.map((s) => (
                <li>
                  <a class="utrecht-link scan-sessions__title" href={`${here}?bijeenkomst=${s.id}${codeQuery}`}>
                    {s.activityTitle}
                  </a>
                  <span class="scan-sessions__meta">{[timeRange(s, locale), s.place, s.organisationName].filter(Boolean).join(' · ')}</span>
                </li>
              ))}
            </ul>
          )}
        </>
      ) : (
        <>
          <p class="utrecht-paragraph scan-session">
            {t(locale, 'scan.session', { title: session.activityTitle, time: timeRange(session, locale) })}
            {session.place && ` · ${session.place}`}{' '}
            <a class="utrecht-link" href={`${here}${props.code ? `?code=${encodeURIComponent(props.code)}` : ''}`}>
              {t(locale, 'scan.otherSession')}
            </a>
          </p>
          <Notice notice={props.notice} locale={locale} />
          <div id="scan-result" class="scan-result" role="status" aria-live="polite" hidden></div>
          <ErrorSummary problems={props.problems} locale={locale} />
          <div id="scan-camera" class="scan-camera" hidden>
            <video id="scan-video" class="scan-video" muted playsinline aria-label={t(locale, 'scan.camera.label')}></video>
            <p id="scan-camera-status" class="utrecht-paragraph" role="status"></p>
          </div>
          <form id="scan-form" class="utrecht-form scan-form" method="post" action={here} novalidate>
            <CsrfField token={props.csrfToken} />
            <input type="hidden" name="sessionId" value={String(session.id)} />
            <input type="hidden" name="deviceScanId" value={props.deviceScanId} />
            <TextField locale={locale} name="code" label={t(locale, 'scan.code')} hint={t(locale, 'scan.codeHint')} value={props.code} problems={props.problems} maxLength={200} autocomplete="off" />
            <div class="button-row">
              <button class="utrecht-button utrecht-button--primary-action" type="submit" id="scan-submit">
                {t(locale, 'scan.submit')}
              </button>
              <button class="utrecht-button utrecht-button--secondary-action" type="button" id="scan-camera-toggle" hidden>
                {t(locale, 'scan.camera.start')}
              </button>
            </div>
          </form>
          <section id="scan-queue" class="scan-queue" aria-labelledby="scan-queue-title" hidden>
            <h2 class="utrecht-heading-2" id="scan-queue-title">
              {t(locale, 'scan.queue.title')}
            </h2>
            <p class="utrecht-paragraph" id="scan-pending"></p>
            <ol class="scan-log" id="scan-log"></ol>
          </section>
          <script type="application/json" id="scan-data" dangerouslySetInnerHTML={{ __html: jsonForScript(data) }} />
        </>
      )}
    </Layout>
  );
}
