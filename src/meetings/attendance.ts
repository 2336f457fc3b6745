import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAudit, type Actor } from '../core/audit.js';
import type { Subject } from '../core/auth/policy.js';
import type { Database } from '../core/db/schema.js';
import { inTransaction } from '../core/db/transaction.js';
import { publish } from '../core/events.js';
import { type Problem, problems, text } from '../core/errors.js';
import { MEMBER, memberStatesAsOf, registerAsOf } from '../members/store.js';
import { PERSON, designatedOffice, designationPending, pendingDesignationExists } from '../people/store.js';
import { profileAsOf } from '../profile/store.js';
import { meetingPolicy } from './policy.js';
import { checkInRefusal, proxyRefusal, revocationRefusal, voteHolders, type CheckInRefusal, type ProxyRefusal, type RevocationRefusal } from './rules.js';
import type { Attendance, NewCheckIn, NewProxy } from './schemas.js';
import { lockMeeting, meetingRow } from './store.js';

type Db = Kysely<Database>;

/** The person doing the request; whom they may act for, the meeting policy says. */
export interface Acting {
  actor: Actor;
  subject: NonNullable<Subject>;
  /** Shown in the attendance record, which every signed-in user reads: a name, no e-mail address. */
  name: string;
}

/** Tells the chair's console (GET /meetings/:id/events) that who is present changed; delivered at commit. */
const attendanceChanged = (trx: Db, meetingId: string) => publish(trx, `meeting:${meetingId}`, { what: 'attendance' });

const CHECK_IN = text('Aanmelding', 'Check-in');
const PROXY = text('Volmacht', 'Proxy');

const refusalTexts: Record<CheckInRefusal | ProxyRefusal | RevocationRefusal, { status: 409 | 422; nl: string; en: string }> = {
  'not-designated': {
    status: 422,
    nl: 'Deze persoon is op de vergaderdatum niet aangewezen om namens dit lid op te treden.',
    en: 'This person is not designated to act for this member on the meeting date.',
  },
  'already-checked-in': { status: 409, nl: 'Deze persoon is al aangemeld voor dit lid.', en: 'This person is already checked in for this member.' },
  'held-by-other': {
    status: 409,
    nl: 'Een andere vertegenwoordiger voert de stem van dit lid al. Neem de stem over als vervanger.',
    en: "Another representative already holds this member's vote. Take over as a substitute.",
  },
  'holds-other-member': {
    status: 409,
    nl: 'Deze persoon voert al de stem van een ander lid in deze vergadering.',
    en: "This person already holds another member's vote in this meeting.",
  },
  'not-allowed': { status: 422, nl: 'Het profiel van de vereniging staat geen volmachten toe.', en: "The association's profile does not allow proxies." },
  'voting-open': { status: 409, nl: 'Er loopt een stemming; volmachten liggen vast tot die sluit.', en: 'A vote is open; proxies are fixed until it closes.' },
  'grantor-present': { status: 409, nl: 'Dit lid is zelf aanwezig en stemt zelf.', en: 'This member is present and votes itself.' },
  'already-granted': {
    status: 409,
    nl: 'Dit lid heeft voor deze vergadering al een volmacht gegeven.',
    en: 'This member already gave a proxy for this meeting.',
  },
  'holder-not-designated': {
    status: 422,
    nl: 'De gevolmachtigde is op de vergaderdatum geen aangewezen vertegenwoordiger van het opgegeven lid.',
    en: 'The proxy holder is not a designated representative of the given member on the meeting date.',
  },
  chain: {
    status: 409,
    nl: 'Een volmacht kan niet worden doorgegeven: het lid van de gevolmachtigde gaf zelf een volmacht, of dit lid voert zelf volmachten.',
    en: "A proxy cannot be passed on: the holder's member gave a proxy itself, or this member holds proxies.",
  },
  'maximum-reached': {
    status: 409,
    nl: 'De gevolmachtigde voert al het maximale aantal volmachten.',
    en: 'The proxy holder already holds the maximum number of proxies.',
  },
  'already-revoked': { status: 409, nl: 'Deze volmacht is al ingetrokken.', en: 'This proxy has already been revoked.' },
};

/** Attendance is recorded while a meeting may still be held; after closing it is history. */
const meetingClosed = () => problems.conflict(text('Deze vergadering is gesloten.', 'This meeting is closed.'));

