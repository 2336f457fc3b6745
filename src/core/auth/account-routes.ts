import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import QRCode from 'qrcode';
import { recordAudit } from '../audit.js';
import { inTransaction } from '../db/transaction.js';
import { enqueueMail, MAIL_PRIORITY } from '../mail-queue.js';
import { problems, text } from '../errors.js';
import { IdParams, ListOf, ProblemSchema } from '../http/schemas.js';
import { findPersonIdByEmail } from './accounts.js';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.js';
import { actorOf, personOf, requireBrowserSession } from './plugin.js';
import { definePolicy } from './policy.js';
import { ApiToken, EmailChange, NewApiToken, NewApiTokenResult, PasswordConfirmation, TotpConfirmation, TotpSetup } from './schemas.js';
import { actorFor, confirmCurrentPassword, loginRateLimitOf, NO_CONTENT, totpEnabled, wrongCode } from './sign-in.js';
import { acceptTotp, newTotpSecret, totpUri } from './totp.js';

/**
 * A signed-in person's own account: anyone signed in reads and revokes their own API tokens; what
 * changes how one signs in (second factor, address, new tokens) also needs a browser session
 * (requireBrowserSession: a token cannot mint tokens) and the current password.
 */
const accountPolicy = definePolicy({
  manageOwnTokens: { admits: 'signed-in' },
});

