import type { AppModule } from '../../core/modules.js';
import { canManage } from '../accounts/policies.js';
import { auditPages } from './routes/pages.js';

/** The audit log: every command writes an event (commands/audit-recorder.ts); coordinators read their ecosystem's. */
export const auditModule: AppModule = {
  id: 'audit',
  tenantRoutes: auditPages,
  manageLinks: (actor, ecosystemId) => (canManage(actor, 'audit.read', ecosystemId) ? [{ path: '/beheer/logboek', label: 'manage.audit', description: 'manage.audit.description' }] : []),
};
