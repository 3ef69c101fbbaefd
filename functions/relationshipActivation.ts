import { app } from '@azure/functions';
import { QUEUES } from '../shared/queue/messageQueue';
import { queueHandler } from '../shared/app/entryPoints';
import { activationMessage } from '../shared/queue/queueMessages';
import { activateRelationship } from '../shared/services/activation';

app.storageQueue('activateRelationship', {
  queueName: QUEUES.relationshipActivation,
  connection: 'AzureWebJobsStorage',
  handler: queueHandler(activationMessage, (message, services) =>
    activateRelationship(services, message),
  ),
});
