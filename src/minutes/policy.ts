import { definePolicy } from '../core/auth/policy.js';
import { STAFF } from '../core/auth/roles.js';

/**
 * Approved minutes and the decision list are public; drafts are for signed-in users. Staff write the
 * minutes; the minutes committee the meeting appointed (or staff) find them faithful.
 */
export const minutesPolicy = definePolicy({
  readDrafts: { admits: 'signed-in' },
  writeMinutes: { admits: STAFF },
  markFaithful: {
    admits: STAFF,
    unless: (_subject, committee: { appointed: boolean }) => committee.appointed,
    when: 'a member the meeting appointed to its minutes committee',
  },
});
