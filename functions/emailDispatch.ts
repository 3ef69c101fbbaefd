import { app } from '@azure/functions';
import { QUEUES } from '../shared/queue/messageQueue';
import { queueHandler } from '../shared/app/entryPoints';
import { emailDispatchMessage } from '../shared/queue/queueMessages';
import { abandonDispatch, dispatchInvitationEmail } from '../shared/services/emailDispatch';
import { abandonFollowUp, dispatchFollowUp } from '../shared/services/followUps';

app.storageQueue('dispatchInvitationEmail', {
  queueName: QUEUES.invitationEmail,
  connection: 'AzureWebJobsStorage',
  handler: queueHandler(emailDispatchMessage, ({ kind, ...message }, services) =>
    kind === 'invitation'
      ? dispatchInvitationEmail(services, message)
      : dispatchFollowUp(services, { ...message, kind }),
  ),
});

app.storageQueue('abandonInvitationEmail', {
  queueName: `${QUEUES.invitationEmail}-poison`,
  connection: 'AzureWebJobsStorage',
  handler: queueHandler(emailDispatchMessage, async ({ kind, ...message }, services) => {
    const marked =
      kind === 'invitation'
        ? await abandonDispatch(services, message)
        : await abandonFollowUp(services, { ...message, kind });
    return marked ? 'marked failed' : 'nothing to do';
  }),
});
