import { writeFileSync } from 'node:fs';

/**
 * Starts a CPU profile of this process (the server under load); the returned
 * function stops it and writes it to a file to open in Chrome's DevTools. A
 * profiled run is slower, so its figures are not written to the docs.
 */
export async function startProfile(): Promise<(file: string) => Promise<void>> {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async (file) => {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
    console.log(`  CPU profile written to ${file}`);
  };
}
