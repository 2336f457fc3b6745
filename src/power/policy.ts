import { definePolicy } from '../core/auth/policy.js';
import { STAFF } from '../core/auth/roles.js';

/**
 * Voting power derives from the public register, so anyone may read it. Trying a draft rule costs
 * a computation per request, so it is for signed-in people; turning it into a meeting paper is staff's.
 * A held vote's what-if is read under the rules for its per-member votes (voting/votes.ts).
 */
export const powerPolicy = definePolicy({
  read: { admits: 'anyone' },
  tryDraft: { admits: 'signed-in' },
  attachPaper: { admits: STAFF },
  readHall: { admits: 'anyone' },
});
