import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CosmosClient } from '@azure/cosmos';
import { QueueClient } from '@azure/storage-queue';
import { startAzurite } from '../../../local/servers/azurite';
import { startLocalCosmos, type LocalCosmos } from '../../../local/servers/cosmosServer';
import { startSendGridCapture } from '../../../local/servers/sendgridCapture';

/**
 * The stand-ins' local data (see local/servers/snapshotFile.cjs and cosmosSnapshot.cjs): what
 * each keeps across a restart when given a place for it, and that a crash while saving never
 * costs the previous save.
 */
const projectRoot = join(__dirname, '..', '..', '..');
const snapshotFile = join(projectRoot, 'local', 'servers', 'snapshotFile.cjs');

let scratch: string;

beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'local-data-'));
});

afterEach(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('a save is atomic', () => {
  test('a process killed in the middle of saving leaves the previous snapshot whole', async () => {
    const file = join(scratch, 'cosmos.json');
    // A writer that saves large snapshots back to back, each naming its generation.
    const writer = `
      const { writeFileAtomically } = require(${JSON.stringify(snapshotFile)});
      const padding = 'x'.repeat(4 * 1024 * 1024);
      for (let generation = 1; ; generation++) {
        writeFileAtomically(${JSON.stringify(file)}, JSON.stringify({ generation, padding }));
        if (generation === 1) process.stdout.write('saved\\n');
      }`;
    for (const delayMs of [5, 30, 80, 150]) {
      const child = spawn(process.execPath, ['-e', writer], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      const saved = JSON.parse(readFileSync(file, 'utf8')) as {
        generation: number;
        padding: string;
      };
      expect(saved.generation).toBeGreaterThanOrEqual(1);
      expect(saved.padding).toHaveLength(4 * 1024 * 1024);
    }
  }, 60_000);

  test('the temporary file a crash left is cleared at the next start; the last save is read', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { readSnapshot, writeFileAtomically } = require(snapshotFile) as {
      readSnapshot(file: string): unknown;
      writeFileAtomically(file: string, text: string): void;
    };
    const file = join(scratch, 'data', 'sendgrid-messages.json');
    writeFileAtomically(file, JSON.stringify({ messages: [1] }));
    writeFileSync(`${file}.999999.tmp`, '{"messages": [1, 2');
    expect(readSnapshot(file)).toEqual({ messages: [1] });
    expect(readdirSync(join(scratch, 'data'))).toEqual(['sendgrid-messages.json']);
    expect(readSnapshot(join(scratch, 'data', 'none.json'))).toBeUndefined();
    writeFileSync(file, 'not json');
    expect(() => readSnapshot(file)).toThrow(/--fresh/);
  });
});

describe('the Cosmos server keeps its documents', () => {
  const startCosmos = (dataFile: string) =>
    startLocalCosmos({ database: 'reseller', container: 'items', dataFile });
  const containerOf = (cosmos: LocalCosmos) => {
    const client = new CosmosClient({
      endpoint: cosmos.endpoint,
      key: cosmos.key,
      connectionPolicy: { enableEndpointDiscovery: false },
    });
    return { client, container: client.database('reseller').container('items') };
  };

  test('documents come back with their _etag, in their partition, and new ones do not collide', async () => {
    const dataFile = join(scratch, 'cosmos.json');
    let cosmos = await startCosmos(dataFile);
    let { client, container } = containerOf(cosmos);
    const { resource: first } = await container.items.create({ id: 'a', pk: 'partner:1', n: 1 });
    await container.items.create({ id: 'b', pk: 'partner:2', n: 2 });
    client.dispose();
    await cosmos.close();

    cosmos = await startCosmos(dataFile);
    expect(cosmos.restoredDocuments).toBe(2);
    ({ client, container } = containerOf(cosmos));
    try {
      const { resource: again } = await container.item('a', 'partner:1').read();
      expect(again).toMatchObject({ id: 'a', n: 1, _etag: first!._etag, _rid: first!._rid });
      const { resources } = await container.items
        .query({
          query: 'SELECT c.id FROM c WHERE c.pk = @pk',
          parameters: [{ name: '@pk', value: 'partner:2' }],
        })
        .fetchAll();
      expect(resources).toEqual([{ id: 'b' }]);
      // The ETag a client held before the restart still guards its write.
      await container.item('a', 'partner:1').replace(
        { id: 'a', pk: 'partner:1', n: 3 },
        {
          accessCondition: { type: 'IfMatch', condition: first!._etag },
        },
      );
      const { resource: third } = await container.items.create({ id: 'c', pk: 'partner:1' });
      expect(third!._rid).not.toBe(first!._rid);
      const { resources: partner1 } = await container.items
        .query({
          query: 'SELECT c.id FROM c WHERE c.pk = @pk ORDER BY c.id',
          parameters: [{ name: '@pk', value: 'partner:1' }],
        })
        .fetchAll();
      expect(partner1).toEqual([{ id: 'a' }, { id: 'c' }]);
    } finally {
      client.dispose();
      await cosmos.close();
    }
  }, 60_000);

  test('without a data file it starts empty and writes nothing', async () => {
    const cosmos = await startLocalCosmos({ database: 'reseller', container: 'items' });
    expect(cosmos.restoredDocuments).toBe(0);
    await cosmos.close();
    expect(readdirSync(scratch)).toEqual([]);
  });

  test('a data file that is not a snapshot stops the start with what to do', async () => {
    const dataFile = join(scratch, 'cosmos.json');
    writeFileSync(dataFile, '{"version": 1, "databases"');
    await expect(startCosmos(dataFile)).rejects.toThrow(/--fresh/);
  });
});

describe('the other stand-ins keep their data', () => {
  test('captured email', async () => {
    const dataFile = join(scratch, 'sendgrid-messages.json');
    let capture = await startSendGridCapture({ dataFile });
    const sent = await fetch(`${capture.url}/v3/mail/send`, {
      method: 'POST',
      headers: { Authorization: 'Bearer SG.local', 'Content-Type': 'application/json' },
      body: JSON.stringify({
        personalizations: [{ to: [{ email: 'admin@fabrikam.example' }] }],
        from: { email: 'partner@contoso.example' },
        subject: 'Kept',
        content: [{ type: 'text/plain', value: 'Hello' }],
      }),
    });
    expect(sent.status).toBe(202);
    await capture.close();
    capture = await startSendGridCapture({ dataFile });
    try {
      expect(capture.messages().map((m) => m.subject)).toEqual(['Kept']);
    } finally {
      await capture.close();
    }
  });

  test('queued messages in Azurite', async () => {
    const location = join(scratch, 'azurite');
    let azurite = await startAzurite({ location });
    let queue = new QueueClient(azurite.connectionString, 'kept');
    await queue.create();
    await queue.sendMessage('still here');
    await azurite.close();
    azurite = await startAzurite({ location });
    try {
      queue = new QueueClient(azurite.connectionString, 'kept');
      const { peekedMessageItems } = await queue.peekMessages();
      expect(peekedMessageItems.map((m) => m.messageText)).toEqual(['still here']);
    } finally {
      await azurite.close();
    }
  }, 60_000);
});
