/**
 * Texts of live voting: secrecy, trial votes and the course rules for polls, Dutch first; merged into the dictionaries in i18n.tsx, whose compiler check
 * (every key in both languages) covers these too.
 */
export const votingNl = {} as const;

export const votingEn: Record<keyof typeof votingNl, string> = {};
