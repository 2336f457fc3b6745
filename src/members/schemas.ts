import { Type, type Static } from 'typebox';
import { DateString } from '../core/http/schemas.js';

export const MemberSummary = Type.Object({
  id: Type.String({ format: 'uuid' }),
  memberClass: Type.String(),
  code: Type.String({ description: 'CBS code, e.g. GM0363' }),
  name: Type.String(),
  province: Type.String(),
  population: Type.Union([Type.Integer(), Type.Null()], { description: 'Latest population on or before asOf' }),
  populationDate: Type.Union([DateString, Type.Null()]),
  voteWeight: Type.Union([Type.Integer(), Type.Null()], { description: 'Derived from population by the statute rule; never typed in' }),
  sizeClass: Type.Union([Type.String(), Type.Null()]),
  networks: Type.Array(Type.String()),
});
export type MemberSummary = Static<typeof MemberSummary>;

export const MemberSort = Type.Enum(['name', '-name', 'population', '-population', 'voteWeight', '-voteWeight', 'province', '-province', 'code', '-code']);
export type MemberSort = Static<typeof MemberSort>;

export const MemberListQuery = Type.Object({
  asOf: Type.Optional(DateString),
  q: Type.Optional(Type.String({ maxLength: 100, description: 'Search in name and code' })),
  province: Type.Optional(Type.String({ maxLength: 100 })),
  network: Type.Optional(Type.String({ maxLength: 40 })),
  sizeClass: Type.Optional(Type.String({ maxLength: 40 })),
  memberClass: Type.Optional(Type.String({ maxLength: 40 })),
  sort: Type.Optional(MemberSort),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 1000 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
});
export type MemberListQuery = Static<typeof MemberListQuery>;
export type MemberFilters = Pick<MemberListQuery, 'q' | 'province' | 'network' | 'sizeClass' | 'memberClass'>;

export const MemberList = Type.Object({
  asOf: DateString,
  items: Type.Array(MemberSummary),
  total: Type.Integer({ description: 'Members matching the filters' }),
  totalVoteWeight: Type.Integer({ description: 'Sum of the vote weights of all matching members' }),
  totalPopulation: Type.Integer(),
});
export type MemberList = Static<typeof MemberList>;

export const MemberVersion = Type.Object({
  validFrom: DateString,
  validTo: Type.Union([DateString, Type.Null()], { description: 'Exclusive end date' }),
  code: Type.String(),
  name: Type.String(),
  province: Type.String(),
});
export type MemberVersion = Static<typeof MemberVersion>;

export const PopulationEntry = Type.Object({
  referenceDate: DateString,
  population: Type.Integer(),
  source: Type.String(),
  voteWeight: Type.Integer({ description: 'Weight under the rule in force on the reference date' }),
  sizeClass: Type.Union([Type.String(), Type.Null()]),
  ruleSource: Type.String(),
});
export type PopulationEntry = Static<typeof PopulationEntry>;

export const NetworkPeriod = Type.Object({ network: Type.String(), validFrom: DateString, validTo: Type.Union([DateString, Type.Null()]) });
export type NetworkPeriod = Static<typeof NetworkPeriod>;

export const ReorganisationKind = Type.Enum(['merge', 'rename', 'split', 'join', 'leave']);
export type ReorganisationKind = Static<typeof ReorganisationKind>;

export const ReorganisationPart = Type.Object({
  memberId: Type.String({ format: 'uuid' }),
  role: Type.Union([Type.Literal('predecessor'), Type.Literal('successor')]),
  code: Type.String(),
  name: Type.String({ description: 'Name on the day before (predecessor) or on (successor) the effective date' }),
});

export const Reorganisation = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: ReorganisationKind,
  effectiveDate: DateString,
  note: Type.String(),
  recordedBy: Type.String(),
  recordedAt: Type.String({ format: 'date-time' }),
  parts: Type.Array(ReorganisationPart),
});
export type Reorganisation = Static<typeof Reorganisation>;

export const MemberDetail = Type.Object({
  ...MemberSummary.properties,
  asOf: DateString,
  existsOnAsOf: Type.Boolean(),
  contact: Type.Object({
    email: Type.Union([Type.String(), Type.Null()]),
    phone: Type.Union([Type.String(), Type.Null()]),
    website: Type.Union([Type.String(), Type.Null()]),
    address: Type.Union([Type.String(), Type.Null()]),
  }),
  versions: Type.Array(MemberVersion),
  populations: Type.Array(PopulationEntry),
  networkPeriods: Type.Array(NetworkPeriod),
  reorganisations: Type.Array(Reorganisation),
});
export type MemberDetail = Static<typeof MemberDetail>;

export const NewMemberIdentity = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 20, pattern: '^[A-Za-z0-9-]+$' }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    province: Type.String({ minLength: 1, maxLength: 100 }),
    memberClass: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);
export type NewMemberIdentity = Static<typeof NewMemberIdentity>;

export const PopulationInput = Type.Object(
  {
    population: Type.Integer({ minimum: 0, maximum: 100_000_000 }),
    referenceDate: DateString,
    source: Type.String({ minLength: 1, maxLength: 300 }),
  },
  { additionalProperties: false },
);
export type PopulationInput = Static<typeof PopulationInput>;

const Base = { effectiveDate: DateString, note: Type.Optional(Type.String({ maxLength: 2000 })) };
const Uuid = Type.String({ format: 'uuid' });
const Target = Type.Union([
  Type.Object({ memberId: Uuid }, { additionalProperties: false }),
  Type.Object({ new: NewMemberIdentity }, { additionalProperties: false }),
]);
export type Target = Static<typeof Target>;

export const NewReorganisation = Type.Union([
  Type.Object(
    { kind: Type.Literal('merge'), ...Base, from: Type.Array(Uuid, { minItems: 1, maxItems: 50 }), into: Target, population: Type.Optional(PopulationInput) },
    { additionalProperties: false, title: 'Merge' },
  ),
  Type.Object(
    {
      kind: Type.Literal('rename'),
      ...Base,
      memberId: Uuid,
      name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
      code: Type.Optional(Type.String({ minLength: 1, maxLength: 20, pattern: '^[A-Za-z0-9-]+$' })),
      province: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    },
    { additionalProperties: false, title: 'Rename' },
  ),
  Type.Object(
    { kind: Type.Literal('split'), ...Base, from: Uuid, into: Type.Array(Target, { minItems: 2, maxItems: 50 }) },
    { additionalProperties: false, title: 'Split' },
  ),
  Type.Object(
    { kind: Type.Literal('join'), ...Base, member: NewMemberIdentity, population: Type.Optional(PopulationInput) },
    { additionalProperties: false, title: 'Join' },
  ),
  Type.Object({ kind: Type.Literal('leave'), ...Base, memberId: Uuid }, { additionalProperties: false, title: 'Leave' }),
]);
export type NewReorganisation = Static<typeof NewReorganisation>;

export const ContactUpdate = Type.Object(
  {
    email: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 320 }), Type.Null()])),
    phone: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
    website: Type.Optional(Type.Union([Type.String({ format: 'uri', pattern: '^https?://', maxLength: 300 }), Type.Null()])),
    address: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type ContactUpdate = Static<typeof ContactUpdate>;

export const NetworkSchema = Type.Object({ code: Type.String(), name: Type.String(), description: Type.String(), memberCount: Type.Integer() });
export type Network = Static<typeof NetworkSchema>;

export const NetworkAssignment = Type.Object(
  { networks: Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 50, uniqueItems: true }), effectiveDate: DateString },
  { additionalProperties: false },
);
