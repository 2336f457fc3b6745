import { text } from '../core/errors.js';
import type { LocalText } from '../core/i18n.js';
import {
  POSITION_OPTIONS,
  type Answer,
  type Answers,
  type Audience,
  type ConsultationStatus,
  type Question,
  type QuestionInput,
  type Responder,
} from './schemas.js';

/**
 * The pure rules of a member consultation (ledenraadpleging): its status, who belongs to the
 * audience, who may answer for a member, and whether questions and answers are well-formed.
 */

export interface FieldProblem {
  name: string;
  code: string;
  reason: LocalText;
}

export const EVERY_MEMBER: Audience = { provinces: [], sizeClasses: [], networks: [], memberClasses: [] };

/** Never stored: derived from launch and the period, so it cannot disagree with the clock. */
export function statusOf(consultation: { launchedAt: Date | null; opensAt: Date; closesAt: Date }, now: Date): ConsultationStatus {
  if (!consultation.launchedAt) return 'draft';
  if (now < consultation.opensAt) return 'scheduled';
  if (now < consultation.closesAt) return 'open';
  return 'closed';
}

export interface MemberSegments {
  province: string;
  sizeClass: string | null;
  memberClass: string;
  networks: readonly string[];
}

/** Within a dimension any listed value matches; across dimensions all must; an empty dimension matches everyone. */
export function inAudience(member: MemberSegments, audience: Audience): boolean {
  const matches = (wanted: readonly string[], has: readonly (string | null)[]) =>
    wanted.length === 0 || has.some((value) => value !== null && wanted.includes(value));
  return (
    matches(audience.provinces, [member.province]) &&
    matches(audience.sizeClasses, [member.sizeClass]) &&
    matches(audience.memberClasses, [member.memberClass]) &&
    matches(audience.networks, member.networks)
  );
}

export interface OfficeHeld {
  kind: string;
  portfolio: string | null;
  /** The office has a designation in force (aanwijzing) to act for its member. */
  designated: boolean;
}

const sameText = (a: string, b: string) => a.trim().localeCompare(b.trim(), 'nl', { sensitivity: 'accent' }) === 0;

/** Whether an active office answers for its member under the consultation's responder rule. */
export function answersFor(office: OfficeHeld, responder: Responder): boolean {
  if (responder.kind === 'designated') return office.designated;
  if (office.kind !== responder.officeKind) return false;
  return responder.portfolio === undefined || (office.portfolio !== null && sameText(office.portfolio, responder.portfolio));
}

export function scheduleProblems(opensAt: Date, closesAt: Date): FieldProblem[] {
  if (closesAt > opensAt) return [];
  return [
    { name: 'closesAt', code: 'period', reason: text('De sluitingstijd moet na de openingstijd liggen.', 'The closing time must be after the opening time.') },
  ];
}

const CHOICE_KINDS = new Set(['single', 'multiple', 'ranking']);
/** Only a question with one choice can steer a later one. */
const CONDITION_SOURCES = new Set(['position', 'single']);

/** The options a question offers: fixed for a position, given for choices, none otherwise. */
export function optionsOf(question: Pick<Question, 'kind' | 'options' | 'scale'>): string[] {
  if (question.kind === 'position') return [...POSITION_OPTIONS];
  if (question.kind === 'scale' && question.scale) return range(question.scale.min, question.scale.max).map(String);
  return question.options;
}

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

/**
 * Normalises a whole ordered question list, or lists what is wrong with it. Conditions may
 * only refer to an EARLIER single-choice or position question and to options it has, so the
 * form can be filled in from top to bottom and no condition can loop.
 */
export function checkQuestions(items: readonly QuestionInput[], newId: () => string): { questions: Question[]; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const questions: Question[] = [];
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const at = (field: string) => `items[${index}].${field}`;
    const id = item.id ?? newId();
    if (seen.has(id)) problems.push({ name: at('id'), code: 'unique', reason: text('Deze vraag-id komt twee keer voor.', 'This question id occurs twice.') });
    seen.add(id);
    const options = CHOICE_KINDS.has(item.kind) ? (item.options ?? []).map((o) => o.trim()) : [];
    if (CHOICE_KINDS.has(item.kind)) {
      if (options.length < 2)
        problems.push({ name: at('options'), code: 'required', reason: text('Geef ten minste twee antwoordmogelijkheden.', 'Give at least two options.') });
      if (new Set(options.map((o) => o.toLowerCase())).size !== options.length)
        problems.push({ name: at('options'), code: 'unique', reason: text('Antwoordmogelijkheden moeten verschillen.', 'Options must differ.') });
    } else if (item.options !== undefined) {
      problems.push({
        name: at('options'),
        code: 'not-allowed',
        reason: text('Dit soort vraag heeft geen eigen antwoordmogelijkheden.', 'This kind of question has no options of its own.'),
      });
    }
    if (item.kind === 'scale') {
      if (!item.scale)
        problems.push({ name: at('scale'), code: 'required', reason: text('Geef de schaal (minimum en maximum).', 'Give the scale (minimum and maximum).') });
      else if (item.scale.max <= item.scale.min)
        problems.push({
          name: at('scale'),
          code: 'range',
          reason: text('Het maximum moet groter zijn dan het minimum.', 'The maximum must exceed the minimum.'),
        });
    } else if (item.scale !== undefined) {
      problems.push({ name: at('scale'), code: 'not-allowed', reason: text('Alleen een schaalvraag heeft een schaal.', 'Only a scale question has a scale.') });
    }
    if (item.condition) {
      const source = questions.find((q) => q.id === item.condition!.questionId);
      if (!source || !CONDITION_SOURCES.has(source.kind)) {
        problems.push({
          name: at('condition.questionId'),
          code: 'earlier-question',
          reason: text(
            'Een voorwaarde verwijst naar een eerdere standpunt- of enkelvoudige keuzevraag.',
            'A condition refers to an earlier position or single-choice question.',
          ),
        });
      } else {
        const offered = optionsOf(source);
        if (item.condition.anyOf.some((value) => !offered.includes(value)))
          problems.push({
            name: at('condition.anyOf'),
            code: 'option',
            reason: text('De voorwaarde noemt een antwoord dat die vraag niet kent.', 'The condition names an answer that question does not offer.'),
          });
      }
    }
    questions.push({
      id,
      position: index + 1,
      kind: item.kind,
      text: item.text.trim(),
      help: item.help?.trim() ?? null,
      options: item.kind === 'position' ? [...POSITION_OPTIONS] : options,
      scale: item.kind === 'scale' ? (item.scale ?? null) : null,
      required: item.required ?? true,
      condition: item.condition ?? null,
    });
  });
  return { questions, problems };
}

