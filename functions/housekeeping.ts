import { app } from '@azure/functions';
import { appServices } from '../shared/app/appServices';
import { runHousekeeping } from '../shared/services/housekeeping';

/** Expires overdue invitations and requests reminders, on the HOUSEKEEPING_SCHEDULE setting. */
app.timer('invitationHousekeeping', {
  schedule: '%HOUSEKEEPING_SCHEDULE%',
  handler: async (_timer, context) => {
    context.log(`invitationHousekeeping: ${await runHousekeeping(appServices())}`);
  },
});
