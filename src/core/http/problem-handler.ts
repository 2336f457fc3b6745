import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createRequire } from 'node:module';
import type { ErrorObject } from 'ajv';
import { Problem, type FieldError, type ProblemBody } from '../errors.js';
import { pickLanguage, type Language } from '../i18n.js';

// ajv-i18n is CommonJS whose typings claim a default export; require gives the function itself.
const localizeNl: (errors: ErrorObject[]) => void = createRequire(import.meta.url)('ajv-i18n/localize/nl');

const PROBLEM_JSON = 'application/problem+json; charset=utf-8';

export function sendProblem(request: FastifyRequest, reply: FastifyReply, body: ProblemBody) {
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

function validationErrors(errors: ErrorObject[], context: string | undefined, lang: Language): FieldError[] {
  const copies = errors.map((e) => ({ ...e }));
  if (lang === 'nl') localizeNl(copies);
  return copies.map((e) => ({ name: fieldName(e, context), code: e.keyword, reason: e.message ?? e.keyword }));
}

const TEXT = {
  validation: { nl: ['Ongeldige invoer', 'Een of meer velden zijn ongeldig.'], en: ['Invalid input', 'One or more fields are invalid.'] },
  notFound: { nl: ['Niet gevonden', 'De gevraagde bron bestaat niet.'], en: ['Not found', 'The requested resource does not exist.'] },
  internal: { nl: ['Interne fout', 'Er ging iets mis aan onze kant; er is niets gewijzigd.'], en: ['Internal error', 'Something went wrong on our side; nothing was changed.'] },
  badRequest: { nl: ['Ongeldig verzoek', 'Het verzoek kon niet worden gelezen.'], en: ['Bad request', 'The request could not be read.'] },
} as const;

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
    const status = fastifyError.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      const [title, detail] = TEXT.internal[lang];
      return sendProblem(request, reply, { type: '/problems/internal', title, status: 500, detail, instance: request.url });
    }
    // Fastify's own client errors (bad JSON, body too large, wrong content type, rate limit).
    const [title] = TEXT.badRequest[lang];
    return sendProblem(request, reply, {
      type: `/problems/${(fastifyError.code ?? 'bad-request').toLowerCase().replaceAll('_', '-')}`,
      title,
      status,
      detail: fastifyError.message,
      instance: request.url,
    });
  });

  app.setNotFoundHandler((request, reply) => {
    const [title, detail] = TEXT.notFound[pickLanguage(request.headers['accept-language'])];
    return sendProblem(request, reply, { type: '/problems/not-found', title, status: 404, detail, instance: request.url });
  });
}