function refused(reason: CheckInRefusal | ProxyRefusal | RevocationRefusal): Problem {
  const t = refusalTexts[reason];
  return t.status === 409
    ? problems.conflict(text(t.nl, t.en))
    : problems.invalid(text(t.nl, t.en), [{ name: reason, code: reason, reason: text(t.nl, t.en) }]);
}

/** Representatives act only for members they are designated for; staff at the door for anyone. */
async function assertActsFor(db: Db, acting: Acting, memberId: string, date: string) {
  // Admitted by role (staff at the door): no designation to look up.
  const designated = meetingPolicy.can(acting.subject, 'actFor', { designated: false }) || !!(await designatedOffice(db, acting.subject.id, memberId, date));
  meetingPolicy.authorize(acting.subject, 'actFor', { designated });
}

/** Proxies are fixed while a vote is open: who holds which vote was frozen when it opened. */
async function votingOpen(db: Db, meetingId: string): Promise<boolean> {
  const open = await db
    .selectFrom('polls')
    .select('id')
    .where('meeting_id', '=', meetingId)
    .where('closed_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .executeTakeFirst();
  return !!open;
}

export async function checkIn(db: Db, acting: Acting, meetingId: string, input: NewCheckIn): Promise<string> {
  const personId = input.personId ?? acting.subject.id;
  meetingPolicy.authorize(acting.subject, 'checkIn', { personId });
  return inTransaction(db, async (trx) => {
    const meeting = await lockMeeting(trx, meetingId);
    const [member] = await memberStatesAsOf(trx, meeting.date, input.memberId);
    if (!member) throw problems.notFound(MEMBER, input.memberId);
    const person = await trx.selectFrom('people').select('id').where('id', '=', personId).executeTakeFirst();
    if (!person) throw problems.notFound(PERSON, personId);
    const office = await designatedOffice(trx, personId, input.memberId, meeting.date);
    const open = await trx
      .selectFrom('check_ins')
      .select(['id', 'member_id', 'person_id'])
      .where('meeting_id', '=', meetingId)
      .where('checked_out_at', 'is', null)
      .execute();
    const current = open.find((c) => c.member_id === input.memberId);
    const refusal = checkInRefusal({
      designated: !!office,
      currentHolderId: current?.person_id ?? null,
      personId,
      takeOver: input.takeOver ?? false,
      holdsOtherMember: open.some((c) => c.person_id === personId && c.member_id !== input.memberId),
    });
    // A designation waiting for a second pair of eyes gives no right to act yet (decision 0010); say so.
    if (!office && (await pendingDesignationExists(trx, personId, input.memberId, meeting.date))) throw designationPending();
    // A representative never acts for a member they are not designated for.
    meetingPolicy.authorize(acting.subject, 'actFor', { designated: !!office });
    // Only then the meeting's state: who may not act at all learns nothing about the meeting.
    if (meeting.closed_at) throw meetingClosed();
    if (refusal || !office) throw refused(refusal ?? 'not-designated');
    const now = new Date();
    if (current) {
      await trx.updateTable('check_ins').set({ checked_out_at: now, checked_out_by: acting.name }).where('id', '=', current.id).execute();
      await recordAudit(trx, acting.actor, {
        action: 'check-in.taken-over',
        entityType: 'meeting',
        entityId: meetingId,
        data: { memberId: input.memberId, from: current.person_id, to: personId },
      });
    }
    const id = randomUUID();
    await trx
      .insertInto('check_ins')
      .values({
        id,
        meeting_id: meetingId,
        member_id: input.memberId,
        person_id: personId,
        office_id: office.officeId,
        capacity: office.capacity,
        checked_in_at: now,
        checked_in_by: acting.name,
      })
      .execute();
    await recordAudit(trx, acting.actor, {
      action: 'check-in.created',
      entityType: 'meeting',
      entityId: meetingId,
      data: { checkInId: id, memberId: input.memberId, member: member.name, personId, capacity: office.capacity },
    });
    // A member that is present votes itself: its proxy lapses.
    const lapsed = await trx
      .updateTable('proxies')
      .set({ revoked_at: now, revoked_by: acting.name, revocation_reason: 'member-checked-in' })
      .where('meeting_id', '=', meetingId)
      .where('grantor_member_id', '=', input.memberId)
      .where('revoked_at', 'is', null)
      .returning('id')
      .execute();
    for (const proxy of lapsed) {
      await recordAudit(trx, acting.actor, {
        action: 'proxy.revoked',
        entityType: 'meeting',
        entityId: meetingId,
        data: { proxyId: proxy.id, grantorMemberId: input.memberId, reason: 'member-checked-in' },
      });
    }
    await attendanceChanged(trx, meetingId);
    return id;
  });
}

export async function checkOut(db: Db, acting: Acting, meetingId: string, checkInId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    await lockMeeting(trx, meetingId);
    const row = await trx.selectFrom('check_ins').selectAll().where('id', '=', checkInId).where('meeting_id', '=', meetingId).executeTakeFirst();
    if (!row) throw problems.notFound(CHECK_IN, checkInId);
    meetingPolicy.authorize(acting.subject, 'checkOut', { personId: row.person_id });
    if (row.checked_out_at) throw problems.conflict(text('Deze persoon is al afgemeld.', 'This person has already checked out.'));
    await trx.updateTable('check_ins').set({ checked_out_at: new Date(), checked_out_by: acting.name }).where('id', '=', checkInId).execute();
    await recordAudit(trx, acting.actor, {
      action: 'check-in.ended',
      entityType: 'meeting',
      entityId: meetingId,
      data: { checkInId, memberId: row.member_id, personId: row.person_id },
    });
    await attendanceChanged(trx, meetingId);
  });
}

