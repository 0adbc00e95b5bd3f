import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database, Tx } from '../db/database.js';
import type { DB } from '../db/schema.js';
import type { MessageKey } from '../web/i18n/index.js';
import type { Actor, AppContext } from './context.js';

/** A link on the management page of an ecosystem, shown only to those who may follow it. */
export interface ManageLink {
  /** Path inside the ecosystem, such as `/beheer/mensen`. */
  path: string;
  label: MessageKey;
  description: MessageKey;
}

/**
 * A module's manifest: what it adds to the platform. The app reads only this,
 * so adding a capability is adding a folder and one line in `src/modules/index.ts`.
 */
export interface AppModule {
  id: string;
  /** Routes inside one ecosystem, mounted at `/e/:ecosystem` and at `/` on hosts mapped to an ecosystem. */
  tenantRoutes?: (app: FastifyInstance) => Promise<void>;
  /** Routes outside any ecosystem (platform pages, the ecosystem list). */
  globalRoutes?: (app: FastifyInstance) => Promise<void>;
  /** Loads invented demo data; run by `seed` and on first start unless `--no-demo`. */
  seedDemo?: (database: Database) => Promise<void>;
  /**
   * Removes what has served its purpose (expired sessions, tokens, uploads)
   * and sends what has fallen due (reminders, through the outbox), in one
   * transaction; returns how many rows of each kind it handled. Run hourly.
   */
  housekeeping?: (tx: Tx, now: Date, services: HousekeepingServices) => Promise<Record<string, number>>;
  /** Management pages this module offers the actor in the ecosystem, after its own policies. */
  manageLinks?: (actor: Actor, ecosystemId: number) => ManageLink[];
  /**
   * What this module keeps about one child's pass, for the parent's download of
   * everything (the right of access): a JSON-ready value under the module's id.
   * Every module that stores rows about a pass must give them here.
   */
  passData?: (db: Kysely<DB>, ecosystemId: number, passId: number) => Promise<unknown>;
}

/** Every module's data about one pass, by module id, for the parent's download. */
export async function passDataOf(modules: readonly AppModule[], db: Kysely<DB>, ecosystemId: number, passId: number): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const module of modules) if (module.passData) out[module.id] = await module.passData(db, ecosystemId, passId);
  return out;
}

/** What housekeeping may use besides the database: the outbox, and the configuration (the public address for links in mail). */
export type HousekeepingServices = Pick<AppContext, 'mailer' | 'config'>;

/** Every management page the actor may open in the ecosystem, gathered from the modules' manifests. */
export function manageLinksFor(modules: readonly AppModule[], actor: Actor, ecosystemId: number): ManageLink[] {
  return modules.flatMap((m) => m.manageLinks?.(actor, ecosystemId) ?? []);
}

/** Runs every module's housekeeping, each in its own transaction; returns what it handled, per module and kind. */
export async function runHousekeeping(
  database: Database,
  modules: readonly AppModule[],
  services: HousekeepingServices,
  now: Date = new Date(),
): Promise<Record<string, number>> {
  const removed: Record<string, number> = {};
  for (const module of modules) {
    if (!module.housekeeping) continue;
    const counts = await database.transaction((tx) => module.housekeeping!(tx, now, services));
    for (const [kind, n] of Object.entries(counts)) removed[`${module.id}.${kind}`] = n;
  }
  return removed;
}