export async function accountRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const loginRateLimit = loginRateLimitOf(app.config);

  app.post(
    '/session/totp',
    {
      preValidation: requireBrowserSession,
      schema: {
        tags: ['session'],
        summary: 'Start setting up a TOTP second factor',
        description:
          'Returns a new secret; it is in force only after POST /session/totp/confirm with a valid code and the current password. Not with an API token.',
        response: { 201: TotpSetup, 401: ProblemSchema, 403: ProblemSchema, 409: ProblemSchema },
      },
    },
    async (request, reply) => {
      const person = personOf(request);
      if (await totpEnabled(app.db, person.id)) throw problems.conflict(text('De tweede factor staat al aan.', 'The second factor is already enabled.'));
      const secret = newTotpSecret();
      await app.db.updateTable('people').set({ totp_secret: secret }).where('id', '=', person.id).execute();
      const uri = totpUri(secret, person.email);
      return reply.status(201).send({ secret, uri, qrCodeSvg: await QRCode.toString(uri, { type: 'svg', margin: 1 }) });
    },
  );

  app.post(
    '/session/totp/confirm',
    {
      preValidation: requireBrowserSession,
      schema: {
        tags: ['session'],
        summary: 'Enable the second factor by entering a code from the app and the current password',
        description: 'Not with an API token. A wrong current password answers 401 and counts as a failed sign-in.',
        body: TotpConfirmation,
        response: { ...NO_CONTENT, 401: ProblemSchema, 403: ProblemSchema, 422: ProblemSchema, 429: ProblemSchema },
      },
      config: loginRateLimit,
    },
    async (request, reply) => {
      const person = personOf(request);
      await confirmCurrentPassword(app, person, request.body.currentPassword, request.ip, 'totp-enable');
      const row = await app.db.selectFrom('people').select(['totp_secret', 'totp_enabled_at']).where('id', '=', person.id).executeTakeFirstOrThrow();
      if (!row.totp_secret || row.totp_enabled_at)
        throw problems.conflict(text('Start eerst het instellen van de tweede factor.', 'Start the second-factor setup first.'));
      const step = acceptTotp(row.totp_secret, request.body.code, null);
      if (step === null) throw wrongCode();
      await inTransaction(app.db, async (trx) => {
        await trx.updateTable('people').set({ totp_enabled_at: new Date(), totp_last_step: step }).where('id', '=', person.id).execute();
        await recordAudit(trx, actorFor(person), { action: 'session.totp-enabled', entityType: 'person', entityId: person.id });
      });
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/session/totp',
    {
      preValidation: requireBrowserSession,
      schema: {
        tags: ['session'],
        summary: 'Turn the second factor off (asks for the current password)',
        description: 'Not with an API token. A wrong current password answers 401 and counts as a failed sign-in.',
        body: PasswordConfirmation,
        response: { ...NO_CONTENT, 401: ProblemSchema, 403: ProblemSchema, 429: ProblemSchema },
      },
      config: loginRateLimit,
    },
    async (request, reply) => {
      const person = personOf(request);
      await confirmCurrentPassword(app, person, request.body.currentPassword, request.ip, 'totp-disable');
      await inTransaction(app.db, async (trx) => {
        await trx.updateTable('people').set({ totp_enabled_at: null, totp_secret: null, totp_last_step: null }).where('id', '=', person.id).execute();
        await recordAudit(trx, actorFor(person), { action: 'session.totp-disabled', entityType: 'person', entityId: person.id });
      });
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/session/email',
    {
      preValidation: requireBrowserSession,
      schema: {
        tags: ['session'],
        summary: 'Change my e-mail address (asks for the current password)',
        description:
          'Not with an API token. The new address is the sign-in name from now on; a notice goes to the old address, so a change the owner did not make does not go unnoticed. A wrong current password answers 401 and counts as a failed sign-in.',
        body: EmailChange,
        response: { ...NO_CONTENT, 401: ProblemSchema, 403: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema, 429: ProblemSchema },
      },
      config: loginRateLimit,
    },
    async (request, reply) => {
      const person = personOf(request);
      await confirmCurrentPassword(app, person, request.body.currentPassword, request.ip, 'email-change');
      const email = request.body.email.trim();
      await inTransaction(app.db, async (trx) => {
        const taken = await findPersonIdByEmail(trx, email);
        if (taken && taken !== person.id)
          throw problems.conflict(text('Er bestaat al een persoon met dit e-mailadres.', 'A person with this e-mail address already exists.'));
        const before = await trx.selectFrom('people').select(['email', 'name']).where('id', '=', person.id).executeTakeFirstOrThrow();
        await trx.updateTable('people').set({ email }).where('id', '=', person.id).execute();
        await recordAudit(trx, actorFor(person), {
          action: 'session.email-changed',
          entityType: 'person',
          entityId: person.id,
          data: { from: before.email, to: email },
        });
        // The notice to the old address commits with the change.
        if (before.email.toLowerCase() !== email.toLowerCase()) {
          await enqueueMail(trx, {
            kind: 'email-changed',
            priority: MAIL_PRIORITY.urgent,
            to: before.email,
            subject: 'Uw e-mailadres in Verenigd is gewijzigd',
            text: [
              `Beste ${before.name},`,
              '',
              `Het e-mailadres van uw account in Verenigd is gewijzigd in ${email}. U logt voortaan met dat adres in.`,
              '',
              'Heeft u dit niet zelf gedaan? Neem dan direct contact op met het verenigingsbureau.',
            ].join('\n'),
          });
        }
      });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/session/tokens',
    {
      preValidation: accountPolicy.guard('manageOwnTokens'),
      schema: {
        tags: ['session'],
        summary: 'My API tokens for machine clients (without the secrets)',
        response: { 200: ListOf(ApiToken), 401: ProblemSchema },
      },
    },
    async (request) => {
      const items = await listApiTokens(app.db, personOf(request).id);
      return { items, total: items.length };
    },
  );

  app.post(
    '/session/tokens',
    {
      preValidation: requireBrowserSession,
      schema: {
        tags: ['session'],
        summary: 'Create an API token (shown once); it acts with the roles of its owner',
        description:
          'Only from a signed-in browser session (a token cannot mint tokens) and with the current password. The token expires after `expiresInDays` (default 90, at most 365).',
        body: NewApiToken,
        response: { 201: NewApiTokenResult, 401: ProblemSchema, 403: ProblemSchema, 422: ProblemSchema, 429: ProblemSchema },
      },
      config: loginRateLimit,
    },
    async (request, reply) => {
      const person = personOf(request);
      await confirmCurrentPassword(app, person, request.body.currentPassword, request.ip, 'api-token');
      return reply
        .status(201)
        .send(await createApiToken(app.db, actorOf(request), person.id, { name: request.body.name, expiresInDays: request.body.expiresInDays }));
    },
  );

  app.delete(
    '/session/tokens/:id',
    {
      preValidation: accountPolicy.guard('manageOwnTokens'),
      schema: {
        tags: ['session'],
        summary: 'Revoke one of my API tokens',
        params: IdParams,
        response: { ...NO_CONTENT, 401: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      await revokeApiToken(app.db, actorOf(request), personOf(request).id, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