export async function grantProxy(db: Db, acting: Acting, meetingId: string, input: NewProxy): Promise<string> {
  return inTransaction(db, async (trx) => {
    const meeting = await lockMeeting(trx, meetingId);
    const states = await memberStatesAsOf(trx, meeting.date);
    const names = new Map(states.map((s) => [s.id, s.name]));
    for (const id of [input.grantorMemberId, input.holderMemberId]) if (!names.has(id)) throw problems.notFound(MEMBER, id);
    if (input.grantorMemberId === input.holderMemberId) throw refused('holder-not-designated');
    await assertActsFor(trx, acting, input.grantorMemberId, meeting.date);
    if (meeting.closed_at) throw meetingClosed();
    const profile = await profileAsOf(trx, meeting.date);
    const active = await trx.selectFrom('proxies').selectAll().where('meeting_id', '=', meetingId).where('revoked_at', 'is', null).execute();
    const present = await trx
      .selectFrom('check_ins')
      .select('member_id')
      .where('meeting_id', '=', meetingId)
      .where('checked_out_at', 'is', null)
      .where('member_id', '=', input.grantorMemberId)
      .executeTakeFirst();
    const refusal = proxyRefusal({
      policy: profile.proxies,
      votingOpen: await votingOpen(trx, meetingId),
      grantorPresent: !!present,
      grantorHasActiveProxy: active.some((p) => p.grantor_member_id === input.grantorMemberId),
      holderDesignated: !!(await designatedOffice(trx, input.holderPersonId, input.holderMemberId, meeting.date)),
      chain: active.some((p) => p.grantor_member_id === input.holderMemberId || p.holder_member_id === input.grantorMemberId),
      holderProxyCount: active.filter((p) => p.holder_person_id === input.holderPersonId).length,
    });
    if (refusal) throw refused(refusal);
    const id = randomUUID();
    await trx
      .insertInto('proxies')
      .values({
        id,
        meeting_id: meetingId,
        grantor_member_id: input.grantorMemberId,
        holder_person_id: input.holderPersonId,
        holder_member_id: input.holderMemberId,
        granted_by: acting.name,
      })
      .execute();
    await recordAudit(trx, acting.actor, {
      action: 'proxy.granted',
      entityType: 'meeting',
      entityId: meetingId,
      data: {
        proxyId: id,
        grantorMemberId: input.grantorMemberId,
        grantor: names.get(input.grantorMemberId),
        holderPersonId: input.holderPersonId,
        holderMemberId: input.holderMemberId,
      },
    });
    await attendanceChanged(trx, meetingId);
    return id;
  });
}

export async function revokeProxy(db: Db, acting: Acting, meetingId: string, proxyId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const meeting = await lockMeeting(trx, meetingId);
    const proxy = await trx.selectFrom('proxies').selectAll().where('id', '=', proxyId).where('meeting_id', '=', meetingId).executeTakeFirst();
    if (!proxy) throw problems.notFound(PROXY, proxyId);
    await assertActsFor(trx, acting, proxy.grantor_member_id, meeting.date);
    const refusal = revocationRefusal({ revoked: proxy.revoked_at !== null, votingOpen: await votingOpen(trx, meetingId) });
    if (refusal) throw refused(refusal);
    await trx.updateTable('proxies').set({ revoked_at: new Date(), revoked_by: acting.name, revocation_reason: 'revoked' }).where('id', '=', proxyId).execute();
    await recordAudit(trx, acting.actor, {
      action: 'proxy.revoked',
      entityType: 'meeting',
      entityId: meetingId,
      data: { proxyId, grantorMemberId: proxy.grantor_member_id, reason: 'revoked' },
    });
    await attendanceChanged(trx, meetingId);
  });
}

