import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAudit } from '../core/audit.js';
import type { Database, Row } from '../core/db/schema.js';
import { inTransaction } from '../core/db/transaction.js';
import { Problem, problems, text } from '../core/errors.js';
import { memberStatesAsOf } from '../members/store.js';
import { designatedOffice } from '../people/store.js';
import { recordDecisions } from '../course/decisions.js';
import { lockMeeting } from '../meetings/store.js';
import type { SubmissionKind } from './tables.js';
import type { Decision } from '../meetings/schemas.js';
import { firstSubmitter, mayChangeSubmitters, missingAgreement, type SubmitterPlace, type SubmittersChange } from './rules.js';
import { motionPolicy } from './policy.js';
import { assertOpen, holdWithdrawMode, submissionRow, type Filer } from './queries.js';

/**
 * Who submits a motion or amendment, by consent: the first submitter invites or adds co-submitters,
 * the invited member's representative accepts or declines, a co-submitter leaves with their own name
 * only; holding or withdrawing takes the first submitter's word or every submitter's (profile).
 */
type Db = Kysely<Database>;

const INVITATION = text('Uitnodiging voor lid', 'Invitation for member');
const SUBMITTER = text('Indiener', 'Submitter');

const refused = ([nl, en]: readonly [string, string]) => new Problem(403, 'forbidden', text('Geen toegang', 'Forbidden'), text(nl, en));
const NO_CONSENT = {
  invite: ['Alleen de eerste indiener nodigt mede-indieners uit of voegt ze toe.', 'Only the first submitter invites or adds co-submitters.'],
  add: ['Alleen de eerste indiener nodigt mede-indieners uit of voegt ze toe.', 'Only the first submitter invites or adds co-submitters.'],
  'cancel-invitation': ['Alleen de eerste indiener kan deze uitnodiging intrekken.', 'Only the first submitter can cancel this invitation.'],
  'answer-invitation': [
    'Alleen een vertegenwoordiger van het uitgenodigde lid beantwoordt deze uitnodiging.',
    'Only a representative of the invited member answers this invitation.',
  ],
  remove: [
    'Een mede-indiener trekt alleen de eigen naam terug; de eerste indiener kan een mede-indiener verwijderen.',
    'A co-submitter withdraws only their own name; the first submitter can remove a co-submitter.',
  ],
} as const satisfies Record<SubmittersChange, readonly [string, string]>;

interface Scene {
  submission: Row<'submissions'>;
  date: string;
  submitters: SubmitterPlace[];
  first: string | undefined;
  /** The members among `candidates` the filer represents on the meeting date. */
  actsFor: Set<string>;
  manages: boolean;
}

/** Locks the meeting, refuses a closed meeting or a decided submission, and says whom the filer acts for. */
async function scene(trx: Db, filer: Filer, kind: SubmissionKind, id: string, candidates: readonly string[] = []): Promise<Scene> {
  const submission = await submissionRow(trx, kind, id);
  const meeting = await lockMeeting(trx, submission.meeting_id);
  if (meeting.closed_at) throw problems.conflict(text('Deze vergadering is gesloten.', 'This meeting is closed.'));
  await assertOpen(trx, submission);
  const submitters = await trx
    .selectFrom('submission_members')
    .select(['member_id as memberId', 'position'])
    .where('submission_id', '=', id)
    .orderBy('position')
    .execute();
  const actsFor = new Set<string>();
  for (const memberId of new Set([...submitters.map((s) => s.memberId), ...candidates])) {
    if (await designatedOffice(trx, filer.subject.id, memberId, meeting.date)) actsFor.add(memberId);
  }
  return {
    submission,
    date: meeting.date,
    submitters,
    first: firstSubmitter(submitters),
    actsFor,
    manages: motionPolicy.can(filer.subject, 'manageSubmitters'),
  };
}

function assertMay(change: SubmittersChange, s: Scene, target: string): void {
  if (!mayChangeSubmitters(change, { actsFor: (m) => s.actsFor.has(m), manages: s.manages }, s.first, target)) throw refused(NO_CONSENT[change]);
}

async function assertMember(trx: Db, date: string, memberId: string): Promise<void> {
  const [member] = await memberStatesAsOf(trx, date, memberId);
  if (!member) {
    throw problems.invalid(text('Dit lid bestaat niet op de vergaderdatum.', 'This member does not exist on the meeting date.'), [
      { name: 'memberId', code: 'refused', reason: text('Geen lid op de vergaderdatum.', 'Not a member on the meeting date.') },
    ]);
  }
}

