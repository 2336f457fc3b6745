/**
 * Texts of mandates: designations that need a second confirmation and check-ins released, Dutch first; merged into the dictionaries in i18n.tsx, whose compiler check
 * (every key in both languages) covers these too.
 */
export const mandateNl = {} as const;

export const mandateEn: Record<keyof typeof mandateNl, string> = {};
