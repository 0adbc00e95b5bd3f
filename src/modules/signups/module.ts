import type { AppModule, ManageLink } from '../../core/modules.js';
import { expireOffers, offerPlacesLeftOpen, sendReminders } from './commands/signup-commands.js';
import { bookingSchools, can, managedOrganisations } from './policies.js';
import { classBookingRoutes } from './routes/class-booking-routes.js';
import { lotteryRoutes } from './routes/lottery-routes.js';
import { parentSignupRoutes } from './routes/parent-signup-routes.js';
import { providerSignupRoutes } from './routes/provider-signup-routes.js';
import { signupsForExport } from './queries/signup-queries.js';

/**
 * Sign-up and places (PRODUCT.md §5): parents sign children up for sessions
 * or whole series, first come first served or by lottery; waiting lists with
 * time-limited promotion; providers' lists, attendance and cancellations; mail
 * with calendar files. No session is ever overbooked (commands/place-keeper.ts).
 */
export const signupsModule: AppModule = {
  id: 'signups',
  tenantRoutes: async (app) => {
    await app.register(parentSignupRoutes);
    await app.register(providerSignupRoutes);
    await app.register(lotteryRoutes);
    await app.register(classBookingRoutes);
  },
  // Offers past their deadline lapse and the place moves on; places freed otherwise (a deleted pass) are offered too;
  // families with a place get a reminder the day before, once.
  housekeeping: async (tx, now, services) => {
    const mail = { mailer: services.mailer, publicUrl: services.config.publicUrl };
    return {
      offersExpired: await expireOffers(tx, now, mail),
      placesOffered: await offerPlacesLeftOpen(tx, now, mail),
      reminders: await sendReminders(tx, now, mail),
    };
  },
  manageLinks(actor, ecosystemId) {
    const links: ManageLink[] = [];
    const orgs = managedOrganisations(actor, ecosystemId);
    if (orgs === 'all' || orgs.length > 0) links.push({ path: '/beheer/aanmeldingen', label: 'signups.manage', description: 'signups.manage.description' });
    const schools = bookingSchools(actor, ecosystemId);
    if (orgs === 'all' || orgs.length > 0 || schools === 'all' || schools.length > 0) links.push({ path: '/beheer/klasboekingen', label: 'classBookings.title', description: 'classBookings.description' });
    if (can(actor, 'lottery.policy', { ecosystemId })) links.push({ path: '/beheer/loting', label: 'signups.lottery.settings.title', description: 'signups.lottery.settings.description' });
    return links;
  },
  // A parent's download of everything about a pass includes its sign-ups.
  passData: async (db, ecosystemId, passId) => ({ signups: await signupsForExport(db, ecosystemId, passId) }),
};
