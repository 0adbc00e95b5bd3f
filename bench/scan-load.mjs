// Sends check-ins with autocannon from a child process (see http-load.mjs for why a child).
// Every request is a new scan: the next pass at the next session, with a fresh device id, so
// nothing is a duplicate; with `repeat`, every request resends one of the scans already sent.
//
// Receives over IPC: { origin, path, cookie, codes, sessions, offset, connections, duration, timeout, rate, repeat }
// Sends back:        { latencies: number[] (ms), statusCodes, non2xx, errors, timeouts, durationSec, sent }
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';

process.once('message', ({ origin, path, cookie, codes, sessions, offset, connections, duration, timeout, rate, repeat }) => {
  const latencies = [];
  let next = offset;
  const sentScans = [];
  const body = () => {
    if (repeat) return repeat[next++ % repeat.length];
    const i = next++;
    // Pass i mod P at session ⌊i / P⌋ mod S: distinct (pass, session) pairs for P × S requests.
    const scan = {
      deviceScanId: randomUUID(),
      code: codes[i % codes.length],
      sessionId: sessions[Math.floor(i / codes.length) % sessions.length],
      scannedAt: new Date().toISOString(),
    };
    const text = JSON.stringify({ scans: [scan] });
    if (sentScans.length < 2000) sentScans.push(text);
    return text;
  };
  const instance = autocannon(
    {
      url: origin,
      connections,
      duration,
      timeout,
      ...(rate ? { overallRate: rate } : {}),
      requests: [
        {
          method: 'POST',
          path,
          headers: { 'content-type': 'application/json', cookie, 'sec-fetch-site': 'same-origin' },
          setupRequest(request) {
            request.body = body();
            return request;
          },
        },
      ],
    },
    (err, result) => {
      if (err) {
        process.send({ error: String(err?.stack ?? err) }, () => process.exit(1));
        return;
      }
      const statusCodes = {};
      for (const [code, v] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = v.count;
      process.send(
        { latencies, statusCodes, non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts, durationSec: result.duration, sent: next - offset, sample: sentScans },
        () => process.exit(0),
      );
    },
  );
  instance.on('response', (_client, _statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
  });
});
