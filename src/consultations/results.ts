import { isAnswered, optionsOf } from './rules.js';
import type {
  Answer,
  Answers,
  Breakdown,
  DimensionRates,
  Divergence,
  Mean,
  OptionResult,
  Question,
  QuestionResult,
  SegmentDimension,
  SegmentResult,
  Shares,
  Tally,
} from './schemas.js';

/**
 * The results of a consultation, computed in integers over the audience snapshot. Silence is never
 * consent (wie zwijgt stemt niet toe): members without a submitted response are counted as
 * "no response" and never added to any option.
 */

export interface AudienceMember {
  memberId: string;
  name: string;
  code: string;
  province: string;
  sizeClass: string | null;
  memberClass: string;
  networks: readonly string[];
  voteWeight: number;
  population: number | null;
}

export interface SubmittedResponse {
  memberId: string;
  party: string | null;
  partyIsLocal: boolean;
  answers: Answers;
}

export const NO_PARTY = 'geen partij';
export const UNKNOWN_SIZE_CLASS = 'onbekend';
const MEMBER_DIMENSIONS = ['province', 'sizeClass', 'network', 'memberClass'] as const;
const ALL_DIMENSIONS: readonly SegmentDimension[] = [...MEMBER_DIMENSIONS, 'party'];

interface Row {
  member: AudienceMember;
  response: SubmittedResponse | undefined;
}

/** part/whole in percent with two decimals, rounded half up, as "66.67"; 0 of nothing is "0.00". */
export function percent(part: number, whole: number): string {
  if (whole === 0) return '0.00';
  return hundredths(Math.floor((part * 20_000 + whole) / (2 * whole)));
}

/** An amount in hundredths as "12.34". */
const hundredths = (units: number) => `${Math.floor(units / 100)}.${String(units % 100).padStart(2, '0')}`;

/** A ratio of integers with two decimals, rounded half up ("3.50"); null without a denominator. */
const ratio = (numerator: number, denominator: number): string | null =>
  denominator === 0 ? null : hundredths(Math.floor((numerator * 200 + denominator) / (2 * denominator)));

export function tallyOf(members: readonly AudienceMember[]): Tally {
  return {
    members: members.length,
    voteWeight: members.reduce((sum, m) => sum + m.voteWeight, 0),
    population: members.reduce((sum, m) => sum + (m.population ?? 0), 0),
  };
}

const minus = (a: Tally, b: Tally): Tally => ({
  members: a.members - b.members,
  voteWeight: a.voteWeight - b.voteWeight,
  population: a.population - b.population,
});
const sharesOf = (part: Tally, whole: Tally): Shares => ({
  members: percent(part.members, whole.members),
  voteWeight: percent(part.voteWeight, whole.voteWeight),
  population: percent(part.population, whole.population),
});

/** Whether an answer counts for an option; a ranking counts its first place. */
function countsFor(answer: Answer, option: string): boolean {
  if ('choice' in answer) return answer.choice === option;
  if ('choices' in answer) return answer.choices.includes(option);
  if ('order' in answer) return answer.order[0] === option;
  if ('value' in answer) return String(answer.value) === option;
  return false;
}

interface Answered {
  member: AudienceMember;
  answer: Answer;
}

function optionResults(question: Question, answered: readonly Answered[], audience: Tally): OptionResult[] {
  const answeredTally = tallyOf(answered.map((a) => a.member));
  const options = optionsOf(question);
  return options.map((option) => {
    const tally = tallyOf(answered.filter((a) => countsFor(a.answer, option)).map((a) => a.member));
    const result: OptionResult = { option, ...tally, ofAnswered: sharesOf(tally, answeredTally), ofAudience: sharesOf(tally, audience) };
    if (question.kind === 'ranking') result.points = bordaPoints(answered, option, options.length);
    return result;
  });
}

/** Borda count: n-1 points for a first place down to 0 for the last, per member and times its weight. */
function bordaPoints(answered: readonly Answered[], option: string, optionCount: number): Tally {
  const points: Tally = { members: 0, voteWeight: 0, population: 0 };
  for (const { member, answer } of answered) {
    if (!('order' in answer)) continue;
    const place = answer.order.indexOf(option);
    if (place < 0) continue;
    const score = optionCount - 1 - place;
    points.members += score;
    points.voteWeight += score * member.voteWeight;
    points.population += score * (member.population ?? 0);
  }
  return points;
}

