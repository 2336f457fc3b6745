import { Type, type Static, type TSchema } from 'typebox';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Uuid = Type.String({ format: 'uuid' });
const DateTime = Type.String({ format: 'date-time' });

export const PollOption = Type.Object(
  { key: Type.String({ pattern: '^[a-z0-9-]{1,40}$' }), label: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export const Rule = Type.Enum(['simple', 'twoThirds', 'double', 'plurality'], {
  description:
    'simple: majority of weighted votes cast; twoThirds; double: majority of members and of weight; plurality: the option with the most weight (choices)',
});

export const NewPoll = Type.Object(
  {
    meetingId: Uuid,
    subject: Type.Union(
      [
        Type.Object({ type: Type.Enum(['agenda-item', 'submission']), id: Uuid }, { additionalProperties: false }),
        Type.Object({ type: Type.Literal('trial') }, { additionalProperties: false }),
      ],
      { description: 'An agenda item (a proposal, or a set of appointments en bloc), a motion or amendment, or a trial vote that never counts' },
    ),
    question: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    options: Type.Optional(
      Type.Array(PollOption, { minItems: 2, maxItems: 30, description: 'Choice between candidates or variants; default For / Against / Abstain' }),
    ),
    rule: Type.Optional(Rule),
    secrecy: Type.Optional(
      Type.Enum(['named', 'secret'], { description: 'named: per-member votes published with the result; secret: visible to the vote-counting committee only' }),
    ),
    closesAt: Type.Optional(DateTime),
  },
  { additionalProperties: false },
);
export type NewPoll = Static<typeof NewPoll>;

export const Progress = Type.Object({
  votedMembers: Type.Integer(),
  votedWeight: Type.Integer(),
  entitledMembers: Type.Integer(),
  entitledWeight: Type.Integer(),
});

export const OptionTotal = Type.Object({
  option: Type.String(),
  label: Type.String(),
  members: Type.Integer(),
  weight: Type.Integer(),
  percent: Nullable(Type.String()),
});

export const PollResult = Type.Object({
  outcome: Type.Enum(['adopted', 'rejected', 'tie', 'chosen', 'undecided', 'trial'], {
    description: 'trial: a trial vote (proefstemming), which is never adopted, rejected or chosen',
  }),
  rule: Rule,
  ruleMet: Nullable(Type.Boolean({ description: 'null for a trial vote' })),
  quorum: Type.Object({ percent: Nullable(Type.Number()), presentWeight: Type.Integer(), totalWeight: Type.Integer(), met: Type.Boolean() }),
  percentFor: Nullable(Type.String({ description: 'Weighted share of For among For and Against, e.g. "97.68"' })),
  percentAgainst: Nullable(Type.String()),
  totals: Type.Array(OptionTotal),
  leader: Nullable(Type.String()),
  segments: Type.Record(
    Type.String(),
    Type.Record(Type.String(), Type.Array(Type.Object({ option: Type.String(), members: Type.Integer(), weight: Type.Integer() }))),
    {
      description: 'Totals per province, size class and network; empty for a secret poll, whose breakdown could reveal how a member voted',
    },
  ),
  statement: Type.Object({ nl: Type.String(), en: Type.String() }, { description: '"Voor: 97,68%, Tegen: 2,32%. De ALV stemt in met het voorstel."' }),
  chainHead: Type.String({ description: 'Hash of the last log entry; recompute with `verenigd polls verify`' }),
});
export type PollResult = Static<typeof PollResult>;

export const PollSeal = Type.Object(
  {
    chainHead: Type.String(),
    keyId: Type.String({ description: 'sha256 of the signing key (DER); compare with /.well-known/verenigd-signing-key' }),
    signature: Type.String({ description: 'Ed25519 signature (base64) over the canonical JSON of { format, pollId, chainHead, result }' }),
    sealedAt: DateTime,
  },
  { description: "The instance's seal on a closed poll: its chain head and result, signed when it closed" },
);

export const Poll = Type.Object({
  id: Uuid,
  meetingId: Uuid,
  subject: Type.Object({ type: Type.Enum(['agenda-item', 'submission', 'trial']), id: Nullable(Uuid), title: Type.String() }),
  question: Type.String(),
  kind: Type.Enum(['for-against', 'choice']),
  options: Type.Array(PollOption),
  rule: Rule,
  ruleSource: Nullable(
    Type.String({ description: 'Where a stricter rule comes from (e.g. the statutes’ provision on statute changes); null for the ordinary rule' }),
  ),
  secrecy: Type.Enum(['named', 'secret']),
  allowRecast: Type.Boolean(),
  status: Type.Enum(['open', 'closed', 'cancelled']),
  openedAt: DateTime,
  closesAt: Nullable(DateTime),
  closedAt: Nullable(DateTime),
  replacesPollId: Nullable(Uuid),
  progress: Progress,
  /** Only when the profile allows a running result (never in a secret poll), or after closing. */
  result: Nullable(PollResult),
  seal: Type.Optional(Nullable(PollSeal)),
});
export type Poll = Static<typeof Poll>;

export const MyBallots = Type.Object({
  pollId: Uuid,
  /** The members this person casts for in this poll (own member and proxies), with their ballot if cast. */
  members: Type.Array(
    Type.Object({
      memberId: Uuid,
      memberName: Type.String(),
      weight: Type.Integer(),
      via: Type.Enum(['check-in', 'proxy']),
      option: Nullable(Type.String()),
      receipt: Nullable(Type.String()),
    }),
  ),
});

export const NewBallot = Type.Object(
  {
    memberId: Uuid,
    option: Type.String({ pattern: '^[a-z0-9-]{1,40}$' }),
    clientBallotId: Type.String({
      minLength: 8,
      maxLength: 100,
      description: 'Chosen by the client; a retry with the same id returns the same receipt and never counts twice',
    }),
  },
  { additionalProperties: false },
);
export const BallotReceipt = Type.Object({
  ballotId: Uuid,
  memberId: Uuid,
  option: Type.String(),
  receipt: Type.String(),
  castAt: DateTime,
  replaced: Type.Boolean({ description: 'An earlier ballot of this member was replaced' }),
});

export const ReceiptCheck = Type.Object({
  pollId: Uuid,
  receipt: Type.String(),
  memberName: Type.String(),
  counted: Type.Boolean({ description: 'The ballot is the member’s current one, in the log, and (after closing) in the tally' }),
  superseded: Type.Boolean(),
  castAt: DateTime,
  option: Nullable(Type.String({ description: 'Shown for named polls, or to the member’s own representatives' })),
  logSeq: Type.Integer(),
});

export const MemberVote = Type.Object({ memberId: Uuid, memberName: Type.String(), weight: Type.Integer(), option: Nullable(Type.String()) });

export const SigningKey = Type.Object({
  algorithm: Type.Literal('Ed25519'),
  publicKey: Type.String({ description: 'SPKI PEM' }),
  keyId: Type.String({ description: 'sha256 of the public key (DER), hex' }),
});
