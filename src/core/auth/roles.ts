/**
 * Roles, least privilege first. Admin and staff (association staff) manage the register and
 * people; the chair runs meetings; the vote-counting committee (commissie van stemopneming)
 * supervises votes and reads the audit trail; a representative acts for a member.
 */
export const ROLES = ['admin', 'staff', 'chair', 'counting-committee', 'representative'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that are granted to a person. "representative" is derived from a designation instead. */
export const GRANTED_ROLES = ['admin', 'staff', 'chair', 'counting-committee'] as const;
export type GrantedRole = (typeof GRANTED_ROLES)[number];

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);
export const isGrantedRole = (value: string): value is GrantedRole => (GRANTED_ROLES as readonly string[]).includes(value);

/** Roles allowed to change the register and the profile. */
export const REGISTER_MANAGERS: readonly Role[] = ['admin', 'staff'];
/** Roles allowed to manage people, offices, designations and invitations. */
export const PEOPLE_MANAGERS: readonly Role[] = ['admin', 'staff'];
/** Roles that may read the audit trail; only the system writes it. */
export const AUDIT_READERS: readonly Role[] = ['admin', 'staff', 'counting-committee'];