export async function attendanceOf(db: Db, meetingId: string): Promise<Attendance> {
  const meeting = await meetingRow(db, meetingId);
  const states = await registerAsOf(db, meeting.date);
  // Maps, not searches: a meeting of thousands of members is read on every change the console sees.
  const names = new Map(states.map((s) => [s.id, s.name]));
  const memberName = (id: string) => names.get(id) ?? id;
  const checkIns = await db
    .selectFrom('check_ins as c')
    .innerJoin('people as p', 'p.id', 'c.person_id')
    .selectAll('c')
    .select('p.name as person_name')
    .where('c.meeting_id', '=', meetingId)
    .orderBy('c.checked_in_at')
    .execute();
  const proxies = await db
    .selectFrom('proxies as x')
    .innerJoin('people as p', 'p.id', 'x.holder_person_id')
    .selectAll('x')
    .select('p.name as holder_name')
    .where('x.meeting_id', '=', meetingId)
    .orderBy('x.granted_at')
    .execute();
  const openCheckIns = checkIns.filter((c) => !c.checked_out_at);
  const activeProxies = proxies.filter((p) => !p.revoked_at);
  const represented = [...new Set([...openCheckIns.map((c) => c.member_id), ...activeProxies.map((p) => p.grantor_member_id)])];
  const personName = new Map([
    ...checkIns.map((c) => [c.person_id, c.person_name] as const),
    ...proxies.map((p) => [p.holder_person_id, p.holder_name] as const),
  ]);
  const checkInOf = firstBy(openCheckIns, (c) => c.member_id);
  const proxyOf = firstBy(activeProxies, (p) => p.grantor_member_id);
  const holders = voteHolders(
    represented.map((memberId) => {
      const c = checkInOf.get(memberId);
      const p = proxyOf.get(memberId);
      return { memberId, checkIn: c ? { personId: c.person_id } : null, proxy: p ? { holderPersonId: p.holder_person_id } : null };
    }),
  );
  const weight = new Map(states.map((s) => [s.id, s.voteWeight ?? 0]));
  const counted = holders.filter((h) => h.holderPresent);
  return {
    meetingId,
    present: {
      members: counted.length,
      voteWeight: counted.reduce((sum, h) => sum + (weight.get(h.memberId) ?? 0), 0),
      ofMembers: states.length,
      ofVoteWeight: states.reduce((sum, s) => sum + (s.voteWeight ?? 0), 0),
    },
    checkIns: checkIns.map((c) => ({
      id: c.id,
      memberId: c.member_id,
      memberName: memberName(c.member_id),
      personId: c.person_id,
      personName: c.person_name,
      capacity: c.capacity as Attendance['checkIns'][number]['capacity'],
      checkedInAt: c.checked_in_at.toISOString(),
      checkedInBy: c.checked_in_by,
      checkedOutAt: c.checked_out_at?.toISOString() ?? null,
      checkedOutBy: c.checked_out_by,
      checkoutReason: c.checkout_reason,
    })),
    proxies: proxies.map((p) => ({
      id: p.id,
      grantorMemberId: p.grantor_member_id,
      grantorMemberName: memberName(p.grantor_member_id),
      holderPersonId: p.holder_person_id,
      holderName: p.holder_name,
      holderMemberId: p.holder_member_id,
      holderMemberName: memberName(p.holder_member_id),
      grantedAt: p.granted_at.toISOString(),
      grantedBy: p.granted_by,
      revokedAt: p.revoked_at?.toISOString() ?? null,
      revokedBy: p.revoked_by,
      revocationReason: p.revocation_reason,
    })),
    voteHolders: holders
      .map((h) => ({ ...h, memberName: memberName(h.memberId), personName: personName.get(h.personId) ?? '' }))
      .sort((a, b) => a.memberName.localeCompare(b.memberName, 'nl')),
  };
}

/** The first row per key, in the rows' order. */
function firstBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T> {
  const first = new Map<string, T>();
  for (const row of rows) if (!first.has(key(row))) first.set(key(row), row);
  return first;
}
