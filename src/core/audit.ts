import type { Kysely } from 'kysely';
import type { Database } from './db/schema.js';

/** Who did something: a signed-in user, or the command line on behalf of an operator. */
export interface Actor {
  id: string | null;
  label: string;
}

export const systemActor = (label: string): Actor => ({ id: null, label });

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  data?: Record<string, unknown>;
}

/** Appends to the audit trail; call it inside the transaction that makes the change. */
export async function recordAudit(db: Kysely<Database>, actor: Actor, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_id: actor.id,
      actor_label: actor.label,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId ?? null,
      data: JSON.stringify(entry.data ?? {}),
    })
    .execute();
}

/** Appends many entries in one statement (a bulk import's per-change entries); inside the change's transaction. */
export async function recordAudits(db: Kysely<Database>, actor: Actor, entries: readonly AuditEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 1000)
    await db
      .insertInto('audit_log')
      .values(
        entries.slice(i, i + 1000).map((entry) => ({
          actor_id: actor.id,
          actor_label: actor.label,
          action: entry.action,
          entity_type: entry.entityType,
          entity_id: entry.entityId ?? null,
          data: JSON.stringify(entry.data ?? {}),
        })),
      )
      .execute();
}
