import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { setApiLanguage } from './api';
import { shellEn, shellNl } from './shell/texts';
import { profileEn, profileNl } from './profile/texts';
import { membersEn, membersNl } from './members/texts';
import { importsEn, importsNl } from './imports/texts';
import { auditEn, auditNl } from './audit/texts';
import { auditActionEn, auditActionNl } from './audit/action-texts';
import { peopleEn, peopleNl } from './people/texts';
import { invitationsEn, invitationsNl } from './people/invitation-texts';
import { sessionEn, sessionNl } from './session/texts';
import { accountSettingsEn, accountSettingsNl } from './account/settings-texts';
import { meetingPageEn, meetingPageNl } from './meetings/meeting-texts';
import { agendaEn, agendaNl } from './meetings/agenda-texts';
import { courseEn, courseNl } from './meetings/course-texts';
import { minutesEn, minutesNl } from './meetings/minutes-texts';
import { pollEn, pollNl } from './voting/poll-texts';
import { ballotEn, ballotNl } from './voting/ballot-texts';
import { consultationEn, consultationNl } from './consultations/texts';
import { consultationResultEn, consultationResultNl } from './consultations/result-texts';
import { accountEn, accountNl } from './account/texts';
import { meetingEn, meetingNl } from './meetings/texts';
import { speakerEn, speakerNl } from './meetings/speaker-texts';
import { motionEn, motionNl } from './meetings/motion-texts';
import { mandateEn, mandateNl } from './people/mandate-texts';
import { verificationEn, verificationNl } from './voting/verification-texts';
import { votingEn, votingNl } from './voting/texts';
import { powerEn, powerNl } from './power/texts';
import { homeEn, homeNl } from './home/texts';
import { setupEn, setupNl } from './setup/texts';
import { followUpEn, followUpNl } from './follow-up/texts';
import { topicEn, topicNl } from './topics/texts';
import { onboardingEn, onboardingNl } from './people/onboarding-texts';

/**
 * Every text of the UI, Dutch first. English mirrors the Dutch keys; the compiler
 * refuses a key that is missing in either language.
 */
const nl = {
  ...shellNl,
  ...profileNl,
  ...membersNl,
  ...importsNl,
  ...auditNl,
  ...auditActionNl,
  ...peopleNl,
  ...invitationsNl,
  ...sessionNl,
  ...accountSettingsNl,
  ...meetingPageNl,
  ...agendaNl,
  ...courseNl,
  ...minutesNl,
  ...pollNl,
  ...ballotNl,
  ...consultationNl,
  ...consultationResultNl,
  ...votingNl,
  ...verificationNl,
  ...mandateNl,
  ...meetingNl,
  ...speakerNl,
  ...motionNl,
  ...accountNl,
  ...powerNl,
  ...homeNl,
  ...setupNl,
  ...followUpNl,
  ...topicNl,
  ...onboardingNl,
};

export type TextKey = keyof typeof nl;

const en: Record<TextKey, string> = {
  ...shellEn,
  ...profileEn,
  ...membersEn,
  ...importsEn,
  ...auditEn,
  ...auditActionEn,
  ...peopleEn,
  ...invitationsEn,
  ...sessionEn,
  ...accountSettingsEn,
  ...meetingPageEn,
  ...agendaEn,
  ...courseEn,
  ...minutesEn,
  ...pollEn,
  ...ballotEn,
  ...consultationEn,
  ...consultationResultEn,
  ...votingEn,
  ...verificationEn,
  ...mandateEn,
  ...meetingEn,
  ...speakerEn,
  ...motionEn,
  ...accountEn,
  ...powerEn,
  ...homeEn,
  ...setupEn,
  ...followUpEn,
  ...topicEn,
  ...onboardingEn,
};

export const dictionary = { nl, en } as const;
export type Language = keyof typeof dictionary;
export const LANGUAGES: readonly Language[] = ['nl', 'en'];

const STORAGE_KEY = 'verenigd.language';
const LOCALES: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };

type Params = Record<string, string | number>;

export interface I18n {
  lang: Language;
  locale: string;
  setLang(lang: Language): void;
  /** The text for a key, with {placeholders} filled in. */
  t(key: TextKey, params?: Params): string;
  /** A count with its noun: "1 lid", "13 leden". */
  count(base: 'members.count' | 'reorgs.count', n: number): string;
  number(n: number | null | undefined): string;
  /** A calendar date (YYYY-MM-DD) as "1 januari 2024". */
  date(iso: string | null | undefined): string;
  /** A moment as "23 november 2026 om 11:52" in Dutch time. */
  dateTime(iso: string | null | undefined): string;
  /** Picks the text of a { nl, en } pair from the profile. */
  local(text: { nl: string; en: string } | null | undefined): string;
}

const fill = (template: string, params: Params = {}) => template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));

function storedLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (stored === 'nl' || stored === 'en') return stored;
  } catch {
    // Storage may be unavailable (private mode); Dutch is the default.
  }
  return 'nl';
}

function makeI18n(lang: Language, setLang: (lang: Language) => void): I18n {
  const locale = LOCALES[lang];
  const numbers = new Intl.NumberFormat(locale);
  const dates = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const moments = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' });
  const texts = dictionary[lang];
  const t = (key: TextKey, params?: Params) => fill(texts[key], params);
  return {
    lang,
    locale,
    setLang,
    t,
    count: (base, n) => t(n === 1 ? `${base}.one` : `${base}.other`, { n: numbers.format(n) }),
    number: (n) => (n === null || n === undefined ? '—' : numbers.format(n)),
    date: (iso) => {
      if (!iso) return '—';
      const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
      return Number.isNaN(d.getTime()) ? iso : dates.format(d);
    },
    dateTime: (iso) => {
      if (!iso) return '—';
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : moments.format(d);
    },
    local: (text) => (text ? text[lang] : ''),
  };
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(storedLanguage);
  // The API must know the language before the first request of any child effect.
  setApiLanguage(lang);

  const setLang = useCallback((next: Language) => {
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not persisted; the choice still holds for this visit.
    }
    setLangState(next);
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const value = useMemo(() => makeI18n(lang, setLang), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

/** The signed-in person's roles as words, e.g. "medewerker, voorzitter". */
export function rolesText(t: (key: TextKey) => string, user: { roles: readonly string[] }): string {
  return user.roles.length ? user.roles.map((role) => t(`role.${role}` as TextKey)).join(', ') : t('role.none');
}
