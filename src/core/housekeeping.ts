import { sql, type Kysely } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import type { Database } from './db/schema.js';
import { HOUSEKEEPING_LOCK } from './db/locks.js';

/** What one round deleted, per kind; `skipped` when another instance held the round. */
export interface HousekeepingResult {
  skipped: boolean;
  sessions: number;
  accountTokens: number;
  apiTokens: number;
  attemptCounters: number;
  /** Sent mails older than MAIL_RETENTION_DAYS. */
  mails: number;
}

/** Expired and revoked API tokens stay listed for their owner this long before they go. */
export const API_TOKEN_RETENTION_DAYS = 30;

/**
 * Deletes what can no longer be used: sessions past their idle or absolute end, invitation and
 * password-reset links past their expiry (used or not), API tokens expired or revoked more than
 * API_TOKEN_RETENTION_DAYS ago, sign-in counters of windows long past, and sent mails older than
 * MAIL_RETENTION_DAYS (failed and bounced ones stay for staff to see). Otherwise only credentials: the
 * audit trail keeps every sign-in, invitation and token event, and nothing the append-only
 * triggers protect is touched.
 *
 * One transaction under a transaction-scoped advisory lock taken with pg_try_: when another
 * instance is already at it, this one skips the round instead of waiting (or doing it twice).
 */
export async function runHousekeeping(db: Kysely<Database>, config: Pick<Config, 'SESSION_MAX_HOURS' | 'MAIL_RETENTION_DAYS'>): Promise<HousekeepingResult> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${HOUSEKEEPING_LOCK}) as locked`.execute(trx);
    if (!rows[0]?.locked) return { skipped: true, sessions: 0, accountTokens: 0, apiTokens: 0, attemptCounters: 0, mails: 0 };
    const count = (result: { numDeletedRows: bigint }) => Number(result.numDeletedRows);
    const sessions = await trx
      .deleteFrom('sessions')
      .where((eb) =>
        eb.or([eb('expires_at', '<=', sql<Date>`now()`), eb('created_at', '<=', sql<Date>`now() - make_interval(hours => ${config.SESSION_MAX_HOURS})`)]),
      )
      .executeTakeFirst();
    const accountTokens = await trx.deleteFrom('account_tokens').where('expires_at', '<=', sql<Date>`now()`).executeTakeFirst();
    const retention = sql<Date>`now() - make_interval(days => ${API_TOKEN_RETENTION_DAYS})`;
    const apiTokens = await trx
      .deleteFrom('api_tokens')
      .where((eb) => eb.or([eb('expires_at', '<=', retention), eb('revoked_at', '<=', retention)]))
      .executeTakeFirst();
    const attemptCounters = await trx.deleteFrom('attempt_counters').where('window_started_at', '<', sql<Date>`now() - interval '1 day'`).executeTakeFirst();
    const mails = await trx
      .deleteFrom('mail_outbox')
      .where('status', '=', 'sent')
      .where('sent_at', '<=', sql<Date>`now() - make_interval(days => ${config.MAIL_RETENTION_DAYS})`)
      .executeTakeFirst();
    return {
      skipped: false,
      mails: count(mails),
      sessions: count(sessions),
      accountTokens: count(accountTokens),
      apiTokens: count(apiTokens),
      attemptCounters: count(attemptCounters),
    };
  });
}

/**
 * Runs housekeeping every HOUSEKEEPING_INTERVAL_MINUTES (0: never), the first round a random part
 * of a minute after start (unless told otherwise) so instances started together do not all try at
 * once. Stops with the app.
 */
export function scheduleHousekeeping(app: FastifyInstance, firstDelayMs = Math.floor(Math.random() * 60_000)): void {
  const minutes = app.config.HOUSEKEEPING_INTERVAL_MINUTES;
  if (minutes === 0) return;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const round = async () => {
    try {
      const result = await runHousekeeping(app.db, app.config);
      if (!result.skipped) app.log.info({ housekeeping: result }, 'housekeeping: expired credentials deleted');
    } catch (error) {
      app.log.warn({ err: error }, 'housekeeping failed; trying again next round');
    }
  };
  const next = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = round().finally(() => next(minutes * 60_000));
    }, delay);
    timer.unref();
  };
  app.addHook('onReady', async () => next(firstDelayMs));
  app.addHook('onClose', async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  });
}
