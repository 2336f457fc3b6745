import { Type, type Static } from 'typebox';
import { ListOf, Pagination } from '../core/http/schemas.js';
import { OfficeKind } from '../people/schemas.js';
import { Answers, DateTime, Nullable, Percent, Question, QuestionKind, Text, Uuid } from './question-schemas.js';

export * from './question-schemas.js';

/**
 * The contract of member consultations (ledenraadplegingen): every request and response body.
 * The web app imports the Static types from here; percentages are strings with two decimals
 * ("66.67") as in every published result of the API.
 */

export const ConsultationStatus = Type.Enum(['draft', 'scheduled', 'open', 'closed'], {
  description: 'Derived, never stored: draft (not launched), scheduled (launched, before opensAt), open, closed (at or after closesAt)',
});
export type ConsultationStatus = Static<typeof ConsultationStatus>;

const Segment = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });
export const Audience = Type.Object(
  {
    provinces: Type.Array(Segment, { maxItems: 20, uniqueItems: true }),
    sizeClasses: Type.Array(Segment, { maxItems: 20, uniqueItems: true }),
    networks: Type.Array(Segment, { maxItems: 50, uniqueItems: true }),
    memberClasses: Type.Array(Segment, { maxItems: 10, uniqueItems: true }),
  },
  { additionalProperties: false, description: 'All empty: every member. Within a dimension any value matches (OR); across dimensions all must (AND).' },
);
export type Audience = Static<typeof Audience>;

export const Responder = Type.Union(
  [
    Type.Object({ kind: Type.Literal('designated') }, { additionalProperties: false }),
    Type.Object(
      {
        kind: Type.Literal('office'),
        officeKind: OfficeKind,
        portfolio: Type.Optional(Text(100)),
      },
      { additionalProperties: false },
    ),
  ],
  {
    description:
      "Who answers for a member: its designated representative, or a named office (e.g. the alderman with portfolio 'financiën', matched case-insensitively)",
  },
);
export type Responder = Static<typeof Responder>;

export const OutcomeKind = Type.Enum(['position', 'differentiated', 'none', 'motion'], {
  description: 'position (standpunt ingenomen), differentiated (gedifferentieerd standpunt), none (geen standpunt), motion (motie opgesteld)',
});
export type OutcomeKind = Static<typeof OutcomeKind>;

export const ResponseStatus = Type.Enum(['draft', 'submitted']);
export type ResponseStatus = Static<typeof ResponseStatus>;

export const ConsultationResponse = Type.Object({
  consultationId: Uuid,
  memberId: Uuid,
  memberName: Type.String(),
  status: ResponseStatus,
  answers: Answers,
  version: Type.Integer({ minimum: 1 }),
  personId: Uuid,
  personName: Type.String({ description: 'Who saved last' }),
  officeId: Uuid,
  capacity: OfficeKind,
  submittedAt: Nullable(DateTime),
  updatedAt: DateTime,
  editableUntil: DateTime,
});
export type ConsultationResponse = Static<typeof ConsultationResponse>;

/** A member the signed-in person may answer for, with the state of its response. */
export const MyMember = Type.Object({
  memberId: Uuid,
  memberName: Type.String(),
  responseStatus: Type.Enum(['none', 'draft', 'submitted']),
});
export type MyMember = Static<typeof MyMember>;

export const ResponseRate = Type.Object({
  audience: Type.Integer({ minimum: 0, description: 'Members in the audience snapshot' }),
  responded: Type.Integer({ minimum: 0, description: 'Members that submitted' }),
  drafts: Type.Integer({ minimum: 0, description: 'Members with a draft only (not counted as responded)' }),
  rate: Percent,
});
export type ResponseRate = Static<typeof ResponseRate>;

export const Outcome = Type.Object({
  kind: OutcomeKind,
  text: Type.String(),
  recordedAt: DateTime,
});
export type Outcome = Static<typeof Outcome>;

export const OutcomeInput = Type.Object({ kind: OutcomeKind, text: Text(20_000) }, { additionalProperties: false });
export type OutcomeInput = Static<typeof OutcomeInput>;

export const ConsultationPaper = Type.Object({
  id: Uuid,
  title: Type.String(),
  fileName: Type.String(),
  mediaType: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  uploadedAt: DateTime,
});
export type ConsultationPaper = Static<typeof ConsultationPaper>;

