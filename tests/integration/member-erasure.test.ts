import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import request from 'supertest';
import { stringify } from 'yaml';
import { auditLog, botState, classificationExamples, faqUnanswered } from '../../platform/db/schema.js';
import { IntakeDocumentsRepository } from '../../domain/documents/documents.repository.js';
import { MembersRepository } from '../../domain/members/members.repository.js';
import type { Core } from '../../server/container.js';
import { readyToRoute, routedDocument, storeSubmission } from '../helpers/intake.js';
import { makePdf } from '../helpers/files.js';
import { randomKvnr, testMember } from '../helpers/members.js';
import { childEnv, runTs } from '../helpers/processes.js';
import { sharedDatabase } from '../helpers/root-hooks.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { createStaff, loginAs } from '../helpers/staff.js';
import { uniqueName } from '../helpers/system.js';

interface Person {
  kvnr: string;
  firstName: string;
  lastName: string;
}

/** Every file under a folder, recursively. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/**
 * A member's data in every place the product keeps some: master record and a dependant, PINs
 * with a draft upload, a submission from the chat and its routed document with deliveries, a
 * document of someone else that names them, a training text, a certificate request, a callback
 * in their name, a conversation with their words, an upload and a live chat summary, bot state,
 * an unanswered question, audit rows about them.
 */
async function plantEverywhere(core: Core, person: Person, pullTarget: string): Promise<string[]> {
  const { kvnr, firstName, lastName } = person;
  const fullName = `${firstName} ${lastName}`;
  const db = core.database.db;
  const fileIds: string[] = [];
  const dependant = randomKvnr();
  await new MembersRepository(db).upsert([
    testMember({ kvnr, firstName, lastName }),
    testMember({ kvnr: dependant, lastName: uniqueName('Kind'), familyOf: kvnr }),
  ]);
  const pin = await core.pins.issue({ kvnr, purpose: 'Rechnung einreichen' }, { label: 'test' });
  const pinDraft = await core.submissions.addFile(`pin:${pin.id}`, makePdf(`Beleg ${kvnr}`), 'pin-upload.pdf');
  assert.ok(pinDraft.accepted, 'a draft upload under the PIN');

  const conversationId = uniqueName('conv-');
  await core.chat.conversations.ensure(conversationId, uniqueName('user-'));
  await core.chat.conversations.append(conversationId, 'user', {
    type: 'message',
    text: `Ich bin ${fullName}, meine Nummer ist ${kvnr}`,
  } as never);
  const upload = await core.storage.storeBuffer(Buffer.from(`upload of ${fullName}`));
  await core.storedFiles.insert({ ...upload, mediaType: 'image/png', originalName: 'foto.png', conversationId });
  fileIds.push(upload.id);

  const own = await storeSubmission(
    core,
    { source: 'chat', conversationId, kvnr, details: { invoiceNumber: 'R-1' }, note: `von ${fullName}` },
    { bytes: Buffer.from(`%PDF-1.4\n% Rechnung ${kvnr}\n`), mediaType: 'application/pdf', name: 'rechnung.pdf' },
  );
  fileIds.push(...own.fileIds);
  const pages = new IntakeDocumentsRepository(db);
  await pages.savePages([
    { documentId: own.documentIds[0]!, page: 1, text: `Rechnung für ${fullName} ${kvnr}`, confidence: 100, source: 'text_layer' },
  ]);
  await readyToRoute(core, own.documentIds[0]!, 'invoice', kvnr);
  await core.intake.handle('route', own.documentIds[0]!);
  await core.delivery.deliveries.acknowledge(own.documentIds[0]!, pullTarget);

  const othersDocument = await storeSubmission(
    core,
    { source: 'channel:scan', conversationId: null, kvnr: null },
    { bytes: Buffer.from(`%PDF-1.4\n% Familienbogen ${kvnr}\n`), mediaType: 'application/pdf', name: 'familie.pdf' },
  );
  fileIds.push(...othersDocument.fileIds);
  await pages.savePages([
    {
      documentId: othersDocument.documentIds[0]!,
      page: 1,
      text: `Familienversicherung: Angehörige ${kvnr}`,
      confidence: 90,
      source: 'ocr',
    },
  ]);
  await db
    .insert(classificationExamples)
    .values({ id: randomUUID(), text: `Beleg ${fullName}`, documentType: 'invoice', corrected: false });

  await core.serviceRequests.addCertificate({ kvnr, forOther: false, conversationId: null });
  await core.serviceRequests.addCallback({
    topic: 'Rückruf',
    name: fullName,
    phone: '+4930123456',
    preferredDate: '2026-12-10',
    timeWindow: '10-12',
    consentAt: new Date(),
    conversationId: null,
  });
  const chatConversation = uniqueName('conv-');
  await core.chat.conversations.ensure(chatConversation, uniqueName('user-'));
  await core.livechat.queue.request(chatConversation, 'Krankengeld', { recentMessages: ['Frage zum Krankengeld'], trackingIds: [], kvnr });
  await db.insert(botState).values({ key: `directline/conversations/${uniqueName('c-')}`, etag: '1', data: { submit: { kvnr } } });
  await db
    .insert(faqUnanswered)
    .values({ question: `ich bin ${fullName} und warte auf Antwort`, lastDecision: 'fallback', lastCandidates: [] });
  await core.audit.record({
    actor: 'test',
    action: 'member.view',
    outcome: 'success',
    targetType: 'member',
    targetId: kvnr,
    details: { kvnr },
  });
  return fileIds;
}

