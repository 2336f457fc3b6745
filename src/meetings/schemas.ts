import { Type, type Static } from 'typebox';
import { DateString, ListOf } from '../core/http/schemas.js';
import { OfficeKind } from '../people/schemas.js';

export const MeetingKind = Type.Enum(['alv', 'balv'], { description: 'alv: algemene ledenvergadering; balv: buitengewone (extra) ALV' });

export const MeetingMode = Type.Enum(['in-person', 'online', 'hybrid']);
/** preparing → convened (convocation sent) → in-session (opened by the chair) → closed. */
export const MeetingStatus = Type.Enum(['preparing', 'convened', 'in-session', 'closed']);
export const AppointmentFunction = Type.Enum(['chair', 'technical-chair', 'counting-committee', 'minutes-committee'], {
  description: 'voorzitter, technisch voorzitter, commissie van stemopneming, notulencommissie',
});
const Time = Type.String({ pattern: '^[0-2][0-9]:[0-5][0-9]$', description: 'HH:MM' });
const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends import('typebox').TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const Appointment = Type.Object({
  id: Type.String({ format: 'uuid' }),
  function: AppointmentFunction,
  name: Type.String(),
  personId: Nullable(Type.String({ format: 'uuid' })),
  appointed: Type.Boolean({ description: 'True once the meeting appointed the committees (decision on the appointments item)' }),
});

export const Meeting = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: MeetingKind,
  body: Type.Enum(['general-meeting']),
  title: Type.String(),
  date: DateString,
  startTime: Nullable(Time),
  location: Nullable(Type.String()),
  mode: MeetingMode,
  status: MeetingStatus,
  motionDeadline: Nullable(DateTime),
  currentItemId: Nullable(Type.String({ format: 'uuid' })),
  appointments: Type.Array(Appointment),
  minutes: Type.Object({
    versions: Type.Integer({ minimum: 0 }),
    faithfulAt: Nullable(DateTime),
    approvedAt: Nullable(DateTime),
    approvedByMeetingId: Nullable(Type.String({ format: 'uuid' })),
  }),
});
export type Meeting = Static<typeof Meeting>;
export const MeetingList = ListOf(Meeting);

/** What creating or changing a meeting answers: the meeting, with warnings that did not stop the change. */
export const MeetingWithWarnings = Type.Intersect([
  Meeting,
  Type.Object({
    warnings: Type.Array(Type.Object({ code: Type.Enum(['date-in-past']), message: Type.String({ description: 'In the language of Accept-Language' }) }), {
      description: 'e.g. date-in-past: the date is before today (allowed, to record an earlier meeting afterwards)',
    }),
  }),
]);

export const NewMeeting = Type.Object(
  {
    kind: MeetingKind,
    title: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
    date: DateString,
    startTime: Type.Optional(Time),
    location: Type.Optional(Type.String({ maxLength: 200 })),
    mode: Type.Optional(MeetingMode),
    motionDeadline: Type.Optional(DateTime),
    template: Type.Optional(
      Type.Boolean({
        description:
          "Start the agenda with the profile's fixed items (opening, appointments, minutes of the previous meeting, any other business, closing); default true",
      }),
    ),
  },
  { additionalProperties: false },
);
export type NewMeeting = Static<typeof NewMeeting>;

