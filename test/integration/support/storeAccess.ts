import type { Partner, TestStack } from './testStack';

/** Every document of one type in the partner's partition, read straight from Cosmos. */
export async function partnerDocuments(stack: TestStack, partner: Partner, type: string) {
  const { resources } = await stack.container.items
    .query({
      query: 'SELECT * FROM c WHERE c.pk = @pk AND c.type = @type',
      parameters: [
        { name: '@pk', value: `partner:${partner.tenantId}` },
        { name: '@type', value: type },
      ],
    })
    .fetchAll();
  return resources;
}

/** Puts a message on a queue as the app does (JSON, base64), e.g. a copy to redeliver. */
export async function queueMessage(stack: TestStack, queue: string, message: object) {
  const text = Buffer.from(JSON.stringify(message)).toString('base64');
  await stack.queueService.getQueueClient(queue).sendMessage(text);
}
