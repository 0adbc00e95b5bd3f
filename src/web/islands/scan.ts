/**
 * The scan island: turns the scan page's plain form (which posts one typed code
 * and works without JavaScript) into a scanner that keeps working on a poor
 * connection.
 *
 * - Every scan goes into a queue on the device first (localStorage), with an id
 *   made here (a UUID) and the device's time, then to POST /api/v1/check-ins in
 *   batches. Sent twice, a scan still counts once: the server knows its id.
 * - Offline, or when the server cannot answer, scans wait and are sent again
 *   with growing pauses (2 s … 1 min), at once when the browser is back online,
 *   and on the next visit. The page says how many wait.
 * - The camera reads QR codes with the browser's BarcodeDetector where there is
 *   one; elsewhere a small decoder (qr-decoder.ts, jsQR) is loaded, only when the
 *   camera is switched on. What it reads fills the code field; the scanner
 *   confirms with the same button as for a typed code.
 * - Strict CSP: no inline code, no innerHTML; DOM built with textContent.
 *
 * Markup contract (src/modules/passes/views/scan-page.tsx): #scan-form with
 * inputs sessionId and code (#veld-code) and button #scan-submit;
 * #scan-camera-toggle, #scan-camera, #scan-video, #scan-camera-status;
 * #scan-result; #scan-queue with #scan-pending and #scan-log; and
 * <script type="application/json" id="scan-data"> holding ScanData.
 */

interface ScanData {
  api: string;
  queueKey: string;
  decoder: string;
  labels: Record<string, string>;
}

interface QueuedScan {
  deviceScanId: string;
  code: string;
  sessionId: number;
  scannedAt: string;
}

interface ScanAnswer {
  deviceScanId: string;
  status: 'recorded' | 'duplicate' | 'refused' | 'retry';
  message: string;
}

interface Detector {
  detect(): Promise<string | undefined>;
}

declare global {
  interface Window {
    /** Set by qr-decoder.js: the text of a QR code in RGBA pixels, or null. */
    lxQrDecode?: (data: Uint8ClampedArray, width: number, height: number) => string | null;
  }
}

// ---------------------------------------------------------------- pass codes (as src/modules/passes/pass-code.ts)

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const lookAlikes: Record<string, string> = { I: '1', L: '1', O: '0' };

function checkCharacter(data: string): string {
  let factor = 2;
  let sum = 0;
  for (let i = data.length - 1; i >= 0; i--) {
    let addend = factor * alphabet.indexOf(data[i]!);
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / 32) + (addend % 32);
    sum += addend;
  }
  return alphabet[(32 - (sum % 32)) % 32]!;
}

/** The normalised code, or which label says what is wrong; the server checks again. */
function parseCode(input: string): { code: string } | { problem: string } {
  const cleaned = input.slice(0, 200).toUpperCase().replace(/[\s-]/g, '');
  if (cleaned === '') return { problem: 'codeEmpty' };
  const mapped = [...cleaned].map((c) => lookAlikes[c] ?? c).join('');
  if (![...mapped].every((c) => alphabet.includes(c))) return { problem: 'codeCharacters' };
  if (mapped.length !== 17) return { problem: 'codeLength' };
  if (checkCharacter(mapped.slice(0, 16)) !== mapped[16]) return { problem: 'codeCheck' };
  return { code: mapped };
}

