import { definePolicy } from '../core/auth/policy.js';
import { CHAIR, MEETING_RUNNERS, STAFF } from '../core/auth/roles.js';

/**
 * Motions and amendments are for signed-in users. A representative files for the members they are
 * designated for, the chair and staff for any; after the deadline only the chair admits one. Who
 * changes the submitters, holds or withdraws follows the procedure in rules.ts; the chair and staff
 * keep the list for the meeting. The board's advice is recorded by staff, grouping by the chair.
 */
export const motionPolicy = definePolicy({
  read: { admits: 'signed-in' },
  file: {
    admits: MEETING_RUNNERS,
    unless: (_subject, filing: { designatedForAll: boolean }) => filing.designatedForAll,
    when: 'a representative for the members they are designated for',
  },
  // Only the chair, not staff: the chair admits a late motion in the meeting. (One role; roles.ts has no set for it yet.)
  admitLate: { admits: CHAIR },
  /** Signed-in users take part; the procedure (rules.ts) decides per step, as a 403 that says why. */
  takePart: { admits: 'signed-in' },
  manageSubmitters: { admits: MEETING_RUNNERS },
  recordAdvice: { admits: STAFF },
  group: { admits: MEETING_RUNNERS },
});
