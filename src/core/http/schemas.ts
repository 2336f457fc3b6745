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
