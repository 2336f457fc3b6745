import { Type, type Static } from 'typebox';
import Value from 'typebox/value';

/** Configuration comes only from the environment, validated once at start-up. */
const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  HOST: Type.String({ default: '127.0.0.1' }),
  DATA_DIR: Type.String({ default: './data' }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  LOG_LEVEL: Type.Union(
    [
      Type.Literal('fatal'),
      Type.Literal('error'),
      Type.Literal('warn'),
      Type.Literal('info'),
      Type.Literal('debug'),
      Type.Literal('trace'),
      Type.Literal('silent'),
    ],
    { default: 'info' },
  ),
  /** Session lifetime in minutes of inactivity. */
  SESSION_TTL_MINUTES: Type.Integer({ minimum: 1, default: 480 }),
  /** Hours after sign-in a session ends however active it is. */
  SESSION_MAX_HOURS: Type.Integer({ minimum: 1, default: 12 }),
  /** Set when the app is served over HTTPS so cookies are marked Secure. */
  COOKIE_SECURE: Type.Boolean({ default: false }),
  /** Seconds the server waits for in-flight requests on SIGTERM before it gives up. */
  SHUTDOWN_GRACE_SECONDS: Type.Integer({ minimum: 1, default: 20 }),
  /** Failed sign-ins per account per minute before further attempts are refused (shared by all instances). */
  LOGIN_RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, default: 10 }),
  /**
   * Sign-in requests per address per minute (per instance); high, because a meeting hall shares one address:
   * 400 representatives, some asked for a second factor or mistyping once, make about three requests each.
   */
  LOGIN_IP_RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, default: 1200 }),
  /** Seconds a client may take to send a request's headers (slow-loris guard). */
  HEADERS_TIMEOUT_SECONDS: Type.Integer({ minimum: 1, default: 30 }),
  /** Seconds a client may take to send a whole request, body included; live streams are not cut by it (it ends when the request is in). */
  REQUEST_TIMEOUT_SECONDS: Type.Integer({ minimum: 1, default: 120 }),
  /** Seconds a connection may stay silent before it is closed; live streams send a heartbeat and are exempt. */
  CONNECTION_TIMEOUT_SECONDS: Type.Integer({ minimum: 1, default: 120 }),
  /** Live streams (Server-Sent Events) one signed-in session may hold open at once. */
  LIVE_STREAMS_PER_SESSION: Type.Integer({ minimum: 1, default: 5 }),
  /** Live streams one address may hold open at once; high, because a meeting hall shares one address. */
  LIVE_STREAMS_PER_ADDRESS: Type.Integer({ minimum: 1, default: 2000 }),
  /** Largest population import file, in kilobytes (the CBS file of all municipalities is about 20 KB). */
  IMPORT_MAX_KILOBYTES: Type.Integer({ minimum: 1, default: 2048 }),
  /** The address people use to reach the web app; links in e-mails point here. */
  PUBLIC_URL: Type.String({ pattern: '^https?://', default: 'http://localhost:3000', description: 'Unset: http://localhost:PORT' }),
  /** SMTP server for invitations and password resets, e.g. smtp://user:pass@mail.example:587. Unset: mails are written to the log. */
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://' })),
  MAIL_FROM: Type.String({ default: 'Verenigd <noreply@verenigd.local>' }),
  /** Seconds between the mail sender's rounds (retries, mails queued by other instances); an enqueue in this instance wakes it at once. 0: no sender in this instance. */
  MAIL_QUEUE_INTERVAL_SECONDS: Type.Integer({ minimum: 0, maximum: 3600, default: 15 }),
  /** Delivery attempts per mail before it is marked failed. */
  MAIL_MAX_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 50, default: 8 }),
  /** Seconds before the first retry; each further retry waits twice as long (capped at 6 hours). */
  MAIL_RETRY_BASE_SECONDS: Type.Integer({ minimum: 1, maximum: 3600, default: 30 }),
  /** Days a sent mail stays in the queue (for the status pages) before housekeeping deletes it; failed and bounced ones stay. */
  MAIL_RETENTION_DAYS: Type.Integer({ minimum: 1, maximum: 3650, default: 30 }),
  /** Hours an invitation link stays valid. */
  INVITATION_TTL_HOURS: Type.Integer({ minimum: 1, default: 14 * 24 }),
  /** Minutes a password-reset link stays valid. */
  PASSWORD_RESET_TTL_MINUTES: Type.Integer({ minimum: 5, default: 60 }),
  /** Password-reset mails per address per hour (shared by all instances); further requests still answer 202 but send nothing. */
  PASSWORD_RESET_MAILS_PER_HOUR: Type.Integer({ minimum: 1, default: 3 }),
  /** OpenID Connect provider (DigiD/eHerkenning broker or the association's own); OIDC sign-in is offered when all three are set. */
  OIDC_ISSUER: Type.Optional(Type.String({ pattern: '^https?://' })),
  OIDC_CLIENT_ID: Type.Optional(Type.String({ minLength: 1 })),
  OIDC_CLIENT_SECRET: Type.Optional(Type.String({ minLength: 1 })),
  /** The provider's name on the sign-in button. */
  OIDC_LABEL: Type.String({ default: 'Inloggen via OpenID Connect' }),
  /**
   * The instance's Ed25519 private key that seals closed polls: PEM (PKCS#8), or base64 of the DER or of
   * the 32-byte seed. Required in production; unset, a key is kept in DATA_DIR/signing-key.pem (mode 0600).
   */
  SIGNING_KEY: Type.Optional(Type.String({ minLength: 1 })),
  /** Minutes between housekeeping rounds (expired sessions, links and tokens deleted; one instance at a time); 0: never. */
  HOUSEKEEPING_INTERVAL_MINUTES: Type.Integer({ minimum: 0, maximum: 1440, default: 60 }),
  /** Bearer token for the Prometheus metrics at /metrics; unset, /metrics is not served (404). */
  METRICS_TOKEN: Type.Optional(Type.String({ minLength: 16 })),
  /**
   * Which proxies' X-Forwarded-For to believe for the client's address (Fastify's trustProxy): unset, none;
   * `true`, any; a number, that many hops; or addresses and CIDR ranges, comma-separated.
   */
  TRUST_PROXY: Type.Optional(Type.String({ minLength: 1 })),
});

export type Config = Static<typeof ConfigSchema>;

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(ConfigSchema.properties)) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const converted = Value.Convert(ConfigSchema, Value.Default(ConfigSchema, raw)) as Config;
  // Unset, the public address follows the port, so links in mails work for a demo on another port.
  if (!env.PUBLIC_URL) converted.PUBLIC_URL = `http://localhost:${converted.PORT}`;
  const errors = [...Value.Errors(ConfigSchema, converted)];
  if (errors.length > 0) {
    const lines = errors.map((e) => `${e.instancePath.replace(/^\//, '') || '(root)'}: ${e.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return converted as Config;
}
