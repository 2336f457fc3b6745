import { definePolicy } from '../core/auth/policy.js';
import { COUNTING_COMMITTEE, MEETING_RUNNERS } from '../core/auth/roles.js';

/**
 * The chair (with staff) runs the votes. A ballot is cast by the person who holds the member's vote,
 * as frozen in the poll's entitlements; no role casts for another. Only the vote-counting committee
 * reads secret votes: least privilege, as the statutes entrust the count to it (staff and
 * administrators hold the committee role as well if they are to read them).
 */
export const votingPolicy = definePolicy({
  runVote: { admits: MEETING_RUNNERS },
  readMyBallots: { admits: 'signed-in' },
  cast: {
    admits: [],
    unless: (subject, entitlement: { holder_person_id: string }) => entitlement.holder_person_id === subject.id,
    when: "the person who holds the member's vote in this poll",
  },
  readSecretVotes: { admits: COUNTING_COMMITTEE },
});