const summaryFields = {
  id: Uuid,
  title: Type.String(),
  dossier: Type.String(),
  owner: Type.String(),
  status: ConsultationStatus,
  published: Type.Boolean(),
  opensAt: DateTime,
  closesAt: DateTime,
  launchedAt: Nullable(DateTime),
  publishedAt: Nullable(DateTime),
  responseRate: Type.Optional(ResponseRate),
  myMembers: Type.Optional(Type.Array(MyMember, { description: 'Only for representatives: members they may answer for' })),
};

export const ConsultationSummary = Type.Object(summaryFields);
export type ConsultationSummary = Static<typeof ConsultationSummary>;
export const ConsultationList = ListOf(ConsultationSummary);
export type ConsultationList = Static<typeof ConsultationList>;

export const ConsultationListQuery = Type.Object(
  {
    status: Type.Optional(ConsultationStatus),
    limit: Type.Optional(Pagination.limit),
    offset: Type.Optional(Pagination.offset),
  },
  { additionalProperties: false },
);
export type ConsultationListQuery = Static<typeof ConsultationListQuery>;

export const Consultation = Type.Object({
  ...summaryFields,
  explanation: Type.String({ description: 'Markdown' }),
  explanationHtml: Type.String({ description: 'The explanation rendered and sanitised' }),
  audience: Audience,
  responder: Responder,
  reminderHours: Type.Array(Type.Integer()),
  questions: Type.Array(Question),
  papers: Type.Array(ConsultationPaper),
  outcome: Nullable(Outcome),
  createdBy: Type.Optional(Type.String({ description: 'Staff only' })),
  createdAt: DateTime,
});
export type Consultation = Static<typeof Consultation>;

const ReminderHours = Type.Array(Type.Integer({ minimum: 1, maximum: 24 * 30 }), {
  maxItems: 5,
  uniqueItems: true,
  description: 'Hours before closesAt at which non-responders are reminded',
});

export const NewConsultation = Type.Object(
  {
    title: Text(300),
    dossier: Text(200),
    explanation: Type.Optional(Type.String({ maxLength: 100_000 })),
    owner: Text(200),
    audience: Type.Optional(Audience),
    responder: Type.Optional(Responder),
    opensAt: DateTime,
    closesAt: DateTime,
    reminderHours: Type.Optional(ReminderHours),
  },
  { additionalProperties: false },
);
export type NewConsultation = Static<typeof NewConsultation>;

