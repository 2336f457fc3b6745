/**
 * Roles, least privilege first. Admin and staff (association staff) manage the register and
 * people; the chair runs meetings; the vote-counting committee (commissie van stemopneming)
 * supervises votes and reads the audit trail; a representative acts for a member; a member
 * administrator (a member's own secretary) maintains one member's designations.
 */
export const ROLES = ['admin', 'staff', 'chair', 'counting-committee', 'representative', 'member-administrator'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Roles that are granted to a person. "representative" is derived from a designation instead, and
 * "member-administrator" from a grant for one member (people's member_administrators).
 */
export const GRANTED_ROLES = ['admin', 'staff', 'chair', 'counting-committee'] as const;
export type GrantedRole = (typeof GRANTED_ROLES)[number];

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);
export const isGrantedRole = (value: string): value is GrantedRole => (GRANTED_ROLES as readonly string[]).includes(value);

/**
 * The role sets, defined here once; feature policies (src/<feature>/policy.ts) name them.
 * Association staff and administrators manage the register, people, meetings' papers and
 * consultations; the chair runs the meeting with them; the vote-counting committee alone reads
 * secret votes; the audit trail is for staff and the committee.
 */
export const STAFF: readonly Role[] = ['admin', 'staff'];
export const ADMINS: readonly Role[] = ['admin'];
export const CHAIR: readonly Role[] = ['chair'];
export const MEETING_RUNNERS: readonly Role[] = ['chair', 'staff', 'admin'];
export const COUNTING_COMMITTEE: readonly Role[] = ['counting-committee'];
export const AUDIT_READERS: readonly Role[] = ['admin', 'staff', 'counting-committee'];
