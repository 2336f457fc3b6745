import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAudit, type Actor } from '../core/audit.js';
import type { Subject } from '../core/auth/policy.js';
import { agendaPolicy } from '../agenda/policy.js';
import { longDate } from '../core/dates.js';
import type { Database } from '../core/db/schema.js';
import { inTransaction } from '../core/db/transaction.js';
import { problems, text } from '../core/errors.js';
import { agendaOf } from '../agenda/store.js';
import { listSubmissions } from '../motions/present.js';
import type { Amendment, Motion } from '../motions/schemas.js';
import { speakersOf } from '../course/speakers.js';
import { EARLY_MINUTES, submissionPhrase, type Phrase, type SubmissionOutcome } from '../agenda/phrases.js';
import { sealLine, voteSeals, voteStatements, type VoteSeal } from '../agenda/vote-statements.js';
import { minutesPolicy } from './policy.js';
import { escapeMarkdown as md, renderMarkdown } from '../meetings/markdown.js';
import { appointmentDecisions, getMeeting, isAppointed, lockMeeting, meetingRow, minutesApprovals, recordMoments } from '../meetings/store.js';
import { labelOf } from '../agenda/phrases.js';
import type { DecisionMethod } from '../agenda/phrases.js';

type Db = Kysely<Database>;

const FUNCTION_NL = {
  chair: 'Voorzitter',
  'technical-chair': 'Technisch voorzitter',
  'counting-committee': 'Commissie van stemopneming',
  'minutes-committee': 'Notulencommissie',
} as const;
const COMMITTEES: readonly string[] = ['counting-committee', 'minutes-committee'];
const ADVICE_NL = { 'take-over': 'overnemen', 'advise-against': 'ontraden', 'leave-to-meeting': 'oordeel vergadering', positive: 'positief' } as const;

/** The decision list (besluitenlijst): per item in agenda order, its motions and amendments, then its own decision. */
export async function decisionList(db: Db, meetingId: string, reader: Subject) {
  const meeting = await meetingRow(db, meetingId);
  const label = labelOf(meeting);
  const [items, motions, amendments, methods] = await Promise.all([
    agendaOf(db, meetingId, agendaPolicy.can(reader, 'readNonPublic')),
    listSubmissions(db, 'motion', { meetingId }),
    listSubmissions(db, 'amendment', { meetingId }),
    methodsOf(db, meetingId),
  ]);
  return {
    meetingId,
    items: items.map((item) => {
      const submissions = [...motions, ...amendments].filter((s) => s.agendaItemId === item.id && s.status !== 'filed');
      const phrases = submissions.map((s) => ({
        subjectType: 'submission' as const,
        subjectId: s.id,
        title: s.title,
        ...phraseOfSubmission(label, s, methods),
      }));
      const own = item.decision ? [{ subjectType: 'agenda-item' as const, subjectId: item.id, title: item.title, ...item.decision.phrase }] : [];
      const early = item.decision?.minutesApprovedAt ? [{ subjectType: 'agenda-item' as const, subjectId: item.id, title: item.title, ...EARLY_MINUTES }] : [];
      return { itemId: item.id, number: item.number, title: item.title, phrases: [...phrases, ...own, ...early] };
    }),
  };
}

/** How each decision of the meeting was taken, by subject, with the poll's statement for votes. */
async function methodsOf(db: Db, meetingId: string): Promise<Methods> {
  const rows = await db.selectFrom('decisions').select(['subject_id', 'method']).where('meeting_id', '=', meetingId).execute();
  const byVote = rows.filter((r) => r.method === 'vote').map((r) => r.subject_id);
  return { methods: new Map(rows.map((r) => [r.subject_id, r.method])), votes: await voteStatements(db, byVote), seals: await voteSeals(db, byVote) };
}

interface Methods {
  methods: Map<string, DecisionMethod>;
  votes: Map<string, Phrase>;
  /** The seal of each vote, printed under its statement in the minutes. */
  seals: Map<string, VoteSeal>;
}

const phraseOfSubmission = (label: 'ALV' | 'BALV', s: Motion | Amendment, { methods, votes }: Methods): Phrase =>
  votes.get(s.id) ??
  submissionPhrase(label, { type: 'submission', kind: 'request' in s ? 'motion' : 'amendment' }, s.status as SubmissionOutcome, methods.get(s.id) ?? 'none');

