import { app } from '@azure/functions';
import { appServices } from '../shared/app/appServices';
import { resumeStuckWork, runHousekeeping } from '../shared/services/housekeeping';

/**
 * Expires overdue invitations, requests reminders, moves delegated admin grants on and moves
 * audit events past AUDIT_ARCHIVE_AFTER_DAYS to the archive, on the HOUSEKEEPING_SCHEDULE setting.
 */
app.timer('invitationHousekeeping', {
  schedule: '%HOUSEKEEPING_SCHEDULE%',
  handler: async (_timer, context) => {
    context.log(`invitationHousekeeping: ${await runHousekeeping(appServices())}`);
  },
});

/**
 * Queues again the sends and activations a stopped process left behind, on STUCK_WORK_SCHEDULE
 * (every minute): with STUCK_WORK_AFTER_SECONDS (2 minutes) that bounds how long work can stay
 * stuck, as the README states.
 */
app.timer('resumeStuckWork', {
  schedule: '%STUCK_WORK_SCHEDULE%',
  handler: async (_timer, context) => {
    context.log(`resumeStuckWork: ${await resumeStuckWork(appServices())} queued again`);
  },
});
