import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAudit, type Actor } from '../core/audit.js';
import type { Database, Row } from '../core/db/schema.js';
import { inTransaction } from '../core/db/transaction.js';
import { problems, text } from '../core/errors.js';
import { publish } from '../core/events.js';
import { registerAsOf } from '../members/store.js';
import { mandatesInForce } from '../people/store.js';
import { attendanceOf } from '../meetings/attendance.js';
import { assertDecidable, courseView } from '../course/decidable.js';
import { recordVoteDecision } from '../course/decisions.js';
import { courseProblem } from '../course/problems.js';
import { countingCommitteeRefusal, itemPollRefusal, pollRule, requiredRule, voteOutcome, type CourseRefusal, type RequiredRule } from '../course/rules.js';
import { appointmentDecisions, isAppointed, lockMeeting } from '../meetings/store.js';
import { profileAsOf } from '../profile/store.js';
import { entitlementsDigest, sealMessage } from '#verify-bundle';
import { instanceSigningKey, signText } from '../core/signing.js';
import { entitledOf, summaryOf, termsOf } from './terms.js';
import type { NewPoll } from './schemas.js';
import type { PollOption } from './tables.js';
import { appendLog, closedProblem, isOpen, lockPoll, pollRow, subjectOf } from './queries.js';
import { computeResult, counted } from './result.js';

type Db = Kysely<Database>;
type PollRow = Row<'polls'>;

const FOR_AGAINST: PollOption[] = [
  { key: 'for', label: 'Voor' },
  { key: 'against', label: 'Tegen' },
  { key: 'abstain', label: 'Onthouden' },
];

/** Opens a vote: who may vote and with which weight is fixed now, from attendance and the register. */
export async function openPoll(db: Db, actor: Actor, input: NewPoll, replaces: string | null = null): Promise<string> {
  const id = randomUUID();
  await inTransaction(db, async (trx) => {
    const meeting = await lockMeeting(trx, input.meetingId);
    if (!meeting.opened_at || meeting.closed_at) throw problems.conflict(text('De vergadering is niet geopend.', 'The meeting is not in session.'));
    const subject = input.subject;
    const profile = await profileAsOf(trx, meeting.date);
    const required = subject.type === 'trial' ? null : await assertVotable(trx, meeting.id, subject, profile.majority);
    if (subject.type !== 'trial') {
      const refusal = countingCommitteeRefusal(profile, await appointedCountingMembers(trx, meeting.id));
      if (refusal) throw courseProblem(refusal);
    }
    const open = await trx
      .selectFrom('polls')
      .select('id')
      .where('meeting_id', '=', meeting.id)
      .where('closed_at', 'is', null)
      .where('cancelled_at', 'is', null)
      .executeTakeFirst();
    if (open)
      throw problems.conflict(
        text('Er loopt al een stemming in deze vergadering; sluit die eerst.', 'A poll is already open in this meeting; close it first.'),
      );

    const register = new Map((await registerAsOf(trx, meeting.date)).map((m) => [m.id, m]));
    const attendance = await attendanceOf(trx, meeting.id);
    // Every path that ends a mandate ends its check-in; this keeps anyone without one out regardless.
    const mandates = await mandatesInForce(trx, [...new Set(attendance.voteHolders.map((h) => h.personId))], meeting.date);
    const holdsVia = (h: (typeof attendance.voteHolders)[number]) =>
      h.via === 'check-in'
        ? h.memberId
        : attendance.proxies.find((p) => !p.revokedAt && p.grantorMemberId === h.memberId && p.holderPersonId === h.personId)?.holderMemberId;
    const holders = attendance.voteHolders.filter((h) => h.holderPresent && mandates.has(`${h.personId}:${holdsVia(h)}`));
    if (holders.length === 0) throw problems.conflict(text('Niemand kan stemmen: er is geen lid aangemeld.', 'Nobody can vote: no member is checked in.'));
    const choice = !!input.options;
    const options = input.options ?? FOR_AGAINST;
    const chosen = pollRule(input.rule, required, choice ? 'plurality' : profile.majority.default);
    if ('status' in chosen) throw courseProblem(chosen);
    const rule = chosen.rule as PollRow['rule'];
    if (choice !== (rule === 'plurality')) {
      throw problems.invalid(
        text(
          'Een keuze tussen opties gaat bij meeste stemmen; voor/tegen bij een meerderheidsregel.',
          'A choice between options is decided by plurality; for/against by a majority rule.',
        ),
        [{ name: 'rule', code: 'rule', reason: text('Past niet bij de opties.', 'Does not fit the options.') }],
      );
    }
    const totalWeight = [...register.values()].reduce((sum, m) => sum + (m.voteWeight ?? 0), 0);
    await trx
      .insertInto('polls')
      .values({
        id,
        meeting_id: meeting.id,
        subject_type: subject.type,
        subject_id: subject.type === 'trial' ? null : subject.id,
        question:
          input.question ??
          (subject.type === 'trial'
            ? 'Proefstemming: werkt uw stemkastje?'
            : ((await subjectOf(trx, { subject_type: subject.type, subject_id: subject.id, meeting_id: meeting.id }))?.title ?? '')),
        kind: choice ? 'choice' : 'for-against',
        options: JSON.stringify(options),
        rule,
        quorum_percent: profile.quorum.presentWeightPercent,
        tie_outcome: profile.tie.outcome,
        secrecy: input.secrecy ?? (profile.voting.perMemberVotesVisibleTo === 'committee' ? 'secret' : 'named'),
        allow_recast: profile.voting.allowRecast,
        show_running: profile.voting.showRunningResult,
        percent_decimals: profile.voting.percentDecimals,
        reference_date: meeting.date,
        total_weight: totalWeight,
        opened_by: actor.label,
        closes_at: input.closesAt ? new Date(input.closesAt) : null,
        replaces_poll_id: replaces,
        rule_source: required?.source ?? null,
      })
      .execute();
    const entitled = holders.map((h) => {
      const member = register.get(h.memberId);
      return {
        poll_id: id,
        member_id: h.memberId,
        weight: member?.voteWeight ?? 0,
        holder_person_id: h.personId,
        via: h.via,
        segments: JSON.stringify({
          province: member ? [member.province] : [],
          sizeClass: member?.sizeClass ? [member.sizeClass] : [],
          network: member?.networks ?? [],
        }),
      };
    });
    await trx.insertInto('poll_entitlements').values(entitled).execute();
    // The opening entry records everything the outcome depends on: the terms as stored on the poll
    // row and the frozen entitlements (member, weight, holder), so the result can be recounted from
    // the log alone and a later change to the row or the entitlements is found.
    const frozen = entitledOf(entitled);
    await appendLog(trx, id, [
      { kind: 'opened', payload: { pollId: id, terms: termsOf(await pollRow(trx, id)), entitled: frozen, entitlementsDigest: entitlementsDigest(frozen) } },
    ]);
    await recordAudit(trx, actor, {
      action: 'poll.opened',
      entityType: 'meeting',
      entityId: meeting.id,
      data: { pollId: id, subject, rule, entitled: entitled.length, replaces },
    });
    await publish(trx, `poll:${id}`, { pollId: id });
    await publish(trx, `meeting:${meeting.id}`, { pollId: id });
  });
  return id;
}

