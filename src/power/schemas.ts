import { Type, type Static } from 'typebox';
import { DateString } from '../core/http/schemas.js';
import { MajorityRule, Rounding } from '../profile/schemas.js';

export const PowerQuery = Type.Object({
  asOf: Type.Optional(DateString),
  majority: Type.Optional(MajorityRule),
});
export type PowerQuery = Static<typeof PowerQuery>;

const Share = Type.Number({ minimum: 0, maximum: 1 });

export const MemberPowerRow = Type.Object({
  id: Type.String({ format: 'uuid' }),
  code: Type.String(),
  name: Type.String(),
  memberClass: Type.String(),
  province: Type.String(),
  sizeClass: Type.Union([Type.String(), Type.Null()]),
  networks: Type.Array(Type.String()),
  population: Type.Integer(),
  voteWeight: Type.Integer({ description: 'Under the rule analysed (the profile in force, or the draft)' }),
  weightShare: Share,
  populationShare: Share,
  banzhaf: Share,
  absoluteBanzhaf: Type.Number({ description: 'Chance that the member decides when the others vote at random' }),
  shapleyShubik: Share,
  banzhafPerPopulation: Type.Union([Type.Number(), Type.Null()], {
    description: 'Banzhaf index over population share: above 1, its inhabitants count for more than average',
  }),
});
export type MemberPowerRow = Static<typeof MemberPowerRow>;

export const SegmentPowerRow = Type.Object({
  dimension: Type.Union([Type.Literal('province'), Type.Literal('sizeClass'), Type.Literal('network'), Type.Literal('memberClass')]),
  segment: Type.String(),
  members: Type.Integer(),
  weightShare: Share,
  populationShare: Share,
  banzhaf: Share,
  shapleyShubik: Share,
  banzhafPerPopulation: Type.Union([Type.Number(), Type.Null()]),
});
export type SegmentPowerRow = Static<typeof SegmentPowerRow>;

export const RegisterPower = Type.Object({
  asOf: DateString,
  majority: MajorityRule,
  quota: Type.Integer({ description: 'Weight a coalition needs out of all members’ weight' }),
  memberQuota: Type.Union([Type.Integer(), Type.Null()], { description: 'Members a coalition needs as well (double majority)' }),
  totalWeight: Type.Integer(),
  totalPopulation: Type.Integer(),
  method: Type.Union([Type.Literal('generating-function'), Type.Literal('size-weight-table')], {
    description: 'generating-function: exact counts with big integers (Shapley–Shubik by exact quadrature); size-weight-table: doubles held to 1e-12',
  }),
  computedInMs: Type.Number(),
  excluded: Type.Integer({ description: 'Members left out because their population is unknown' }),
  members: Type.Array(MemberPowerRow),
  segments: Type.Array(SegmentPowerRow),
});
export type RegisterPower = Static<typeof RegisterPower>;

export const DraftVoteWeightRule = Type.Object(
  {
    divisor: Type.Integer({ minimum: 1, maximum: 10_000_000 }),
    cap: Type.Union([Type.Integer({ minimum: 1, maximum: 100_000 }), Type.Null()]),
    minimum: Type.Integer({ minimum: 0, maximum: 100_000 }),
    rounding: Rounding,
  },
  { additionalProperties: false },
);

export const DraftRules = Type.Object(
  {
    memberClasses: Type.Array(
      Type.Object({ code: Type.String({ minLength: 1, maxLength: 40 }), voteWeight: DraftVoteWeightRule }, { additionalProperties: false }),
      {
        minItems: 1,
        maxItems: 50,
      },
    ),
  },
  { additionalProperties: false, description: 'Vote-weight rules to try per member class; classes left out keep the rule in force' },
);
export type DraftRules = Static<typeof DraftRules>;

export const WhatIfInput = Type.Object(
  {
    asOf: Type.Optional(DateString),
    majority: Type.Optional(MajorityRule),
    draft: DraftRules,
  },
  { additionalProperties: false },
);
export type WhatIfInput = Static<typeof WhatIfInput>;

export const WhatIfPaperInput = Type.Object(
  {
    asOf: Type.Optional(DateString),
    majority: Type.Optional(MajorityRule),
    draft: DraftRules,
    agendaItemId: Type.String({ format: 'uuid' }),
    title: Type.String({ minLength: 1, maxLength: 300 }),
  },
  { additionalProperties: false },
);
export type WhatIfPaperInput = Static<typeof WhatIfPaperInput>;

export const PowerChangeRow = Type.Object({
  id: Type.String({ format: 'uuid' }),
  code: Type.String(),
  name: Type.String(),
  weightBefore: Type.Integer(),
  weightAfter: Type.Integer(),
  banzhafBefore: Share,
  banzhafAfter: Share,
  shapleyShubikBefore: Share,
  shapleyShubikAfter: Share,
});

export const SegmentChangeRow = Type.Object({
  dimension: SegmentPowerRow.properties.dimension,
  segment: Type.String(),
  populationShare: Share,
  weightShareBefore: Share,
  weightShareAfter: Share,
  banzhafBefore: Share,
  banzhafAfter: Share,
});

export const WhatIf = Type.Object({
  current: RegisterPower,
  draft: RegisterPower,
  /** Members whose weight or power changes, the largest change of power first. */
  changes: Type.Array(PowerChangeRow),
  segments: Type.Array(SegmentChangeRow),
});
export type WhatIf = Static<typeof WhatIf>;

const Switch = Type.Object({
  members: Type.Union([Type.Integer(), Type.Null()], { description: 'The fewest members; null when no such change turns the outcome' }),
  weight: Type.Union([Type.Integer(), Type.Null()]),
  memberNames: Type.Array(Type.String()),
});

export const HallWhatIf = Type.Object({
  pollId: Type.String({ format: 'uuid' }),
  rule: MajorityRule,
  adopted: Type.Boolean(),
  percentFor: Type.String(),
  winningSide: Type.Union([Type.Literal('for'), Type.Literal('against')]),
  switchSides: Switch,
  abstainInstead: Switch,
  nonVotersJoinLosers: Switch,
  criticalMembers: Type.Array(Type.String(), { description: 'Names of voters who alone, switching sides, turn the outcome' }),
  segments: Type.Array(
    Type.Object({
      dimension: Type.String(),
      segment: Type.String(),
      winningSide: Type.Integer(),
      winningWeight: Type.Integer(),
      switch: Switch,
    }),
  ),
  hallPower: Type.Union([Type.Array(Type.Object({ memberName: Type.String(), weight: Type.Integer(), banzhaf: Share })), Type.Null()], {
    description: 'Each voter’s share of the decisive coalitions in the hall; null when the hall is too large to count',
  }),
});
export type HallWhatIf = Static<typeof HallWhatIf>;
