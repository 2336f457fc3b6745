import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { stringify } from 'csv-stringify/sync';
import { Type } from 'typebox';
import { actorOf, personOf } from '../core/auth/plugin.js';
import { subjectOf } from '../core/auth/policy.js';
import { IdParams, ListOf, ProblemSchema } from '../core/http/schemas.js';
import { instanceSigningKey } from '../core/signing.js';
import { pollBundle } from './bundle.js';
import { votingPolicy } from './policy.js';
import { mailSeal } from './seal-mail.js';
import { BallotReceipt, MemberVote, MyBallots, NewBallot, NewPoll, Poll, ReceiptCheck, SigningKey } from './schemas.js';
import { castBallot } from './ballots.js';
import { cancelPoll, closePoll, openPoll, reopenPoll } from './store.js';
import { getPoll, listPolls } from './views.js';
import { checkReceipt, memberVotes, myBallots } from './votes.js';
import { verifyPoll } from './verify.js';

const errors = { 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema, 429: ProblemSchema };
const chair = { preValidation: votingPolicy.guard('runVote') };
const viewerOf = (request: FastifyRequest) => ({ actor: actorOf(request), subject: subjectOf(request) });

const publishedKey = () => {
  const key = instanceSigningKey();
  return { algorithm: 'Ed25519' as const, publicKey: key.publicKey, keyId: key.keyId };
};

/** The well-known address of the signing key, outside the API prefix, where verifiers look first. */
export async function wellKnownRoutes(fastify: FastifyInstance) {
  fastify.get(
    '/.well-known/verenigd-signing-key',
    { schema: { tags: ['polls'], summary: "The instance's public key that seals closed polls", response: { 200: SigningKey } } },
    async () => publishedKey(),
  );
}

