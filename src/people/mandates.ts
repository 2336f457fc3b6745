import type { IsoDate } from '../core/dates.js';
import { covers, type Period } from './rules.js';

/**
 * When a mandate gives a right to act (check in, vote, file motions): decision 0010. A mandate is a
 * designation resting on an office, held by a person with an account.
 */
export const DESIGNATION_STATUSES = ['in-force', 'pending', 'revoked'] as const;
export type DesignationStatus = (typeof DESIGNATION_STATUSES)[number];

export interface Mandate {
  designation: Period & { status: DesignationStatus };
  office: Period;
  /** The account is blocked (disabled): its holder acts for nobody. */
  accountBlocked: boolean;
}

/**
 * In force on day D: the designation is confirmed (not pending or revoked), designation and office
 * both cover D (last days inclusive), and the account is not blocked.
 */
export function mandateInForce(m: Mandate, date: IsoDate): boolean {
  return m.designation.status === 'in-force' && !m.accountBlocked && covers(m.designation, date) && covers(m.office, date);
}

export interface DesignationRequest {
  /** The account making the designation; null for the system (seed, import on the command line). */
  actorId: string | null;
  /** Who gets the authority. */
  designatedPersonId: string;
  /** The account created, invited or re-addressed (changed the e-mail of) the designated person. */
  actorControlsPerson: boolean;
}

/**
 * Four-eyes: nobody gives themselves authority to vote. A designation an account makes for itself,
 * or for a person whose account it created, invited or re-addressed (and so may sign in as), waits
 * for a different staff member or administrator. The system's own designations take effect at once.
 */
export function needsConfirmation(r: DesignationRequest): boolean {
  if (r.actorId === null) return false;
  return r.actorId === r.designatedPersonId || r.actorControlsPerson;
}

export type ConfirmationRefusal = 'not-pending' | 'own-request' | 'own-designation';

/** A pending designation is confirmed by someone else than who asked for it, and never by its holder. */
export function confirmationRefusal(c: {
  status: DesignationStatus;
  requestedById: string | null;
  confirmerId: string | null;
  designatedPersonId: string;
}): ConfirmationRefusal | null {
  if (c.status !== 'pending') return 'not-pending';
  if (c.confirmerId === null || c.confirmerId === c.requestedById) return 'own-request';
  if (c.confirmerId === c.designatedPersonId) return 'own-designation';
  return null;
}
