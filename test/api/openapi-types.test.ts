import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiTypes, TYPES_FILE } from '../../scripts/openapi.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe(`the web client's API types (${TEST_DB})`, () => {
  it('are generated from the OpenAPI document the server publishes (run `npm run openapi` after changing a schema)', async () => {
    const published = (await t.app.inject({ url: '/api/v1/openapi.json' })).json();
    expect(readFileSync(TYPES_FILE, 'utf8')).toBe(await openApiTypes(published));
  });
});
