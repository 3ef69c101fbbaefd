import type { AuditEvent } from '../api/schemas';
import { format } from '../i18n/i18n';
import type { Messages } from '../i18n/en';

/** Who is reading the log: their own changes read "You (name)". */
export interface AuditReader {
  readonly userId: string;
  readonly name: string;
}

/** One audit event as a person reads it: who did what, and each field that changed. */
export interface AuditSentence {
  readonly sentence: string;
  readonly changes: readonly string[];
}

/** Changes listed per event at most; the rest are in the API's answer. */
const MAX_CHANGES = 6;

/**
 * The audit event as a sentence ("You (Grace Hopper) revoked an invitation.") with its
 * before → after changes, never the API's raw `subject` object or actor id.
 */
export function auditSentence(t: Messages, event: AuditEvent, reader: AuditReader): AuditSentence {
  const what =
    t.admin.actions[event.action] ??
    format(t.admin.actions.fallback ?? '', { action: event.action });
  return {
    sentence: format(t.admin.auditLine, { who: actorName(t, event.actor, reader), what }),
    changes: changedFields(t, event.before, event.after),
  };
}

/** The actor, named as far as the log knows it. */
export function actorName(t: Messages, actor: string, reader: AuditReader): string {
  const [kind, ...rest] = actor.split(':');
  const id = rest.join(':');
  if (kind === 'partner') {
    return id !== '' && id === reader.userId
      ? format(t.admin.actors.you, { name: reader.name })
      : t.admin.actors.colleague;
  }
  if (kind === 'customer') {
    if (id === '') return t.admin.actors.customer;
    return id.includes('@')
      ? format(t.admin.actors.customerUser, { user: id })
      : t.admin.actors.customerAdmin;
  }
  if (kind === 'microsoft') return t.admin.actors.microsoft;
  return t.admin.actors.system;
}

/** Leaf fields of before and after that differ, as "field: before → after". */
function changedFields(
  t: Messages,
  before: Readonly<Record<string, unknown>> | null,
  after: Readonly<Record<string, unknown>> | null,
): string[] {
  const was = leaves(before ?? {});
  const now = leaves(after ?? {});
  const fields = [...new Set([...was.keys(), ...now.keys()])];
  const changes: string[] = [];
  for (const field of fields) {
    const from = was.get(field);
    const to = now.get(field);
    if (from === to) continue;
    if (to === undefined) {
      changes.push(format(t.admin.auditCleared, { field }));
    } else if (from === undefined) {
      changes.push(format(t.admin.auditSet, { field, after: to }));
    } else {
      changes.push(format(t.admin.auditChange, { field, before: from, after: to }));
    }
  }
  return changes.slice(0, MAX_CHANGES);
}

/** `{ a: { b: 1 } }` → `a.b` → `"1"`; lists of plain values joined; `null` stays out. */
function leaves(value: Readonly<Record<string, unknown>>, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, item] of Object.entries(value)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (item === null || item === undefined) continue;
    if (Array.isArray(item)) {
      found.set(path, item.map((entry) => plain(entry)).join(', '));
    } else if (typeof item === 'object') {
      for (const [inner, text] of leaves(item as Record<string, unknown>, path)) {
        found.set(inner, text);
      }
    } else {
      found.set(path, plain(item));
    }
  }
  return found;
}

function plain(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
