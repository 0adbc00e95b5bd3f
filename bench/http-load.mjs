// Runs autocannon in a worker thread, so the load generator does not share an
// event loop with the server under test (with PGlite, the database runs on the
// server's thread too). Plain JavaScript: a worker needs no TypeScript loader.
//
// workerData: { origin, paths, connections, duration }
// Posts back: { latencies: Float64Array (ms, one per response), statusCodes, non2xx, errors, timeouts, durationSec, bytes }
import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';

const { origin, paths, connections, duration } = workerData;
const latencies = [];
let clientIndex = 0;

const instance = autocannon(
  {
    url: origin,
    connections,
    duration,
    // Every connection cycles through the whole mix, each starting at a different
    // query, so that at any moment the server sees a blend rather than 32 copies of one.
    requests: paths.map((path) => ({ method: 'GET', path })),
    setupClient(client) {
      const start = clientIndex++ % paths.length;
      const rotated = [...paths.slice(start), ...paths.slice(0, start)];
      client.setRequests(rotated.map((path) => ({ method: 'GET', path })));
    },
    headers: { accept: 'application/json' },
  },
  (err, result) => {
    if (err) {
      parentPort.postMessage({ error: String(err?.stack ?? err) });
      return;
    }
    const statusCodes = {};
    for (const [code, v] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = v.count;
    parentPort.postMessage({
      latencies: Float64Array.from(latencies),
      statusCodes,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      durationSec: result.duration,
      bytes: result.throughput.total,
    });
  },
);

instance.on('response', (_client, _statusCode, _bytes, responseTime) => {
  latencies.push(responseTime);
});
