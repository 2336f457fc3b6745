import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { actorOf } from './auth/plugin.js';
import { definePolicy } from './auth/policy.js';
import { ADMINS } from './auth/roles.js';
import { recordAudit } from './audit.js';
import { today } from './dates.js';
import { writeBackup } from './db/backup.js';
import { ProblemSchema } from './http/schemas.js';

/** A backup holds password hashes, sessions and every named vote: administrators only. */
export const backupPolicy = definePolicy({
  download: { admits: ADMINS },
});

/**
 * The backup of the running server (GET /backup): the same file as `verenigd backup`, from the
 * process that holds the database. It is how a PGlite installation is backed up without stopping
 * it: the data folder belongs to that one process.
 */
export async function backupRoutes(app: FastifyInstance) {
  app.get(
    '/backup',
    {
      preValidation: backupPolicy.guard('download'),
      schema: {
        tags: ['audit'],
        summary: 'Download a consistent backup of the whole database (administrators)',
        description:
          'application/gzip: the JSON-lines backup of `verenigd backup`, read in one REPEATABLE READ snapshot while the server keeps working; ' +
          'restore it with `verenigd restore FILE`, which verifies every closed poll. Each download is recorded in the audit trail.',
        produces: ['application/gzip'],
        response: {
          200: { description: 'The gzipped backup', content: { 'application/gzip': { schema: { type: 'string', format: 'binary' } } } },
          401: ProblemSchema,
          403: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      await recordAudit(app.db, actorOf(request), { action: 'backup.downloaded', entityType: 'database', data: { channel: 'api' } });
      const gzip = createGzip();
      writeBackup(app.db, async (line) => {
        if (!gzip.write(`${line}\n`)) await once(gzip, 'drain');
      }).then(
        () => gzip.end(),
        (error: unknown) => {
          request.log.error({ err: error }, 'backup failed while streaming');
          gzip.destroy(error as Error);
        },
      );
      return reply
        .type('application/gzip')
        .header('content-disposition', `attachment; filename="verenigd-${today()}.jsonl.gz"`)
        .header('cache-control', 'no-store')
        .send(gzip);
    },
  );
}
