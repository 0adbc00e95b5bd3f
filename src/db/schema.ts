import type { AccountsDB } from '../modules/accounts/db/schema.js';
import type { AuditDB } from '../modules/audit/db/schema.js';
import type { CatalogueDB } from '../modules/catalogue/db/schema.js';
import type { MailDB } from '../modules/mail/db/schema.js';
import type { EcosystemsDB } from '../modules/ecosystems/db/schema.js';
import type { NetworkDB } from '../modules/network/db/schema.js';
import type { PassesDB } from '../modules/passes/db/schema.js';
import type { SignupsDB } from '../modules/signups/db/schema.js';

/** The whole database: the union of every module's tables. */
export interface DB extends EcosystemsDB, CatalogueDB, AccountsDB, AuditDB, MailDB, PassesDB, NetworkDB, SignupsDB {}