function meanOf(answered: readonly Answered[]): Mean {
  let sum = 0;
  let weightedSum = 0;
  let weights = 0;
  for (const { member, answer } of answered) {
    if (!('value' in answer)) continue;
    sum += answer.value;
    weightedSum += answer.value * member.voteWeight;
    weights += member.voteWeight;
  }
  return { unweighted: ratio(sum, answered.length), weighted: ratio(weightedSum, weights) };
}

/** The option(s) most members chose; several on a tie, none without answers. */
export function leadingOptions(options: readonly OptionResult[]): string[] {
  const most = Math.max(0, ...options.map((o) => o.members));
  return most === 0 ? [] : options.filter((o) => o.members === most).map((o) => o.option);
}

/**
 * How far two segments' answers lie apart, in hundredths of a percentage point: the total-variation
 * distance between their distributions over the options (half the summed absolute differences of the
 * shares). With multiple choice the shares do not add up to 100, so there it is the largest difference
 * in the share choosing one option. Integers only: a/n − b/m is compared as (a·m − b·n)/(n·m).
 */
export function distance(kind: Question['kind'], a: readonly number[], n: number, b: readonly number[], m: number): number {
  const differences = a.map((count, i) => Math.abs(count * m - (b[i] ?? 0) * n));
  if (kind === 'multiple') return Math.floor((Math.max(0, ...differences) * 20_000 + n * m) / (2 * n * m));
  const sum = differences.reduce((s, d) => s + d, 0);
  return Math.floor((sum * 10_000 + n * m) / (2 * n * m));
}

function divergenceOf(question: Question, dimension: SegmentDimension, segments: readonly SegmentResult[]): Divergence | null {
  if (question.kind === 'open') return null;
  const withAnswers = segments.filter((s) => s.answered.members > 0);
  if (withAnswers.length < 2) return null;
  let best = { units: -1, a: withAnswers[0]!, b: withAnswers[1]! };
  let majoritiesDiffer = false;
  for (let i = 0; i < withAnswers.length; i += 1) {
    for (let j = i + 1; j < withAnswers.length; j += 1) {
      const a = withAnswers[i]!;
      const b = withAnswers[j]!;
      const units = distance(
        question.kind,
        a.options.map((o) => o.members),
        a.answered.members,
        b.options.map((o) => o.members),
        b.answered.members,
      );
      if (units > best.units) best = { units, a, b };
      if (!a.leading.some((option) => b.leading.includes(option))) majoritiesDiffer = true;
    }
  }
  return { dimension, points: hundredths(best.units), majoritiesDiffer, segments: [best.a.segment, best.b.segment] };
}

/** The segments a member falls in for a dimension: a member counts in each of its networks. */
function segmentsOf(row: Row, dimension: SegmentDimension): string[] {
  const { member } = row;
  switch (dimension) {
    case 'province':
      return [member.province];
    case 'sizeClass':
      return [member.sizeClass ?? UNKNOWN_SIZE_CLASS];
    case 'network':
      return [...member.networks];
    case 'memberClass':
      return [member.memberClass];
    case 'party':
      // Only the answering office has a party, so only respondents fall in a party segment.
      return row.response ? [row.response.party ?? NO_PARTY] : [];
  }
}

function groupBy(rows: readonly Row[], dimension: SegmentDimension): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) for (const segment of segmentsOf(row, dimension)) groups.set(segment, [...(groups.get(segment) ?? []), row]);
  return new Map([...groups.entries()].sort(([a], [b]) => a.localeCompare(b, 'nl')));
}

const answeredIn = (question: Question, rows: readonly Row[]): Answered[] =>
  rows.flatMap((row) => {
    const answer = row.response?.answers[question.id];
    return row.response && isAnswered(question, answer) ? [{ member: row.member, answer: answer! }] : [];
  });

function segmentResult(question: Question, dimension: SegmentDimension, segment: string, rows: readonly Row[]): SegmentResult {
  const audience = tallyOf(rows.map((r) => r.member));
  const responded = rows.filter((r) => r.response).length;
  const answered = answeredIn(question, rows);
  const options = question.kind === 'open' ? [] : optionResults(question, answered, audience);
  const result: SegmentResult = {
    segment,
    audience: rows.length,
    responded,
    responseRate: percent(responded, rows.length),
    answered: tallyOf(answered.map((a) => a.member)),
    options,
    leading: leadingOptions(options),
  };
  if (question.kind === 'scale') result.mean = meanOf(answered);
  // A party segment says whether it is a local party (lokale partij).
  if (dimension === 'party' && segment !== NO_PARTY) result.local = rows.some((r) => r.response?.partyIsLocal);
  return result;
}

