#!/usr/bin/env node
// The administration command line. Runs the compiled build (npm run build).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));
if (!existsSync(compiled)) {
  console.error('Verenigd is not built yet: run `npm run build` first, or use `npm run cli -- <command>`.');
  process.exit(1);
}
const { runCli } = await import(compiled);
await runCli(process.argv);
