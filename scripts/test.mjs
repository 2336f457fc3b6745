#!/usr/bin/env node
// The test command: lints (Biome), builds the web app (the browser tests use it), then runs every Vitest
// project: unit, and the database suites on PGlite and on PostgreSQL
// (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test).
// Ends with Vitest's summary and one plain "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const extra = process.argv.slice(2);

const lint = spawnSync(npx, ['biome', 'check', '.'], { stdio: 'inherit' });
if (lint.status !== 0) process.exit(lint.status ?? 1);

const build = spawnSync(npx, ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

mkdirSync('.tmp', { recursive: true });
const report = '.tmp/vitest-report.json';
const run = spawnSync(npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra], { stdio: 'inherit' });

try {
  const { numPassedTests, numFailedTests, numPendingTests } = JSON.parse(readFileSync(report, 'utf8'));
  console.log(`\n${numPassedTests} passed, ${numFailedTests} failed${numPendingTests ? `, ${numPendingTests} skipped` : ''}`);
} catch {
  console.log('\n0 passed, 1 failed');
}
process.exit(run.status ?? 1);
