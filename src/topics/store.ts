import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAudit, type Actor } from '../core/audit.js';
import { activeOn } from '../core/auth/accounts.js';
import type { Subject } from '../core/auth/policy.js';
import { today } from '../core/dates.js';
import type { Database, Row } from '../core/db/schema.js';
import { inTransaction } from '../core/db/transaction.js';
import { Problem, problems, text } from '../core/errors.js';
import type { LocalText } from '../core/i18n.js';
import { registerAsOf } from '../members/store.js';
import { designatedOffice } from '../people/store.js';
import { topicPolicy } from './policy.js';
import { DEFAULT_THRESHOLD, reaches, supportOf, triageRefusal, type Threshold } from './rules.js';
import type { NewTopic, Topic, TriageInput } from './schemas.js';

type Db = Kysely<Database>;

const TOPIC = text('Onderwerp', 'Topic');

const refused = (status: number, slug: string, field: string, detail: LocalText) =>
  new Problem(status, slug, status === 409 ? text('Conflict', 'Conflict') : text('Verzoek niet uitvoerbaar', 'Request cannot be processed'), detail, [
    { name: field, code: slug, reason: detail },
  ]);

// ---------------------------------------------------------------- threshold

export async function thresholdOf(db: Db): Promise<Threshold> {
  const row = await db.selectFrom('topic_threshold').selectAll().where('id', '=', 1).executeTakeFirst();
  if (!row) return DEFAULT_THRESHOLD;
  return { members: row.members, weightShare: row.weight_share, populationShare: row.population_share, combine: row.combine };
}

/** Staff set the threshold; topics already in triage stay there, gathering ones are judged at their next support. */
export async function setThreshold(db: Db, actor: Actor, threshold: Threshold): Promise<Threshold> {
  if (threshold.members === null && threshold.weightShare === null && threshold.populationShare === null) {
    throw problems.invalid(text('Stel ten minste één drempel in.', 'Set at least one criterion.'), [
      { name: 'members', code: 'required', reason: text('Stel ten minste één drempel in.', 'Set at least one criterion.') },
    ]);
  }
  return inTransaction(db, async (trx) => {
    const before = await thresholdOf(trx);
    const values = {
      members: threshold.members,
      weight_share: threshold.weightShare,
      population_share: threshold.populationShare,
      combine: threshold.combine,
      set_by: actor.label,
      set_at: new Date(),
    };
    await trx
      .insertInto('topic_threshold')
      .values({ id: 1, ...values })
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .execute();
    await recordAudit(trx, actor, { action: 'topic.threshold-set', entityType: 'topic-threshold', data: { before, after: threshold } });
    return threshold;
  });
}

// ---------------------------------------------------------------- reading

type TopicRow = Row<'topics'> & { proposer: string };

/** The members the reader represents today (none for staff without a designation). */
async function representedBy(db: Db, subject: Subject): Promise<Set<string>> {
  if (!subject) return new Set();
  const on = today();
  const rows = await db
    .selectFrom('designations as d')
    .innerJoin('offices as o', 'o.id', 'd.office_id')
    .select('o.member_id')
    .where('o.person_id', '=', subject.id)
    .where('d.status', '=', 'in-force')
    .where(activeOn('d', on))
    .where(activeOn('o', on))
    .execute();
  return new Set(rows.map((r) => r.member_id));
}

