import type { AppModule } from '../../core/modules.js';

/**
 * The network (samenwerkingsverband): partners and their roles, people,
 * governance, participating schools, agreements and finance (PRODUCT.md §7, §11).
 */
export const networkModule: AppModule = {
  id: 'network',
};
