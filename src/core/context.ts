import type { Config } from './config.js';
import type { Database } from '../db/database.js';
import type { EcosystemRegistry } from './tenancy.js';
import type { Ecosystem } from '../modules/ecosystems/db/schema.js';
import type { Locale } from '../web/i18n/index.js';

/** What every handler may reach: configuration, the database and the ecosystems. */
export interface AppContext {
  config: Config;
  database: Database;
  ecosystems: EcosystemRegistry;
}

/** Who is asking. Until accounts exist the only signed-in actor is the admin token holder. */
export type Actor = { kind: 'anonymous' } | { kind: 'admin' };

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
  interface FastifyRequest {
    /** Set once per request by the tenant plugin on routes inside an ecosystem. */
    ecosystem: Ecosystem;
    /** Prefix for links inside this ecosystem: `/e/<slug>`, or empty on a host mapped to it. */
    basePath: string;
    locale: Locale;
    actor: Actor;
  }
}
