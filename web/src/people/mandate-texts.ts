/**
 * Texts of mandates: designations that need a second confirmation and check-ins released, Dutch first; merged into the dictionaries in i18n.tsx, whose compiler check
 * (every key in both languages) covers these too.
 */
export const mandateNl = {
  'pending.title': 'Aanwijzingen die wachten op bevestiging',
  'pending.intro':
    'Vier ogen: een aanwijzing die een medewerker of beheerder voor zichzelf vastlegt, of voor iemand wiens account hij aanmaakte, uitnodigde of van e-mailadres veranderde, geeft pas recht om namens het lid op te treden (aanmelden, stemmen, moties) als een andere medewerker of beheerder haar bevestigt.',
  'pending.none': 'Er wachten geen aanwijzingen op bevestiging.',
  'pending.caption': 'Aanwijzingen die wachten op bevestiging',
  'pending.person': 'Persoon',
  'pending.office': 'Ambt',
  'pending.from': 'Vanaf',
  'pending.requestedBy': 'Vastgelegd door',
  'pending.actions': 'Acties',
  'pending.confirm': 'Bevestigen',
  'pending.confirmLabel': 'Aanwijzing van {name} bevestigen',
  'pending.revoke': 'Intrekken',
  'pending.revokeLabel': 'Aanwijzing van {name} intrekken',
  'pending.ownRequest': 'U legde deze aanwijzing vast; een andere medewerker of beheerder bevestigt haar.',
  'pending.ownDesignation': 'Dit is uw eigen aanwijzing; een andere medewerker of beheerder bevestigt haar.',
  'pending.confirmed': 'De aanwijzing van {name} is bevestigd: {name} mag nu namens {member} optreden.',
  'pending.revoked': 'De aanwijzing van {name} is ingetrokken.',
  'pending.badge': 'wacht op bevestiging (vier ogen)',
  'pending.revokedBadge': 'ingetrokken',
  'invite.pending': 'De aanwijzing wacht op bevestiging door een andere medewerker of beheerder (vier ogen); tot dan kan {name} niet namens het lid optreden.',
  'audit.action.designation.confirmed': 'Aanwijzing bevestigd (vier ogen)',
  'audit.action.designation.revoked': 'Wachtende aanwijzing ingetrokken',
  'audit.action.designation.suspended': 'Aanwijzing wacht opnieuw op bevestiging (e-mailadres gewijzigd)',
  'designation.createdPending':
    'De aanwijzing van {name} om namens {member} op te treden is vastgelegd en wacht op bevestiging door een andere medewerker of beheerder (vier ogen).',
  'office.createdDesignatedPending': '{office} is vastgelegd; de aanwijzing wacht op bevestiging door een andere medewerker of beheerder (vier ogen).',
  'attendance.mandateEnded': 'mandaat beëindigd',
  'attendance.mandateEndedLong': 'Afgemeld omdat het mandaat eindigde (aanwijzing, ambt of account beëindigd); de stem van het lid is vrijgegeven.',
} as const;

export const mandateEn: Record<keyof typeof mandateNl, string> = {
  'pending.title': 'Designations awaiting confirmation',
  'pending.intro':
    'Four eyes: a designation a staff member or administrator records for themselves, or for someone whose account they created, invited or re-addressed, gives the right to act for the member (check in, vote, motions) only once another staff member or administrator confirms it.',
  'pending.none': 'No designations are awaiting confirmation.',
  'pending.caption': 'Designations awaiting confirmation',
  'pending.person': 'Person',
  'pending.office': 'Office',
  'pending.from': 'From',
  'pending.requestedBy': 'Recorded by',
  'pending.actions': 'Actions',
  'pending.confirm': 'Confirm',
  'pending.confirmLabel': "Confirm {name}'s designation",
  'pending.revoke': 'Revoke',
  'pending.revokeLabel': "Revoke {name}'s designation",
  'pending.ownRequest': 'You recorded this designation; another staff member or administrator confirms it.',
  'pending.ownDesignation': 'This is your own designation; another staff member or administrator confirms it.',
  'pending.confirmed': "{name}'s designation is confirmed: {name} may now act for {member}.",
  'pending.revoked': "{name}'s designation is revoked.",
  'pending.badge': 'awaiting confirmation (four eyes)',
  'pending.revokedBadge': 'revoked',
  'invite.pending': 'The designation awaits confirmation by another staff member or administrator (four eyes); until then {name} cannot act for the member.',
  'audit.action.designation.confirmed': 'Designation confirmed (four eyes)',
  'audit.action.designation.revoked': 'Pending designation revoked',
  'audit.action.designation.suspended': 'Designation awaits confirmation again (e-mail address changed)',
  'designation.createdPending':
    "{name}'s designation to act for {member} is recorded and awaits confirmation by another staff member or administrator (four eyes).",
  'office.createdDesignatedPending': '{office} is recorded; the designation awaits confirmation by another staff member or administrator (four eyes).',
  'attendance.mandateEnded': 'mandate ended',
  'attendance.mandateEndedLong': "Checked out because the mandate ended (designation, office or account ended); the member's vote is released.",
};
