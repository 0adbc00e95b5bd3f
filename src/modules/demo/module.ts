import type { AppModule } from '../../core/modules.js';
import { seedDemo } from './seed.js';

/** Invented demo data: the ecosystem `twente-demo`, loaded by `seed` and on first start. */
export const demoModule: AppModule = {
  id: 'demo',
  seedDemo: async (database) => {
    await seedDemo(database);
  },
};
