import type { AppModule } from '../../core/modules.js';
import { mailHousekeeping } from './commands/housekeeping.js';
import { outboxPages } from './routes/pages.js';

/**
 * E-mail: an outbox table written in the transaction of the change that
 * causes a mail, delivered over SMTP after commit (see mailer.ts), and the
 * platform administrator's outbox page.
 */
export const mailModule: AppModule = {
  id: 'mail',
  globalRoutes: outboxPages,
  housekeeping: mailHousekeeping,
};
