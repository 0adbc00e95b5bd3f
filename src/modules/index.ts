import type { AppModule } from '../core/modules.js';
import { accountsModule } from './accounts/module.js';
import { auditModule } from './audit/module.js';
import { catalogueModule } from './catalogue/module.js';
import { demoModule } from './demo/module.js';
import { docsModule } from './docs/module.js';
import { ecosystemsModule } from './ecosystems/module.js';
import { mailModule } from './mail/module.js';
import { networkModule } from './network/module.js';
import { passesModule } from './passes/module.js';
import { signupsModule } from './signups/module.js';

/** Every capability of the platform. Order matters only for demo data: ecosystems before what lives in them. */
export const modules: readonly AppModule[] = [ecosystemsModule, accountsModule, mailModule, catalogueModule, passesModule, signupsModule, networkModule, auditModule, docsModule, demoModule];
