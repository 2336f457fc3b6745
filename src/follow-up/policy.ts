import { definePolicy } from '../core/auth/policy.js';
import { STAFF } from '../core/auth/roles.js';

/**
 * Follow-up is public: members see what becomes of what they decided. Staff create follow-ups,
 * assign owners and due dates and attach the "stand van zaken" report; the owner (a portfolio holder
 * or staff member) or staff post progress and change the status.
 */
export const followUpPolicy = definePolicy({
  read: { admits: 'anyone' },
  manage: { admits: STAFF },
  post: {
    admits: STAFF,
    unless: (subject, followUp: { ownerPersonId: string | null }) => followUp.ownerPersonId === subject.id,
    when: 'the follow-up’s owner',
  },
});
