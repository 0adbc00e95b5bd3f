import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import type { Config } from './core/config.js';
import { createDatabase, type Database } from './db/database.js';
import { migrateToLatest } from './db/migrations.js';
import { runHousekeeping } from './core/modules.js';
import { modules } from './modules/index.js';

export interface Runtime {
  app: FastifyInstance;
  database: Database;
  stop(): Promise<void>;
}

export async function openDatabase(config: Config): Promise<Database> {
  const database = await createDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize });
  await migrateToLatest(database.db);
  return database;
}

/** Loads every module's demo data. Each module's seed is idempotent. */
export async function seedDemo(database: Database): Promise<void> {
  for (const module of modules) {
    if (module.seedDemo) await module.seedDemo(database);
  }
}

/** Every hour (and once at start), each module clears what has expired; failures are logged, never fatal. */
function startHousekeeping(app: FastifyInstance, database: Database): () => void {
  const run = () =>
    runHousekeeping(database, modules, app.ctx).then(
      (removed) => {
        const any = Object.values(removed).some((n) => n > 0);
        if (any) app.log.info({ removed }, 'housekeeping');
      },
      (error: unknown) => app.log.error({ err: error }, 'housekeeping failed'),
    );
  void run();
  const timer = setInterval(run, 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Opens the database, migrates, loads demo data on a first start, and serves.
 * SIGTERM and SIGINT close the server (in-flight requests finish) and then the database.
 */
export async function serve(config: Config, options: { demo: boolean }): Promise<Runtime> {
  const database = await openDatabase(config);
  if (options.demo) {
    const any = await database.db.selectFrom('ecosystems').select('id').limit(1).executeTakeFirst();
    if (!any) await seedDemo(database);
  }
  const app = await buildApp({ config, database });
  await app.listen({ port: config.port, host: config.host });
  app.ctx.mailer.start();
  const stopHousekeeping = startHousekeeping(app, database);
  // Build the finder indexes now rather than on the first visitor's search.
  for (const ecosystem of await app.ctx.ecosystems.all()) {
    app.ctx.offerIndex.warm(ecosystem.id).catch((error: unknown) => app.log.error({ err: error, ecosystem: ecosystem.slug }, 'finder index failed to load'));
  }
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      stopHousekeeping();
      await app.close();
      await database.close();
    })());
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      app.log.info({ signal }, 'shutting down');
      stop().then(
        () => process.exit(0),
        (error: unknown) => {
          app.log.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
  return { app, database, stop };
}
