import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from './core/config.js';
import { buildApp } from './app.js';
import { openConfiguredDatabase } from './core/runtime.js';
import { loadSigningKey } from './core/signing.js';
import { seedDemo } from './demo/seed.js';

// The built web app: dist/web, beside the compiled server (dist/src) or under the project root in development.
const HERE = dirname(fileURLToPath(import.meta.url));
const WEB_ROOT = HERE.split(sep).includes('dist') ? join(HERE, '..', 'web') : join(HERE, '..', 'dist', 'web');

async function main() {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  const signingKey = loadSigningKey(config, (message) => console.warn(message));
  // Each instance would make its own key, and seals would not verify on the others.
  if (config.DATABASE_URL && !config.SIGNING_KEY) console.warn('SIGNING_KEY is not set: set the same key on every instance that shares this database');
  const app = await buildApp({ config, database, webRoot: WEB_ROOT, signingKey });
  if (process.argv.includes('--demo')) {
    const { seeded } = await seedDemo(database.db, (line) => app.log.info(line));
    if (!seeded) app.log.info('demo: register already filled, nothing seeded');
  }

  // Graceful shutdown: stop accepting, let in-flight requests finish, then close the database.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      app.log.error('in-flight requests did not finish in time; exiting');
      process.exit(1);
    }, config.SHUTDOWN_GRACE_SECONDS * 1000);
    timer.unref();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  await app.listen({ port: config.PORT, host: config.HOST });
  app.log.info({ database: database.kind, dataDir: database.kind === 'pglite' ? config.DATA_DIR : undefined }, 'Verenigd is running');
}

main().catch((error) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