function breakdowns(question: Question, rows: readonly Row[]): Breakdown[] {
  return ALL_DIMENSIONS.map((dimension) => {
    const segments = [...groupBy(rows, dimension).entries()].map(([segment, members]) => segmentResult(question, dimension, segment, members));
    return { dimension, segments, divergence: divergenceOf(question, dimension, segments) };
  });
}

function questionResult(question: Question, rows: readonly Row[], staff: boolean): QuestionResult {
  const audience = tallyOf(rows.map((r) => r.member));
  const responded = tallyOf(rows.filter((r) => r.response).map((r) => r.member));
  const answered = answeredIn(question, rows);
  const answeredTally = tallyOf(answered.map((a) => a.member));
  const perDimension = breakdowns(question, rows);
  const divergences = perDimension.flatMap((b) => (b.divergence ? [b.divergence] : []));
  const result: QuestionResult = {
    questionId: question.id,
    position: question.position,
    kind: question.kind,
    text: question.text,
    audience,
    responded,
    answered: answeredTally,
    skipped: minus(responded, answeredTally),
    noResponse: minus(audience, responded),
    options: question.kind === 'open' ? [] : optionResults(question, answered, audience),
    breakdowns: perDimension,
    divergence: divergences.reduce<Divergence | null>((max, d) => (!max || Number(d.points) > Number(max.points) ? d : max), null),
  };
  if (question.kind === 'scale') result.mean = meanOf(answered);
  if (staff && question.kind === 'open')
    result.openAnswers = answered.map(({ member, answer }) => openAnswer(member, rows, 'text' in answer ? answer.text : ''));
  if (staff && question.kind === 'position') {
    result.reasons = answered.flatMap(({ member, answer }) =>
      'reason' in answer && answer.reason?.trim()
        ? [{ memberId: member.memberId, memberName: member.name, choice: answer.choice, reason: answer.reason.trim() }]
        : [],
    );
  }
  return result;
}

function openAnswer(member: AudienceMember, rows: readonly Row[], text: string) {
  const response = rows.find((r) => r.member.memberId === member.memberId)?.response;
  return {
    memberId: member.memberId,
    memberName: member.name,
    province: member.province,
    sizeClass: member.sizeClass,
    memberClass: member.memberClass,
    networks: [...member.networks],
    party: response?.party ?? null,
    text: text.trim(),
  };
}

function responseRates(rows: readonly Row[]): DimensionRates[] {
  return MEMBER_DIMENSIONS.map((dimension) => ({
    dimension,
    segments: [...groupBy(rows, dimension).entries()].map(([segment, members]) => {
      const responded = members.filter((r) => r.response).length;
      return { segment, audience: members.length, responded, rate: percent(responded, members.length) };
    }),
  }));
}

export interface ComputedResults {
  audience: Tally;
  responded: Tally;
  noResponse: Tally;
  responseRate: Shares;
  responseRates: DimensionRates[];
  questions: QuestionResult[];
  nonResponders: { memberId: string; name: string; code: string; province: string; draft: boolean }[];
}

/**
 * Results over the audience snapshot. Only submitted responses count; a response from a member
 * outside the snapshot (impossible through the API) is ignored rather than inflating a figure.
 * `staff` adds open answers and reasons; callers strip nonResponders for others.
 */
export function computeResults(
  questions: readonly Question[],
  audience: readonly AudienceMember[],
  submitted: readonly SubmittedResponse[],
  draftMemberIds: ReadonlySet<string>,
  staff: boolean,
): ComputedResults {
  const byMember = new Map(submitted.map((r) => [r.memberId, r]));
  const rows: Row[] = audience.map((member) => ({ member, response: byMember.get(member.memberId) }));
  const audienceTally = tallyOf(audience);
  const responded = tallyOf(rows.filter((r) => r.response).map((r) => r.member));
  return {
    audience: audienceTally,
    responded,
    noResponse: minus(audienceTally, responded),
    responseRate: sharesOf(responded, audienceTally),
    responseRates: responseRates(rows),
    questions: questions.map((q) => questionResult(q, rows, staff)),
    nonResponders: rows
      .filter((r) => !r.response)
      .map(({ member }) => ({
        memberId: member.memberId,
        name: member.name,
        code: member.code,
        province: member.province,
        draft: draftMemberIds.has(member.memberId),
      }))
      .sort((a, b) => a.name.localeCompare(b.name, 'nl')),
  };
}
