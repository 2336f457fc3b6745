import { Type, type Static, type TSchema } from 'typebox';
import { ListOf } from '../core/http/schemas.js';

/** Questions and answers of a consultation, and the small shapes every consultation schema uses; re-exported by schemas.ts. */

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
export const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '\\S' });
export const Uuid = Type.String({ format: 'uuid' });
export const DateTime = Type.String({ format: 'date-time' });
export const Percent = Type.String({ pattern: '^[0-9]{1,3}\\.[0-9]{2}$', description: 'Percentage with two decimals, e.g. "66.67"' });

export const QuestionKind = Type.Enum(['position', 'single', 'multiple', 'ranking', 'scale', 'open'], {
  description: 'position: agree/disagree/abstain with reasons; single/multiple choice; ranking of all options; scale; open text',
});
export type QuestionKind = Static<typeof QuestionKind>;

/** The fixed options of a position question. */
export const POSITION_OPTIONS = ['agree', 'disagree', 'abstain'] as const;

export const Scale = Type.Object(
  {
    min: Type.Integer({ minimum: 0, maximum: 10 }),
    max: Type.Integer({ minimum: 1, maximum: 10 }),
    minLabel: Type.Optional(Text(100)),
    maxLabel: Type.Optional(Text(100)),
  },
  { additionalProperties: false },
);
export type Scale = Static<typeof Scale>;

export const Condition = Type.Object(
  {
    questionId: Uuid,
    anyOf: Type.Array(Text(200), { minItems: 1, maxItems: 20, uniqueItems: true }),
  },
  { additionalProperties: false, description: 'Shown (and required) only when the earlier single/position question is answered with one of anyOf' },
);
export type Condition = Static<typeof Condition>;

export const QuestionInput = Type.Object(
  {
    id: Type.Optional(Type.String({ format: 'uuid', description: 'Client-chosen id so conditions can refer to new questions; generated when absent' })),
    kind: QuestionKind,
    text: Text(1000),
    help: Type.Optional(Text(2000)),
    options: Type.Optional(
      Type.Array(Text(200), {
        minItems: 2,
        maxItems: 20,
        uniqueItems: true,
        description: 'For single, multiple and ranking; position has agree/disagree/abstain',
      }),
    ),
    scale: Type.Optional(Scale),
    required: Type.Optional(Type.Boolean({ default: true })),
    condition: Type.Optional(Condition),
  },
  { additionalProperties: false },
);
export type QuestionInput = Static<typeof QuestionInput>;

export const QuestionsUpdate = Type.Object({ items: Type.Array(QuestionInput, { maxItems: 50 }) }, { additionalProperties: false });
export type QuestionsUpdate = Static<typeof QuestionsUpdate>;

export const Question = Type.Object({
  id: Uuid,
  position: Type.Integer({ minimum: 1 }),
  kind: QuestionKind,
  text: Type.String(),
  help: Nullable(Type.String()),
  options: Type.Array(Type.String(), { description: 'Option values; for position: agree, disagree, abstain; empty for scale and open' }),
  scale: Nullable(Scale),
  required: Type.Boolean(),
  condition: Nullable(Condition),
});
export type Question = Static<typeof Question>;
export const QuestionList = ListOf(Question);
export type QuestionList = Static<typeof QuestionList>;

// Answers, one shape per question kind.
export const PositionAnswer = Type.Object(
  { choice: Type.Enum(POSITION_OPTIONS), reason: Type.Optional(Type.String({ maxLength: 5000 })) },
  { additionalProperties: false },
);
export const SingleAnswer = Type.Object({ choice: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
export const MultipleAnswer = Type.Object(
  { choices: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 20, uniqueItems: true }) },
  { additionalProperties: false },
);
export const RankingAnswer = Type.Object(
  { order: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 20, uniqueItems: true, description: 'All options, most preferred first' }) },
  { additionalProperties: false },
);
export const ScaleAnswer = Type.Object({ value: Type.Integer({ minimum: 0, maximum: 10 }) }, { additionalProperties: false });
export const OpenAnswer = Type.Object({ text: Type.String({ maxLength: 10_000 }) }, { additionalProperties: false });
export const Answer = Type.Union([PositionAnswer, SingleAnswer, MultipleAnswer, RankingAnswer, ScaleAnswer, OpenAnswer]);
export type Answer = Static<typeof Answer>;
export type PositionAnswer = Static<typeof PositionAnswer>;
export type SingleAnswer = Static<typeof SingleAnswer>;
export type MultipleAnswer = Static<typeof MultipleAnswer>;
export type RankingAnswer = Static<typeof RankingAnswer>;
export type ScaleAnswer = Static<typeof ScaleAnswer>;
export type OpenAnswer = Static<typeof OpenAnswer>;

export const Answers = Type.Record(Type.String({ format: 'uuid' }), Answer, { description: 'Keyed by question id' });
export type Answers = Static<typeof Answers>;

export const ResponseInput = Type.Object(
  {
    answers: Answers,
    submit: Type.Boolean({ description: 'false: save a draft; true: validate completeness and submit (may be repeated until the deadline)' }),
    version: Type.Optional(Type.Integer({ minimum: 1, description: 'The version last read; a mismatch gives 409. Omit only for the first save.' })),
  },
  { additionalProperties: false },
);
export type ResponseInput = Static<typeof ResponseInput>;
