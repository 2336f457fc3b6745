import { Type, type Static, type TSchema } from 'typebox';
import { Pagination } from '../core/http/schemas.js';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '\\S' });
const Uuid = Type.String({ format: 'uuid' });
const Share = Type.Number({ exclusiveMinimum: 0, maximum: 1, description: 'A share of the register, 0..1' });

export const TopicStatus = Type.Enum(['gathering', 'triage', 'routed', 'declined'], {
  description: 'gathering (verzamelt steun), triage (at the threshold, with the staff), routed (doorgeleid), declined (afgewezen, with the reason)',
});
export const Route = Type.Enum(['general-meeting', 'committee', 'network', 'expertise-team']);

export const Threshold = Type.Object(
  {
    members: Nullable(Type.Integer({ minimum: 1 })),
    weightShare: Nullable(Share),
    populationShare: Nullable(Share),
    combine: Type.Enum(['any', 'all'], { description: 'any: one criterion set suffices; all: every criterion set' }),
  },
  { additionalProperties: false, description: 'The support a topic needs before triage; at least one criterion' },
);
export type Threshold = Static<typeof Threshold>;

export const Support = Type.Object({
  members: Type.Integer(),
  voteWeight: Type.Integer(),
  population: Type.Integer(),
  weightShare: Type.Number(),
  populationShare: Type.Number(),
  asOf: Type.String({ format: 'date' }),
});

export const Topic = Type.Object({
  id: Uuid,
  title: Type.String(),
  case: Type.String(),
  memberId: Uuid,
  memberName: Type.String(),
  proposedBy: Type.String(),
  proposedAt: Type.String({ format: 'date-time' }),
  status: TopicStatus,
  supporters: Type.Array(Type.Object({ memberId: Uuid, memberName: Type.String(), supportedAt: Type.String({ format: 'date-time' }) }), {
    description: 'The proposing member first, then in order of support',
  }),
  support: Support,
  reachedAt: Nullable(Type.String({ format: 'date-time' })),
  route: Nullable(Route),
  routeTo: Nullable(Type.String()),
  reason: Nullable(Type.String({ description: 'Why it was declined (required), or a note with the routing' })),
  triagedAt: Nullable(Type.String({ format: 'date-time' })),
  supportableBy: Type.Array(Uuid, { description: 'Members the reader may still support it for' }),
});
export type Topic = Static<typeof Topic>;

export const TopicList = Type.Object({ items: Type.Array(Topic), total: Type.Integer(), threshold: Threshold });

export const TopicQuery = Type.Object({
  status: Type.Optional(TopicStatus),
  limit: Type.Optional(Pagination.limit),
  offset: Type.Optional(Pagination.offset),
});

export const NewTopic = Type.Object(
  { memberId: Uuid, title: Text(200), case: Text(3000) },
  { additionalProperties: false, description: 'Proposed for a member the representative is designated for' },
);
export type NewTopic = Static<typeof NewTopic>;

export const NewSupport = Type.Object({ memberId: Uuid }, { additionalProperties: false });

export const TriageInput = Type.Object(
  {
    decision: Type.Enum(['route', 'decline']),
    route: Type.Optional(Route),
    routeTo: Type.Optional(Text(200)),
    reason: Type.Optional(Text(2000)),
  },
  {
    additionalProperties: false,
    description: 'Route it (`route`; a committee, network or expertise team also by name in `routeTo`) or decline it with the `reason`',
  },
);
export type TriageInput = Static<typeof TriageInput>;
