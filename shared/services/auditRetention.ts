import { ArchiveChangedError, type ArchiveStore } from '../archive/archiveStore';
import {
  appendMissingEvents,
  auditArchiveBlobName,
  auditArchiveCutoff,
} from '../domain/auditArchive';
import type { Dependencies } from './dependencies';
import type { AuditEventDocument } from './events';

/** How many audit events one timer run archives; the next run continues. */
export const AUDIT_ARCHIVE_BATCH = 500;

/** Attempts at one blob when another run changed it between read and write. */
const WRITE_ATTEMPTS = 3;

/**
 * Moves audit events older than `AUDIT_ARCHIVE_AFTER_DAYS` out of the partner's partition into
 * the archive: JSON lines, one blob per partner and UTC day. Each blob is written (only the
 * lines it lacks, against the version read) before any of its events is deleted from Cosmos DB,
 * so a run that stops half-way loses nothing and the next run adds no line twice. Returns how
 * many events left Cosmos DB.
 */
export async function archiveAuditEvents(
  deps: Pick<Dependencies, 'config' | 'store' | 'now'>,
  archive: ArchiveStore,
): Promise<number> {
  const afterDays = deps.config.auditArchive.afterDays;
  if (afterDays === 0) return 0;
  const due = await deps.store.queryAcrossPartitions<AuditEventDocument>(
    {
      query: "SELECT * FROM c WHERE c.type = 'auditEvent' AND c.at < @cutoff",
      parameters: [{ name: '@cutoff', value: auditArchiveCutoff(deps.now(), afterDays) }],
    },
    AUDIT_ARCHIVE_BATCH,
  );
  const blobs = new Map<string, AuditEventDocument[]>();
  for (const event of due) {
    const name = auditArchiveBlobName(event.partnerTenantId, event.at);
    blobs.set(name, [...(blobs.get(name) ?? []), event]);
  }
  let moved = 0;
  for (const [name, events] of blobs) {
    await appendToBlob(archive, name, events);
    for (const event of events) {
      await deps.store.delete(event.pk, event.id);
      moved++;
    }
  }
  return moved;
}

async function appendToBlob(
  archive: ArchiveStore,
  name: string,
  events: readonly AuditEventDocument[],
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const current = await archive.read(name);
    const { text, added } = appendMissingEvents(current?.text ?? '', events);
    if (added === 0) return;
    try {
      await archive.write(name, text, current?.etag);
      return;
    } catch (error) {
      if (!(error instanceof ArchiveChangedError) || attempt >= WRITE_ATTEMPTS) throw error;
    }
  }
}
