import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import { PGliteDialect } from './pglite-dialect.js';

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  kind: DatabaseKind;
  db: Kysely<Database>;
  /** Checks that the database answers; used by /ready. */
  ping(): Promise<void>;
  /**
   * LISTENs on a channel (a plain lower-case identifier) and calls onMessage with each
   * NOTIFY payload; resolves with a function that stops listening. See src/core/events.ts.
   */
  listen(channel: string, onMessage: (payload: string) => void, options?: ListenOptions): Promise<() => Promise<void>>;
  close(): Promise<void>;
  /** The connection pool's state (PostgreSQL only; PGlite has one session and no pool). */
  pool?(): PoolState;
}

export interface PoolState {
  max: number;
  total: number;
  idle: number;
  waiting: number;
}

export interface ListenOptions {
  log?: ListenLogger;
  /**
   * Called after a lost listening connection (PostgreSQL) was re-established: notifications
   * sent in between are gone, so listeners should re-read what they show.
   */
  onReconnect?: () => void;
}

export interface ListenLogger {
  info(message: string): void;
  warn(details: object, message: string): void;
}

export interface DatabaseOptions {
  /** PostgreSQL connection string; when absent, PGlite is used. */
  url?: string | undefined;
  /** PGlite data folder; `memory://` keeps it in memory (tests). */
  dataDir?: string;
  /** PostgreSQL schema to work in (tests isolate themselves this way). */
  schema?: string;
  poolSize?: number;
}

// OIDs of types we read as plain values: DATE stays 'YYYY-MM-DD' (never a
// local-midnight Date), BIGINT becomes a number (our counts and sums fit),
// NUMERIC stays an exact string.
const DATE_OID = 1082;
const INT8_OID = 20;
const NUMERIC_OID = 1700;

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  return options.url ? openPostgres(options.url, options) : openPGlite(options.dataDir ?? './data');
}

async function openPGlite(dataDir: string): Promise<DatabaseHandle> {
  const onDisk = !dataDir.startsWith('memory://');
  if (onDisk) makePrivate(dataDir);
  const pglite = await PGlite.create(dataDir, {
    // For the exclusion constraints that keep periods from overlapping (migration 0014).
    extensions: { btree_gist },
    parsers: {
      [DATE_OID]: (value: string) => value,
      [INT8_OID]: (value: string) => Number(value),
      [NUMERIC_OID]: (value: string) => value,
    },
  });
  // PGlite writes its files with mode 0666 whatever the umask: tighten what it just wrote, and again
  // at close. In between, the 0700 folder keeps everyone else out of the files it adds.
  if (onDisk) tighten(dataDir);
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    kind: 'pglite',
    db,
    // Through Kysely, so the ping waits its turn instead of running inside someone's transaction.
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    // PGlite's own listen() runs LISTEN on the one shared session; taking the session through
    // Kysely first keeps that statement out of whatever transaction holds it right now.
    listen: async (channel, onMessage) => {
      assertChannel(channel);
      const unlisten = await db.connection().execute(() => pglite.listen(channel, onMessage));
      return () => db.connection().execute(() => unlisten());
    },
    close: async () => {
      await db.destroy();
      if (onDisk) tighten(dataDir);
    },
  };
}

/**
 * The data folder holds every vote, password hash and session: readable by the service user only.
 * New files are created under a umask that leaves out group and others; a folder from before gets
 * its modes tightened at start (0700 folders, no group/other bits on files).
 */
export function makePrivate(dataDir: string): void {
  // Worker threads cannot change the process umask; the folder's own 0700 still shuts others out.
  if (isMainThread) process.umask(process.umask() | 0o077);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  tighten(dataDir);
}

/** Folders 0700, files without group or other bits, all the way down. */
function tighten(path: string): void {
  const stat = lstatSync(path); // lstat: a symlink is neither followed nor changed
  if (stat.isDirectory()) {
    if ((stat.mode & 0o777) !== 0o700) chmodSync(path, 0o700);
    for (const entry of readdirSync(path)) tighten(join(path, entry));
  } else if (stat.isFile() && stat.mode & 0o077) {
    chmodSync(path, stat.mode & 0o700);
  }
}

async function openPostgres(url: string, options: DatabaseOptions): Promise<DatabaseHandle> {
  const types = {
    getTypeParser(oid: number, format?: any) {
      if (oid === DATE_OID || oid === NUMERIC_OID) return (value: string) => value;
      if (oid === INT8_OID) return (value: string) => Number(value);
      return pg.types.getTypeParser(oid, format);
    },
  };
  const connection = { connectionString: url, ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}) };
  const pool = new pg.Pool({ ...connection, max: options.poolSize ?? 10, types });
  // An idle client losing its server must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  // Nor may a checked-out one: pg emits 'error' on a client whose connection drops between two
  // queries of a transaction (PostgreSQL restarting), and the pool listens only while it is idle.
  // The transaction's next query fails instead, and the pool discards the client on release.
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: 'postgres',
    db,
    ping: async () => {
      await pool.query('select 1');
    },
    listen: (channel, onMessage, listenOptions) => listenPostgres(connection, channel, onMessage, listenOptions),
    close: () => db.destroy(),
    pool: () => ({ max: pool.options.max, total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
  };
}

/** Channel names go into LISTEN unquoted, so they must be plain identifiers. */
function assertChannel(channel: string) {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`invalid channel name: ${channel}`);
}

// Capped at 2 s: a live screen should follow within seconds once the database is back.
const RECONNECT_DELAYS_MS = [250, 500, 1000, 2000];

/**
 * LISTEN needs one session that stays open, so it gets a dedicated client outside the pool
 * (a pooled connection would be handed to other queries and recycled). When that connection
 * drops, it reconnects with backoff until stopped.
 */
async function listenPostgres(connection: pg.ClientConfig, channel: string, onMessage: (payload: string) => void, options: ListenOptions = {}) {
  assertChannel(channel);
  const log = options.log;
  let client: pg.Client | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const connect = async () => {
    const candidate = new pg.Client(connection);
    // Without a handler an 'error' event would crash the process; 'end' follows and reconnects.
    candidate.on('error', (error) => log?.warn({ err: error }, `event listener: connection error on ${channel}`));
    candidate.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) onMessage(message.payload);
    });
    try {
      await candidate.connect();
      await candidate.query(`listen ${channel}`);
    } catch (error) {
      candidate.end().catch(() => {});
      throw error;
    }
    if (stopped) {
      await candidate.end();
      return;
    }
    candidate.once('end', () => {
      if (stopped) return;
      client = undefined;
      log?.warn({ channel }, 'event listener: connection lost; reconnecting');
      retry(0);
    });
    client = candidate;
  };

  const retry = (attempt: number) => {
    const delay = RECONNECT_DELAYS_MS[Math.min(attempt, RECONNECT_DELAYS_MS.length - 1)]!;
    timer = setTimeout(() => {
      connect().then(
        () => {
          if (stopped) return;
          log?.info(`event listener: listening again on ${channel}`);
          options.onReconnect?.();
        },
        (error: unknown) => {
          if (stopped) return;
          log?.warn({ err: error, attempt: attempt + 1 }, 'event listener: reconnect failed');
          retry(attempt + 1);
        },
      );
    }, delay);
  };

  // The first connection must succeed: an instance that cannot listen should not start.
  await connect();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await client?.end();
    client = undefined;
  };
}