const openInvitation = (trx: Db, submissionId: string, memberId: string) =>
  trx
    .selectFrom('submission_invitations')
    .selectAll()
    .where('submission_id', '=', submissionId)
    .where('member_id', '=', memberId)
    .where('answer', 'is', null)
    .executeTakeFirst();

async function appendSubmitter(trx: Db, s: Scene, memberId: string, by: string): Promise<void> {
  const last = s.submitters.reduce((max, x) => Math.max(max, x.position), 0);
  await trx
    .insertInto('submission_members')
    .values({ submission_id: s.submission.id, member_id: memberId, position: last + 1, joined_by: by })
    .execute();
}

function assertNotSubmitting(s: Scene, memberId: string): void {
  if (s.submitters.some((x) => x.memberId === memberId)) throw problems.conflict(text('Dit lid dient al mee in.', 'This member already submits it.'));
}

/** The first submitter invites a member to co-submit; its representative answers. */
export async function inviteCoSubmitter(db: Db, filer: Filer, kind: SubmissionKind, id: string, memberId: string): Promise<string> {
  return inTransaction(db, async (trx) => {
    const s = await scene(trx, filer, kind, id);
    assertMay('invite', s, memberId);
    await assertMember(trx, s.date, memberId);
    assertNotSubmitting(s, memberId);
    if (await openInvitation(trx, id, memberId)) throw problems.conflict(text('Dit lid is al uitgenodigd.', 'This member has already been invited.'));
    const invitationId = randomUUID();
    await trx.insertInto('submission_invitations').values({ id: invitationId, submission_id: id, member_id: memberId, invited_by: filer.name }).execute();
    await recordAudit(trx, filer.actor, {
      action: `${kind}.co-submitter-invited`,
      entityType: 'meeting',
      entityId: s.submission.meeting_id,
      data: { id, memberId, invitationId },
    });
    return invitationId;
  });
}

/** The invited member's representative accepts (the member joins) or declines. */
export async function answerInvitation(
  db: Db,
  filer: Filer,
  kind: SubmissionKind,
  id: string,
  memberId: string,
  answer: 'accepted' | 'declined',
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const s = await scene(trx, filer, kind, id, [memberId]);
    const invitation = await openInvitation(trx, id, memberId);
    if (!invitation) throw problems.notFound(INVITATION, memberId);
    assertMay('answer-invitation', s, memberId);
    await trx.updateTable('submission_invitations').set({ answer, answered_at: new Date(), answered_by: filer.name }).where('id', '=', invitation.id).execute();
    if (answer === 'accepted') {
      assertNotSubmitting(s, memberId);
      await appendSubmitter(trx, s, memberId, filer.name);
    }
    await recordAudit(trx, filer.actor, {
      action: `${kind}.invitation-${answer}`,
      entityType: 'meeting',
      entityId: s.submission.meeting_id,
      data: { id, memberId, invitationId: invitation.id },
    });
  });
}

/** The first submitter (or the chair or staff) takes an unanswered invitation back. */
export async function cancelInvitation(db: Db, filer: Filer, kind: SubmissionKind, id: string, memberId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const s = await scene(trx, filer, kind, id);
    const invitation = await openInvitation(trx, id, memberId);
    if (!invitation) throw problems.notFound(INVITATION, memberId);
    assertMay('cancel-invitation', s, memberId);
    await trx
      .updateTable('submission_invitations')
      .set({ answer: 'cancelled', answered_at: new Date(), answered_by: filer.name })
      .where('id', '=', invitation.id)
      .execute();
    await recordAudit(trx, filer.actor, {
      action: `${kind}.invitation-cancelled`,
      entityType: 'meeting',
      entityId: s.submission.meeting_id,
      data: { id, memberId, invitationId: invitation.id },
    });
  });
}

/** The first submitter adds a co-submitter directly (agreed outside the system); the chair or staff may too. */
export async function addCoSubmitter(db: Db, filer: Filer, kind: SubmissionKind, id: string, memberId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const s = await scene(trx, filer, kind, id);
    assertMay('add', s, memberId);
    await assertMember(trx, s.date, memberId);
    assertNotSubmitting(s, memberId);
    // An open invitation to the same member has served its purpose.
    await trx
      .updateTable('submission_invitations')
      .set({ answer: 'cancelled', answered_at: new Date(), answered_by: filer.name })
      .where('submission_id', '=', id)
      .where('member_id', '=', memberId)
      .where('answer', 'is', null)
      .execute();
    await appendSubmitter(trx, s, memberId, filer.name);
    await recordAudit(trx, filer.actor, {
      action: `${kind}.co-submitter-added`,
      entityType: 'meeting',
      entityId: s.submission.meeting_id,
      data: { id, memberId },
    });
  });
}