async function present(db: Db, rows: TopicRow[], subject: Subject): Promise<Topic[]> {
  if (rows.length === 0) return [];
  const asOf = today();
  const register = await registerAsOf(db, asOf);
  const names = new Map(register.map((m) => [m.id, m.name]));
  const supports = await db
    .selectFrom('topic_supports')
    .selectAll()
    .where(
      'topic_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('supported_at')
    .orderBy('member_id')
    .execute();
  const mine = await representedBy(db, subject);
  return rows.map((r) => {
    const own = supports.filter((s) => s.topic_id === r.id);
    const supporters = [
      { memberId: r.member_id, memberName: names.get(r.member_id) ?? r.member_id, supportedAt: r.proposed_at.toISOString() },
      ...own.map((s) => ({ memberId: s.member_id, memberName: names.get(s.member_id) ?? s.member_id, supportedAt: s.supported_at.toISOString() })),
    ];
    const taken = new Set(supporters.map((s) => s.memberId));
    const open = r.status === 'gathering' || r.status === 'triage';
    return {
      id: r.id,
      title: r.title,
      case: r.case_text,
      memberId: r.member_id,
      memberName: names.get(r.member_id) ?? r.member_id,
      proposedBy: r.proposer,
      proposedAt: r.proposed_at.toISOString(),
      status: r.status,
      supporters,
      support: {
        ...supportOf(
          supporters.map((s) => s.memberId),
          register,
        ),
        asOf,
      },
      reachedAt: r.reached_at?.toISOString() ?? null,
      route: r.route,
      routeTo: r.route_to,
      reason: r.reason,
      triagedAt: r.triaged_at?.toISOString() ?? null,
      supportableBy: open ? [...mine].filter((id) => !taken.has(id)) : [],
    };
  });
}

function topics(db: Db) {
  return db.selectFrom('topics as t').innerJoin('people as p', 'p.id', 't.proposed_by').selectAll('t').select('p.name as proposer');
}

export async function listTopics(
  db: Db,
  query: { status?: Topic['status'] | undefined; limit?: number | undefined; offset?: number | undefined },
  subject: Subject,
) {
  let rows = topics(db);
  if (query.status) rows = rows.where('t.status', '=', query.status);
  const all = (await rows.orderBy('t.proposed_at', 'desc').orderBy('t.id').execute()) as TopicRow[];
  const offset = query.offset ?? 0;
  return {
    items: await present(db, all.slice(offset, offset + (query.limit ?? 100)), subject),
    total: all.length,
    threshold: await thresholdOf(db),
  };
}

export async function getTopic(db: Db, id: string, subject: Subject): Promise<Topic> {
  const row = (await topics(db).where('t.id', '=', id).executeTakeFirst()) as TopicRow | undefined;
  if (!row) throw problems.notFound(TOPIC, id);
  return (await present(db, [row], subject))[0]!;
}

// ---------------------------------------------------------------- writing

async function assertActsFor(db: Db, subject: NonNullable<Subject>, memberId: string): Promise<void> {
  topicPolicy.authorize(subject, 'actForMember', { designated: !!(await designatedOffice(db, subject.id, memberId, today())) });
}

/** A representative proposes a topic for their member; the proposing member is its first supporter. */
export async function proposeTopic(db: Db, actor: Actor, subject: NonNullable<Subject>, input: NewTopic): Promise<string> {
  await assertActsFor(db, subject, input.memberId);
  return inTransaction(db, async (trx) => {
    const id = randomUUID();
    await trx
      .insertInto('topics')
      .values({ id, member_id: input.memberId, proposed_by: subject.id, title: input.title.trim(), case_text: input.case.trim() })
      .execute();
    await recordAudit(trx, actor, { action: 'topic.proposed', entityType: 'topic', entityId: id, data: { memberId: input.memberId, title: input.title } });
    await checkThreshold(trx, actor, id);
    return id;
  });
}

/** Moves a gathering topic to triage once its support (members, weight, population in today's register) reaches the threshold. */
async function checkThreshold(trx: Db, actor: Actor, id: string): Promise<void> {
  const topic = await trx.selectFrom('topics').select(['member_id', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
  if (topic.status !== 'gathering') return;
  const supporters = await trx.selectFrom('topic_supports').select('member_id').where('topic_id', '=', id).execute();
  const support = supportOf([topic.member_id, ...supporters.map((s) => s.member_id)], await registerAsOf(trx, today()));
  const threshold = await thresholdOf(trx);
  if (!reaches(support, threshold)) return;
  await trx.updateTable('topics').set({ status: 'triage', reached_at: new Date() }).where('id', '=', id).execute();
  await recordAudit(trx, actor, { action: 'topic.threshold-reached', entityType: 'topic', entityId: id, data: { support, threshold } });
}

/** A representative supports another member's topic for their member, once per member. */
export async function supportTopic(db: Db, actor: Actor, subject: NonNullable<Subject>, id: string, memberId: string): Promise<void> {
  await assertActsFor(db, subject, memberId);
  await inTransaction(db, async (trx) => {
    const topic = await trx.selectFrom('topics').select(['member_id', 'status']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!topic) throw problems.notFound(TOPIC, id);
    if (topic.member_id === memberId) {
      throw refused(
        409,
        'own-topic',
        'memberId',
        text(
          'Dit lid heeft het onderwerp zelf voorgesteld en telt al als steun; steun het onderwerp van een ander lid.',
          "This member proposed the topic and already counts as support; support another member's topic.",
        ),
      );
    }
    if (topic.status === 'routed' || topic.status === 'declined') {
      throw refused(
        409,
        'topic-triaged',
        'memberId',
        text('Over dit onderwerp is al beslist; steun is niet meer nodig.', 'This topic has been triaged; support is closed.'),
      );
    }
    const already = await trx.selectFrom('topic_supports').select('person_id').where('topic_id', '=', id).where('member_id', '=', memberId).executeTakeFirst();
    if (already) {
      throw refused(
        409,
        'already-supported',
        'memberId',
        text('Dit lid steunt dit onderwerp al; elk lid steunt één keer.', 'This member already supports this topic; each member supports once.'),
      );
    }
    await trx.insertInto('topic_supports').values({ topic_id: id, member_id: memberId, person_id: subject.id }).execute();
    await recordAudit(trx, actor, { action: 'topic.supported', entityType: 'topic', entityId: id, data: { memberId } });
    await checkThreshold(trx, actor, id);
  });
}

/** Staff route a topic in triage or decline it with the reason; audited. */
export async function triageTopic(db: Db, actor: Actor, id: string, input: TriageInput): Promise<void> {
  await inTransaction(db, async (trx) => {
    const topic = await trx.selectFrom('topics').select('status').where('id', '=', id).forUpdate().executeTakeFirst();
    if (!topic) throw problems.notFound(TOPIC, id);
    const refusal = triageRefusal(topic.status, input);
    if (refusal)
      throw refused(refusal.field === 'decision' ? 409 : 422, refusal.field === 'decision' ? 'not-in-triage' : 'required', refusal.field, refusal.text);
    const routed = input.decision === 'route';
    await trx
      .updateTable('topics')
      .set({
        status: routed ? 'routed' : 'declined',
        route: routed ? (input.route ?? null) : null,
        route_to: routed ? (input.routeTo?.trim() ?? null) : null,
        reason: input.reason?.trim() ?? null,
        triaged_at: new Date(),
        triaged_by: actor.label,
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, { action: `topic.${routed ? 'routed' : 'declined'}`, entityType: 'topic', entityId: id, data: { ...input } });
  });
}
