import { definePolicy } from '../core/auth/policy.js';
import { STAFF } from '../core/auth/roles.js';

/**
 * Consultations. Staff (and administrators) run them and oversee everything: drafts, response
 * rates, who has not answered. Representatives answer for their members (whether a person may
 * answer for a member is a fact of their office, checked where the response is read or saved);
 * the public reads what is published.
 */
export const consultationPolicy = definePolicy({
  manage: { admits: STAFF },
  oversee: { admits: STAFF },
  readResponse: {
    admits: STAFF,
    unless: (_subject, answering: { mayAnswer: boolean }) => answering.mayAnswer,
    when: 'a person who may answer for the member',
  },
  answer: { admits: 'signed-in' },
});
