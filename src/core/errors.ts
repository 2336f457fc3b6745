import { format, type Language, type LocalText } from './i18n.js';

/** One invalid field in a request (NL API Design Rules: `invalidParams`, named `errors` here). */
export interface FieldError {
  name: string;
  code: string;
  reason: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/**
 * An error the client caused or may act on, rendered as application/problem+json
 * (RFC 9457). Title and detail exist in Dutch and English; the response language
 * follows Accept-Language.
 */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: LocalText,
    readonly detail: LocalText,
    readonly errors: ReadonlyArray<{ name: string; code: string; reason: LocalText }> = [],
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail.en);
  }

  toBody(lang: Language, instance?: string): ProblemBody {
    return {
      type: `/problems/${this.slug}`,
      title: this.title[lang],
      status: this.status,
      detail: this.detail[lang],
      ...(instance ? { instance } : {}),
      ...(this.errors.length ? { errors: this.errors.map((e) => ({ name: e.name, code: e.code, reason: e.reason[lang] })) } : {}),
      ...this.extensions,
    };
  }
}

const t = (nl: string, en: string, params?: Record<string, string | number>): LocalText => ({
  nl: format(nl, params),
  en: format(en, params),
});

export const problems = {
  notFound: (what: LocalText, id: string) =>
    new Problem(404, 'not-found', t('Niet gevonden', 'Not found'), {
      nl: format('{what} {id} bestaat niet.', { what: what.nl, id }),
      en: format('{what} {id} does not exist.', { what: what.en, id }),
    }),
  invalid: (detail: LocalText, errors: ReadonlyArray<{ name: string; code: string; reason: LocalText }> = []) =>
    new Problem(422, 'unprocessable', t('Verzoek niet uitvoerbaar', 'Request cannot be processed'), detail, errors),
  conflict: (detail: LocalText) => new Problem(409, 'conflict', t('Conflict', 'Conflict'), detail),
  unauthenticated: () => new Problem(401, 'unauthenticated', t('Niet ingelogd', 'Not signed in'), t('Log in om dit te doen.', 'Sign in to do this.')),
  badCredentials: () =>
    new Problem(401, 'bad-credentials', t('Inloggen mislukt', 'Sign-in failed'), t('E-mailadres of wachtwoord onjuist.', 'Wrong e-mail address or password.')),
  badToken: () =>
    new Problem(
      401,
      'bad-token',
      t('Ongeldig token', 'Invalid token'),
      t('Het API-token is onbekend, ingetrokken of verlopen.', 'The API token is unknown, revoked or expired.'),
    ),
  totpRequired: () =>
    new Problem(
      401,
      'totp-required',
      t('Tweede factor nodig', 'Second factor required'),
      t('Voer de zescijferige code uit uw authenticator-app in.', 'Enter the six-digit code from your authenticator app.'),
    ),
  forbidden: () =>
    new Problem(403, 'forbidden', t('Geen toegang', 'Forbidden'), t('Uw rol geeft geen toegang tot deze handeling.', 'Your role does not allow this action.')),
  csrf: () =>
    new Problem(
      403,
      'csrf',
      t('Ongeldig CSRF-token', 'Invalid CSRF token'),
      t('Het verzoek mist een geldig X-CSRF-Token; laad de pagina opnieuw.', 'The request lacks a valid X-CSRF-Token header; reload the page.'),
    ),
  malformedUpload: () =>
    new Problem(
      400,
      'malformed-multipart',
      t('Ongeldige upload', 'Malformed upload'),
      t(
        'Het multipart/form-data-verzoek is onvolledig of misvormd (grens, kopregels of einde ontbreken).',
        'The multipart/form-data request is incomplete or malformed (boundary, part headers or end missing).',
      ),
    ),
  tooMany: (retryAfterSeconds: number) =>
    new Problem(
      429,
      'rate-limited',
      t('Te veel verzoeken', 'Too many requests'),
      t('Te veel pogingen. Probeer het over {s} seconden opnieuw.', 'Too many attempts. Try again in {s} seconds.', { s: retryAfterSeconds }),
    ),
};

export { t as text };
