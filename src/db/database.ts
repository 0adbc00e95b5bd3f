import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.js';
import { preparingPool } from './prepared.js';
import type { DB } from './schema.js';
import { tickWriteClock, writeClock, WriteClockPlugin } from './write-clock.js';

/** A transaction plus a list of work to run once it has committed (mail, caches). */
export interface Tx {
  db: Transaction<DB>;
  afterCommit(fn: () => void | Promise<void>): void;
}

export interface Database {
  db: Kysely<DB>;
  kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction; side effects registered with `afterCommit` run only if it commits. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** `postgres://…` for a server; otherwise PGlite. */
  url?: string | undefined;
  /** PGlite data folder; `memory://` (or undefined) keeps it in memory. */
  dataDir?: string | undefined;
  poolSize?: number;
}

// The pg driver returns int8 and numeric as strings; counts and sums are cast to
// int in SQL, so dates and JSON are the only types whose parsing matters here,
// and both drivers already agree on them.
export async function createDatabase(options: DatabaseOptions): Promise<Database> {
  let kysely: Kysely<DB>;
  let kind: Database['kind'];
  if (options.url) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      // Short queries from many users at once: JIT compilation and parallel
      // workers cost more than they save here (measured in docs/benchmarks.md).
      options: '-c jit=off -c max_parallel_workers_per_gather=0',
    });
    // A dropped idle connection must not crash the process; the pool reconnects.
    pool.on('error', () => {});
    kysely = new Kysely<DB>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }), plugins: [new WriteClockPlugin()] });
    kind = 'postgres';
  } else {
    const dir = options.dataDir && options.dataDir !== 'memory://' ? options.dataDir : undefined;
    if (dir) mkdirSync(dir, { recursive: true });
    const client = await PGlite.create(dir ? { dataDir: dir } : {});
    kysely = new Kysely<DB>({ dialect: new PGliteDialect(client), plugins: [new WriteClockPlugin()] });
    kind = 'pglite';
  }
  return {
    db: kysely,
    kind,
    async transaction(fn) {
      const after: Array<() => void | Promise<void>> = [];
      let result: Awaited<ReturnType<typeof fn>>;
      const access = writeClock.access;
      try {
        result = await kysely.transaction().execute((trx) => fn({ db: trx, afterCommit: (f) => after.push(f) }));
      } finally {
        // Its writes are visible (or undone) only now: caches that looked in between look again.
        tickWriteClock();
        if (writeClock.access !== access) writeClock.access++;
      }
      for (const f of after) await f();
      return result;
    },
    async close() {
      await kysely.destroy();
    },
  };
}
