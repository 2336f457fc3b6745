import type { FastifyInstance } from 'fastify';
import type { PollResult } from './schemas.js';
import { enqueueMails } from '../core/mail-queue.js';

/**
 * After closing, every representative who cast a ballot gets the seal by mail, with their receipts:
 * a copy of the chain head and the signed result outside the instance, in many hands, so a later
 * rewrite of the database would contradict what the voters were sent. The option is not in the mail
 * (a secret ballot stays secret on the mail server). After the commit, into the mail queue (which
 * retries): a mail server that is down must not undo a closed vote; the seal is on the result page and in the minutes too.
 */
export async function mailSeal(app: FastifyInstance, pollId: string): Promise<void> {
  try {
    const db = app.db;
    const poll = await db.selectFrom('polls').select(['question', 'result']).where('id', '=', pollId).executeTakeFirst();
    const seal = await db.selectFrom('poll_seals').selectAll().where('poll_id', '=', pollId).executeTakeFirst();
    if (!poll?.result || !seal) return;
    const ballots = await db
      .selectFrom('ballots as b')
      .innerJoin('people as p', 'p.id', 'b.cast_by')
      .innerJoin('member_versions as v', (join) => join.onRef('v.member_id', '=', 'b.member_id').on('v.valid_to', 'is', null))
      .select(['p.email', 'p.name as personName', 'v.name as memberName', 'b.receipt', 'b.superseded_at'])
      .where('b.poll_id', '=', pollId)
      .orderBy('b.cast_at')
      .execute();
    const byPerson = new Map<string, typeof ballots>();
    for (const b of ballots) if (b.email) byPerson.set(b.email, [...(byPerson.get(b.email) ?? []), b]);
    const statement = (poll.result as unknown as PollResult).statement;
    const base = app.config.PUBLIC_URL.replace(/\/$/, '');
    const mails = [...byPerson].map(([to, mine]) => {
      const lines = [
        `De stemming "${poll.question}" is gesloten. ${statement.nl}`,
        '',
        'Uw ontvangstbewijzen:',
        ...mine.map((b) => `  ${b.receipt}  ${b.memberName}${b.superseded_at ? ' (vervangen door een latere stem)' : ''}`),
        '',
        'Zegel van de uitslag (bewaar deze mail):',
        `  Controlegetal (keten): ${seal.chain_head}`,
        `  Sleutel: ${seal.key_id}`,
        `  Handtekening: ${seal.signature}`,
        '',
        `Controleer uw ontvangstbewijs op ${base}/stemmingen/${pollId}; de publieke sleutel staat op ${base}/.well-known/verenigd-signing-key.`,
        '',
        `The vote "${poll.question}" has closed. ${statement.en} Keep this mail: it holds your receipts and the seal (chain head, key, signature) of the result.`,
      ];
      return { to, subject: `Uitslag en zegel: ${poll.question}`, text: lines.join('\n'), kind: 'seal', about: { type: 'poll', id: pollId } };
    });
    await enqueueMails(db, mails);
  } catch (error) {
    app.log.warn({ err: error, pollId }, 'seal mails not sent');
  }
}
