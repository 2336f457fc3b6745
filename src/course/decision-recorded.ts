import type { Kysely } from 'kysely';
import type { Actor } from '../core/audit.js';
import type { Database } from '../core/db/schema.js';

/** A decision just recorded, by the chair or by a vote. */
export interface RecordedDecision {
  id: string;
  meetingId: string;
  subjectType: 'agenda-item' | 'submission';
  subjectId: string;
  outcome: string;
}

/** What another feature does, inside the same transaction, when a decision is recorded. */
export type DecisionRecordedListener = (trx: Kysely<Database>, actor: Actor, decision: RecordedDecision) => Promise<void>;

const listeners = new Set<DecisionRecordedListener>();

/**
 * Registers a listener. The composition root (src/app.ts) wires follow-up here (an adopted motion
 * becomes a follow-up), so the course need not import a feature that depends on it.
 */
export function onDecisionRecorded(listener: DecisionRecordedListener): void {
  listeners.add(listener);
}

/** Tells the listeners of a recorded decision; runs in the caller's transaction. */
export async function decisionRecorded(trx: Kysely<Database>, actor: Actor, decision: RecordedDecision): Promise<void> {
  for (const listener of listeners) await listener(trx, actor, decision);
}
