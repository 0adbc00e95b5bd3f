// Runs autocannon in a child process, so the load generator shares neither an
// event loop nor a libuv thread pool with the server under test (with PGlite,
// the database runs on the server's thread too). Plain JavaScript: the child
// needs no TypeScript loader.
//
// Receives over IPC: { origin, paths, connections, duration, timeout, disjoint }
// Sends back:        { latencies: number[] (ms, one per response), statusCodes, non2xx, errors, timeouts, durationSec }
import autocannon from 'autocannon';

process.once('message', ({ origin, paths, connections, duration, timeout, disjoint }) => {
  const latencies = [];
  let clientIndex = 0;
  const instance = autocannon(
    {
      url: origin,
      connections,
      duration,
      timeout,
      // Every connection cycles through the whole mix, each starting at a different
      // query, so that at any moment the server sees a blend rather than 32 copies of one.
      // With disjoint slices each connection sets its own below; building all of them here for every connection would take longer than the run.
      requests: (disjoint ? paths.slice(0, 1) : paths).map((path) => ({ method: 'GET', path })),
      setupClient(client) {
        const index = clientIndex++;
        if (disjoint) {
          // Each connection its own searches: none is asked twice until a slice runs out.
          const size = Math.floor(paths.length / connections);
          client.setRequests(paths.slice(index * size, (index + 1) * size).map((path) => ({ method: 'GET', path })));
          return;
        }
        const start = index % paths.length;
        const rotated = [...paths.slice(start), ...paths.slice(0, start)];
        client.setRequests(rotated.map((path) => ({ method: 'GET', path })));
      },
    },
    (err, result) => {
      if (err) {
        process.send({ error: String(err?.stack ?? err) }, () => process.exit(1));
        return;
      }
      const statusCodes = {};
      for (const [code, v] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = v.count;
      process.send(
        { latencies, statusCodes, non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts, durationSec: result.duration },
        () => process.exit(0),
      );
    },
  );
  instance.on('response', (_client, _statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
  });
});