export const MeetingUpdate = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' })),
    date: Type.Optional(DateString),
    startTime: Type.Optional(Nullable(Time)),
    location: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    mode: Type.Optional(MeetingMode),
    motionDeadline: Type.Optional(Nullable(DateTime)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type MeetingUpdate = Static<typeof MeetingUpdate>;

export const NewAppointment = Type.Object(
  {
    function: AppointmentFunction,
    name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
    personId: Type.Optional(Type.String({ format: 'uuid' })),
  },
  { additionalProperties: false },
);

export const Speaker = Type.Object({
  id: Type.String({ format: 'uuid' }),
  round: Type.Enum([1, 2]),
  name: Type.String(),
  memberId: Nullable(Type.String({ format: 'uuid' })),
  memberName: Nullable(Type.String()),
  recordedAt: DateTime,
  status: Type.Enum(['waiting', 'speaking', 'done'], { description: 'waiting for the floor, speaking now, or done' }),
  floorAt: Nullable(DateTime),
  mine: Type.Boolean({ description: 'The signed-in person asked for this turn themself' }),
});
export const NewSpeaker = Type.Object(
  {
    round: Type.Enum([1, 2]),
    name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
    memberId: Type.Optional(Type.String({ format: 'uuid' })),
    status: Type.Optional(Type.Enum(['waiting', 'done'], { description: 'waiting: on the list for the floor; done (default): recorded after the fact' })),
  },
  { additionalProperties: false },
);
export const SpeakRequest = Type.Object({ round: Type.Enum([1, 2]) }, { additionalProperties: false });
export const SpeakerMove = Type.Object(
  { status: Type.Enum(['speaking', 'done', 'withdrawn'], { description: 'speaking: give the floor; done: end the turn; withdrawn: take off the list' }) },
  { additionalProperties: false },
);
export const ScreenContent = Type.Enum(['auto', 'agenda', 'current-item', 'submission', 'speakers', 'poll'], {
  description: 'auto: the item in hand and the newest vote; submission and poll name their subject',
});
export const Screen = Type.Object({ content: ScreenContent, subjectId: Nullable(Type.String({ format: 'uuid' })), chosenAt: Nullable(DateTime) });
export const NewScreen = Type.Object(
  { content: ScreenContent, subjectId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))) },
  { additionalProperties: false },
);

export const DecisionMethod = Type.Enum(['acclamation', 'vote', 'none'], {
  description: 'acclamation: the meeting agrees, no counts; vote: through the voting feature; none: held, withdrawn, taken note',
});
export const ItemOutcome = Type.Enum(['adopted', 'rejected', 'taken-note', 'discussed', 'approved', 'appointed', 'postponed', 'done']);
export const SubmissionOutcome = Type.Enum(['adopted', 'rejected', 'held', 'withdrawn']);

export const Decision = Type.Object({
  id: Type.String({ format: 'uuid' }),
  subjectType: Type.Enum(['agenda-item', 'submission']),
  subjectId: Type.String({ format: 'uuid' }),
  outcome: Type.String(),
  method: DecisionMethod,
  note: Nullable(Type.String()),
  decidedAt: DateTime,
  minutesApprovedAt: Nullable(DateTime),
  phrase: Type.Object({ nl: Type.String(), en: Type.String() }, { description: "The minutes' fixed phrase" }),
});
export type Decision = Static<typeof Decision>;

export const NewDecision = Type.Object(
  {
    subjects: Type.Array(
      Type.Object({ type: Type.Enum(['agenda-item', 'submission']), id: Type.String({ format: 'uuid' }) }, { additionalProperties: false }),
      {
        minItems: 1,
        maxItems: 50,
        description: 'One subject, or several handled together (e.g. related motions adopted en bloc)',
      },
    ),
    outcome: Type.Union([ItemOutcome, SubmissionOutcome]),
    method: DecisionMethod,
    note: Type.Optional(Type.String({ maxLength: 5000 })),
  },
  { additionalProperties: false },
);
export type NewDecision = Static<typeof NewDecision>;

export const DecisionListEntry = Type.Object({
  itemId: Type.String({ format: 'uuid' }),
  number: Type.String(),
  title: Type.String(),
  phrases: Type.Array(
    Type.Object({
      subjectType: Type.Enum(['agenda-item', 'submission']),
      subjectId: Type.String(),
      title: Type.String(),
      nl: Type.String(),
      en: Type.String(),
    }),
  ),
});
export const DecisionList = Type.Object({ meetingId: Type.String({ format: 'uuid' }), items: Type.Array(DecisionListEntry) });

