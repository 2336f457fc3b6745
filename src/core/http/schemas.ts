import { Type, type TSchema } from 'typebox';

/** RFC 9457 problem details as documented in OpenAPI. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ name: Type.String(), code: Type.String(), reason: Type.String() }))),
  },
  { additionalProperties: true, description: 'application/problem+json (RFC 9457)' },
);

// Year 0000 passes the date format but not PostgreSQL.
export const DateString = Type.String({ format: 'date', pattern: '^(?!0000)[0-9]{4}-', description: 'YYYY-MM-DD' });

export const Pagination = {
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
};

export const ListOf = <T extends TSchema>(item: T, extra: Record<string, TSchema> = {}) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer({ minimum: 0 }), ...extra });

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** Mails about a record (a meeting, a consultation, an invitation batch) per delivery status of the mail queue. */
export const MailCountsSchema = Type.Object({
  queued: Type.Integer({ minimum: 0 }),
  sending: Type.Integer({ minimum: 0 }),
  sent: Type.Integer({ minimum: 0 }),
  failed: Type.Integer({ minimum: 0, description: 'No attempts left (the server could not be reached or refused for now, every time)' }),
  bounced: Type.Integer({ minimum: 0, description: 'Refused for good by the mail server (a 5xx answer)' }),
});
