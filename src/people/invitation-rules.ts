import type { MailStatus } from '../core/db/schema.js';

/** A person's invitation, as staff follow it: mailed, link opened, account activated, or the mail bounced. */
export const INVITATION_STATUSES = ['invited', 'opened', 'activated', 'bounced'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export interface InvitationFacts {
  invitedAt: Date;
  /** When the link's page was opened; null when not (or when the expired link was already cleaned up). */
  openedAt: Date | null;
  /** The person's last password change; at or after the invitation, the account is activated. */
  passwordChangedAt: Date | null;
  /** The invitation mail's status in the queue; null once a sent mail was cleaned up. */
  mailStatus: MailStatus | null;
}

/** Activated wins (the person is in), then a bounce (the mail never arrived), then opened, else invited. */
export function invitationStatus(facts: InvitationFacts): InvitationStatus {
  if (facts.passwordChangedAt && facts.passwordChangedAt.getTime() >= facts.invitedAt.getTime()) return 'activated';
  if (facts.mailStatus === 'bounced') return 'bounced';
  if (facts.openedAt) return 'opened';
  return 'invited';
}

/** Counts per status, every status present. */
export function countByStatus(statuses: readonly InvitationStatus[]): Record<InvitationStatus, number> {
  const counts = Object.fromEntries(INVITATION_STATUSES.map((s) => [s, 0])) as Record<InvitationStatus, number>;
  for (const status of statuses) counts[status] += 1;
  return counts;
}