/** The code in what was read: a card's address (…/pas/<CODE>) or the code itself. */
function codeFromScan(text: string): string {
  const trimmed = text.trim().slice(0, 500);
  const match = /\/pas\/([0-9A-Za-z-]+)\/?(?:[?#].*)?$/.exec(trimmed);
  return match ? match[1]! : trimmed;
}

const formatCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8, 12)}-${code.slice(12, 16)}-${code.slice(16)}`;

function uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID needs a secure context; getRandomValues does not.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => (key in values ? String(values[key]) : match));
}

// ---------------------------------------------------------------- the queue

class Queue {
  constructor(private readonly key: string) {}

  all(): QueuedScan[] {
    try {
      const stored = JSON.parse(localStorage.getItem(this.key) ?? '[]') as unknown;
      return Array.isArray(stored) ? (stored as QueuedScan[]) : [];
    } catch {
      return [];
    }
  }

  private save(scans: QueuedScan[]): void {
    localStorage.setItem(this.key, JSON.stringify(scans));
  }

  // Read, change, write at once: another tab of the scan page may have changed it meanwhile.
  add(scan: QueuedScan): void {
    this.save([...this.all(), scan]);
  }

  remove(ids: Set<string>): void {
    this.save(this.all().filter((s) => !ids.has(s.deviceScanId)));
  }
}

// ---------------------------------------------------------------- the page

function start(): void {
  const dataElement = document.getElementById('scan-data');
  const form = document.getElementById('scan-form') as HTMLFormElement | null;
  if (!dataElement || !form) return;
  const data = JSON.parse(dataElement.textContent ?? '{}') as ScanData;
  const label = (key: string, values: Record<string, string | number> = {}) => fill(data.labels[key] ?? key, values);
  const input = form.elements.namedItem('code') as HTMLInputElement;
  const sessionId = Number((form.elements.namedItem('sessionId') as HTMLInputElement).value);
  const submit = document.getElementById('scan-submit') as HTMLButtonElement;
  const result = document.getElementById('scan-result')!;
  const section = document.getElementById('scan-queue')!;
  const pending = document.getElementById('scan-pending')!;
  const log = document.getElementById('scan-log')!;
  const queue = new Queue(data.queueKey);
  const logItems = new Map<string, HTMLElement>();

  section.hidden = false;
  input.setAttribute('autocapitalize', 'characters');
  input.setAttribute('spellcheck', 'false');

  function say(text: string, kind: 'ok' | 'info' | 'warning' | 'error'): void {
    result.hidden = false;
    result.className = `scan-result scan-result--${kind}`;
    result.textContent = text;
  }

  function showPending(): void {
    const n = queue.all().length;
    pending.textContent = n === 0 ? label('pendingNone') : n === 1 ? label('pendingOne') : label('pendingMany', { count: n });
  }

  function logLine(scan: QueuedScan, text: string, state: string): void {
    let item = logItems.get(scan.deviceScanId);
    if (!item) {
      item = document.createElement('li');
      item.className = 'scan-log__item';
      const code = document.createElement('span');
      code.className = 'scan-log__code';
      const time = new Date(scan.scannedAt).toLocaleTimeString('nl-NL', { hour: '2-digit', minute: '2-digit' });
      code.textContent = label('sessionLine', { time, code: formatCode(scan.code) });
      const status = document.createElement('span');
      status.className = 'scan-log__state';
      item.append(code, ' ', status);
      log.prepend(item);
      logItems.set(scan.deviceScanId, item);
    }
    item.dataset.state = state;
    item.querySelector('.scan-log__state')!.textContent = text;
  }

  // ---- sending, with pauses that grow while the server cannot be reached
  let sending = false;
  let again = false;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function retryLater(seconds?: number): void {
    failures++;
    const delay = seconds !== undefined ? seconds * 1000 : Math.min(60_000, 2000 * 2 ** (failures - 1)) * (0.75 + Math.random() / 2);
    clearTimeout(timer);
    timer = setTimeout(() => void flush(), delay);
  }

  async function flush(): Promise<void> {
    if (sending) {
      again = true;
      return;
    }
    clearTimeout(timer);
    const batch = queue.all().slice(0, 50);
    showPending();
    if (batch.length === 0) return;
    if (!navigator.onLine) {
      say(label('offline'), 'warning');
      return; // the online event sends them
    }
    sending = true;
    pending.textContent = label('sending');
    try {
      const response = await fetch(data.api, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ scans: batch }),
      });
      if (response.status === 401 || response.status === 403) {
        say(label('signedOut'), 'error');
      } else if (response.status === 429) {
        say(label('retryLater'), 'warning');
        retryLater(Number(response.headers.get('retry-after')) || undefined);
      } else if (response.status === 400) {
        // The server could not read the batch at all; these scans would never be accepted.
        const body = (await response.json()) as { message?: string };
        for (const scan of batch) logLine(scan, body.message ?? '', 'refused');
        queue.remove(new Set(batch.map((s) => s.deviceScanId)));
        say(body.message ?? '', 'error');
      } else if (!response.ok) {
        retryLater();
      } else {
        failures = 0;
        const { results } = (await response.json()) as { results: ScanAnswer[] };
        const done = new Set<string>();
        let postponed = false;
        for (const answer of results) {
          const scan = batch.find((s) => s.deviceScanId === answer.deviceScanId);
          if (!scan) continue;
          if (answer.status === 'retry') {
            postponed = true;
            logLine(scan, answer.message, 'retry');
            continue;
          }
          done.add(answer.deviceScanId);
          logLine(scan, answer.message, answer.status);
        }
        queue.remove(done);
        const last = results[results.length - 1];
        if (last) say(`${formatCode(batch.find((s) => s.deviceScanId === last.deviceScanId)?.code ?? '')}: ${last.message}`, last.status === 'recorded' ? 'ok' : last.status === 'duplicate' ? 'info' : last.status === 'retry' ? 'warning' : 'error');
        if (postponed) retryLater();
        else if (queue.all().length > 0) again = true;
      }
    } catch {
      // No connection (or it broke halfway): the scans stay and go later; the server knows them by id if they did arrive.
      say(navigator.onLine ? label('queued') : label('offline'), 'warning');
      retryLater();
    } finally {
      sending = false;
      showPending();
    }
    if (again) {
      again = false;
      await flush();
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const parsed = parseCode(codeFromScan(input.value));
    if ('problem' in parsed) {
      say(label(parsed.problem), 'error');
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    input.removeAttribute('aria-invalid');
    const scan: QueuedScan = { deviceScanId: uuid(), code: parsed.code, sessionId, scannedAt: new Date().toISOString() };
    queue.add(scan);
    logLine(scan, label('queued'), 'queued');
    input.value = '';
    input.focus();
    camera.resume();
    failures = 0;
    void flush();
  });

  window.addEventListener('online', () => {
    failures = 0;
    void flush();
  });
  window.addEventListener('offline', () => showPending());

  const camera = setUpCamera(data, label, (code) => {
    input.value = formatCode(code);
    input.removeAttribute('aria-invalid');
    say(label('cameraRead', { code: formatCode(code) }), 'info');
    submit.focus();
  });

  // Scans left from an earlier visit go now.
  for (const scan of queue.all()) logLine(scan, label('queued'), 'queued');
  void flush();
}

// ---------------------------------------------------------------- the camera

function setUpCamera(data: ScanData, label: (key: string, values?: Record<string, string | number>) => string, onCode: (code: string) => void): { resume(): void } {
  const toggle = document.getElementById('scan-camera-toggle') as HTMLButtonElement | null;
  const box = document.getElementById('scan-camera');
  const video = document.getElementById('scan-video') as HTMLVideoElement | null;
  const status = document.getElementById('scan-camera-status');
  const none = { resume() {} };
  if (!toggle || !box || !video || !status || !navigator.mediaDevices?.getUserMedia) return none;
  toggle.hidden = false;

  let stream: MediaStream | undefined;
  let detector: Detector | undefined;
  let paused = false;
  let last = '';
  let loop: ReturnType<typeof setTimeout> | undefined;

  async function makeDetector(): Promise<Detector> {
    const Native = (window as unknown as { BarcodeDetector?: { new (o: { formats: string[] }): { detect(s: CanvasImageSource): Promise<Array<{ rawValue: string }>> }; getSupportedFormats(): Promise<string[]> } }).BarcodeDetector;
    if (Native && (await Native.getSupportedFormats()).includes('qr_code')) {
      const native = new Native({ formats: ['qr_code'] });
      return { detect: async () => (await native.detect(video!))[0]?.rawValue };
    }
    if (!window.lxQrDecode) {
      await new Promise<void>((resolve, reject) => {
        const script = document.createElement('script');
        script.src = data.decoder;
        script.onload = () => resolve();
        script.onerror = () => reject(new Error('decoder'));
        document.head.append(script);
      });
    }
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true })!;
    return {
      detect: async () => {
        // Scaled down: a QR code fills much of the picture, and fewer pixels decode faster on a cheap phone.
        const scale = Math.min(1, 640 / Math.max(video!.videoWidth, 1));
        canvas.width = Math.round(video!.videoWidth * scale);
        canvas.height = Math.round(video!.videoHeight * scale);
        if (canvas.width === 0 || canvas.height === 0) return undefined;
        context.drawImage(video!, 0, 0, canvas.width, canvas.height);
        const image = context.getImageData(0, 0, canvas.width, canvas.height);
        return window.lxQrDecode!(image.data, image.width, image.height) ?? undefined;
      },
    };
  }

  async function look(): Promise<void> {
    if (!stream || !detector) return;
    if (!paused && video!.readyState >= 2) {
      try {
        const text = await detector.detect();
        if (text) {
          const parsed = parseCode(codeFromScan(text));
          if ('code' in parsed) {
            if (parsed.code !== last) {
              last = parsed.code;
              paused = true;
              navigator.vibrate?.(60);
              onCode(parsed.code);
            }
          } else status!.textContent = label('cameraNotAPass');
        }
      } catch {
        // A frame that could not be read; the next one may.
      }
    }
    loop = setTimeout(() => void look(), 200);
  }

  async function startCamera(): Promise<void> {
    status!.textContent = label('cameraStarting');
    box!.hidden = false;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false });
      video!.srcObject = stream;
      await video!.play();
      detector ??= await makeDetector();
      toggle!.textContent = label('cameraStop');
      status!.textContent = label('cameraLooking');
      paused = false;
      last = '';
      void look();
    } catch (error) {
      stopCamera();
      box!.hidden = false;
      status!.textContent = label((error as { name?: string }).name === 'NotAllowedError' ? 'cameraDenied' : 'cameraUnavailable');
    }
  }

  function stopCamera(): void {
    clearTimeout(loop);
    stream?.getTracks().forEach((track) => track.stop());
    stream = undefined;
    video!.srcObject = null;
    box!.hidden = true;
    toggle!.textContent = label('cameraStart');
  }

  toggle.addEventListener('click', () => void (stream ? stopCamera() : startCamera()));
  return {
    resume() {
      if (!stream) return;
      paused = false;
      status!.textContent = label('cameraLooking');
      // The same card right after it was noted is most likely still in view; read it again only after a pause.
      setTimeout(() => {
        last = '';
      }, 3000);
    },
  };
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();

export {};
