import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createRequire } from 'node:module';
import type { ErrorObject } from 'ajv';
import { Problem, type FieldError, type ProblemBody } from '../errors.js';
import { pickLanguage, type Language } from '../i18n.js';

// ajv-i18n is CommonJS whose typings claim a default export; require gives the function itself.
const localizeNl: (errors: ErrorObject[]) => void = createRequire(import.meta.url)('ajv-i18n/localize/nl');

const PROBLEM_JSON = 'application/problem+json; charset=utf-8';

export function sendProblem(_request: FastifyRequest, reply: FastifyReply, body: ProblemBody) {
  return reply.status(body.status).type(PROBLEM_JSON).send(body);
}

/** Names the field an AJV error is about: the missing property, else the instance path. */
function fieldName(error: ErrorObject, context: string | undefined): string {
  const path = error.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const missing = error.keyword === 'required' ? String(error.params.missingProperty) : undefined;
  const extra = error.keyword === 'additionalProperties' ? String(error.params.additionalProperty) : undefined;
  const leaf = missing ?? extra;
  const name = [path, leaf].filter(Boolean).join('.');
  return name || context || '(body)';
}

/** Enough to correct a request; a body of a million wrong items does not get a million answers. */
export const MAX_FIELD_ERRORS = 50;

const FORMATS: Record<string, Record<Language, string>> = {
  'date-time': { nl: 'Vul een geldige datum en tijd in.', en: 'Enter a valid date and time.' },
  date: { nl: 'Vul een geldige datum in.', en: 'Enter a valid date.' },
  time: { nl: 'Vul een geldige tijd in, zoals 14:30.', en: 'Enter a valid time, such as 14:30.' },
  email: { nl: 'Vul een geldig e-mailadres in.', en: 'Enter a valid e-mail address.' },
  uuid: { nl: 'Deze verwijzing bestaat niet.', en: 'This reference does not exist.' },
};

/** What to fill in, by the field's name where the domain has a word for it: "Vul een titel in." */
const FIELD_NOUNS: Record<string, Record<Language, string>> = {
  title: { nl: 'een titel', en: 'a title' },
  name: { nl: 'een naam', en: 'a name' },
  date: { nl: 'een datum', en: 'a date' },
  location: { nl: 'een locatie', en: 'a location' },
  request: { nl: 'het verzoek', en: 'the request' },
  text: { nl: 'een tekst', en: 'a text' },
  decisionText: { nl: 'de besluittekst', en: 'the decision text' },
  summary: { nl: 'een samenvatting', en: 'a summary' },
  dossier: { nl: 'een dossier', en: 'a dossier' },
  question: { nl: 'een vraag', en: 'a question' },
  email: { nl: 'een e-mailadres', en: 'an e-mail address' },
  reason: { nl: 'een reden', en: 'a reason' },
  portfolio: { nl: 'een portefeuille', en: 'a portfolio' },
};

const fillIn = (field: string, lang: Language) => {
  const noun = FIELD_NOUNS[field]?.[lang];
  if (noun) return lang === 'nl' ? `Vul ${noun} in.` : `Fill in ${noun}.`;
  return lang === 'nl' ? 'Vul dit veld in.' : 'Fill in this field.';
};

/**
 * The validator's words for the common refusals, said as a person would: "Vul dit veld in", "Gebruik
 * hoogstens 200 tekens", never "moet overeenkomen met het patroon" or "date-time". Other keywords
 * keep the validator's (localised) message.
 */
function plainReason(error: ErrorObject, lang: Language, field: string): string | undefined {
  const nl = lang === 'nl';
  const limit = Number((error.params as { limit?: unknown }).limit);
  switch (error.keyword) {
    case 'required':
      return fillIn(field, lang);
    case 'minLength':
      return limit <= 1 ? fillIn(field, lang) : nl ? `Gebruik ten minste ${limit} tekens.` : `Use at least ${limit} characters.`;
    case 'maxLength':
      return nl ? `Gebruik hoogstens ${limit} tekens.` : `Use at most ${limit} characters.`;
    case 'pattern':
      // '\\S': a text of spaces only is as good as empty.
      return (error.params as { pattern?: string }).pattern === '\\S'
        ? fillIn(field, lang)
        : nl
          ? 'Deze invoer heeft niet de verwachte vorm.'
          : 'This input does not have the expected form.';
    case 'format':
      return FORMATS[String((error.params as { format?: unknown }).format)]?.[lang];
    case 'enum':
      return nl ? 'Kies een van de mogelijke waarden.' : 'Choose one of the possible values.';
    default:
      return undefined;
  }
}

