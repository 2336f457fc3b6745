/**
 * Texts of the representative's home page ("what do I need to do"), Dutch first; merged into the
 * dictionaries in i18n.tsx.
 */
export const homeNl = {
  'home.rep.title': 'Voor u klaar',
  'home.rep.intro': 'Wat er voor {members} van u gevraagd wordt.',
  'home.rep.meetingTitle': 'Volgende vergadering',
  'home.rep.noMeeting': 'Er is geen vergadering gepland.',
  'home.rep.when': '{date}, {place}',
  'home.rep.checkedIn': '{member}: aangemeld door {name}',
  'home.rep.checkedInYou': '{member}: u bent aangemeld',
  'home.rep.proxy': '{member}: volmacht aan {name}',
  'home.rep.notCheckedIn': '{member}: nog niet aangemeld',
  'home.rep.checkInLink': 'Aanmelden bij de vergadering',
  'home.rep.meetingLink': 'Naar de vergadering',
  'home.rep.consultationsTitle': 'Raadplegingen die op uw antwoord wachten',
  'home.rep.noConsultations': 'Er wacht geen raadpleging op een antwoord van u.',
  'home.rep.deadline': 'Antwoord uiterlijk {deadline}',
  'home.rep.answerFor': 'antwoord voor {member}: {status}',
  'home.rep.motionsTitle': 'Uw moties',
  'home.rep.noMotions': 'U heeft voor deze vergadering geen moties ingediend.',
  'home.rep.motionState': '{status} · advies van het bestuur: {advice}',
  'home.rep.noAdvice': 'nog niet gegeven',
  'home.rep.placeOpen': 'plaats volgt',
};

export const homeEn: Record<keyof typeof homeNl, string> = {
  'home.rep.title': 'Waiting for you',
  'home.rep.intro': 'What is asked of you for {members}.',
  'home.rep.meetingTitle': 'Next meeting',
  'home.rep.noMeeting': 'No meeting is planned.',
  'home.rep.when': '{date}, {place}',
  'home.rep.checkedIn': '{member}: checked in by {name}',
  'home.rep.checkedInYou': '{member}: you are checked in',
  'home.rep.proxy': '{member}: proxy to {name}',
  'home.rep.notCheckedIn': '{member}: not checked in yet',
  'home.rep.checkInLink': 'Check in at the meeting',
  'home.rep.meetingLink': 'Go to the meeting',
  'home.rep.consultationsTitle': 'Consultations waiting for your answer',
  'home.rep.noConsultations': 'No consultation is waiting for an answer from you.',
  'home.rep.deadline': 'Answer by {deadline}',
  'home.rep.answerFor': 'answer for {member}: {status}',
  'home.rep.motionsTitle': 'Your motions',
  'home.rep.noMotions': 'You have filed no motions for this meeting.',
  'home.rep.motionState': '{status} · board advice: {advice}',
  'home.rep.noAdvice': 'not given yet',
  'home.rep.placeOpen': 'place to follow',
};