describe('member erasure (DSGVO Art. 17)', function () {
  this.timeout(60_000);
  let server: TestServer;
  let dir: string;
  let pullTarget: string;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'mk-erase-'));
    pullTarget = uniqueName('archiv-');
    await writeFile(path.join(dir, 'targets.yaml'), stringify({ targets: [{ name: pullTarget, kind: 'pull' }] }));
    server = await startTestServer({
      env: {
        STORAGE_DIR: path.join(dir, 'files'),
        DELIVERY_TARGETS_FILE: path.join(dir, 'targets.yaml'),
        REDIS_PREFIX: uniqueName('mkerase'),
      },
    });
  });
  after(async () => {
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  /** Rows of every table of the schema whose text holds the KVNR or the surname. */
  async function rowsMentioning(person: Person): Promise<Record<string, number>> {
    const client = new pg.Client({ connectionString: sharedDatabase.url });
    await client.connect();
    try {
      const tables = await client.query<{ name: string }>(
        `select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
      );
      const found: Record<string, number> = {};
      for (const { name } of tables.rows) {
        const { rows } = await client.query<{ n: string }>(
          `select count(*) as n from "${name}" t where t::text ilike $1 or t::text ilike $2`,
          [`%${person.kvnr}%`, `%${person.lastName}%`],
        );
        if (Number(rows[0]!.n) > 0) found[name] = Number(rows[0]!.n);
      }
      return found;
    } finally {
      await client.end();
    }
  }

  async function filesMentioning(person: Person): Promise<string[]> {
    const hits: string[] = [];
    for (const file of await filesUnder(server.core.config.storage.dir)) {
      const text = (await readFile(file)).toString('latin1');
      if (text.includes(person.kvnr) || text.includes(person.lastName)) hits.push(file);
    }
    return hits;
  }

  const newPerson = (): Person => ({ kvnr: randomKvnr(), firstName: 'Erika', lastName: uniqueName('Loeschmann') });

  it('leaves no row and no file of the member, keeps audit rows without content, and reports what it removed', async () => {
    const person = newPerson();
    const fileIds = await plantEverywhere(server.core, person, pullTarget);
    const before = await rowsMentioning(person);
    for (const table of [
      'members',
      'einmal_pins',
      'submissions',
      'submission_documents',
      'document_pages',
      'chat_activities',
      'callback_requests',
    ])
      assert.ok(before[table], `planted in ${table}: ${JSON.stringify(before)}`);
    assert.ok((await filesMentioning(person)).length >= 3, 'planted in the storage folder');
    const auditBefore = await server.core.database.db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.targetId} = ${person.kvnr}`);

    const admin = await loginAs(server.baseUrl, (await createStaff(server.core, 'admin')).username);
    const res = await admin.agent
      .post(`/api/admin/members/${person.kvnr}/erase`)
      .set('x-csrf-token', admin.csrfToken)
      .send({ confirm: person.kvnr.toLowerCase() })
      .expect(200);
    const report = res.body.report as Record<string, number>;
    assert.deepEqual(
      [report.member, report.einmalPins, report.submissions, report.documents, report.certificateRequests, report.callbackRequests],
      [1, 1, 2, 2, 1, 1],
    );
    assert.equal(report.deliveredToCoreSystem, 1, 'the admin learns the core system has a copy');
    assert.ok(
      report.conversations! >= 2 && report.files! >= 4 && report.draftFiles === 1 && report.dependantsUnlinked === 1,
      JSON.stringify(report),
    );

    assert.deepEqual(await rowsMentioning(person), {}, 'no row anywhere holds the KVNR or the name');
    assert.deepEqual(await filesMentioning(person), [], 'no file in the storage folder holds them');
    for (const id of fileIds) assert.equal(await server.core.storedFiles.find(id), undefined);

    const kept = await server.core.database.db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.id} in ${auditBefore.map((a) => a.id)}`);
    assert.equal(kept.length, auditBefore.length, 'audit rows stay');
    assert.ok(
      kept.every((a) => a.targetId === null && a.details === null),
      'without content',
    );
    const [erasure] = await server.core.database.db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.action} = 'member.erase'`)
      .orderBy(sql`${auditLog.id} desc`)
      .limit(1);
    assert.ok(erasure && erasure.targetId === null && Object.values(erasure.details ?? {}).every((v) => typeof v === 'number'));
    const metrics = await request(server.baseUrl).get('/metrics').expect(200);
    assert.match(metrics.text, /personal_data_deleted\{kind="documents",reason="erasure"\} [1-9]/);
  });

  it('erases what came in for a KVNR without a master record, and counts a document a pull client read as at the core system', async () => {
    const kvnr = randomKvnr();
    const stranger = await routedDocument(server.core, kvnr, 'invoice', makePdf('Rechnung'));
    await server.core.delivery.deliveries.markFetched((await server.core.delivery.deliveries.forDocument(stranger.id)).map((d) => d.id));
    const admin = await loginAs(server.baseUrl, (await createStaff(server.core, 'admin')).username);
    const erase = () => admin.agent.post(`/api/admin/members/${kvnr}/erase`).set('x-csrf-token', admin.csrfToken).send({ confirm: kvnr });
    const { report } = (await erase().expect(200)).body as { report: Record<string, number> };
    assert.deepEqual([report.member, report.documents, report.deliveredToCoreSystem], [0, 1, 1]);
    assert.deepEqual(await rowsMentioning({ kvnr, firstName: '', lastName: kvnr }), {});
    await erase().expect(404);
  });

  it('asks for the KVNR again, answers 404 for no such member, and lets only admins erase', async () => {
    const person = newPerson();
    await new MembersRepository(server.core.database.db).upsert([testMember(person)]);
    const admin = await loginAs(server.baseUrl, (await createStaff(server.core, 'admin')).username);
    const clerk = await loginAs(server.baseUrl, (await createStaff(server.core, 'clerk')).username);
    const erase = (who: typeof admin, kvnr: string, confirm: string) =>
      who.agent.post(`/api/admin/members/${kvnr}/erase`).set('x-csrf-token', who.csrfToken).send({ confirm });
    await erase(clerk, person.kvnr, person.kvnr).expect(403);
    await erase(admin, person.kvnr, randomKvnr()).expect(400);
    await erase(admin, 'A12345678', 'A12345678').expect(400);
    const other = randomKvnr();
    await erase(admin, other, other).expect(404);
    assert.ok(await new MembersRepository(server.core.database.db).find(person.kvnr), 'nothing erased by a refused request');
  });

  it('erases from the command line too, printing the report', async () => {
    const person = newPerson();
    await plantEverywhere(server.core, person, pullTarget);
    const cli = runTs(
      'server/cli/main.ts',
      ['member:erase', person.kvnr],
      childEnv({ DATABASE_URL: sharedDatabase.url, STORAGE_DIR: server.core.config.storage.dir }),
    );
    assert.equal(await cli.exited, 0, cli.stderr());
    assert.match(cli.stdout(), /Member erased\. Removed:/);
    assert.match(cli.stdout(), /documents: 2/);
    assert.match(cli.stdout(), /reached the core system/);
    assert.ok(!cli.stdout().includes(person.lastName), 'the report holds no name');
    assert.deepEqual(await rowsMentioning(person), {});
    assert.deepEqual(await filesMentioning(person), []);
    const again = runTs('server/cli/main.ts', ['member:erase', person.kvnr], childEnv({ DATABASE_URL: sharedDatabase.url }));
    assert.equal(await again.exited, 1);
    assert.match(again.stderr(), /No data of KVNR .* is stored here/);
  });
});
