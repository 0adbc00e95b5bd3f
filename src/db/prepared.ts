import { createHash } from 'node:crypto';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

/**
 * Statements that begin with this comment run as named prepared statements on a
 * PostgreSQL server: each connection plans them once and reuses the plan. For
 * the busiest statements, planning costs more than running them: the scan's
 * check-in statement took about 0.8 ms to plan and 0.2 ms to run (EXPLAIN
 * ANALYZE, warm connection). Opt-in, because every prepared statement holds a
 * plan in every connection for its lifetime: statements whose text varies
 * (a search with a varying number of filters) must not use it. PGlite ignores
 * the comment. Behind a pooler in transaction mode (PgBouncer before 1.21)
 * named statements do not work; connect to the server directly.
 */
export const preparedMarker = /^\/\* prepared: ([a-z0-9-]+) \*\//;

/** The name a statement is prepared under: its label and a hash of its text, so two texts never share a name. */
const names = new Map<string, string>();
function nameOf(text: string, label: string): string {
  let name = names.get(text);
  if (!name) {
    name = `${label}-${createHash('sha1').update(text).digest('hex').slice(0, 12)}`;
    // The texts are constants in the code, so this stays small; the bound is a guard against misuse.
    if (names.size < 1_000) names.set(text, name);
  }
  return name;
}

function wrapClient(client: pg.PoolClient): PostgresPoolClient {
  return {
    query(textOrCursor: unknown, parameters?: readonly unknown[]) {
      if (typeof textOrCursor === 'string') {
        const label = preparedMarker.exec(textOrCursor)?.[1];
        if (label) return client.query({ name: nameOf(textOrCursor, label), text: textOrCursor, values: parameters as unknown[] });
        return client.query(textOrCursor, parameters as unknown[]);
      }
      // A cursor (streaming): passed through as it is.
      return client.query(textOrCursor as never);
    },
    release: (destroy?: boolean) => client.release(destroy),
  } as unknown as PostgresPoolClient;
}

/** The pool as Kysely's PostgresDialect wants it, with marked statements prepared. */
export function preparingPool(pool: pg.Pool): PostgresPool {
  return {
    connect: async () => wrapClient(await pool.connect()),
    end: () => pool.end(),
  };
}