/** The single choice an answer makes, for conditions and leading options. */
const choiceOf = (answer: Answer | undefined): string | undefined => (answer && 'choice' in answer ? answer.choice : undefined);

/** The ids of the questions shown given the answers so far: a conditional question only when its condition holds. */
export function shownQuestions(questions: readonly Question[], answers: Answers): Set<string> {
  const shown = new Set<string>();
  for (const question of questions) {
    const condition = question.condition;
    if (!condition || (shown.has(condition.questionId) && condition.anyOf.includes(choiceOf(answers[condition.questionId]) ?? ''))) shown.add(question.id);
  }
  return shown;
}

/** Whether an answer says something: an empty text or no choices at all is no answer. */
export function isAnswered(_question: Question, answer: Answer | undefined): boolean {
  if (!answer) return false;
  if ('text' in answer) return answer.text.trim() !== '';
  if ('choices' in answer) return answer.choices.length > 0;
  return true;
}

/** Why an answer does not fit its question, if it does not. */
function answerProblem(question: Question, answer: Answer): LocalText | undefined {
  const keys = Object.keys(answer);
  const only = (...allowed: string[]) => keys.every((k) => allowed.includes(k));
  const options = optionsOf(question);
  const wrongShape = text('Dit antwoord past niet bij het soort vraag.', 'This answer does not fit the kind of question.');
  const unknownOption = text('Dit antwoord is geen van de antwoordmogelijkheden.', 'This answer is not one of the options.');
  switch (question.kind) {
    case 'position':
    case 'single':
      if (!('choice' in answer) || !only('choice', ...(question.kind === 'position' ? ['reason'] : []))) return wrongShape;
      return options.includes(answer.choice) ? undefined : unknownOption;
    case 'multiple':
      if (!('choices' in answer)) return wrongShape;
      return answer.choices.every((c) => options.includes(c)) ? undefined : unknownOption;
    case 'ranking':
      if (!('order' in answer)) return wrongShape;
      return answer.order.length === options.length && options.every((o) => answer.order.includes(o))
        ? undefined
        : text('Zet alle antwoordmogelijkheden in een volgorde, elk één keer.', 'Put every option in an order, each once.');
    case 'scale':
      if (!('value' in answer)) return wrongShape;
      return question.scale && answer.value >= question.scale.min && answer.value <= question.scale.max
        ? undefined
        : text('Deze waarde valt buiten de schaal.', 'This value lies outside the scale.');
    case 'open':
      return 'text' in answer ? undefined : wrongShape;
  }
}

/**
 * Checks answers against the questions. Answers to conditional questions that are not shown are
 * dropped, so a changed earlier answer cannot leave a stale one behind. Submitting also requires
 * every shown required question to be answered; a draft may be incomplete.
 */
export function checkAnswers(questions: readonly Question[], answers: Answers, submit: boolean): { answers: Answers; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const byId = new Map(questions.map((q) => [q.id, q]));
  for (const id of Object.keys(answers)) {
    if (!byId.has(id))
      problems.push({
        name: `answers.${id}`,
        code: 'unknown-question',
        reason: text('Deze vraag hoort niet bij de raadpleging.', 'This question is not part of the consultation.'),
      });
  }
  const shown = shownQuestions(questions, answers);
  const kept: Answers = {};
  for (const question of questions) {
    const answer = answers[question.id];
    if (!shown.has(question.id)) continue;
    if (answer) {
      const problem = answerProblem(question, answer);
      if (problem) problems.push({ name: `answers.${question.id}`, code: 'answer', reason: problem });
      else kept[question.id] = answer;
    }
    if (submit && question.required && !isAnswered(question, answer))
      problems.push({ name: `answers.${question.id}`, code: 'required', reason: text('Beantwoord deze vraag.', 'Answer this question.') });
  }
  return { answers: kept, problems };
}
