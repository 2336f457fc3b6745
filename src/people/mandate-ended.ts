import type { Kysely } from 'kysely';
import type { Actor } from '../core/audit.js';
import type { Database } from '../core/db/schema.js';

/** Why people lost (or may have lost) the mandate to act for a member. */
export type LapseReason = 'designation-ended' | 'office-ended' | 'account-blocked' | 'email-changed';

/** What another feature does, inside the same transaction, when people's mandates end. */
export type MandateEndedListener = (trx: Kysely<Database>, actor: Actor, personIds: string[], reason: LapseReason) => Promise<void>;

const listeners = new Set<MandateEndedListener>();

/**
 * Registers a listener. The composition root (src/app.ts) wires meetings' response here (end the
 * check-ins and proxies the people no longer hold a mandate for), so people need not import meetings,
 * which depend on people.
 */
export function onMandateEnded(listener: MandateEndedListener): void {
  listeners.add(listener);
}

/** Tells the listeners that the people's mandates may have ended; runs in the caller's transaction. */
export async function mandatesEnded(trx: Kysely<Database>, actor: Actor, personIds: string[], reason: LapseReason): Promise<void> {
  if (personIds.length === 0) return;
  for (const listener of listeners) await listener(trx, actor, personIds, reason);
}
