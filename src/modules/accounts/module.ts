import type { AppModule } from '../../core/modules.js';
import { accountPages } from './routes/pages.js';

/** People, their roles per ecosystem, and signing in and out. */
export const accountsModule: AppModule = {
  id: 'accounts',
  globalRoutes: accountPages,
};