/**
 * A vote opens only where the course rules allow the outcome adopting it would give (the same rules
 * as for a decision the chair records): no vote on a proposal before its motions and amendments, none
 * on the "proposal" of an item that has none. Returns the stricter rule the subject demands, if any.
 */
async function assertVotable(
  trx: Db,
  meetingId: string,
  subject: { type: 'agenda-item' | 'submission'; id: string },
  majority: Parameters<typeof requiredRule>[1],
): Promise<RequiredRule | null> {
  await assertUndecidedSubject(trx, meetingId, subject);
  if (subject.type === 'submission') {
    await assertDecidable(trx, meetingId, subject, 'adopted');
    return null;
  }
  const row = await trx.selectFrom('agenda_items').selectAll().where('id', '=', subject.id).executeTakeFirstOrThrow();
  const { item, state } = await courseView(trx, row);
  const refusal: CourseRefusal | null = itemPollRefusal(item, state);
  if (refusal) throw courseProblem(refusal);
  await assertDecidable(trx, meetingId, subject, voteOutcome(item, 'adopted')!);
  return requiredRule(item, majority);
}

/** Members of the vote-counting committee the meeting has appointed (by its decision on the appointments item). */
async function appointedCountingMembers(trx: Db, meetingId: string): Promise<number> {
  const decidedAt = (await appointmentDecisions(trx, [meetingId])).get(meetingId);
  if (!decidedAt) return 0;
  const members = await trx
    .selectFrom('meeting_appointments')
    .select('created_at')
    .where('meeting_id', '=', meetingId)
    .where('function', '=', 'counting-committee')
    .execute();
  return members.filter((m) => isAppointed(m, decidedAt)).length;
}

async function assertUndecidedSubject(trx: Db, meetingId: string, subject: { type: 'agenda-item' | 'submission'; id: string }) {
  const table = subject.type === 'agenda-item' ? 'agenda_items' : 'submissions';
  const row = await trx.selectFrom(table).select('meeting_id').where('id', '=', subject.id).executeTakeFirst();
  if (!row || row.meeting_id !== meetingId) {
    throw problems.invalid(text('Dit onderwerp hoort niet bij deze vergadering.', 'This subject does not belong to this meeting.'), [
      { name: 'subject', code: 'other-meeting', reason: text('Ander onderwerp.', 'Other subject.') },
    ]);
  }
  const decided = await trx
    .selectFrom('decisions')
    .select('id')
    .where('subject_type', '=', subject.type)
    .where('subject_id', '=', subject.id)
    .executeTakeFirst();
  if (decided) throw problems.conflict(text('Hierover is al besloten.', 'This has already been decided.'));
}