function validationErrors(errors: ErrorObject[], context: string | undefined, lang: Language): FieldError[] {
  const copies = errors.slice(0, MAX_FIELD_ERRORS).map((e) => ({ ...e }));
  if (lang === 'nl') localizeNl(copies);
  return copies.map((e) => {
    const name = fieldName(e, context);
    return { name, code: e.keyword, reason: plainReason(e, lang, name.split('.').at(-1) ?? name) ?? e.message ?? e.keyword };
  });
}

const TEXT = {
  validation: { nl: ['Ongeldige invoer', 'Een of meer velden zijn ongeldig.'], en: ['Invalid input', 'One or more fields are invalid.'] },
  notFound: { nl: ['Niet gevonden', 'De gevraagde bron bestaat niet.'], en: ['Not found', 'The requested resource does not exist.'] },
  internal: {
    nl: ['Interne fout', 'Er ging iets mis aan onze kant; er is niets gewijzigd.'],
    en: ['Internal error', 'Something went wrong on our side; nothing was changed.'],
  },
  badRequest: { nl: ['Ongeldig verzoek', 'Het verzoek kon niet worden gelezen.'], en: ['Bad request', 'The request could not be read.'] },
} as const;

/**
 * PostgreSQL refuses text with a NUL character (22021, also for untranslatable characters 22P05);
 * only a client puts one there, and the transaction has rolled back.
 */
const UNSTORABLE_TEXT = new Set(['22021', '22P05']);
const TEXT_UNSTORABLE: Texts = {
  nl: ['Ongeldige tekens', 'De tekst bevat een teken dat niet kan worden opgeslagen of gezocht, zoals het NUL-teken (\\u0000).'],
  en: ['Invalid characters', 'The text contains a character that cannot be stored or searched for, such as the NUL character (\\u0000).'],
};

type Texts = Record<Language, readonly [title: string, detail: string]>;

/** Fastify's own client errors, by code: a stable problem type and words in both languages. */
const FRAMEWORK: Record<string, { slug: string } & Texts> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    slug: 'invalid-json',
    nl: ['Ongeldige JSON', 'De inhoud van het verzoek is geen geldige JSON.'],
    en: ['Invalid JSON', 'The request body is not valid JSON.'],
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    slug: 'empty-body',
    nl: ['Lege inhoud', 'Het verzoek zegt JSON te bevatten maar is leeg.'],
    en: ['Empty body', 'The request says it holds JSON but is empty.'],
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    slug: 'unsupported-media-type',
    nl: ['Verkeerd formaat', 'Dit formaat (Content-Type) wordt hier niet geaccepteerd; stuur JSON.'],
    en: ['Unsupported media type', 'This Content-Type is not accepted here; send JSON.'],
  },
  FST_ERR_CTP_INVALID_TYPE: {
    slug: 'unsupported-media-type',
    nl: ['Verkeerd formaat', 'De Content-Type-header is ongeldig.'],
    en: ['Unsupported media type', 'The Content-Type header is invalid.'],
  },
  FST_ERR_CTP_EMPTY_TYPE: {
    slug: 'unsupported-media-type',
    nl: ['Verkeerd formaat', 'De Content-Type-header is leeg.'],
    en: ['Unsupported media type', 'The Content-Type header is empty.'],
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    slug: 'body-too-large',
    nl: ['Verzoek te groot', 'De inhoud van het verzoek is groter dan toegestaan.'],
    en: ['Request too large', 'The request body is larger than allowed.'],
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    slug: 'bad-content-length',
    nl: ['Ongeldig verzoek', 'De Content-Length-header klopt niet met de inhoud.'],
    en: ['Bad request', 'The Content-Length header does not match the body.'],
  },
  FST_ERR_BAD_URL: {
    slug: 'bad-url',
    nl: ['Ongeldig adres', 'Het adres bevat een ongeldige codering (%).'],
    en: ['Invalid URL', 'The URL contains an invalid escape (%).'],
  },
  FST_ERR_MAX_PARAM_LENGTH: {
    slug: 'uri-too-long',
    nl: ['Adres te lang', 'Een deel van het adres is langer dan toegestaan.'],
    en: ['URL too long', 'A part of the URL is longer than allowed.'],
  },
  FST_INVALID_MULTIPART_CONTENT_TYPE: {
    slug: 'unsupported-media-type',
    nl: ['Verkeerd formaat', 'Stuur dit als multipart/form-data.'],
    en: ['Unsupported media type', 'Send this as multipart/form-data.'],
  },
};

