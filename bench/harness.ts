/** What the benchmarks in bench/ share: options, latency figures, waiting for the server, and their sections of docs/benchmarks.md. */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { KyselyPlugin, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import pg from 'pg';

/** With `--help`: prints the script's opening comment (its usage) and exits. */
export function printUsageIfAsked(help: boolean | undefined, scriptUrl: string): void {
  if (!help) return;
  const source = readFileSync(fileURLToPath(scriptUrl), 'utf8');
  console.log(/\/\*\*([\s\S]*?)\*\//.exec(source)?.[1]?.replace(/^ \* ?/gm, '') ?? '');
  process.exit(0);
}

export function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive whole number, got "${value}"`);
  return n;
}

export interface Stats {
  count: number;
  seconds: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  perSecond: number;
}

function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function stats(latencies: ArrayLike<number>, seconds: number): Stats {
  const sorted = Float64Array.from(latencies).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    count: sorted.length, seconds, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99),
    mean: sorted.length ? sum / sorted.length : Number.NaN, perSecond: sorted.length / seconds,
  };
}

export const fmtMs = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
export const fmtInt = (v: number) => Math.round(v).toLocaleString('en-US');

/**
 * Counts queries in flight, so a run starts only once the previous one has finished in the database too. A query
 * that fails is never counted out (plugins see no errors), so settle() then waits until its limit.
 */
export class InFlightPlugin implements KyselyPlugin {
  inFlight = 0;
  transformQuery(args: { node: RootOperationNode }): RootOperationNode {
    this.inFlight++;
    return args.node;
  }
  async transformResult(args: { result: QueryResult<UnknownRow> }): Promise<QueryResult<UnknownRow>> {
    this.inFlight--;
    return args.result;
  }
}

/**
 * Waits until the server has no open connection and no query in flight for `quietMs`, or `maxMs` have passed. When
 * the load generator stops, the requests it leaves behind still run: those in progress, and those whose connections
 * wait in the server's accept queue (with PGlite the server answers one request at a time, so 32 connections queue
 * for seconds and the server still reads their requests after the client has gone). Waiting keeps runs apart.
 */
export async function settle(server: Server, inFlight: InFlightPlugin, maxMs: number, quietMs = 500): Promise<void> {
  const start = performance.now();
  let quietSince = performance.now();
  while (performance.now() - start < maxMs) {
    await new Promise((r) => setTimeout(r, 25));
    const open = await new Promise<number>((resolve) => server.getConnections((_err, n) => resolve(n ?? 0)));
    if (open > 0 || inFlight.inFlight > 0) quietSince = performance.now();
    else if (performance.now() - quietSince >= quietMs) return;
  }
  console.warn(`  (server still busy after ${maxMs / 1000} s)`);
}

/** One statement on the server outside any pool (creating or dropping the benchmark's database). */
export async function adminQuery(serverUrl: string | undefined, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** The text with `body` between the markers `<!-- tag -->` and `<!-- /tag -->`, added at the end when they are missing. */
export function replaceBetween(text: string, tag: string, body: string): string {
  const open = `<!-- ${tag} -->`;
  const close = `<!-- /${tag} -->`;
  const block = `${open}\n${body}\n${close}`;
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  if (start >= 0 && end > start) return text.slice(0, start) + block + text.slice(end + close.length);
  return `${text.replace(/\s*$/, '')}\n\n${block}\n`;
}
