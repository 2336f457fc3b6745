/**
 * Roles, least privilege first. Staff (association staff) and admin manage the register;
 * later features give the chair, the vote-counting committee and representatives their own rights.
 */
export const ROLES = ['admin', 'staff', 'chair', 'counting-committee', 'representative'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** Roles allowed to change the register and the profile. */
export const REGISTER_MANAGERS: readonly Role[] = ['admin', 'staff'];
