import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { stringify } from 'csv-stringify/sync';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import { AuditEntry, AuditQuery } from './audit-schemas.js';
import { auditPolicy } from './audit-policy.js';
import type { Database } from './db/schema.js';
import { ListOf, ProblemSchema } from './http/schemas.js';

function filtered(db: Kysely<Database>, q: AuditQuery) {
  let query = db.selectFrom('audit_log');
  if (q.action?.endsWith('.')) query = query.where('action', 'like', `${q.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  else if (q.action) query = query.where('action', '=', q.action);
  if (q.entityType) query = query.where('entity_type', '=', q.entityType);
  if (q.entityId) query = query.where('entity_id', '=', q.entityId);
  if (q.actorId) query = query.where('actor_id', '=', q.actorId);
  if (q.from) query = query.where('at', '>=', new Date(q.from));
  if (q.until) query = query.where('at', '<', new Date(q.until));
  return query;
}

async function entries(db: Kysely<Database>, q: AuditQuery, limit: number, offset: number): Promise<AuditEntry[]> {
  const rows = await filtered(db, q).selectAll().orderBy('id', 'desc').limit(limit).offset(offset).execute();
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at.toISOString(),
    actorId: r.actor_id,
    actor: r.actor_label,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    data: r.data,
  }));
}

/** The audit trail, read-only for staff and the vote-counting committee: nothing here writes. */
export async function auditRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const guard = { preValidation: auditPolicy.guard('readAuditTrail') };
  const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema };

  app.get(
    '/audit-log',
    {
      ...guard,
      schema: { tags: ['audit'], summary: 'The audit trail, newest first', querystring: AuditQuery, response: { 200: ListOf(AuditEntry), ...errors } },
    },
    async (request) => {
      const { total } = await filtered(app.db, request.query)
        .select((eb) => eb.fn.countAll<string>().as('total'))
        .executeTakeFirstOrThrow();
      return { items: await entries(app.db, request.query, request.query.limit ?? 100, request.query.offset ?? 0), total: Number(total) };
    },
  );

  app.get(
    '/audit-log/export.csv',
    {
      ...guard,
      schema: {
        tags: ['audit'],
        summary: 'The filtered audit trail as CSV (at most 100,000 rows)',
        querystring: Type.Omit(AuditQuery, ['limit', 'offset']),
        produces: ['text/csv'],
        response: { 200: Type.String(), ...errors },
      },
    },
    async (request, reply) => {
      const rows = await entries(app.db, request.query, 100_000, 0);
      const csv = stringify(
        rows.map((r) => [r.id, r.at, r.actor, r.actorId ?? '', r.action, r.entityType, r.entityId ?? '', JSON.stringify(r.data)]),
        // Actor labels come from untrusted input (a typed e-mail, an OIDC subject): no spreadsheet formulas.
        { header: true, columns: ['id', 'at', 'actor', 'actorId', 'action', 'entityType', 'entityId', 'data'], escape_formulas: true },
      );
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="audit-log.csv"').send(csv);
    },
  );
}
