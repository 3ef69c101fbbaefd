import { randomBytes } from 'node:crypto';
import { BlobServiceClient } from '@azure/storage-blob';
import { BlobArchiveStore } from '../../shared/archive/blobArchiveStore';
import { loadAppConfig } from '../../shared/config/appConfig';
import { auditArchiveBlobName } from '../../shared/domain/auditArchive';
import { archiveAuditEvents } from '../../shared/services/auditRetention';
import type { AuditEventDocument } from '../../shared/services/events';
import { CosmosDocumentStore } from '../../shared/store/cosmosDocumentStore';
import type { DocumentStore } from '../../shared/store/documentStore';
import { partnerDocuments } from './support/storeAccess';
import { customerBody, startTestStack, type Partner, type TestStack } from './support/testStack';

/*
 * Audit events past AUDIT_ARCHIVE_AFTER_DAYS move to JSON-lines blobs on Azurite's blob service,
 * out of the Cosmos server, by the housekeeping timer; events that old are written straight
 * into Cosmos (the app only writes events stamped now).
 */
const DAY_MS = 24 * 60 * 60 * 1000;
const CONTAINER = 'audit-archive';
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ AUDIT_ARCHIVE_AFTER_DAYS: '30' }, { blobStorage: true });
}, 60_000);

afterAll(async () => {
  await stack?.close();
});

function daysAgo(days: number, hour = 12): string {
  const at = new Date(Date.now() - days * DAY_MS);
  at.setUTCHours(hour, 0, 0, 0);
  return at.toISOString();
}

/** The ids of the events these tests wrote in the past, shaped as the app's (24 hex digits). */
const seeded = new Set<string>();
const isSeeded = (id: string) => seeded.has(id);

async function oldEvent(partner: Partner, at: string, n: number): Promise<AuditEventDocument> {
  const id = `event:${randomBytes(12).toString('hex')}`;
  seeded.add(id);
  const event: AuditEventDocument = {
    id,
    pk: `partner:${partner.tenantId}`,
    type: 'auditEvent',
    partnerTenantId: partner.tenantId,
    at,
    actor: 'system',
    action: 'invitation.expired',
    subject: { kind: 'invitation', id: `invitation-${n}` },
    before: { status: 'sent' },
    after: { status: 'expired' },
  };
  await stack.container.items.create(event);
  return event;
}

async function archivedIds(name: string): Promise<string[]> {
  const blob = BlobServiceClient.fromConnectionString(stack.settings.AzureWebJobsStorage!)
    .getContainerClient(CONTAINER)
    .getBlockBlobClient(name);
  const text = (await blob.downloadToBuffer()).toString('utf8');
  return text
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { id: string }).id);
}

async function auditIds(partner: Partner): Promise<string[]> {
  return (await partnerDocuments(stack, partner, 'auditEvent')).map((event) => event.id as string);
}

test('the housekeeping timer moves events past the archive age to one blob per partner and day, and the log says from when it is complete', async () => {
  const partner = await stack.partnerWithProfile(undefined, { microsoft: false });
  const created = await partner.api('/api/invitations', { method: 'POST', json: customerBody() });
  expect(created.status).toBe(201);
  const recent = await auditIds(partner);
  expect(recent.length).toBeGreaterThan(0);
  const first = await oldEvent(partner, daysAgo(40, 9), 1);
  const second = await oldEvent(partner, daysAgo(40, 15), 2);
  const third = await oldEvent(partner, daysAgo(45), 3);
  const young = await oldEvent(partner, daysAgo(10), 4);

  await stack.runTimer('invitationHousekeeping');

  expect(await archivedIds(auditArchiveBlobName(partner.tenantId, first.at))).toEqual([
    first.id,
    second.id,
  ]);
  expect(await archivedIds(auditArchiveBlobName(partner.tenantId, third.at))).toEqual([third.id]);
  expect((await auditIds(partner)).sort()).toEqual([...recent, young.id].sort());

  const log = await partner.api('/api/audit-events?limit=100');
  expect(log.status).toBe(200);
  expect(Date.parse(log.body.archivedBefore)).toBeLessThanOrEqual(Date.now() - 30 * DAY_MS);
  expect(Date.parse(log.body.archivedBefore)).toBeGreaterThan(Date.now() - 31 * DAY_MS);
  expect(log.body.items.map((item: { at: string }) => item.at)).not.toContain(first.at);
}, 60_000);

test('a run that fails half-way loses no event, and the next run adds none twice', async () => {
  const partner = await stack.partnerWithProfile(undefined, { microsoft: false });
  const events = [
    await oldEvent(partner, daysAgo(50, 8), 1),
    await oldEvent(partner, daysAgo(50, 9), 2),
    await oldEvent(partner, daysAgo(50, 10), 3),
  ];
  const config = loadAppConfig({ ...stack.settings, AUDIT_ARCHIVE_AFTER_DAYS: '30' });
  const archive = new BlobArchiveStore(
    { kind: 'connectionString', connectionString: stack.settings.AzureWebJobsStorage! },
    CONTAINER,
  );
  const store = new CosmosDocumentStore(stack.container);
  // The real store, except that the process stops after one delete (as a worker killed mid-run).
  let deletes = 0;
  const stopping: DocumentStore = Object.assign(Object.create(store) as DocumentStore, {
    delete: async (pk: string, id: string) => {
      if (deletes++ === 1) throw new Error('worker stopped');
      await store.delete(pk, id);
    },
  });
  const now = () => new Date();

  await expect(archiveAuditEvents({ config, store: stopping, now }, archive)).rejects.toThrow(
    'worker stopped',
  );
  const name = auditArchiveBlobName(partner.tenantId, events[0]!.at);
  expect(await archivedIds(name)).toEqual(events.map((event) => event.id));
  expect((await auditIds(partner)).filter(isSeeded)).toHaveLength(2);

  await archiveAuditEvents({ config, store, now }, archive);
  await archiveAuditEvents({ config, store, now }, archive);
  expect(await archivedIds(name)).toEqual(events.map((event) => event.id));
  expect((await auditIds(partner)).filter(isSeeded)).toEqual([]);
}, 60_000);