/** A co-submitter leaves (their own name only), or the first submitter, chair or staff removes one. */
export async function removeCoSubmitter(db: Db, filer: Filer, kind: SubmissionKind, id: string, memberId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const s = await scene(trx, filer, kind, id);
    if (!s.submitters.some((x) => x.memberId === memberId)) throw problems.notFound(SUBMITTER, memberId);
    if (memberId === s.first) {
      throw problems.conflict(
        text(
          'De eerste indiener blijft op de lijst; houd de motie of het amendement aan of trek het in.',
          'The first submitter stays on the list; hold or withdraw the motion or amendment instead.',
        ),
      );
    }
    assertMay('remove', s, memberId);
    await trx.deleteFrom('submission_members').where('submission_id', '=', id).where('member_id', '=', memberId).execute();
    const leaving = s.actsFor.has(memberId);
    await recordAudit(trx, filer.actor, {
      action: `${kind}.co-submitter-${leaving ? 'left' : 'removed'}`,
      entityType: 'meeting',
      entityId: s.submission.meeting_id,
      data: { id, memberId },
    });
    // Everyone left may already have agreed to a pending hold or withdrawal.
    await settle(trx, filer, kind, { ...s, submitters: s.submitters.filter((x) => x.memberId !== memberId) });
  });
}

export type HoldOrWithdrawResult = { decision: Decision } | { pending: PendingRequest };
export interface PendingRequest {
  outcome: 'held' | 'withdrawn';
  requestedAt: string;
  requestedBy: string;
  agreed: string[];
  missing: string[];
}

const pendingRequest = (trx: Db, submissionId: string) =>
  trx.selectFrom('submission_requests').selectAll().where('submission_id', '=', submissionId).where('closure', 'is', null).executeTakeFirst();

async function agreedBy(trx: Db, requestId: string): Promise<Set<string>> {
  return new Set(
    (await trx.selectFrom('submission_request_agreements').select('member_id').where('request_id', '=', requestId).execute()).map((a) => a.member_id),
  );
}

/** Records the outcome once nobody's agreement is missing; otherwise says who still has to agree. */
async function settle(trx: Db, filer: Filer, _kind: SubmissionKind, s: Scene): Promise<HoldOrWithdrawResult | undefined> {
  const request = await pendingRequest(trx, s.submission.id);
  if (!request) return undefined;
  const agreed = await agreedBy(trx, request.id);
  const missing = missingAgreement(await holdWithdrawMode(trx, s.date), s.submitters, agreed);
  if (missing.length > 0) {
    const submitting = new Set(s.submitters.map((x) => x.memberId));
    return {
      pending: {
        outcome: request.outcome,
        requestedAt: request.requested_at.toISOString(),
        requestedBy: request.requested_by,
        agreed: [...agreed].filter((m) => submitting.has(m)),
        missing,
      },
    };
  }
  await trx.updateTable('submission_requests').set({ closure: 'decided', closed_at: new Date(), closed_by: filer.name }).where('id', '=', request.id).execute();
  const [decision] = await recordDecisions(
    trx,
    filer.actor,
    s.submission.meeting_id,
    { subjects: [{ type: 'submission', id: s.submission.id }], outcome: request.outcome, method: 'none' },
    { beforeMeeting: true },
  );
  return { decision: decision! };
}

