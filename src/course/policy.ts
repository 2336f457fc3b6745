import { definePolicy } from '../core/auth/policy.js';
import { MEETING_RUNNERS } from '../core/auth/roles.js';

/**
 * The chair runs the meeting with staff: opening and closing, the item in hand, speakers, decisions
 * and what the projector shows. A person checked in at the meeting asks to speak for themself, and
 * may take back their own request.
 */
export const coursePolicy = definePolicy({
  runMeeting: { admits: MEETING_RUNNERS },
  askToSpeak: {
    admits: [],
    unless: (subject, checkIn: { personId: string }) => checkIn.personId === subject.id,
    when: 'a person checked in at the meeting, for themself',
  },
  moveSpeaker: {
    admits: MEETING_RUNNERS,
    unless: (subject, speaker: { personId: string | null }) => speaker.personId === subject.id,
    when: 'the person who asked to speak, to withdraw the request',
  },
});
