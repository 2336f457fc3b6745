/**
 * Texts of motions' submitters: co-submitter invitations, holding and withdrawing, Dutch first;
 * merged into the dictionaries in i18n.tsx, whose compiler check (every key in both languages)
 * covers these too.
 */
export const motionNl = {} as const;

export const motionEn: Record<keyof typeof motionNl, string> = {};