export async function pollRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  const timers = new Set<NodeJS.Timeout>();
  app.addHook('onClose', async () => timers.forEach(clearTimeout));
  /** Closes a poll at its set time; another instance may have closed it already, which is fine. */
  function closeAt(pollId: string, at: string | undefined) {
    if (!at) return;
    const timer = setTimeout(
      () => {
        timers.delete(timer);
        closePoll(app.db, { id: null, label: 'automatisch (sluitingstijd)' }, pollId)
          .then(() => mailSeal(app, pollId))
          .catch(() => undefined);
      },
      Math.max(0, new Date(at).getTime() - Date.now()),
    );
    timer.unref();
    timers.add(timer);
  }

  app.post(
    '/polls',
    {
      ...chair,
      schema: {
        tags: ['polls'],
        summary: 'Open a vote on an item, a motion or amendment, appointments en bloc, or a trial vote',
        body: NewPoll,
        response: { 201: Poll, ...errors },
      },
    },
    async (request, reply) => {
      const id = await openPoll(app.db, actorOf(request), request.body);
      closeAt(id, request.body.closesAt);
      return reply.status(201).send(await getPoll(app.db, id));
    },
  );

  app.get(
    '/polls',
    {
      schema: {
        tags: ['polls'],
        summary: 'The polls of a meeting, newest first',
        querystring: Type.Object({ meetingId: Type.String({ format: 'uuid' }) }, { additionalProperties: false }),
        response: { 200: ListOf(Poll) },
      },
    },
    async (request) => {
      const items = await listPolls(app.db, request.query.meetingId);
      return { items, total: items.length };
    },
  );

  app.get(
    '/polls/:id',
    {
      schema: {
        tags: ['polls'],
        summary: 'A poll: progress while open, the result after closing',
        params: IdParams,
        response: { 200: Poll, 404: ProblemSchema },
      },
    },
    (request) => getPoll(app.db, request.params.id),
  );

  app.get(
    '/polls/:id/my-ballots',
    {
      preValidation: votingPolicy.guard('readMyBallots'),
      schema: { tags: ['polls'], summary: 'The members I vote for in this poll, with my ballots', params: IdParams, response: { 200: MyBallots, ...errors } },
    },
    (request) => myBallots(app.db, personOf(request).id, request.params.id),
  );

  app.post(
    '/polls/:id/ballots',
    {
      preValidation: votingPolicy.guard('cast'),
      config: {
        // Generous: a representative holding proxies casts several ballots, and retries over a bad connection.
        rateLimit: { max: 60, timeWindow: 60_000, keyGenerator: (request: FastifyRequest) => request.session?.person.id ?? request.ip },
      },
      schema: {
        tags: ['polls'],
        summary: "Cast a member's ballot (one per member; a retry with the same clientBallotId returns the same receipt)",
        description: 'Answered only after the ballot is stored. 201 for a new ballot, 200 for a retry.',
        params: IdParams,
        body: NewBallot,
        response: { 200: BallotReceipt, 201: BallotReceipt, ...errors },
      },
    },
    async (request, reply) => {
      const { replay, ...receipt } = await castBallot(app.db, { actor: actorOf(request), subject: personOf(request) }, request.params.id, request.body);
      return reply.status(replay ? 200 : 201).send(receipt);
    },
  );

  app.post(
    '/polls/:id/close',
    {
      ...chair,
      schema: {
        tags: ['polls'],
        summary: 'Close the vote: the result is published and recorded as the decision',
        params: IdParams,
        response: { 200: Poll, ...errors },
      },
    },
    async (request) => {
      await closePoll(app.db, actorOf(request), request.params.id);
      await mailSeal(app, request.params.id);
      return getPoll(app.db, request.params.id);
    },
  );

  app.post(
    '/polls/:id/cancel',
    { ...chair, schema: { tags: ['polls'], summary: 'Cancel an open vote (nothing is decided)', params: IdParams, response: { 200: Poll, ...errors } } },
    async (request) => {
      await cancelPoll(app.db, actorOf(request), request.params.id);
      return getPoll(app.db, request.params.id);
    },
  );

  app.post(
    '/polls/:id/reopen',
    { ...chair, schema: { tags: ['polls'], summary: 'Vote again as a new poll on the same question', params: IdParams, response: { 201: Poll, ...errors } } },
    async (request, reply) => reply.status(201).send(await getPoll(app.db, await reopenPoll(app.db, actorOf(request), request.params.id))),
  );

  app.get(
    '/polls/:id/receipts/:receipt',
    {
      schema: {
        tags: ['polls'],
        summary: 'Check a receipt: the ballot is stored, in the log and counted',
        params: Type.Object({ id: Type.String({ format: 'uuid' }), receipt: Type.String({ pattern: '^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$' }) }),
        response: { 200: ReceiptCheck, 404: ProblemSchema },
      },
    },
    (request) => checkReceipt(app.db, request.params.id, request.params.receipt, subjectOf(request)?.id ?? null),
  );

  app.get(
    '/polls/:id/votes',
    {
      schema: {
        tags: ['polls'],
        summary: 'Per-member votes after closing (named polls: the members, or everyone if the profile says so; secret: the vote-counting committee only)',
        description:
          'Secret polls: only the counting-committee role (admin and staff get 403 unless they hold it too); every read is recorded in the audit trail (poll.secret-votes-read).',
        params: IdParams,
        response: { 200: ListOf(MemberVote), ...errors },
      },
    },
    async (request) => {
      const items = await memberVotes(app.db, request.params.id, viewerOf(request), 'votes');
      return { items, total: items.length };
    },
  );

  app.get('/polls/:id/verification', { schema: { tags: ['polls'], summary: 'Recompute the tally and check the hash chain', params: IdParams } }, (request) =>
    verifyPoll(app.db, request.params.id),
  );

  app.get(
    '/polls/:id/bundle',
    {
      schema: {
        tags: ['polls'],
        summary: 'The poll bundle: log, entitlements, ballots, result, seal and public key, to verify without the server (tools/verify-bundle.mjs)',
        description:
          'It carries per-member votes, so it is read like GET /polls/{id}/votes: of a named poll by the members (or everyone, if the profile says so); of a secret poll by the counting-committee role only, and every such read is recorded in the audit trail (poll.secret-votes-read, channel bundle).',
        params: IdParams,
        response: {
          200: Type.Unknown({ description: 'A verenigd-poll-bundle/1 document (see tools/verify-bundle.d.mts)' }),
          401: ProblemSchema,
          403: ProblemSchema,
          404: ProblemSchema,
          409: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const bundle = await pollBundle(app.db, request.params.id, viewerOf(request));
      return reply.header('content-disposition', `attachment; filename="stemming-${request.params.id}.bundle.json"`).send(bundle);
    },
  );

  app.get(
    '/signing-key',
    {
      schema: {
        tags: ['polls'],
        summary: "The instance's public key that seals closed polls (also at /.well-known/verenigd-signing-key)",
        response: { 200: SigningKey },
      },
    },
    async () => publishedKey(),
  );

  const exportAccess =
    'Per-member votes as for GET /polls/{id}/votes: of a secret poll for the counting-committee role only, and each such export is recorded in the audit trail. A secret poll has no breakdown per segment.';
  app.get(
    '/polls/:id/export.json',
    { schema: { tags: ['polls'], summary: 'The result, and per-member votes where they may be read', description: exportAccess, params: IdParams } },
    async (request) => {
      const poll = await getPoll(app.db, request.params.id);
      const votes = poll.status === 'closed' ? await memberVotes(app.db, poll.id, viewerOf(request), 'export.json').catch(() => null) : null;
      return { poll, votes };
    },
  );

  app.get(
    '/polls/:id/export.csv',
    {
      schema: {
        tags: ['polls'],
        summary: 'The result as CSV, with per-member votes where they may be read',
        description: exportAccess,
        params: IdParams,
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const poll = await getPoll(app.db, request.params.id);
      // A file for people: the options by their labels ("Voor", not "for"), the rows and columns in Dutch.
      const label = new Map(poll.options.map((o) => [o.key, o.label]));
      const rows: (string | number)[][] = (poll.result?.totals ?? []).map((t) => ['totaal', t.label, t.members, t.weight, t.percent ?? '']);
      const votes = poll.status === 'closed' ? await memberVotes(app.db, poll.id, viewerOf(request), 'export.csv').catch(() => []) : [];
      for (const v of votes) rows.push(['lid', v.memberName, 1, v.weight, v.option ? (label.get(v.option) ?? v.option) : '']);
      const csv = stringify(rows, {
        header: true,
        columns: ['regel', 'naam', 'leden', 'gewicht', 'percentage of stem'],
        escape_formulas: true,
      });
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="stemming-${poll.id}.csv"`).send(csv);
    },
  );
}