/** A first draft of the minutes from the recorded course; staff edit it afterwards. */
export async function draftMinutes(db: Db, meetingId: string): Promise<string> {
  const meeting = await getMeeting(db, meetingId);
  const row = await meetingRow(db, meetingId);
  const label = labelOf(row);
  const [items, motions, amendments, present, methods] = await Promise.all([
    agendaOf(db, meetingId, true),
    listSubmissions(db, 'motion', { meetingId }),
    listSubmissions(db, 'amendment', { meetingId }),
    db.selectFrom('check_ins').select('member_id').distinct().where('meeting_id', '=', meetingId).execute(),
    methodsOf(db, meetingId),
  ]);
  // Every user text goes in through md(): a title or name never becomes markup in the minutes.
  const lines: string[] = [
    `# Notulen ${md(meeting.title)} (${label})`,
    '',
    `${longDate(meeting.date, 'nl')}${meeting.location ? `, ${md(meeting.location)}` : ''}.`,
    '',
  ];
  lines.push(`Aanwezig: ${present.length} ${present.length === 1 ? 'lid' : 'leden'} (presentielijst).`, '');
  for (const fn of ['chair', 'technical-chair', 'counting-committee', 'minutes-committee'] as const) {
    // A committee is what the meeting appointed: a proposed member the meeting did not appoint is not named.
    const names = meeting.appointments.filter((a) => a.function === fn && (a.appointed || !COMMITTEES.includes(fn))).map((a) => md(a.name));
    if (names.length) lines.push(`- ${FUNCTION_NL[fn]}: ${names.join(', ')}`);
  }
  lines.push('');
  for (const item of items) {
    lines.push(`## ${item.number}. ${md(item.title)}`, '');
    // Approved minutes are public: what was discussed behind closed doors stays out of them.
    if (!item.public) {
      lines.push('Dit agendapunt is besloten behandeld.', '');
      continue;
    }
    if (item.portfolioHolder) lines.push(`Portefeuillehouder: ${md(item.portfolioHolder)}.`, '');
    // Who had the floor, in the order they spoke; a request that never got the floor is not in the minutes.
    const speakers = (await speakersOf(db, item.id))
      .filter((s) => s.status === 'speaking' || s.status === 'done')
      .sort((a, b) => (a.floorAt ?? a.recordedAt).localeCompare(b.floorAt ?? b.recordedAt));
    for (const round of [1, 2] as const) {
      const inRound = speakers.filter((s) => s.round === round).map((s) => (s.memberName ? `${md(s.name)} (${md(s.memberName)})` : md(s.name)));
      if (inRound.length) lines.push(`${round === 1 ? 'Eerste termijn' : 'Tweede termijn'}: ${inRound.join(', ')}.`, '');
    }
    for (const s of [...motions, ...amendments].filter((x) => x.agendaItemId === item.id)) {
      lines.push(submissionLine(label, s, methods), '');
      const seal = methods.seals.get(s.id);
      if (seal) lines.push(sealLine(seal), '');
    }
    // The decision's text itself, so that the minutes say what was decided, not only that it was.
    if (item.effectiveDecisionText && item.effectiveDecisionText !== item.decisionText)
      lines.push(`Het voorstel luidt na amendering: ${md(item.effectiveDecisionText)}`, '');
    else if (item.decision && item.decisionText?.trim()) lines.push(`Voorstel: ${md(item.decisionText)}`, '');
    if (item.decision) lines.push(`**${item.decision.phrase.nl}**`, '');
    const seal = methods.seals.get(item.id);
    if (item.decision && seal) lines.push(sealLine(seal), '');
    if (item.decision?.minutesApprovedAt) lines.push(EARLY_MINUTES.nl, '');
  }
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

function submissionLine(label: 'ALV' | 'BALV', s: Motion | Amendment, methods: Methods): string {
  const noun = 'request' in s ? 'Motie' : 'Amendement';
  const by = md(s.onBehalfOf ?? s.submitters.map((m) => m.memberName).join(', '));
  const advice = s.boardAdvice ? `; advies van het bestuur: ${ADVICE_NL[s.boardAdvice]}` : '';
  const outcome = s.status === 'filed' ? 'Niet in behandeling genomen.' : phraseOfSubmission(label, s, methods).nl;
  return `${noun} "${md(s.title)}" (ingediend door ${by}${advice}). ${outcome}`;
}

export type MinutesStatus = 'draft' | 'faithful' | 'approved';

export async function minutesOf(db: Db, meetingId: string, reader: Subject) {
  const meeting = await meetingRow(db, meetingId);
  const versions = await db.selectFrom('minutes_versions').selectAll().where('meeting_id', '=', meetingId).orderBy('version', 'desc').execute();
  const approval = (await minutesApprovals(db, [meetingId])).get(meetingId);
  const status: MinutesStatus = approval ? 'approved' : meeting.minutes_faithful_at ? 'faithful' : 'draft';
  // Only approved minutes are public; drafts are for the members.
  if (status !== 'approved') minutesPolicy.authorize(reader, 'readDrafts');
  const current = versions[0];
  if (!current) throw problems.notFound(text('Notulen van vergadering', 'Minutes of meeting'), meetingId);
  return {
    meetingId,
    status,
    current: {
      version: current.version,
      body: current.body,
      html: renderMarkdown(current.body),
      note: current.note,
      createdAt: current.created_at.toISOString(),
      createdBy: current.created_by,
    },
    versions: versions.map((v) => ({ version: v.version, createdAt: v.created_at.toISOString(), createdBy: v.created_by, note: v.note })),
  };
}

export async function addMinutesVersion(db: Db, actor: Actor, meetingId: string, body: string, note: string | null): Promise<number> {
  return inTransaction(db, async (trx) => {
    await lockMeeting(trx, meetingId);
    if ((await minutesApprovals(trx, [meetingId])).has(meetingId)) {
      throw problems.conflict(
        text('Deze notulen zijn vastgesteld en kunnen niet meer veranderen.', 'These minutes have been approved and can no longer change.'),
      );
    }
    const last = await trx.selectFrom('minutes_versions').select('version').where('meeting_id', '=', meetingId).orderBy('version', 'desc').executeTakeFirst();
    const version = (last?.version ?? 0) + 1;
    await trx.insertInto('minutes_versions').values({ id: randomUUID(), meeting_id: meetingId, version, body, note, created_by: actor.label }).execute();
    // A changed text needs the minutes committee's review again.
    await recordMoments(trx, meetingId, { minutes_faithful_at: null, minutes_faithful_by: null });
    await recordAudit(trx, actor, { action: 'minutes.version-added', entityType: 'meeting', entityId: meetingId, data: { version, note } });
    return version;
  });
}

/** The minutes committee finds the minutes "een getrouw beeld" of the meeting. */
export async function markFaithful(db: Db, actor: Actor, person: NonNullable<Subject> & { name: string }, meetingId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const meeting = await lockMeeting(trx, meetingId);
    const appointment = await trx
      .selectFrom('meeting_appointments')
      .select('created_at')
      .where('meeting_id', '=', meetingId)
      .where('function', '=', 'minutes-committee')
      .where('person_id', '=', person.id)
      .executeTakeFirst();
    // Only someone the meeting appointed to its minutes committee, not merely proposed.
    const onCommittee = !!appointment && isAppointed(appointment, (await appointmentDecisions(trx, [meetingId])).get(meetingId));
    minutesPolicy.authorize(person, 'markFaithful', { appointed: onCommittee });
    const last = await trx.selectFrom('minutes_versions').select('version').where('meeting_id', '=', meetingId).orderBy('version', 'desc').executeTakeFirst();
    if (!last) throw problems.conflict(text('Er zijn nog geen notulen.', 'There are no minutes yet.'));
    if (meeting.minutes_faithful_at)
      throw problems.conflict(text('De notulencommissie heeft deze notulen al goedgekeurd.', 'The minutes committee has already reviewed these minutes.'));
    await recordMoments(trx, meetingId, { minutes_faithful_at: new Date(), minutes_faithful_by: person.name });
    await recordAudit(trx, actor, {
      action: 'minutes.faithful',
      entityType: 'meeting',
      entityId: meetingId,
      data: { version: last.version, onCommittee: !!onCommittee },
    });
  });
}
