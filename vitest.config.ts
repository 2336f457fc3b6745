import { defineConfig } from 'vitest/config';

// Pure rules run once; everything that touches a database runs on PGlite and on PostgreSQL.
const databaseProject = (name: 'pglite' | 'postgres') => ({
  test: {
    name,
    include: ['test/**/*.test.ts'],
    env: { TEST_DB: name },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

export default defineConfig({
  test: {
    projects: [{ test: { name: 'unit', include: ['src/**/*.test.ts'] } }, databaseProject('pglite'), databaseProject('postgres')],
  },
});
