/**
 * Texts of the meeting's procedure: motions' submitters, statute changes, opening and dates, Dutch first; merged into the dictionaries in i18n.tsx, whose compiler check
 * (every key in both languages) covers these too.
 */
export const meetingNl = {} as const;

export const meetingEn: Record<keyof typeof meetingNl, string> = {};
