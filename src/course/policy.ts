import { definePolicy } from '../core/auth/policy.js';
import { MEETING_RUNNERS } from '../core/auth/roles.js';

/** The chair runs the meeting with staff: opening and closing, the item in hand, speakers and decisions. */
export const coursePolicy = definePolicy({
  runMeeting: { admits: MEETING_RUNNERS },
});
