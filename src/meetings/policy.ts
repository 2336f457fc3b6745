import { definePolicy } from '../core/auth/policy.js';
import { STAFF } from '../core/auth/roles.js';

/**
 * Meetings are public to read. Association staff schedule them, propose the appointments and
 * convene; attendance is for signed-in users. At the door a representative acts for themself and
 * for the members they are designated for; staff act for anyone.
 */
export const meetingPolicy = definePolicy({
  schedule: { admits: STAFF },
  change: { admits: STAFF },
  proposeAppointment: { admits: STAFF },
  withdrawAppointment: { admits: STAFF },
  convene: { admits: STAFF },
  readAttendance: { admits: 'signed-in' },
  checkIn: {
    admits: STAFF,
    unless: (subject, checkIn: { personId: string }) => checkIn.personId === subject.id,
    when: 'a representative checking themself in for a member they are designated for',
  },
  checkOut: {
    admits: STAFF,
    unless: (subject, checkIn: { personId: string }) => checkIn.personId === subject.id,
    when: 'the person checked in',
  },
  /** Acting for a member at the meeting (checking in for it, giving or revoking its proxy). */
  actFor: {
    admits: STAFF,
    unless: (_subject, member: { designated: boolean }) => member.designated,
    when: 'a representative for a member they are designated for on the meeting date',
  },
});
