/**
 * Texts of the verification of polls: the signed result and the standalone check, Dutch first; merged into the dictionaries in i18n.tsx, whose compiler check
 * (every key in both languages) covers these too.
 */
export const verificationNl = {} as const;

export const verificationEn: Record<keyof typeof verificationNl, string> = {};
