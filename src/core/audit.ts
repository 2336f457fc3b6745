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