export const MinutesVersion = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  body: Type.String({ description: 'Markdown' }),
  html: Type.String(),
  note: Nullable(Type.String()),
  createdAt: DateTime,
  createdBy: Type.String(),
});
export const Minutes = Type.Object({
  meetingId: Type.String({ format: 'uuid' }),
  status: Type.Enum(['draft', 'faithful', 'approved'], {
    description: 'draft; faithful: the minutes committee found it "een getrouw beeld"; approved by the next meeting',
  }),
  current: MinutesVersion,
  versions: Type.Array(Type.Object({ version: Type.Integer(), createdAt: DateTime, createdBy: Type.String(), note: Nullable(Type.String()) })),
});
export const NewMinutesVersion = Type.Object(
  { body: Type.String({ minLength: 1, maxLength: 500_000 }), note: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);

export const CheckIn = Type.Object({
  id: Type.String({ format: 'uuid' }),
  memberId: Type.String({ format: 'uuid' }),
  memberName: Type.String(),
  personId: Type.String({ format: 'uuid' }),
  personName: Type.String(),
  capacity: OfficeKind,
  checkedInAt: Type.String({ format: 'date-time' }),
  checkedInBy: Type.String(),
  checkedOutAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  checkedOutBy: Type.Union([Type.String(), Type.Null()]),
  checkoutReason: Type.Union([Type.Literal('mandate-ended'), Type.Null()], {
    description: "mandate-ended: the designation, office or account behind the check-in ended, which released the member's vote",
  }),
});

export const ProxyGrant = Type.Object({
  id: Type.String({ format: 'uuid' }),
  grantorMemberId: Type.String({ format: 'uuid' }),
  grantorMemberName: Type.String(),
  holderPersonId: Type.String({ format: 'uuid' }),
  holderName: Type.String(),
  holderMemberId: Type.String({ format: 'uuid' }),
  holderMemberName: Type.String(),
  grantedAt: Type.String({ format: 'date-time' }),
  grantedBy: Type.String(),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  revokedBy: Type.Union([Type.String(), Type.Null()]),
  revocationReason: Type.Union([Type.Enum(['revoked', 'member-checked-in', 'mandate-ended']), Type.Null()]),
});

export const VoteHolder = Type.Object({
  memberId: Type.String({ format: 'uuid' }),
  memberName: Type.String(),
  personId: Type.String({ format: 'uuid' }),
  personName: Type.String(),
  via: Type.Enum(['check-in', 'proxy']),
  holderPresent: Type.Boolean({ description: 'A proxy counts only while its holder is present' }),
});

export const Attendance = Type.Object({
  meetingId: Type.String({ format: 'uuid' }),
  checkIns: Type.Array(CheckIn, { description: 'Every check-in, including ended ones: who acted for which member when' }),
  proxies: Type.Array(ProxyGrant),
  voteHolders: Type.Array(VoteHolder, { description: "Who holds each represented member's single vote now" }),
  present: Type.Object(
    {
      members: Type.Integer({ description: 'Members whose vote can be cast now: checked in, or by a present proxy holder' }),
      voteWeight: Type.Integer({ description: 'Their vote weight on the meeting date' }),
      ofMembers: Type.Integer({ description: 'All members on the meeting date' }),
      ofVoteWeight: Type.Integer({ description: 'The vote weight of all members' }),
    },
    { description: 'The present list in figures, by the register as of the meeting date' },
  ),
});
export type Attendance = Static<typeof Attendance>;

export const NewCheckIn = Type.Object(
  {
    memberId: Type.String({ format: 'uuid' }),
    personId: Type.Optional(Type.String({ format: 'uuid', description: 'Staff at the door check in someone else; default: yourself' })),
    takeOver: Type.Optional(Type.Boolean({ description: 'A substitute takes over the vote from the representative now holding it' })),
  },
  { additionalProperties: false },
);
export type NewCheckIn = Static<typeof NewCheckIn>;

export const NewProxy = Type.Object(
  {
    grantorMemberId: Type.String({ format: 'uuid', description: 'The member giving its vote' }),
    holderPersonId: Type.String({ format: 'uuid', description: "Another member's representative who will cast it" }),
    holderMemberId: Type.String({ format: 'uuid', description: 'The member the holder represents' }),
  },
  { additionalProperties: false },
);
export type NewProxy = Static<typeof NewProxy>;

export const MeetingChildParams = Type.Object({ id: Type.String({ format: 'uuid' }), childId: Type.String({ format: 'uuid' }) });
