import { Type, type Static, type TSchema } from 'typebox';
import { DateString, Pagination } from '../core/http/schemas.js';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '\\S' });
const Uuid = Type.String({ format: 'uuid' });

export const FollowUpStatus = Type.Enum(['open', 'in-progress', 'done', 'not-carried-out'], {
  description: 'open, in-progress (in uitvoering), done (afgerond), not-carried-out (niet uitgevoerd: with the reason)',
});
export const FollowUpKind = Type.Enum(['motion', 'decision', 'commitment'], {
  description: 'motion (an adopted motion), decision (a decision with an assignment), commitment (toezegging made in the meeting)',
});
const Link = Type.String({ maxLength: 2000, pattern: '^https?://\\S+$', description: 'A paper or page about the progress (http or https)' });

export const Owner = Type.Object({
  personId: Nullable(Uuid),
  name: Type.String(),
  label: Nullable(Type.String({ description: 'e.g. "Commissie Financiën"' })),
});

export const FollowUpUpdate = Type.Object({
  id: Uuid,
  postedAt: Type.String({ format: 'date-time' }),
  postedBy: Type.String(),
  text: Type.String(),
  link: Nullable(Type.String()),
  statusFrom: Nullable(FollowUpStatus),
  statusTo: Nullable(FollowUpStatus),
  reason: Nullable(Type.String()),
});

export const FollowUp = Type.Object({
  id: Uuid,
  kind: FollowUpKind,
  meetingId: Uuid,
  meetingTitle: Type.String(),
  meetingDate: DateString,
  agendaItemId: Uuid,
  decisionId: Nullable(Uuid),
  submissionId: Nullable(Uuid),
  title: Type.String(),
  description: Nullable(Type.String()),
  owner: Owner,
  dueDate: DateString,
  status: FollowUpStatus,
  statusReason: Nullable(Type.String()),
  overdue: Type.Boolean({ description: 'The due date has passed and the follow-up is neither done nor not carried out (derived)' }),
  lastUpdate: Nullable(FollowUpUpdate),
  canPost: Type.Boolean({ description: 'Whether the reader may post an update or change the status (the owner or staff)' }),
  createdAt: Type.String({ format: 'date-time' }),
});
export type FollowUp = Static<typeof FollowUp>;

export const FollowUpDetail = Type.Object({ ...FollowUp.properties, updates: Type.Array(FollowUpUpdate, { description: 'Newest first' }) });
export type FollowUpDetail = Static<typeof FollowUpDetail>;

export const FollowUpQuery = Type.Object({
  meetingId: Type.Optional(Uuid),
  status: Type.Optional(FollowUpStatus),
  overdue: Type.Optional(Type.Boolean()),
  limit: Type.Optional(Pagination.limit),
  offset: Type.Optional(Pagination.offset),
});
export type FollowUpQuery = Static<typeof FollowUpQuery>;

const ownerFields = {
  ownerPersonId: Type.Optional(Nullable(Uuid)),
  ownerName: Type.Optional(Text(200)),
  ownerLabel: Type.Optional(Nullable(Text(200))),
};

export const NewFollowUp = Type.Object(
  {
    decisionId: Type.Optional(Uuid),
    agendaItemId: Type.Optional(Uuid),
    title: Type.Optional(Text(300)),
    description: Type.Optional(Text(5000)),
    ...ownerFields,
    dueDate: DateString,
  },
  {
    additionalProperties: false,
    description:
      'Either `decisionId` (a decision with an assignment; the title defaults to its subject) or `agendaItemId` with a `title` (a commitment made at that item). The owner is a person (`ownerPersonId`, whose name is used) or a name.',
  },
);
export type NewFollowUp = Static<typeof NewFollowUp>;

export const FollowUpChange = Type.Object(
  { title: Type.Optional(Text(300)), description: Type.Optional(Nullable(Text(5000))), ...ownerFields, dueDate: Type.Optional(DateString) },
  { additionalProperties: false, minProperties: 1 },
);
export type FollowUpChange = Static<typeof FollowUpChange>;

export const NewFollowUpUpdate = Type.Object(
  {
    text: Text(5000),
    link: Type.Optional(Link),
    status: Type.Optional(FollowUpStatus),
    reason: Type.Optional(Text(2000)),
  },
  { additionalProperties: false, description: 'A progress update; with `status` also a status change (not-carried-out needs a `reason`).' },
);
export type NewFollowUpUpdate = Static<typeof NewFollowUpUpdate>;

export const ReportQuery = Type.Object({
  before: Type.Optional(DateString),
});

export const ReportMeeting = Type.Object({
  id: Uuid,
  title: Type.String(),
  date: DateString,
  followUps: Type.Array(FollowUp, { description: 'Open and in-progress follow-ups of this meeting' }),
});
export const Report = Type.Object({
  before: DateString,
  meetings: Type.Array(ReportMeeting, { description: 'The last two general meetings before the date, newest first' }),
});
export type Report = Static<typeof Report>;

export const ReportPaperInput = Type.Object(
  { agendaItemId: Uuid, title: Type.Optional(Text(300)) },
  { additionalProperties: false, description: 'The agenda item of the coming meeting that gets the report as a paper' },
);
