import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../platform/db/schema.js';
import { projectRoot } from '../../platform/paths.js';
import { EVALUATION_SETS, readLabelledSet } from '../../knowledge/evaluation.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { createStaff, loginAs, type LoggedIn } from '../helpers/staff.js';
import { uniqueName } from '../helpers/system.js';

const NEW_ANSWER = 'Sie erreichen uns **Montag bis Freitag von 7 bis 19 Uhr** unter 0800 000 0000 (kostenfrei).';

/**
 * Knowledge care through the API, on a copy of the knowledge files: an edit is checked with
 * every entry, measured on the evaluation sets, saved and answered at once; a bad one is refused
 * with its field and changes nothing.
 */
describe('knowledge care API', function () {
  this.timeout(180_000);
  let dir: string;
  let server: TestServer;
  let editor: LoggedIn;
  let editorName: string;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mk-knowledge-care-'));
    cpSync(path.join(projectRoot, 'knowledge'), dir, { recursive: true });
    // The team's set alone keeps each measurement short; the development sets behave the same.
    for (const file of EVALUATION_SETS.development) rmSync(path.join(dir, 'eval', file));
    server = await startTestServer({ env: { REDIS_PREFIX: uniqueName('mkknow'), KNOWLEDGE_DIR: dir } });
    editorName = (await createStaff(server.core, 'editor')).username;
    editor = await loginAs(server.baseUrl, editorName);
  });
  after(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const entryFile = (id: string) => readFileSync(path.join(dir, 'entries', `${id}.md`), 'utf8');
  const send = (method: 'post' | 'put', url: string, body: object) =>
    editor.agent[method](`/api/knowledge${url}`).set('X-CSRF-Token', editor.csrfToken).send(body);
  const editable = async (id: string) => {
    const { entry } = (await editor.agent.get(`/api/knowledge/entries/${id}`).expect(200)).body;
    const { id: _id, review: _review, ...rest } = entry;
    return { ...rest, action: entry.action ?? null };
  };

  it('shows the effect of an edit on the evaluation sets before anything is written', async () => {
    const before = entryFile('contact_hours');
    const input = { ...(await editable('contact_hours')), phrasings: [] };
    const { body } = await send('post', '/entries/contact_hours/preview', input).expect(200);
    const teamSet = await readLabelledSet(path.join(dir, 'eval', EVALUATION_SETS.team));
    assert.equal(body.effect.before.questions, teamSet.length, 'every question of the sets present');
    assert.ok(body.effect.after.correctRate <= body.effect.before.correctRate, 'dropping every phrasing cannot help');
    assert.ok(Array.isArray(body.effect.worsened) && Array.isArray(body.effect.improved));
    assert.equal(entryFile('contact_hours'), before, 'a preview writes nothing');
  });

  it('refuses an invalid edit with the field named, in German, and keeps the version in use', async () => {
    const input = await editable('contact_hours');
    const short = await send('put', '/entries/contact_hours', { ...input, answer: 'kurz' }).expect(400);
    assert.deepEqual(
      short.body.error.details.problems.map((p: { field: string }) => p.field),
      ['answer'],
    );
    assert.match(short.body.error.details.problems[0].message, /Antwort: mindestens 10 Zeichen/);
    const unknown = await send('put', '/entries/contact_hours', { ...input, followUps: ['gibt_es_nicht'] }).expect(400);
    assert.equal(unknown.body.error.details.problems[0].field, 'followUps');
    assert.match(unknown.body.error.details.problems[0].message, /gibt_es_nicht/);
    await send('put', '/entries/contact_hours', { ...input, action: 'teleport' }).expect(400);
    await send('put', '/entries/gibt_es_nicht', input).expect(404);
    assert.equal(server.core.knowledge.entry('contact_hours')!.answer, input.answer);
  });

  it('saves an edit: the file changes, the bot answers with it at once, and the audit log says who changed what', async () => {
    const input = await editable('contact_hours');
    await send('put', '/entries/contact_hours', { ...input, answer: NEW_ANSWER }).expect(200);
    assert.match(entryFile('contact_hours'), /Montag bis Freitag von 7 bis 19 Uhr/);
    assert.match(entryFile('contact_hours'), /^---\nid: contact_hours\nquestion: /);
    const asked = server.core.knowledge.ask('Wann seid ihr telefonisch erreichbar?');
    assert.equal(asked.entries[0]?.answer, NEW_ANSWER);
    const [audited] = await server.core.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'knowledge.entry.update'), eq(auditLog.targetId, 'contact_hours')));
    assert.deepEqual(audited!.details, { changed: ['answer'] });
  });

  it('groups unanswered questions, and turns one into a phrasing of an entry that then answers it', async () => {
    const question = 'wann kommt eigentlich das geld für die zahnreinigung zurück aufs konto';
    await server.core.faqFeedback.recordUnanswered(question, 'fallback', [{ id: 'professional_tooth_cleaning', score: 0.3 }]);
    await server.core.faqFeedback.recordUnanswered(`${question}?`, 'fallback', [{ id: 'professional_tooth_cleaning', score: 0.3 }]);
    const { groups } = (await editor.agent.get('/api/knowledge/unanswered').expect(200)).body;
    const group = groups.find((g: { questions: Array<{ question: string }> }) => g.questions.some((q) => q.question === question));
    assert.equal(group.questions.length, 2, 'the two spellings are one group');
    assert.equal(group.count, 2);
    assert.deepEqual(group.closestEntries, ['professional_tooth_cleaning']);

    await send('post', '/entries/professional_tooth_cleaning/phrasings', { question }).expect(200);
    assert.ok(server.core.knowledge.entry('professional_tooth_cleaning')!.phrasings.includes(question));
    const after = (await editor.agent.get('/api/knowledge/unanswered').expect(200)).body.questions;
    assert.ok(!after.some((q: { question: string }) => q.question === question), 'it left the list');
  });

  it('creates a new entry from the console; agents and clerks may not edit', async () => {
    const created = {
      id: 'gym_membership',
      question: 'Zahlt die Musterkasse meinen Beitrag im Fitnessstudio?',
      phrasings: ['Fitnessstudio Zuschuss', 'zahlt ihr das gym'],
      english: [],
      followUps: ['bonus_program'],
      action: null,
      answer: 'Einen Beitrag im Fitnessstudio zahlen wir nicht. Im **Bonusprogramm** sammeln Sie Punkte für Sport.',
    };
    await send('post', '/entries', created).expect(201);
    await send('post', '/entries', created).expect(409);
    assert.equal(server.core.knowledge.entry('gym_membership')?.followUps[0], 'bonus_program');
    await send('post', '/entries', { ...created, id: 'Kein Id' }).expect(400);
    const listed = (await editor.agent.get('/api/knowledge/entries').expect(200)).body.entries;
    assert.ok(listed.some((e: { id: string }) => e.id === 'gym_membership'));
    for (const role of ['agent', 'clerk'] as const) {
      const other = await loginAs(server.baseUrl, (await createStaff(server.core, role)).username);
      await other.agent.get('/api/knowledge/entries').expect(403);
    }
  });

  it('lists answers due for review with why, and records who reviewed one against which sources', async () => {
    // Reviewed long ago, before the 2026 income limit: due twice over.
    const file = path.join(dir, 'entries', 'family_add.md');
    writeFileSync(file, entryFile('family_add').replace(/reviewedAt: "[\d-]+"/, 'reviewedAt: "2024-06-01"'));
    assert.ok(await server.core.knowledge.reload());
    const due = async () =>
      (await editor.agent.get('/api/knowledge/review-due').expect(200)).body.entries as Array<{ id: string; reasons: string[] }>;
    const family = (await due()).find((e) => e.id === 'family_add');
    assert.ok(family, 'listed');
    assert.match(family.reasons.join(' '), /Zuletzt geprüft am 01\.06\.2024, vor mehr als 365 Tagen/);
    assert.match(family.reasons.join(' '), /seit 01\.01\.2026 neu 565 Euro/);

    const refused = await send('post', '/entries/family_add/reviewed', { sources: [], validFrom: 'morgen' }).expect(400);
    const fields = refused.body.error.details.problems.map((p: { field: string }) => p.field).sort();
    assert.deepEqual(fields, ['sources', 'validFrom']);
    assert.match(refused.body.error.details.problems[0].message, /Quelle|Datum/);

    const sources = ['§ 10 SGB V', 'Rundschreiben Familienversicherung 2026'];
    await send('post', '/entries/family_add/reviewed', { sources, validFrom: '2026-01-01' }).expect(200);
    const written = entryFile('family_add');
    assert.match(written, new RegExp(`reviewedAt: "?${server.core.knowledge.today()}"?`));
    assert.match(written, new RegExp(`reviewer: "?${editorName}`));
    assert.match(written, /Rundschreiben Familienversicherung 2026/);
    assert.match(written, /\{\{familienversicherung_einkommen\}\}/, 'the answer itself is unchanged');
    assert.ok(!(await due()).some((e) => e.id === 'family_add'), 'no longer due');
    const [audited] = await server.core.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'knowledge.entry.reviewed'), eq(auditLog.targetId, 'family_add')));
    assert.deepEqual((audited!.details as { sources: string[] }).sources, sources);

    const figures = (await editor.agent.get('/api/knowledge/figures').expect(200)).body.figures as Array<{
      id: string;
      current: { value: string };
    }>;
    assert.equal(figures.find((f) => f.id === 'beitragsbemessungsgrenze_monat')?.current.value, '5.812,50 Euro');
    const agent = await loginAs(server.baseUrl, (await createStaff(server.core, 'agent')).username);
    await agent.agent.get('/api/knowledge/review-due').expect(403);
    await agent.agent
      .post('/api/knowledge/entries/family_add/reviewed')
      .set('X-CSRF-Token', agent.csrfToken)
      .send({ sources, validFrom: '2026-01-01' })
      .expect(403);
  });
});