/** Closes the vote, stores the result with the chain head and records the decision on its subject. */
export async function closePoll(db: Db, actor: Actor, pollId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const poll = await lockPoll(trx, pollId);
    if (!isOpen(poll)) throw closedProblem();
    const count = await counted(trx, pollId);
    const provisional = await computeResult(trx, poll, count, '');
    const summary = summaryOf(provisional);
    const head = await appendLog(trx, pollId, [{ kind: 'closed', payload: { result: summary } }]);
    const result = { ...provisional, chainHead: head };
    // The seal: the chain head and the result signed with the instance's key, which is not in the
    // database, so a rewrite of log, ballots and result together cannot be sealed again.
    const key = instanceSigningKey();
    const message = sealMessage(pollId, head, summary);
    await trx
      .insertInto('poll_seals')
      .values({ poll_id: pollId, chain_head: head, message, signature: signText(key, message), public_key: key.publicKey, key_id: key.keyId })
      .execute();
    await trx
      .updateTable('polls')
      .set({ closed_at: new Date(), closed_by: actor.label, result: JSON.stringify(result), chain_head: head })
      .where('id', '=', pollId)
      .execute();
    if (poll.subject_type !== 'trial' && poll.subject_id && (result.outcome === 'adopted' || result.outcome === 'rejected')) {
      const decided = await trx
        .selectFrom('decisions')
        .select('id')
        .where('subject_type', '=', poll.subject_type)
        .where('subject_id', '=', poll.subject_id)
        .executeTakeFirst();
      const outcome = decided ? null : await decisionOutcome(trx, poll.subject_type, poll.subject_id, result.outcome);
      if (outcome) {
        const subject = { type: poll.subject_type as 'agenda-item' | 'submission', id: poll.subject_id };
        await recordVoteDecision(trx, actor, { meetingId: poll.meeting_id, subject, outcome, pollId, statement: result.statement.nl });
      }
    }
    await recordAudit(trx, actor, {
      action: 'poll.closed',
      entityType: 'meeting',
      entityId: poll.meeting_id,
      data: { pollId, outcome: result.outcome, percentFor: result.percentFor, chainHead: head, keyId: key.keyId },
    });
    await publish(trx, `poll:${pollId}`, { pollId });
    await publish(trx, `meeting:${poll.meeting_id}`, { pollId });
  });
}

/** What the vote decides on its subject; null when that outcome does not fit it (the subject stays open). */
async function decisionOutcome(trx: Db, type: 'agenda-item' | 'submission', id: string, result: 'adopted' | 'rejected'): Promise<string | null> {
  if (type === 'submission') return result;
  const item = await trx.selectFrom('agenda_items').select(['kind', 'purpose']).where('id', '=', id).executeTakeFirstOrThrow();
  return voteOutcome({ kind: item.kind, purpose: item.purpose, proposal: null }, result);
}

export async function cancelPoll(db: Db, actor: Actor, pollId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const poll = await lockPoll(trx, pollId);
    if (!isOpen(poll)) throw closedProblem();
    const head = await appendLog(trx, pollId, [{ kind: 'cancelled', payload: {} }]);
    await trx.updateTable('polls').set({ cancelled_at: new Date(), closed_by: actor.label, chain_head: head }).where('id', '=', pollId).execute();
    await recordAudit(trx, actor, { action: 'poll.cancelled', entityType: 'meeting', entityId: poll.meeting_id, data: { pollId } });
    await publish(trx, `poll:${pollId}`, { pollId });
    await publish(trx, `meeting:${poll.meeting_id}`, { pollId });
  });
}

/** Votes again on the same question as a new poll; an open earlier poll is cancelled first. */
export async function reopenPoll(db: Db, actor: Actor, pollId: string): Promise<string> {
  return inTransaction(db, async (trx) => {
    const poll = await lockPoll(trx, pollId);
    if (isOpen(poll)) await cancelPoll(trx, actor, pollId);
    const decidedByIt = await trx.selectFrom('decisions').select('id').where('poll_id', '=', pollId).executeTakeFirst();
    if (decidedByIt) throw problems.conflict(text('Deze stemming heeft al tot een besluit geleid.', 'This poll has already led to a decision.'));
    const options = poll.options as unknown as PollOption[];
    return openPoll(
      trx,
      actor,
      {
        meetingId: poll.meeting_id,
        subject: poll.subject_type === 'trial' || !poll.subject_id ? { type: 'trial' } : { type: poll.subject_type, id: poll.subject_id },
        question: poll.question,
        ...(poll.kind === 'choice' ? { options } : {}),
        rule: poll.rule,
        secrecy: poll.secrecy,
      },
      pollId,
    );
  });
}
