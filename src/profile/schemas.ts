import { Type, type Static } from 'typebox';
import { DateString } from '../core/http/schemas.js';
import { OFFICE_KINDS, OFFICE_LABELS } from './office-kinds.js';

/** Where a rule comes from: the article of the statutes or another source. Shown in the UI. */
export const RuleSource = Type.String({ minLength: 1, maxLength: 500, description: 'Article or document the rule implements' });

export const Rounding = Type.Union([Type.Literal('down'), Type.Literal('nearest'), Type.Literal('up')]);
export type Rounding = Static<typeof Rounding>;

export const VoteWeightRule = Type.Object(
  {
    /** Inhabitants per vote: 1,000 for VNG municipalities (another source says 100). */
    divisor: Type.Integer({ minimum: 1 }),
    /** Highest weight a member can have; null for no cap. */
    cap: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
    minimum: Type.Integer({ minimum: 0 }),
    rounding: Rounding,
    source: RuleSource,
  },
  { additionalProperties: false },
);
export type VoteWeightRule = Static<typeof VoteWeightRule>;

export const LocalText = Type.Object(
  { nl: Type.String({ minLength: 1, maxLength: 200 }), en: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export const OfficeKind = Type.Enum(OFFICE_KINDS, {
  description: OFFICE_KINDS.map((kind) => `${kind} (${OFFICE_LABELS[kind].nl})`).join(', '),
});

export const MemberClass = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z][a-z0-9-]*$', maxLength: 40 }),
    name: LocalText,
    voteWeight: VoteWeightRule,
    /**
     * The offices that may represent a member of this class: a gewest by its chair or a member of its
     * executive, not by a mayor. Absent in versions recorded before classes named them: the municipal
     * offices (mayor, alderman, council member, council clerk, municipal secretary, staff, external).
     */
    officeKinds: Type.Optional(
      Type.Array(OfficeKind, {
        minItems: 1,
        maxItems: OFFICE_KINDS.length,
        uniqueItems: true,
        description: 'Office kinds that may represent a member of this class; absent: the municipal offices',
      }),
    ),
  },
  { additionalProperties: false },
);
export type MemberClass = Static<typeof MemberClass>;

export const SizeClass = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 40 }),
    label: LocalText,
    /** Inclusive lower bound of the population. */
    from: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type SizeClass = Static<typeof SizeClass>;

export const Region = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100 }), aliases: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 20 }) },
  { additionalProperties: false },
);

export const MajorityRule = Type.Union([Type.Literal('simple'), Type.Literal('twoThirds'), Type.Literal('double')]);
export type MajorityRule = Static<typeof MajorityRule>;

export const ProfileDocument = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    shortName: Type.String({ minLength: 1, maxLength: 40 }),
    /** How the general meeting is called in minutes ("De ALV stemt in ..."). */
    generalMeetingName: Type.String({ minLength: 1, maxLength: 40 }),
    memberClasses: Type.Array(MemberClass, { minItems: 1, maxItems: 50 }),
    /** Provinces or other regions a member lies in; aliases accepted on import. */
    regions: Type.Object({ label: LocalText, items: Type.Array(Region, { minItems: 1, maxItems: 200 }), source: RuleSource }, { additionalProperties: false }),
    sizeClasses: Type.Object({ items: Type.Array(SizeClass, { minItems: 1, maxItems: 50 }), source: RuleSource }, { additionalProperties: false }),
    majority: Type.Object(
      {
        default: MajorityRule,
        statuteChange: MajorityRule,
        rulesOfProcedureChange: MajorityRule,
        source: RuleSource,
        /** Named in the result of a vote on a statute change. Optional: versions recorded before it fall back to `source`. */
        statuteChangeSource: Type.Optional(RuleSource),
        /** Named in the result of a vote on a change of the rules of procedure (huishoudelijk reglement). */
        rulesOfProcedureChangeSource: Type.Optional(RuleSource),
      },
      { additionalProperties: false },
    ),
    quorum: Type.Object(
      {
        /** Share of the total weight that must be present, in percent; null for none. */
        presentWeightPercent: Type.Union([Type.Number({ minimum: 0, maximum: 100 }), Type.Null()]),
        source: RuleSource,
      },
      { additionalProperties: false },
    ),
    tie: Type.Object({ outcome: Type.Union([Type.Literal('rejected'), Type.Literal('chairDecides')]), source: RuleSource }, { additionalProperties: false }),
    voting: Type.Object(
      {
        allowRecast: Type.Boolean(),
        showRunningResult: Type.Boolean(),
        /** Who sees each member's vote: everyone, members and the counting committee, or the committee only. */
        perMemberVotesVisibleTo: Type.Union([Type.Literal('public'), Type.Literal('members'), Type.Literal('committee')]),
        percentDecimals: Type.Integer({ minimum: 0, maximum: 4 }),
        source: RuleSource,
      },
      { additionalProperties: false },
    ),
    proxies: Type.Object({ allowed: Type.Boolean(), maxPerRepresentative: Type.Integer({ minimum: 0 }), source: RuleSource }, { additionalProperties: false }),
    committees: Type.Object(
      {
        minutesCommitteeMinimum: Type.Integer({ minimum: 1 }),
        voteCountingCommitteeMinimum: Type.Integer({ minimum: 1 }),
        /**
         * No real (non-trial) vote opens before the meeting has appointed its vote-counting committee.
         * Optional: versions recorded before this setting existed do not ask it.
         */
        countingCommitteeBeforeVote: Type.Optional(Type.Boolean()),
        source: RuleSource,
      },
      { additionalProperties: false },
    ),
    /** Advisory committee on nominations: set up by December of the election year or of the year before. */
    nominations: Type.Object(
      { advisoryCommitteeDeadline: Type.Union([Type.Literal('electionYear'), Type.Literal('yearBefore')]), source: RuleSource },
      { additionalProperties: false },
    ),
    /**
     * Whether a designation made by a member's own administrator waits for the association's
     * confirmation (staff confirm or refuse it). Absent: it does not (decision 0018).
     */
    designations: Type.Optional(Type.Object({ memberAdministratorsNeedConfirmation: Type.Boolean(), source: RuleSource }, { additionalProperties: false })),
    /** Who holds or withdraws a motion or amendment: its first submitter, or all submitters together. Absent: the first submitter. */
    motions: Type.Optional(
      Type.Object(
        { holdWithdrawBy: Type.Union([Type.Literal('first-submitter'), Type.Literal('all-submitters')]), source: RuleSource },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type ProfileDocument = Static<typeof ProfileDocument>;

export const ProfileVersion = Type.Object({
  id: Type.String({ format: 'uuid' }),
  effectiveFrom: DateString,
  reason: Type.String(),
  recordedBy: Type.String(),
  recordedAt: Type.String({ format: 'date-time' }),
  document: ProfileDocument,
});
export type ProfileVersion = Static<typeof ProfileVersion>;

export const NewProfileVersion = Type.Object(
  {
    effectiveFrom: DateString,
    reason: Type.String({ minLength: 3, maxLength: 2000 }),
    document: ProfileDocument,
    basedOn: Type.Optional(
      Type.String({
        format: 'uuid',
        description:
          'Id of the latest version this change was made from; if a newer one exists the request fails with 409, so no change is silently overwritten',
      }),
    ),
  },
  { additionalProperties: false },
);
export type NewProfileVersion = Static<typeof NewProfileVersion>;
