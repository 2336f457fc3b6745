import { Type, type Static, type TSchema } from 'typebox';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '\\S' });

/** besluitvorming, kennisname, bespreking, accordering. */
export const Purpose = Type.Enum(['decision', 'information', 'discussion', 'approval'], {
  description: 'decision (ter besluitvorming), information (ter kennisname), discussion (ter bespreking), approval (ter accordering)',
});
export const AgendaItemKind = Type.Enum(['regular', 'opening', 'appointments', 'previous-minutes', 'any-other-business', 'closing'], {
  description: 'Fixed items come from the profile template; any-other-business is rondvraag/WVTTK',
});

export const ChangeKind = Type.Enum(['statutes', 'rules-of-procedure'], {
  description:
    'A change of the statutes (statutenwijziging) or of the rules of procedure (huishoudelijk reglement): a vote on it takes the profile’s stricter majority',
});

export const PaperVersion = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  fileName: Type.String(),
  mediaType: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  uploadedAt: Type.String({ format: 'date-time' }),
  uploadedBy: Type.String(),
});
export const Paper = Type.Object({
  id: Type.String({ format: 'uuid' }),
  agendaItemId: Type.String({ format: 'uuid' }),
  title: Type.String(),
  public: Type.Boolean(),
  versions: Type.Array(PaperVersion, { description: 'Newest first; download /api/v1/papers/{id}/versions/{version}/file' }),
});
export type Paper = Static<typeof Paper>;

export const ItemDecisionSummary = Type.Object({
  id: Type.String({ format: 'uuid' }),
  outcome: Type.String(),
  method: Type.Enum(['acclamation', 'vote', 'none']),
  phrase: Type.Object({ nl: Type.String(), en: Type.String() }),
  minutesApprovedAt: Nullable(Type.String({ format: 'date-time' })),
});

export const AgendaItem = Type.Object({
  id: Type.String({ format: 'uuid' }),
  meetingId: Type.String({ format: 'uuid' }),
  parentId: Nullable(Type.String({ format: 'uuid' })),
  number: Type.String({ description: 'Derived from the order: 1, 2, … and 11a, 11b for sub-items' }),
  position: Type.Integer({ minimum: 0 }),
  kind: AgendaItemKind,
  title: Type.String(),
  purpose: Purpose,
  portfolioHolder: Nullable(Type.String()),
  decisionText: Nullable(Type.String({ description: 'The proposed decision as filed' })),
  effectiveDecisionText: Nullable(Type.String({ description: 'The decision text after adopted amendments: what is put to the meeting' })),
  summary: Nullable(Type.String({ description: "The member letter's summary" })),
  letter: Nullable(Type.String({ description: 'The member letter (ledenbrief) text' })),
  public: Type.Boolean(),
  approvesMeetingId: Nullable(Type.String({ format: 'uuid', description: 'For previous-minutes items: whose minutes this item approves' })),
  changeKind: Nullable(ChangeKind),
  papers: Type.Array(Paper),
  decision: Nullable(ItemDecisionSummary),
});
export type AgendaItem = Static<typeof AgendaItem>;
export const Agenda = Type.Object({ meetingId: Type.String({ format: 'uuid' }), items: Type.Array(AgendaItem), total: Type.Integer() });

export const NewAgendaItem = Type.Object(
  {
    title: Text(300),
    purpose: Purpose,
    parentId: Type.Optional(Type.String({ format: 'uuid', description: 'Makes it a sub-item (11a, 11b)' })),
    position: Type.Optional(Type.Integer({ minimum: 0, description: 'Place among its siblings; default last (before any-other-business and closing)' })),
    kind: Type.Optional(AgendaItemKind),
    portfolioHolder: Type.Optional(Text(200)),
    decisionText: Type.Optional(Text(20_000)),
    summary: Type.Optional(Text(5_000)),
    letter: Type.Optional(Text(100_000)),
    public: Type.Optional(Type.Boolean()),
    approvesMeetingId: Type.Optional(Type.String({ format: 'uuid' })),
    changeKind: Type.Optional(Nullable(ChangeKind)),
  },
  { additionalProperties: false },
);
export type NewAgendaItem = Static<typeof NewAgendaItem>;

export const AgendaItemUpdate = Type.Object(
  {
    title: Type.Optional(Text(300)),
    purpose: Type.Optional(Purpose),
    portfolioHolder: Type.Optional(Nullable(Text(200))),
    decisionText: Type.Optional(Nullable(Text(20_000))),
    summary: Type.Optional(Nullable(Text(5_000))),
    letter: Type.Optional(Nullable(Text(100_000))),
    public: Type.Optional(Type.Boolean()),
    changeKind: Type.Optional(Nullable(ChangeKind)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type AgendaItemUpdate = Static<typeof AgendaItemUpdate>;

export const AgendaOrder = Type.Object(
  {
    order: Type.Array(
      Type.Object({ id: Type.String({ format: 'uuid' }), parentId: Nullable(Type.String({ format: 'uuid' })) }, { additionalProperties: false }),
      {
        minItems: 1,
        maxItems: 1000,
        description: 'Every item of the meeting once, in the new order; only until the meeting opens',
      },
    ),
  },
  { additionalProperties: false },
);
export type AgendaOrder = Static<typeof AgendaOrder>;
