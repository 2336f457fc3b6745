import { definePolicy } from '../core/auth/policy.js';
import { STAFF } from '../core/auth/roles.js';

/**
 * Members' own agenda items are the members' business: signed-in people read them. A representative
 * proposes and supports for a member they are designated for; staff triage and set the threshold.
 */
export const topicPolicy = definePolicy({
  read: { admits: 'signed-in' },
  actForMember: {
    admits: [],
    unless: (_subject, acting: { designated: boolean }) => acting.designated,
    when: 'a representative designated for the member',
  },
  triage: { admits: STAFF },
});
