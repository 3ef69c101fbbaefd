import { app } from '@azure/functions';
import { QUEUES } from '../shared/queue/messageQueue';
import { queueHandler } from '../shared/app/entryPoints';
import { resellerCheckMessage } from '../shared/queue/queueMessages';
import { checkResellerConfirmation } from '../shared/services/resellerConfirmation';

app.storageQueue('checkResellerConfirmation', {
  queueName: QUEUES.resellerChecks,
  connection: 'AzureWebJobsStorage',
  handler: queueHandler(resellerCheckMessage, (message, services) =>
    checkResellerConfirmation(services, message),
  ),
});
