import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { actorOf, personOf } from '../core/auth/plugin.js';
import { subjectOf } from '../core/auth/policy.js';
import { IdParams, ProblemSchema } from '../core/http/schemas.js';
import { topicPolicy } from './policy.js';
import { NewSupport, NewTopic, Threshold, Topic, TopicList, TopicQuery, TriageInput } from './schemas.js';
import { getTopic, listTopics, proposeTopic, setThreshold, supportTopic, thresholdOf, triageTopic } from './store.js';

const TAGS = ['topics'];
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema };

export async function topicRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const read = { preValidation: topicPolicy.guard('read') };
  const act = { preValidation: topicPolicy.guard('actForMember') };
  const triage = { preValidation: topicPolicy.guard('triage') };

  app.get(
    '/topics',
    {
      ...read,
      schema: {
        tags: TAGS,
        summary: "Members' own agenda items with their support (members, vote weight, population) and status, and the threshold",
        querystring: TopicQuery,
        response: { 200: TopicList, ...errors },
      },
    },
    (request) => listTopics(app.db, request.query, subjectOf(request)),
  );

  app.get(
    '/topics/:id',
    {
      ...read,
      schema: { tags: TAGS, summary: 'A topic with its supporters, support, status and the reason', params: IdParams, response: { 200: Topic, ...errors } },
    },
    (request) => getTopic(app.db, request.params.id, subjectOf(request)),
  );

  app.post(
    '/topics',
    {
      ...act,
      schema: {
        tags: TAGS,
        summary: 'Propose a topic for the agenda with a short case, for a member one represents',
        description: 'The proposing member counts as its first supporter. At the threshold the topic goes to the staff’s triage.',
        body: NewTopic,
        response: { 201: Topic, ...errors },
      },
    },
    async (request, reply) => {
      const id = await proposeTopic(app.db, actorOf(request), personOf(request), request.body);
      return reply.status(201).send(await getTopic(app.db, id, subjectOf(request)));
    },
  );

  app.post(
    '/topics/:id/supports',
    {
      ...act,
      schema: {
        tags: TAGS,
        summary: "Support another member's topic for a member one represents (once per member)",
        params: IdParams,
        body: NewSupport,
        response: { 201: Topic, ...errors },
      },
    },
    async (request, reply) => {
      await supportTopic(app.db, actorOf(request), personOf(request), request.params.id, request.body.memberId);
      return reply.status(201).send(await getTopic(app.db, request.params.id, subjectOf(request)));
    },
  );

  app.post(
    '/topics/:id/triage',
    {
      ...triage,
      schema: {
        tags: TAGS,
        summary: 'Route a topic that reached the threshold (general meeting, committee, network, expertise team) or decline it with the reason',
        params: IdParams,
        body: TriageInput,
        response: { 200: Topic, ...errors },
      },
    },
    async (request) => {
      await triageTopic(app.db, actorOf(request), request.params.id, request.body);
      return getTopic(app.db, request.params.id, subjectOf(request));
    },
  );

  app.get(
    '/topic-threshold',
    { ...read, schema: { tags: TAGS, summary: 'The support a topic needs before triage', response: { 200: Threshold, ...errors } } },
    () => thresholdOf(app.db),
  );

  app.put(
    '/topic-threshold',
    { ...triage, schema: { tags: TAGS, summary: 'Set the support a topic needs before triage', body: Threshold, response: { 200: Threshold, ...errors } } },
    (request) => setThreshold(app.db, actorOf(request), request.body),
  );
}
