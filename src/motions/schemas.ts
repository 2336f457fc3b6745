import { Type, type Static, type TSchema } from 'typebox';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '\\S' });

export const BoardAdvice = Type.Enum(['take-over', 'advise-against', 'leave-to-meeting', 'positive'], {
  description: 'take-over (overnemen), advise-against (ontraden), leave-to-meeting (oordeel vergadering), positive (positief advies)',
});
/** filed; or the outcome: adopted, rejected, held (aangehouden: no vote, the meeting takes note), withdrawn. */
export const SubmissionStatus = Type.Enum(['filed', 'adopted', 'rejected', 'held', 'withdrawn']);

export const Submitter = Type.Object({
  memberId: Type.String({ format: 'uuid' }),
  memberName: Type.String(),
  coSubmitter: Type.Boolean({ description: 'Joined after filing' }),
  first: Type.Boolean({ description: 'The first submitter: invites or adds co-submitters, and holds or withdraws' }),
  joinedAt: Type.String({ format: 'date-time' }),
});

export const Invitation = Type.Object({
  memberId: Type.String({ format: 'uuid' }),
  memberName: Type.String(),
  invitedAt: Type.String({ format: 'date-time' }),
  invitedBy: Type.String(),
});

export const HoldWithdrawBy = Type.Enum(['first-submitter', 'all-submitters'], {
  description: 'Whose agreement holding or withdrawing needs (association profile)',
});

export const PendingRequest = Type.Object({
  outcome: Type.Enum(['held', 'withdrawn']),
  requestedAt: Type.String({ format: 'date-time' }),
  requestedBy: Type.String(),
  agreed: Type.Array(Type.String({ format: 'uuid' }), { description: 'Submitting members that agreed' }),
  missing: Type.Array(Type.String({ format: 'uuid' }), { description: 'Submitting members whose agreement is still needed' }),
});

const common = {
  id: Type.String({ format: 'uuid' }),
  meetingId: Type.String({ format: 'uuid' }),
  agendaItemId: Type.String({ format: 'uuid' }),
  agendaItemNumber: Type.String(),
  title: Type.String(),
  onBehalfOf: Nullable(Type.String({ description: 'A named group of members, e.g. "de G40"' })),
  submitters: Type.Array(Submitter),
  invitations: Type.Array(Invitation, { description: 'Open invitations to co-submit, awaiting the invited member' }),
  holdWithdrawBy: HoldWithdrawBy,
  pendingRequest: Nullable(PendingRequest),
  filedAt: Type.String({ format: 'date-time' }),
  filedBy: Type.String(),
  late: Type.Boolean({ description: 'Filed after the deadline, admitted by the chair' }),
  lateAdmittedBy: Nullable(Type.String()),
  boardAdvice: Nullable(BoardAdvice),
  adviceReasoning: Nullable(Type.String()),
  status: SubmissionStatus,
};

export const Motion = Type.Object({
  ...common,
  considerations: Nullable(Type.String({ description: 'Overwegingen' })),
  request: Type.String({ description: 'Verzoek: what the meeting asks' }),
  group: Nullable(Type.Object({ label: Type.String(), position: Type.Integer({ description: 'Speaking order in the group' }) })),
});
export type Motion = Static<typeof Motion>;

export const Amendment = Type.Object({
  ...common,
  explanation: Nullable(Type.String()),
  baseText: Type.String({ description: 'The decision text the amendment was written against (the proposal, or the text after an earlier adopted amendment)' }),
  proposedText: Type.String({ description: 'The decision text as the amendment would make it' }),
  diff: Type.Array(Type.Object({ op: Type.Enum(['equal', 'insert', 'delete']), text: Type.String() }), {
    description: 'Word-level change against the base text',
  }),
});
export type Amendment = Static<typeof Amendment>;

const filing = {
  meetingId: Type.String({ format: 'uuid' }),
  agendaItemId: Type.String({ format: 'uuid', description: 'An item of this meeting; for "any other business" its rondvraag item' }),
  title: Text(300),
  memberIds: Type.Array(Type.String({ format: 'uuid' }), {
    minItems: 1,
    maxItems: 400,
    uniqueItems: true,
    description: 'The submitting members; you must act for each, unless you are staff or the chair',
  }),
  onBehalfOf: Type.Optional(Text(200)),
};

export const NewMotion = Type.Object({ ...filing, considerations: Type.Optional(Text(20_000)), request: Text(20_000) }, { additionalProperties: false });
export type NewMotion = Static<typeof NewMotion>;

export const NewAmendment = Type.Object({ ...filing, proposedText: Text(20_000), explanation: Type.Optional(Text(20_000)) }, { additionalProperties: false });
export type NewAmendment = Static<typeof NewAmendment>;

export const SubmissionQuery = Type.Object(
  { meetingId: Type.Optional(Type.String({ format: 'uuid' })), agendaItemId: Type.Optional(Type.String({ format: 'uuid' })) },
  { additionalProperties: false },
);

export const AdviceInput = Type.Object({ advice: BoardAdvice, reasoning: Type.Optional(Text(20_000)) }, { additionalProperties: false });
export const CoSubmitterInput = Type.Object({ memberId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
export const SubmitterParams = Type.Object({ id: Type.String({ format: 'uuid' }), childId: Type.String({ format: 'uuid', description: 'The member' }) });
export const GroupInput = Type.Object({ label: Nullable(Text(200)), position: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false });
