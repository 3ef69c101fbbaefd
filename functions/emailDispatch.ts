import { app } from '@azure/functions';
import { QUEUES } from '../shared/queue/messageQueue';
import { emailDispatchMessage, queueHandler } from '../shared/queue/queueMessages';
import { abandonDispatch, dispatchInvitationEmail } from '../shared/services/emailDispatch';

app.storageQueue('dispatchInvitationEmail', {
  queueName: QUEUES.invitationEmail,
  connection: 'AzureWebJobsStorage',
  handler: queueHandler(emailDispatchMessage, (message, services) =>
    dispatchInvitationEmail(services, message),
  ),
});

app.storageQueue('abandonInvitationEmail', {
  queueName: `${QUEUES.invitationEmail}-poison`,
  connection: 'AzureWebJobsStorage',
  handler: queueHandler(emailDispatchMessage, async (message, services) =>
    (await abandonDispatch(services, message)) ? 'marked failed' : 'nothing to do',
  ),
});