export const ConsultationUpdate = Type.Object(
  {
    title: Type.Optional(Text(300)),
    dossier: Type.Optional(Text(200)),
    explanation: Type.Optional(Type.String({ maxLength: 100_000 })),
    owner: Type.Optional(Text(200)),
    audience: Type.Optional(Audience),
    responder: Type.Optional(Responder),
    opensAt: Type.Optional(DateTime),
    closesAt: Type.Optional(Type.String({ format: 'date-time', description: 'While open only this may change: extended, never shortened' })),
    reminderHours: Type.Optional(ReminderHours),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type ConsultationUpdate = Static<typeof ConsultationUpdate>;

// Results.

/** Members, statute vote weight and population of a group of members. */
export const Tally = Type.Object({
  members: Type.Integer({ minimum: 0 }),
  voteWeight: Type.Integer({ minimum: 0 }),
  population: Type.Integer({ minimum: 0 }),
});
export type Tally = Static<typeof Tally>;

export const Shares = Type.Object({ members: Percent, voteWeight: Percent, population: Percent });
export type Shares = Static<typeof Shares>;

export const OptionResult = Type.Object({
  option: Type.String({ description: 'Option value; for scale the number as text' }),
  members: Type.Integer({ minimum: 0 }),
  voteWeight: Type.Integer({ minimum: 0 }),
  population: Type.Integer({ minimum: 0 }),
  ofAnswered: Shares,
  ofAudience: Shares,
  /** Ranking only: Borda points (n-1 for first … 0 for last), unweighted and weighted; members etc. above count first places. */
  points: Type.Optional(Tally),
});
export type OptionResult = Static<typeof OptionResult>;

export const Mean = Type.Object({
  unweighted: Nullable(Type.String({ description: 'Two decimals' })),
  weighted: Nullable(Type.String({ description: 'Weighted by vote weight, two decimals' })),
});
export type Mean = Static<typeof Mean>;

export const SegmentDimension = Type.Enum(['province', 'sizeClass', 'network', 'memberClass', 'party'], {
  description: 'party: the party of the answering office; only respondents have one, so its audience is the respondents',
});
export type SegmentDimension = Static<typeof SegmentDimension>;

export const SegmentResult = Type.Object({
  segment: Type.String({ description: 'e.g. "Zeeland", "G40", "geen partij"' }),
  local: Type.Optional(Type.Boolean({ description: 'party only: a local party' })),
  audience: Type.Integer({ minimum: 0 }),
  responded: Type.Integer({ minimum: 0 }),
  responseRate: Percent,
  answered: Tally,
  options: Type.Array(OptionResult),
  mean: Type.Optional(Mean),
  leading: Type.Array(Type.String(), { description: "Option(s) with most members among the segment's answers (several on a tie)" }),
});
export type SegmentResult = Static<typeof SegmentResult>;

export const Divergence = Type.Object({
  dimension: SegmentDimension,
  points: Type.String({ description: 'Largest total-variation distance in percentage points (0–100, two decimals) between two segments with answers' }),
  majoritiesDiffer: Type.Boolean(),
  segments: Type.Array(Type.String(), { description: 'The two segments concerned (empty when fewer than two have answers)' }),
});
export type Divergence = Static<typeof Divergence>;

export const Breakdown = Type.Object({
  dimension: SegmentDimension,
  segments: Type.Array(SegmentResult),
  divergence: Nullable(Divergence),
});
export type Breakdown = Static<typeof Breakdown>;

export const OpenAnswerItem = Type.Object({
  memberId: Uuid,
  memberName: Type.String(),
  province: Type.String(),
  sizeClass: Nullable(Type.String()),
  memberClass: Type.String(),
  networks: Type.Array(Type.String()),
  party: Nullable(Type.String()),
  text: Type.String(),
});
export type OpenAnswerItem = Static<typeof OpenAnswerItem>;

export const ReasonItem = Type.Object({ memberId: Uuid, memberName: Type.String(), choice: Type.String(), reason: Type.String() });

export const QuestionResult = Type.Object({
  questionId: Uuid,
  position: Type.Integer(),
  kind: QuestionKind,
  text: Type.String(),
  audience: Tally,
  responded: Tally,
  answered: Tally,
  skipped: Tally,
  noResponse: Tally,
  options: Type.Array(OptionResult, { description: 'Never includes non-response' }),
  mean: Type.Optional(Mean),
  openAnswers: Type.Optional(Type.Array(OpenAnswerItem, { description: 'Open questions, staff only' })),
  reasons: Type.Optional(Type.Array(ReasonItem, { description: 'Position questions, staff only' })),
  breakdowns: Type.Array(Breakdown),
  divergence: Nullable(Divergence),
});
export type QuestionResult = Static<typeof QuestionResult>;

export const SegmentRate = Type.Object({ segment: Type.String(), audience: Type.Integer(), responded: Type.Integer(), rate: Percent });
export const DimensionRates = Type.Object({ dimension: SegmentDimension, segments: Type.Array(SegmentRate) });
export type DimensionRates = Static<typeof DimensionRates>;

export const NonResponder = Type.Object({ memberId: Uuid, name: Type.String(), code: Type.String(), province: Type.String(), draft: Type.Boolean() });

export const ConsultationResults = Type.Object({
  consultationId: Uuid,
  title: Type.String(),
  status: ConsultationStatus,
  published: Type.Boolean(),
  audience: Tally,
  responded: Tally,
  noResponse: Tally,
  responseRate: Shares,
  responseRates: Type.Array(DimensionRates, { description: 'Response rate per segment (party excluded: non-responders have none)' }),
  questions: Type.Array(QuestionResult),
  nonResponders: Type.Optional(Type.Array(NonResponder, { description: 'Staff only' })),
  outcome: Nullable(Outcome),
});
export type ConsultationResults = Static<typeof ConsultationResults>;

export const Created = Type.Object({ id: Uuid });
export const RemindersSent = Type.Object({ sent: Type.Integer({ minimum: 0 }) });
export type RemindersSent = Static<typeof RemindersSent>;

export const ResponseParams = Type.Object({ id: Uuid, memberId: Uuid });
export const PaperParams = Type.Object({ id: Uuid, paperId: Uuid });
