import { defineConfig } from 'vitest/config';

// Pure rules run once; everything that touches a database runs on PGlite and on PostgreSQL.
const databaseProject = (name: 'pglite' | 'postgres') => ({
  test: {
    name,
    include: ['test/**/*.test.ts'],
    exclude: ['test/architecture/**'],
    env: { TEST_DB: name },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['src/**/*.test.ts'] } },
      // The shape of the code itself: import graph, table ownership, file sizes, duplication.
      { test: { name: 'architecture', include: ['test/architecture/**/*.test.ts'], testTimeout: 120_000 } },
      databaseProject('pglite'),
      databaseProject('postgres'),
    ],
  },
});
