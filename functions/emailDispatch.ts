import { app } from '@azure/functions';
import { QUEUES } from '../shared/queue/messageQueue';
import { queueHandler } from '../shared/app/entryPoints';
import { invitationEmailQueueMessage } from '../shared/queue/queueMessages';
import {
  abandonDispatch,
  dispatchEmailRun,
  dispatchInvitationEmailWithOthers,
} from '../shared/services/emailDispatch';
import { abandonFollowUp, dispatchFollowUp } from '../shared/services/followUps';

app.storageQueue('dispatchInvitationEmail', {
  queueName: QUEUES.invitationEmail,
  connection: 'AzureWebJobsStorage',
  handler: queueHandler(invitationEmailQueueMessage, (message, services) => {
    if ('run' in message) return dispatchEmailRun(services, message);
    const { kind, ...single } = message;
    return kind === 'invitation'
      ? dispatchInvitationEmailWithOthers(services, single)
      : dispatchFollowUp(services, { ...single, kind });
  }),
});

app.storageQueue('abandonInvitationEmail', {
  queueName: `${QUEUES.invitationEmail}-poison`,
  connection: 'AzureWebJobsStorage',
  handler: queueHandler(invitationEmailQueueMessage, async (queued, services) => {
    if ('run' in queued) {
      let marked = 0;
      for (const item of queued.run) {
        if (await abandonDispatch(services, { partnerTenantId: queued.partnerTenantId, ...item })) {
          marked++;
        }
      }
      return `marked ${marked} of ${queued.run.length} failed`;
    }
    const { kind, ...message } = queued;
    const marked =
      kind === 'invitation'
        ? await abandonDispatch(services, message)
        : await abandonFollowUp(services, { ...message, kind });
    return marked ? 'marked failed' : 'nothing to do';
  }),
});
