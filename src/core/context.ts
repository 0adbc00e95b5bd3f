import type { Config } from './config.js';
import type { Database } from '../db/database.js';
import type { EcosystemRegistry } from './tenancy.js';
import type { OfferIndexStore } from '../modules/catalogue/search-index/index-store.js';
import type { AppModule } from './modules.js';
import type { Mailer } from '../modules/mail/mailer.js';
import type { Ecosystem } from '../modules/ecosystems/db/schema.js';
import type { Locale } from '../web/i18n/index.js';

/** What every handler may reach: configuration, the database and the ecosystems. */
export interface AppContext {
  config: Config;
  database: Database;
  ecosystems: EcosystemRegistry;
  /** Each ecosystem's published offer in memory, for the finder. */
  offerIndex: OfferIndexStore;
  /** The outbox: mail written in a transaction, sent after commit. */
  mailer: Mailer;
  /** Every module's manifest, for pages that gather what modules offer (the management page). */
  modules: readonly AppModule[];
}

/** Roles a person holds in one ecosystem (PRODUCT.md, "Who uses it"). */
export type Role = 'coordinator' | 'partner_editor' | 'school_contact' | 'viewer';

/** One role of a person in one ecosystem, bound to organisations (partner editor) or school locations (school contact). */
export interface Membership {
  ecosystemId: number;
  role: Role;
  organisationIds: number[];
  locationIds: number[];
}

/**
 * Who is asking. `admin` is the holder of the API token from configuration;
 * `user` a person signed in with a browser session; everyone else is anonymous.
 */
export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'admin' }
  | {
      kind: 'user';
      userId: number;
      email: string;
      name: string;
      platformAdmin: boolean;
      memberships: Membership[];
      /** Hash of the session's token (the cookie holds the token itself). */
      sessionId: string;
    };

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