/** Other client errors by status, for codes not named above. */
const BY_STATUS: Record<number, Texts> = {
  405: { nl: ['Methode niet toegestaan', 'Deze methode is hier niet toegestaan.'], en: ['Method not allowed', 'This method is not allowed here.'] },
  406: { nl: ['Niet aanvaardbaar', 'Het gevraagde formaat kan niet worden geleverd.'], en: ['Not acceptable', 'The requested format cannot be provided.'] },
  413: {
    nl: ['Verzoek te groot', 'De inhoud van het verzoek is groter dan toegestaan.'],
    en: ['Request too large', 'The request body is larger than allowed.'],
  },
  414: { nl: ['Adres te lang', 'Het adres is langer dan toegestaan.'], en: ['URL too long', 'The URL is longer than allowed.'] },
  415: {
    nl: ['Verkeerd formaat', 'Dit formaat (Content-Type) wordt hier niet geaccepteerd.'],
    en: ['Unsupported media type', 'This Content-Type is not accepted here.'],
  },
  429: { nl: ['Te veel verzoeken', 'Te veel verzoeken; probeer het straks opnieuw.'], en: ['Too many requests', 'Too many requests; try again later.'] },
};

/** A client error raised by Fastify or a plugin rather than by our own code, as a problem body. */
function frameworkProblem(error: FastifyError, status: number, lang: Language, instance: string): ProblemBody {
  const known = error.code ? FRAMEWORK[error.code] : undefined;
  if (known) {
    const [title, detail] = known[lang];
    return { type: `/problems/${known.slug}`, title, status, detail, instance };
  }
  const [title, detail] = (BY_STATUS[status] ?? TEXT.badRequest)[lang];
  const slug = (error.code ?? 'bad-request').toLowerCase().replaceAll('_', '-');
  // In English the plugin's own message says more than the generic sentence.
  return { type: `/problems/${slug}`, title, status, detail: lang === 'en' && error.message ? error.message : detail, instance };
}

/**
 * For Fastify's `frameworkErrors` option: the router's own refusals (an undecodable %-escape in
 * the URL, a path parameter over maxParamLength) otherwise leave as plain JSON, not as problems.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const lang = pickLanguage(request.headers['accept-language']);
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  return sendProblem(request, reply, frameworkProblem(error, status, lang, request.url));
}

/** Every error leaves as problem+json with a Dutch or English title and detail. */
export function installProblemHandlers(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError | Problem, request, reply) => {
    const lang = pickLanguage(request.headers['accept-language']);
    if (error instanceof Problem) {
      if (error.status === 429 && error.extensions.retryAfter) reply.header('retry-after', String(error.extensions.retryAfter));
      return sendProblem(request, reply, error.toBody(lang, request.url));
    }
    const fastifyError = error as FastifyError;
    if (fastifyError.validation) {
      const [title, detail] = TEXT.validation[lang];
      return sendProblem(request, reply, {
        type: '/problems/validation',
        title,
        status: 400,
        detail,
        instance: request.url,
        errors: validationErrors(fastifyError.validation as ErrorObject[], fastifyError.validationContext, lang),
      });
    }
    if (!fastifyError.statusCode && UNSTORABLE_TEXT.has(String(fastifyError.code))) {
      const [title, detail] = TEXT_UNSTORABLE[lang];
      return sendProblem(request, reply, { type: '/problems/invalid-characters', title, status: 400, detail, instance: request.url });
    }
    const status = fastifyError.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      const [title, detail] = TEXT.internal[lang];
      return sendProblem(request, reply, { type: '/problems/internal', title, status: 500, detail, instance: request.url });
    }
    // Fastify's own client errors (bad JSON, body too large, wrong content type, rate limit).
    return sendProblem(request, reply, frameworkProblem(fastifyError, status, lang, request.url));
  });

  app.setNotFoundHandler((request, reply) => {
    const [title, detail] = TEXT.notFound[pickLanguage(request.headers['accept-language'])];
    return sendProblem(request, reply, { type: '/problems/not-found', title, status: 404, detail, instance: request.url });
  });
}
