import { app } from '@azure/functions';
import { QUEUES } from '../shared/queue/messageQueue';
import { queueHandler } from '../shared/app/entryPoints';
import { graphCheckMessage } from '../shared/queue/queueMessages';
import { checkGdapRelationship } from '../shared/services/gdapChecks';

app.storageQueue('checkGdapRelationship', {
  queueName: QUEUES.graphChecks,
  connection: 'AzureWebJobsStorage',
  handler: queueHandler(graphCheckMessage, (message, services) =>
    checkGdapRelationship(services, message),
  ),
});
