/**
 * Texts of the account's security: recent sign-in, API token expiry and sessions, Dutch first; merged into the dictionaries in i18n.tsx, whose compiler check
 * (every key in both languages) covers these too.
 */
export const accountNl = {} as const;

export const accountEn: Record<keyof typeof accountNl, string> = {};
