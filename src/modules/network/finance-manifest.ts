import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../core/context.js';
import type { ManageLink } from '../../core/modules.js';
import { canFinance, ownOrganisations, readableFor } from './finance-policies.js';
import { agreementPages } from './routes/agreement-pages.js';
import { financePages } from './routes/finance-pages.js';

/**
 * The agreement and finance part of the network module's manifest: its pages,
 * its management links and its housekeeping (the expiry reminders), gathered
 * here so module.ts needs one line for each.
 */
export async function financeRoutes(app: FastifyInstance): Promise<void> {
  await app.register(agreementPages);
  await app.register(financePages);
}

export function financeManageLinks(actor: Actor, ecosystemId: number): ManageLink[] {
  const links: ManageLink[] = [];
  const agreements = readableFor(actor, 'agreement.read', ecosystemId);
  if (agreements === 'all' || agreements.length > 0) links.push({ path: '/beheer/overeenkomsten', label: 'manage.agreements', description: 'manage.agreements.description' });
  if (canFinance(actor, 'finance.read', { ecosystemId })) {
    links.push({ path: '/beheer/financien', label: 'manage.finance', description: 'manage.finance.description' });
  } else if (ownOrganisations(actor, ecosystemId).some((id) => canFinance(actor, 'contribution.read', { ecosystemId, organisationIds: [id] }))) {
    links.push({ path: '/beheer/financien/bijdragen', label: 'manage.contributions', description: 'manage.contributions.description' });
  }
  return links;
}

export { sendAgreementReminders as financeHousekeeping } from './commands/agreement-reminders.js';
