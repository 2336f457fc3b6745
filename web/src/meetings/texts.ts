/**
 * Texts of the meeting's procedure: motions' submitters, statute changes, opening and dates, Dutch first; merged into the dictionaries in i18n.tsx, whose compiler check
 * (every key in both languages) covers these too.
 */
export const meetingNl = {
  'course.openEarlyQuestion': 'Deze vergadering staat gepland op {date}, later dan vandaag. Nu al openen?',
  'course.openEarlyConfirm': 'Ja, nu openen',
  'agenda.changeKind': 'Soort wijziging',
  'agenda.changeKindHint': 'Een wijziging van de statuten of het huishoudelijk reglement wordt gestemd met de strengere meerderheid uit het profiel.',
  'agenda.changeKind.none': 'Geen (gewoon voorstel)',
  'agenda.changeKind.statutes': 'Statutenwijziging',
  'agenda.changeKind.rules-of-procedure': 'Wijziging huishoudelijk reglement',
  'meeting.warning': 'Let op',
  'audit.action.meeting.opened': 'Vergadering geopend',
} as const;

export const meetingEn: Record<keyof typeof meetingNl, string> = {
  'course.openEarlyQuestion': 'This meeting is scheduled for {date}, later than today. Open it now?',
  'course.openEarlyConfirm': 'Yes, open now',
  'agenda.changeKind': 'Kind of change',
  'agenda.changeKindHint': 'A change of the statutes or the rules of procedure is voted by the stricter majority in the profile.',
  'agenda.changeKind.none': 'None (ordinary proposal)',
  'agenda.changeKind.statutes': 'Change of the statutes',
  'agenda.changeKind.rules-of-procedure': 'Change of the rules of procedure',
  'meeting.warning': 'Note',
  'audit.action.meeting.opened': 'Meeting opened',
};