async function assertNotBeingVoted(trx: Db, id: string): Promise<void> {
  const open = await trx
    .selectFrom('polls')
    .select('id')
    .where('subject_type', '=', 'submission')
    .where('subject_id', '=', id)
    .where('closed_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .executeTakeFirst();
  if (open) {
    throw problems.conflict(
      text(
        'De stemming hierover loopt al; aanhouden of intrekken kan niet meer. Vraag het de voorzitter.',
        'The vote on this has started; it can no longer be held or withdrawn. Ask the chair.',
      ),
    );
  }
}

/**
 * Hold (aanhouden: no vote, the meeting takes note) or withdraw, before or in the meeting. A
 * submitter's representative agrees for the submitters they act for; under 'first-submitter' only
 * the first submitter's agreement counts and suffices, under 'all-submitters' the request waits until
 * every submitter has agreed. The chair (and staff) record it directly, as the meeting's record.
 */
export async function holdOrWithdraw(db: Db, filer: Filer, kind: SubmissionKind, id: string, outcome: 'held' | 'withdrawn'): Promise<HoldOrWithdrawResult> {
  return inTransaction(db, async (trx) => {
    const s = await scene(trx, filer, kind, id);
    const mode = await holdWithdrawMode(trx, s.date);
    const speaksFor = s.submitters.map((x) => x.memberId).filter((m) => s.actsFor.has(m) && (mode === 'all-submitters' || m === s.first));
    if (speaksFor.length === 0 && !s.manages) {
      throw refused(
        mode === 'all-submitters'
          ? (['Alleen de indieners samen houden dit aan of trekken het in.', 'Only the submitters together can hold or withdraw this.'] as const)
          : ([
              'Alleen de eerste indiener houdt dit aan of trekt het in; een mede-indiener kan de eigen naam terugtrekken.',
              'Only the first submitter can hold or withdraw this; a co-submitter can withdraw their own name.',
            ] as const),
      );
    }
    await assertNotBeingVoted(trx, id);
    let request = await pendingRequest(trx, id);
    if (speaksFor.length === 0) {
      // The chair or staff record the outcome for the meeting; a pending request is overtaken by it.
      if (request)
        await trx
          .updateTable('submission_requests')
          .set({ closure: 'decided', closed_at: new Date(), closed_by: filer.name })
          .where('id', '=', request.id)
          .execute();
      const [decision] = await recordDecisions(
        trx,
        filer.actor,
        s.submission.meeting_id,
        { subjects: [{ type: 'submission', id }], outcome, method: 'none' },
        { beforeMeeting: true },
      );
      return { decision: decision! };
    }
    if (request && request.outcome !== outcome) {
      throw problems.conflict(
        text(
          'Er ligt al een verzoek om dit {other}; stem daarmee in of wijs het af.'.replace(
            '{other}',
            request.outcome === 'held' ? 'aan te houden' : 'in te trekken',
          ),
          'There is already a request to {other} this; agree to it or decline it.'.replace('{other}', request.outcome === 'held' ? 'hold' : 'withdraw'),
        ),
      );
    }
    if (!request) {
      const requestId = randomUUID();
      await trx.insertInto('submission_requests').values({ id: requestId, submission_id: id, outcome, requested_by: filer.name }).execute();
      request = (await pendingRequest(trx, id))!;
      await recordAudit(trx, filer.actor, {
        action: `${kind}.${outcome === 'held' ? 'hold' : 'withdrawal'}-requested`,
        entityType: 'meeting',
        entityId: s.submission.meeting_id,
        data: { id, requestId, mode },
      });
    }
    await trx
      .insertInto('submission_request_agreements')
      .values(speaksFor.map((memberId) => ({ request_id: request!.id, member_id: memberId, agreed_by: filer.name })))
      .onConflict((oc) => oc.columns(['request_id', 'member_id']).doNothing())
      .execute();
    await recordAudit(trx, filer.actor, {
      action: `${kind}.${outcome === 'held' ? 'hold' : 'withdrawal'}-agreed`,
      entityType: 'meeting',
      entityId: s.submission.meeting_id,
      data: { id, requestId: request.id, memberIds: speaksFor },
    });
    return (await settle(trx, filer, kind, s))!;
  });
}

/** A submitter declines a pending hold or withdrawal (or the chair or staff set it aside): it lapses. */
export async function declineRequest(db: Db, filer: Filer, kind: SubmissionKind, id: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const s = await scene(trx, filer, kind, id);
    const request = await pendingRequest(trx, id);
    if (!request) throw problems.notFound(text('Verzoek tot aanhouden of intrekken bij', 'Request to hold or withdraw for'), id);
    const submitter = s.submitters.some((x) => s.actsFor.has(x.memberId));
    if (!submitter && !s.manages) throw refused(['Alleen een indiener kan dit verzoek afwijzen.', 'Only a submitter can decline this request.']);
    await trx
      .updateTable('submission_requests')
      .set({ closure: submitter ? 'declined' : 'cancelled', closed_at: new Date(), closed_by: filer.name })
      .where('id', '=', request.id)
      .execute();
    await recordAudit(trx, filer.actor, {
      action: `${kind}.${request.outcome === 'held' ? 'hold' : 'withdrawal'}-declined`,
      entityType: 'meeting',
      entityId: s.submission.meeting_id,
      data: { id, requestId: request.id },
    });
  });
}
