import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { papersOf } from '../../src/agenda/papers.js';
import { createTestApp, withFiveMembers, type AuthHeaders, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';

let t: TestApp;
let staff: AuthHeaders;
let representative: AuthHeaders;
let publicItem: string;
let closedItem: string;

type Part = { name: string; value: string } | { name: string; fileName: string; type: string; content: Buffer };

/** A multipart/form-data body from fields and files, bytes kept as they are. */
function form(parts: Part[]) {
  const boundary = `----verenigd-${randomUUID()}`;
  const chunks = parts.flatMap((p) => {
    const head =
      'value' in p
        ? `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`
        : `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.fileName}"\r\nContent-Type: ${p.type}\r\n\r\n`;
    return 'value' in p ? [Buffer.from(head)] : [Buffer.from(head), p.content, Buffer.from('\r\n')];
  });
  return { payload: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const pdf = (content: Buffer, fileName = 'stuk.pdf'): Part => ({ name: 'file', fileName, type: 'application/pdf', content });
const sha = (content: Buffer) => createHash('sha256').update(content).digest('hex');

async function upload(itemId: string, parts: Part[], headers: Record<string, string> = staff) {
  const body = form(parts);
  return t.app.inject({ method: 'POST', url: `/api/v1/agenda-items/${itemId}/papers`, headers: { ...headers, ...body.headers }, payload: body.payload });
}

async function addVersion(paperId: string, parts: Part[], headers: Record<string, string> = staff) {
  const body = form(parts);
  return t.app.inject({ method: 'POST', url: `/api/v1/papers/${paperId}/versions`, headers: { ...headers, ...body.headers }, payload: body.payload });
}

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
const audits = async (action: string) => t.database.db.selectFrom('audit_log').select(['entity_id', 'data']).where('action', '=', action).execute();

beforeAll(async () => {
  t = await createTestApp();
  const members = await withFiveMembers(t);
  staff = (await t.signInPerson({ roles: ['staff'], name: 'Medewerker Stukken' })).headers;
  representative = (await t.signInPerson({ representativeOf: members.Utrecht })).headers;
  const meetingId = randomUUID();
  await t.database.db
    .insertInto('meetings')
    .values({ id: meetingId, kind: 'alv', title: 'ALV juni 2025', date: '2025-06-12', start_time: '10:00', location: 'Utrecht' })
    .execute();
  publicItem = randomUUID();
  closedItem = randomUUID();
  await t.database.db
    .insertInto('agenda_items')
    .values([
      { id: publicItem, meeting_id: meetingId, position: 0, title: 'Jaarrekening 2024', purpose: 'decision' },
      { id: closedItem, meeting_id: meetingId, position: 1, title: 'Personele aangelegenheden', purpose: 'discussion', public: false },
    ])
    .execute();
});
afterAll(async () => {
  await t.close();
});

describe(`papers: upload and versions (${TEST_DB})`, () => {
  it('stores an upload as version 1 and returns the bytes unchanged', async () => {
    // Every byte value, zeros included, so a bytea round trip that mangles data would show.
    const content = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(4096)]);
    const created = await upload(publicItem, [{ name: 'title', value: '  Jaarrekening en accountantsverklaring ' }, pdf(content, 'Jaarrekening – één.pdf')]);
    expect(created.statusCode).toBe(201);
    const paper = created.json();
    expect(paper).toMatchObject({ agendaItemId: publicItem, title: 'Jaarrekening en accountantsverklaring', public: true });
    expect(paper.versions).toEqual([
      {
        version: 1,
        fileName: 'Jaarrekening – één.pdf',
        mediaType: 'application/pdf',
        size: content.length,
        sha256: sha(content),
        uploadedAt: expect.any(String),
        uploadedBy: 'Medewerker Stukken',
      },
    ]);
    expect((await audits('paper.created')).map((a) => a.entity_id)).toContain(paper.id);

    const file = await get(`/api/v1/papers/${paper.id}/versions/1/file`);
    expect(file.statusCode).toBe(200);
    expect(Buffer.compare(file.rawPayload, content)).toBe(0);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toBe(
      `attachment; filename="Jaarrekening _ __n.pdf"; filename*=UTF-8''Jaarrekening%20%E2%80%93%20%C3%A9%C3%A9n.pdf`,
    );
    expect(file.headers.etag).toBe(`"${sha(content)}"`);
    expect(file.headers['cache-control']).toBe('public, no-cache');
    expect(file.headers['x-content-type-options']).toBe('nosniff');

    const again = await get(`/api/v1/papers/${paper.id}/versions/1/file`, { 'if-none-match': `"${sha(content)}"` });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
  });

  it('adds versions with the next number; every version stays downloadable', async () => {
    const first = Buffer.from('eerste versie');
    const paper = (await upload(publicItem, [{ name: 'title', value: 'Ledenbrief' }, pdf(first, 'ledenbrief.pdf')])).json();
    const second = Buffer.from('tweede versie, met correcties');
    const added = await addVersion(paper.id, [{ name: 'file', fileName: 'ledenbrief-v2.txt', type: 'text/plain', content: second }]);
    expect(added.statusCode).toBe(201);
    expect(added.json().versions.map((v: { version: number; fileName: string }) => [v.version, v.fileName])).toEqual([
      [2, 'ledenbrief-v2.txt'],
      [1, 'ledenbrief.pdf'],
    ]);
    const third = await addVersion(paper.id, [pdf(Buffer.from('derde'))]);
    expect(third.json().versions[0].version).toBe(3);

    expect((await get(`/api/v1/papers/${paper.id}/versions/1/file`)).body).toBe('eerste versie');
    const v2 = await get(`/api/v1/papers/${paper.id}/versions/2/file`);
    expect(v2.body).toBe('tweede versie, met correcties');
    expect(v2.headers['content-type']).toBe('text/plain');
    expect((await get(`/api/v1/papers/${paper.id}/versions/9/file`)).statusCode).toBe(404);
    expect((await audits('paper.version-added')).filter((a) => a.entity_id === paper.id).map((a) => a.data.version)).toEqual([2, 3]);
  });

  it('changes title and visibility with PATCH', async () => {
    const paper = (await upload(publicItem, [{ name: 'title', value: 'Concept' }, pdf(Buffer.from('x'))])).json();
    const patch = (body: object, headers: Record<string, string> = staff) =>
      t.app.inject({ method: 'PATCH', url: `/api/v1/papers/${paper.id}`, headers, payload: body });
    expect((await patch({ title: 'Definitief', public: false })).statusCode).toBe(204);
    expect((await get(`/api/v1/papers/${paper.id}`, representative)).json()).toMatchObject({ title: 'Definitief', public: false });
    const [entry] = (await audits('paper.updated')).filter((a) => a.entity_id === paper.id);
    expect(entry?.data).toEqual({ before: { title: 'Concept', public: true }, after: { title: 'Definitief', public: false } });
    expect((await patch({})).statusCode).toBe(400);
    expect((await patch({ title: '   ' })).statusCode).toBe(400);
    expect((await patch({ colour: 'red' })).statusCode).toBe(400);
    expect((await patch({ public: true }, representative)).statusCode).toBe(403);
    expect((await patch({ public: true }, {})).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/papers/${randomUUID()}`, headers: staff, payload: { public: true } })).statusCode).toBe(404);
  });
});

describe(`papers: who may read them (${TEST_DB})`, () => {
  it('shows a paper to the public only when the paper and its agenda item are public', async () => {
    const open = (await upload(publicItem, [{ name: 'title', value: 'Openbaar stuk' }, pdf(Buffer.from('open'))])).json();
    const hidden = (
      await upload(publicItem, [{ name: 'title', value: 'Vertrouwelijk stuk' }, { name: 'public', value: 'false' }, pdf(Buffer.from('geheim'))])
    ).json();
    const onClosedItem = (await upload(closedItem, [{ name: 'title', value: 'Stuk bij besloten punt' }, pdf(Buffer.from('besloten'))])).json();
    expect(hidden.public).toBe(false);
    expect(onClosedItem.public).toBe(true);

    expect((await get(`/api/v1/papers/${open.id}`)).statusCode).toBe(200);
    for (const paper of [hidden, onClosedItem]) {
      // Not hidden as 404: the public is told to sign in.
      const anonymous = await get(`/api/v1/papers/${paper.id}`);
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.headers['content-type']).toContain('application/problem+json');
      expect((await get(`/api/v1/papers/${paper.id}/versions/1/file`)).statusCode).toBe(401);
      expect((await get(`/api/v1/papers/${paper.id}`, representative)).statusCode).toBe(200);
      const file = await get(`/api/v1/papers/${paper.id}/versions/1/file`, representative);
      expect(file.statusCode).toBe(200);
      expect(file.headers['cache-control']).toBe('private');
    }
    expect((await get(`/api/v1/papers/${randomUUID()}`)).statusCode).toBe(404);
  });

  it('papersOf lists the visible papers per item, versions newest first', async () => {
    const paper = (await upload(closedItem, [{ name: 'title', value: 'Met twee versies' }, pdf(Buffer.from('1'))])).json();
    await addVersion(paper.id, [pdf(Buffer.from('2'))]);
    const forPublic = await papersOf(t.database.db, [publicItem, closedItem], false);
    const forMembers = await papersOf(t.database.db, [publicItem, closedItem], true);
    expect(forPublic.get(closedItem)).toBeUndefined();
    expect(forPublic.get(publicItem)?.every((p) => p.public)).toBe(true);
    expect(forPublic.get(publicItem)?.map((p) => p.title)).toContain('Openbaar stuk');
    expect(forPublic.get(publicItem)?.map((p) => p.title)).not.toContain('Vertrouwelijk stuk');
    expect(forMembers.get(publicItem)?.map((p) => p.title)).toContain('Vertrouwelijk stuk');
    const listed = forMembers.get(closedItem)?.find((p) => p.id === paper.id);
    expect(listed?.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(await papersOf(t.database.db, [], true)).toEqual(new Map());
  });
});

describe(`papers: refused input (${TEST_DB})`, () => {
  it('refuses a missing, empty, misnamed or second file and bad fields with 422', async () => {
    const problem = async (response: Awaited<ReturnType<typeof upload>>) => {
      expect(response.statusCode).toBe(422);
      return response.json().errors.map((e: { name: string; code: string }) => `${e.name}:${e.code}`);
    };
    expect(await problem(await upload(publicItem, [{ name: 'title', value: 'Zonder bestand' }]))).toEqual(['file:required']);
    expect(await problem(await upload(publicItem, [{ name: 'title', value: 'Leeg' }, pdf(Buffer.alloc(0))]))).toEqual(['file:empty']);
    expect(await problem(await upload(publicItem, [pdf(Buffer.from('x'))]))).toEqual(['title:required']);
    expect(await problem(await upload(publicItem, [{ name: 'title', value: 'x'.repeat(301) }, pdf(Buffer.from('x'))]))).toEqual(['title:maxLength']);
    expect(await problem(await upload(publicItem, [{ name: 'title', value: 'Stuk' }, { name: 'public', value: 'misschien' }, pdf(Buffer.from('x'))]))).toEqual([
      'public:type',
    ]);
    expect(
      await problem(
        await upload(publicItem, [
          { name: 'title', value: 'Stuk' },
          { name: 'bijlage', fileName: 'a.pdf', type: 'application/pdf', content: Buffer.from('x') },
        ]),
      ),
    ).toEqual(['bijlage:unknown']);
    expect(await problem(await upload(publicItem, [{ name: 'title', value: 'Stuk' }, pdf(Buffer.from('a')), pdf(Buffer.from('b'))]))).toEqual(['file:count']);
    const before = await t.database.db
      .selectFrom('papers')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect((await upload(publicItem, [{ name: 'title', value: 'Leeg' }, pdf(Buffer.alloc(0))], { ...staff, 'accept-language': 'nl' })).json().detail).toBe(
      'Het bestand is leeg.',
    );
    const after = await t.database.db
      .selectFrom('papers')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('refuses a file over 10 MB with 413 and a non-multipart body with 415', async () => {
    const big = await upload(publicItem, [{ name: 'title', value: 'Te groot' }, pdf(Buffer.alloc(10 * 1024 * 1024 + 1, 1))]);
    expect(big.statusCode).toBe(413);
    expect(big.json().type).toBe('/problems/file-too-large');
    const json = await t.app.inject({ method: 'POST', url: `/api/v1/agenda-items/${publicItem}/papers`, headers: staff, payload: { title: 'JSON' } });
    expect(json.statusCode).toBe(415);
  });

  it('lets only staff upload, to existing items and papers', async () => {
    const parts = [{ name: 'title', value: 'Stuk' }, pdf(Buffer.from('x'))];
    expect((await upload(publicItem, parts, representative)).statusCode).toBe(403);
    expect((await upload(publicItem, parts, {})).statusCode).toBe(401);
    expect((await upload(randomUUID(), parts)).statusCode).toBe(404);
    expect((await addVersion(randomUUID(), [pdf(Buffer.from('x'))])).statusCode).toBe(404);
    expect((await get('/api/v1/papers/niet-een-uuid')).statusCode).toBe(400);
    expect((await get(`/api/v1/papers/${randomUUID()}/versions/0/file`)).statusCode).toBe(400);
  });
});
