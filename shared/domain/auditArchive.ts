const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Audit events before this instant are archived: the start (UTC) of the day that is
 * `afterDays` days old, so a day is archived whole, once no event can be added to it.
 */
export function auditArchiveCutoff(now: Date, afterDays: number): string {
  const startOfToday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(startOfToday - afterDays * DAY_MS).toISOString();
}

/** The blob that holds a partner's archived audit events of one UTC day: `<tenant>/<day>.jsonl`. */
export function auditArchiveBlobName(partnerTenantId: string, at: string): string {
  return `${partnerTenantId}/${at.slice(0, 10)}.jsonl`;
}

/** An event as archived: its fields, without the store's own (`_etag`, `_ts`, …). */
export function archivedFields(document: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(document).filter(([key]) => !key.startsWith('_')));
}

/**
 * The archive blob's JSON lines with the events it does not hold yet appended (by id, in the
 * order of `at`, then id), and how many that was. Appending what is missing, rather than
 * writing the events given, makes a rerun after a failure half-way add nothing twice.
 */
export function appendMissingEvents(
  existing: string,
  events: readonly { readonly id: string; readonly at: string }[],
): { text: string; added: number } {
  const archived = new Set(
    existing
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => (JSON.parse(line) as { id: string }).id),
  );
  const missing = events
    .filter((event) => !archived.has(event.id))
    .filter((event, index, all) => all.findIndex((other) => other.id === event.id) === index)
    .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  const lines = missing.map(
    (event) => `${JSON.stringify(archivedFields(event as unknown as Record<string, unknown>))}\n`,
  );
  if (missing.length === 0) return { text: existing, added: 0 };
  const base = existing === '' || existing.endsWith('\n') ? existing : `${existing}\n`;
  return { text: base + lines.join(''), added: missing.length };
}
