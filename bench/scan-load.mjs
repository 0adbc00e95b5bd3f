// Sends check-ins from a child process (see http-load.mjs for why a child).
// Every request is a new scan: the next pass at the next session, with a fresh device id, so
// nothing is a duplicate; with `repeat`, every request resends one of the scans already sent.
//
// Without `rate`: autocannon, each connection sending its next request as soon as the last is answered.
// With `rate`: requests leave at evenly spaced moments (an open loop, as scans arrive from many phones), over up to
// `connections` kept-alive connections; each latency counts from the moment its request was due, so a server that
// falls behind shows it. Not autocannon: its rate limit lets each connection send its quota for a second as fast
// as it can and then wait for the next second, which measures bursts of the whole quota, not a steady rate.
//
// Receives over IPC: { origin, path, cookie, codes, sessions, offset, connections, duration, timeout, rate, repeat }
// Sends back:        { latencies: number[] (ms), statusCodes, non2xx, errors, timeouts, durationSec, sent }
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
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
  if (rate) {
    paced({ origin, path, cookie, connections, duration, timeout, rate }, body, (result) =>
      process.send({ ...result, sent: next - offset, sample: sentScans }, () => process.exit(0)),
    );
    return;
  }
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

/** Sends `rate` requests a second at evenly spaced moments for `duration` seconds, then waits for the last answers. */
function paced({ origin, path, cookie, connections, duration, timeout, rate }, body, finished) {
  const url = new URL(path, origin);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies = [];
  const statusCodes = {};
  let non2xx = 0;
  let errors = 0;
  let timeouts = 0;
  const total = Math.round(rate * duration);
  const interval = 1000 / rate;
  let sent = 0;
  let settled = 0;
  const start = performance.now();
  const settle = () => {
    if (++settled < total) return;
    agent.destroy();
    finished({ latencies, statusCodes, non2xx, errors, timeouts, durationSec: (performance.now() - start) / 1000 });
  };
  const send = (due) => {
    const text = body();
    const request = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), cookie, 'sec-fetch-site': 'same-origin' } },
      (response) => {
        response.resume();
        response.once('end', () => {
          latencies.push(performance.now() - due);
          statusCodes[response.statusCode] = (statusCodes[response.statusCode] ?? 0) + 1;
          if (response.statusCode < 200 || response.statusCode >= 300) non2xx++;
          settle();
        });
      },
    );
    request.setTimeout(timeout * 1000, () => {
      timeouts++;
      request.destroy();
    });
    request.once('error', () => {
      errors++;
      settle();
    });
    request.end(text);
  };
  const tick = () => {
    // Everything due by now goes now, each with the moment it was due.
    const due = Math.min(total, Math.floor((performance.now() - start) / interval) + 1);
    while (sent < due) send(start + sent++ * interval);
    if (sent < total) setTimeout(tick, 1);
  };
  tick();
}
