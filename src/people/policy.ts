import { definePolicy, hasAnyRole } from '../core/auth/policy.js';
import { ADMINS, STAFF, type Role } from '../core/auth/roles.js';

/** The member's own administrator (decision 0018): the resource names who administers the member. */
const administersMember = (subject: { id: string }, member: { administratorIds: readonly string[] }) => member.administratorIds.includes(subject.id);

/** Someone holding a granted role (staff, chair, the vote-counting committee, admin), not only representing a member. */
export const holdsGrantedRole = (person: { roles: readonly Role[] }) => person.roles.some((role) => role !== 'representative');

/**
 * People, their offices and designations. Staff keep them; granted roles are the administrators'
 * alone, and so is changing the account of someone who holds one (staff cannot take it over). The
 * four-eyes rule on designations is about who recorded what, not about roles: see mandates.ts.
 */
export const peoplePolicy = definePolicy({
  listPeople: { admits: STAFF },
  addPerson: { admits: STAFF },
  /** Giving a new person roles at once, as setting them later, is for administrators. */
  grantRoles: { admits: ADMINS },
  readOwnProfile: { admits: 'signed-in' },
  readPerson: {
    admits: STAFF,
    unless: (subject, person: { id: string }) => subject.id === person.id,
    when: 'the person themself',
  },
  managePeople: { admits: STAFF },
  changePerson: {
    admits: ADMINS,
    unless: (subject, person: { roles: readonly Role[] }) => hasAnyRole(subject, STAFF) && !holdsGrantedRole(person),
    when: 'staff, for a person without a granted role',
  },
  recordOffice: { admits: STAFF },
  designate: { admits: STAFF },
  invite: { admits: STAFF },
  /** A member's office holders and their designations: staff, and that member's own administrator. */
  readMemberPeople: { admits: STAFF, unless: administersMember, when: "the member's own administrator, for that member" },
  /** Designating or ending a designation for one member: staff, and that member's own administrator (never confirming). */
  designateForMember: { admits: STAFF, unless: administersMember, when: "the member's own administrator, for that member" },
  /** Who administers a member is for staff to read and for administrators to grant. */
  readMemberAdministrators: { admits: STAFF },
  grantMemberAdministrator: { admits: ADMINS },
  /** The bulk import of people, offices and designations (and its template). */
  importPeople: { admits: STAFF },
  readRepresentatives: { admits: 'signed-in' },
  /** Representatives' e-mail addresses are for staff; other signed-in people see names and offices. */
  seeRepresentativeEmails: { admits: STAFF },
});
