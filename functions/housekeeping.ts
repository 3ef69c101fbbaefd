import { app, type InvocationContext } from '@azure/functions';
import { appServices, type AppServices } from '../shared/app/appServices';
import { QUEUES } from '../shared/queue/messageQueue';
import { resumeLostGdapChecks } from '../shared/services/gdapChecks';
import { resumeStuckWork, runHousekeeping } from '../shared/services/housekeeping';
import { resumeLostResellerChecks } from '../shared/services/resellerConfirmation';
import { describeError, logEvent } from '../shared/telemetry/log';
import { recordQueueBacklogs } from '../shared/telemetry/metrics';

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
 * stuck, as the README states. Also the checks with Microsoft whose message was lost (10
 * minutes overdue, LOST_CHECK_AFTER_MS).
 */
app.timer('resumeStuckWork', {
  schedule: '%STUCK_WORK_SCHEDULE%',
  handler: async (_timer, context) => {
    const services = appServices();
    context.log(`resumeStuckWork: ${await resumeStuckWork(services)} queued again`);
    await resumeLostChecks(services, context);
    await recordBacklogs(services, context);
  },
});

/**
 * The checks with Microsoft whose chain lost its message, queued again; each restart is a
 * warning naming the relationship (the `microsoft-checks-lost` alert counts them).
 */
async function resumeLostChecks(services: AppServices, context: InvocationContext): Promise<void> {
  const restarted = [
    ...(await resumeLostGdapChecks(services)).map((ids) => ({ ...ids, queue: QUEUES.graphChecks })),
    ...(await resumeLostResellerChecks(services)).map((ids) => ({
      ...ids,
      queue: QUEUES.resellerChecks,
    })),
  ];
  for (const ids of restarted) {
    logEvent(
      context,
      'warning',
      'microsoft.check.restarted',
      `A ${ids.queue} check was overdue (its message lost) and is queued again.`,
      ids,
    );
  }
}

/**
 * The length of every queue and poison queue and the age of each one's oldest waiting message,
 * as metrics (README, Operations): the poison-message alert rests on them. Reading them may fail
 * without failing the timer's real work.
 */
async function recordBacklogs(services: AppServices, context: InvocationContext): Promise<void> {
  try {
    const backlogs = await services.queueBacklog.backlogs(Object.values(QUEUES));
    recordQueueBacklogs(backlogs, services.now());
  } catch (error) {
    logEvent(context, 'warning', 'queue.backlog.unread', describeError(error));
  }
}
