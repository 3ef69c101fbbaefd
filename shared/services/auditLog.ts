import { auditArchiveCutoff } from '../domain/auditArchive';
import type { Page } from '../store/documentStore';
import { partitionKeys } from '../store/documents';
import type { Dependencies } from './dependencies';
import type { AuditEventDocument } from './events';

export interface AuditLogQuery {
  readonly from?: string;
  readonly to?: string;
  readonly limit: number;
  readonly continuationToken?: string;
}

/**
 * The partner's audit log, newest first, optionally within [from, to). Events older than
 * AUDIT_ARCHIVE_AFTER_DAYS are not here but in the archive (auditRetention.ts); there is no TTL.
 */
export async function listAuditEvents(
  deps: Dependencies,
  partnerTenantId: string,
  query: AuditLogQuery,
): Promise<Page<AuditEventDocument>> {
  const parameters: { name: string; value: string }[] = [];
  let range = '';
  if (query.from !== undefined) {
    range += ' AND c.at >= @from';
    parameters.push({ name: '@from', value: query.from });
  }
  if (query.to !== undefined) {
    range += ' AND c.at < @to';
    parameters.push({ name: '@to', value: query.to });
  }
  return deps.store.queryPage<AuditEventDocument>(
    partitionKeys.partner(partnerTenantId),
    {
      query: `SELECT * FROM c WHERE c.pk = @pk AND c.type = 'auditEvent'${range} ORDER BY c.at DESC`,
      parameters,
    },
    {
      limit: query.limit,
      ...(query.continuationToken === undefined
        ? {}
        : { continuationToken: query.continuationToken }),
    },
  );
}

/** An audit event as the API shows it. */
export function toAuditEventView(event: AuditEventDocument) {
  return {
    id: event.id.replace(/^event:/, ''),
    at: event.at,
    actor: event.actor,
    action: event.action,
    subject: event.subject,
    before: event.before,
    after: event.after,
  };
}

/**
 * From when on the audit log is complete: events before it may have moved to the archive (the
 * housekeeping timer moves them). Undefined when the deployment keeps every event in Cosmos DB.
 */
export function auditArchivedBefore(
  deps: Pick<Dependencies, 'config' | 'now'>,
): string | undefined {
  const afterDays = deps.config.auditArchive.afterDays;
  return afterDays === 0 ? undefined : auditArchiveCutoff(deps.now(), afterDays);
}
