import { sql, type Kysely, type Transaction } from 'kysely';
import type { DatabaseHandle, ListenLogger } from './db/database.js';
import type { Database } from './db/schema.js';

/**
 * A small event bus over PostgreSQL LISTEN/NOTIFY (PGlite speaks it too), so that every app
 * instance behind a load balancer hears what any of them commits. Events only say *what*
 * changed ({topic, ...ids}); listeners re-read the data themselves.
 */

/** What listeners receive. `resync` marks a synthetic event after a lost listening connection. */
export type EventPayload = { topic: string; resync?: true } & Record<string, unknown>;
export type EventListener = (payload: EventPayload) => void | Promise<void>;

export interface EventBus {
  /** Calls listener for every event on topic; returns the unsubscribe function. */
  subscribe(topic: string, listener: EventListener): () => void;
  close(): Promise<void>;
}

export type EventLogger = ListenLogger & { error(details: object, message: string): void };

// NOTIFY refuses payloads of 8000 bytes or more.
const MAX_PAYLOAD_BYTES = 8000;

/**
 * The channel, computed by the database on both sides from the session's schema: instances
 * working in the same schema share events, while test files that each work in a schema of
 * their own in one database do not hear each other. The usual `public` keeps the plain name.
 */
const CHANNEL = sql<string>`case when current_schema() = 'public' then 'verenigd_events' else 'verenigd_events_' || current_schema() end`;

/**
 * Publishes an event. Pass the transaction that makes the change: PostgreSQL delivers a NOTIFY
 * only at COMMIT and drops it on ROLLBACK, so nobody is told about a change that did not happen.
 */
export async function publish(db: Kysely<Database> | Transaction<Database>, topic: string, payload: Record<string, unknown>): Promise<void> {
  const message = JSON.stringify({ ...payload, topic });
  if (Buffer.byteLength(message) >= MAX_PAYLOAD_BYTES) throw new Error(`event payload for ${topic} too large; send ids, not data`);
  await sql`select pg_notify(${CHANNEL}, ${message})`.execute(db);
}

export async function startEventBus(handle: DatabaseHandle, log: EventLogger): Promise<EventBus> {
  const listeners = new Map<string, Set<EventListener>>();

  const deliver = (topic: string, payload: EventPayload) => {
    for (const listener of [...(listeners.get(topic) ?? [])]) {
      // One failing listener must neither stop the others nor the bus.
      const fail = (error: unknown) => log.error({ err: error, topic }, 'event listener failed');
      try {
        const result = listener(payload);
        if (result instanceof Promise) result.catch(fail);
      } catch (error) {
        fail(error);
      }
    }
  };

  const onMessage = (raw: string) => {
    let payload: unknown;
    try {
      payload = JSON.parse(raw);
    } catch {
      log.warn({ raw: raw.slice(0, 200) }, 'event bus: ignored a payload that is not JSON');
      return;
    }
    if (payload && typeof payload === 'object' && typeof (payload as EventPayload).topic === 'string') {
      deliver((payload as EventPayload).topic, payload as EventPayload);
    }
  };

  // Events sent while the connection was down are lost: tell every subscriber to re-read.
  const onReconnect = () => {
    for (const topic of listeners.keys()) deliver(topic, { topic, resync: true });
  };

  const { rows } = await sql<{ channel: string }>`select ${CHANNEL} as channel`.execute(handle.db);
  const unlisten = await handle.listen(rows[0]!.channel, onMessage, { log, onReconnect });
  let closed = false;

  return {
    subscribe(topic, listener) {
      let set = listeners.get(topic);
      if (!set) listeners.set(topic, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0 && listeners.get(topic) === set) listeners.delete(topic);
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      listeners.clear();
      await unlisten();
    },
  };
}
