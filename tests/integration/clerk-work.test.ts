import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { stringify } from 'yaml';
import { auditLog, documentDeliveries, submissionDocuments } from '../../platform/db/schema.js';
import { IntakeChannels } from '../../domain/channels/channel-keys.js';
import { IntakeDocumentsRepository } from '../../domain/documents/documents.repository.js';
import { MembersRepository } from '../../domain/members/members.repository.js';
import type { DocumentSearchHit, ReviewDocument } from '../../domain/documents/review.types.js';
import { routedDocument, storeSubmission } from '../helpers/intake.js';
import { randomKvnr, testMember } from '../helpers/members.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { createStaff, loginAs, type LoggedIn } from '../helpers/staff.js';
import { uniqueName } from '../helpers/system.js';

/** Clerk work beyond the queue: search every document, re-route before delivery, duplicates flagged. */
describe('clerk work beyond the review queue', function () {
  this.timeout(60_000);
  let server: TestServer;
  let dir: string;
  let pullTarget: string;
  let clerk: LoggedIn;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'mk-clerk-'));
    pullTarget = uniqueName('archiv-');
    await writeFile(
      path.join(dir, 'targets.yaml'),
      stringify({ targets: [{ name: pullTarget, kind: 'pull', documentTypes: ['invoice'] }] }),
    );
    server = await startTestServer({ env: { DELIVERY_TARGETS_FILE: path.join(dir, 'targets.yaml'), REDIS_PREFIX: uniqueName('mkclerk') } });
    clerk = await loginAs(server.baseUrl, (await createStaff(server.core, 'clerk')).username);
  });
  after(async () => {
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const search = (query: Record<string, string>) => clerk.agent.get('/api/review/documents').query(query);
  const hits = async (query: Record<string, string>) => (await search(query).expect(200)).body.documents as DocumentSearchHit[];
  const view = async (id: string) => (await clerk.agent.get(`/api/review/documents/${id}`).expect(200)).body as ReviewDocument;
  const reroute = (id: string, body: object) =>
    clerk.agent.post(`/api/review/documents/${id}/reroute`).set('x-csrf-token', clerk.csrfToken).send(body);

  describe('search', () => {
    const surname = uniqueName('Krüger');
    const kvnr = randomKvnr();
    let document: { id: string; trackingId: string };
    before(async () => {
      await new MembersRepository(server.core.database.db).upsert([testMember({ kvnr, firstName: 'Jürgen', lastName: surname })]);
      document = await routedDocument(server.core, kvnr);
    });

    it('finds documents by member name, with or without umlauts, and by first name and surname together', async () => {
      const spelt = surname.replace('ü', 'ue');
      for (const name of [surname, spelt, spelt.toUpperCase(), `juergen ${spelt}`, `Jürgen ${surname.slice(0, 10)}`]) {
        const found = await hits({ name });
        assert.deepEqual(
          found.map((h) => h.id),
          [document.id],
          name,
        );
        assert.deepEqual([found[0]!.member?.kvnr, found[0]!.member?.lastName, found[0]!.member?.certain], [kvnr, surname, true]);
      }
      assert.deepEqual(await hits({ name: surname.replace('ü', 'u') }), [], 'Kruger is another name');
      assert.deepEqual(await hits({ name: `Anna ${surname}` }), [], 'every word must match');
    });

    it('finds by tracking ID as members write it, by KVNR, and by receipt date', async () => {
      const sloppy = document.trackingId.toLowerCase().replace(/-/g, ' ');
      assert.deepEqual(
        (await hits({ trackingId: sloppy })).map((h) => h.id),
        [document.id],
      );
      assert.deepEqual(
        (await hits({ kvnr: kvnr.toLowerCase() })).map((h) => h.id),
        [document.id],
      );
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
      assert.ok((await hits({ kvnr, from: today, to: today })).some((h) => h.id === document.id));
      assert.deepEqual(await hits({ kvnr, from: '2020-01-01', to: '2020-12-31' }), []);
      const hit = (await hits({ kvnr }))[0]!;
      assert.deepEqual(
        [hit.trackingId, hit.status, hit.documentType, hit.department],
        [document.trackingId, 'routed', 'invoice', 'Leistungen'],
      );
      assert.deepEqual(
        hit.deliveries.map((d) => [d.target, d.status]),
        [[pullTarget, 'pending']],
      );
    });

    it('refuses an empty or broken query with a clear message, agents, and audits searches without their values', async () => {
      assert.match((await search({}).expect(400)).body.error.details.problems[0].message, /mindestens eine Angabe/);
      await search({ trackingId: 'MK-1234' }).expect(400);
      await search({ kvnr: 'A123' }).expect(400);
      await search({ from: '2026-13-01' }).expect(400);
      assert.match(JSON.stringify((await search({ from: '2026-12-02', to: '2026-12-01' }).expect(400)).body), /Enddatum/);
      await search({ name: 'x', unknown: '1' }).expect(400);
      await search({ name: 'a\u0000b' }).expect(400);
      await search({ from: '0000-01-01' }).expect(400);
      const agent = await loginAs(server.baseUrl, (await createStaff(server.core, 'agent')).username);
      await agent.agent.get('/api/review/documents').query({ name: surname }).expect(403);
      await hits({ name: surname });
      const [audit] = await server.core.database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.action, 'document.search'))
        .orderBy(auditLog.id);
      assert.ok(audit);
      const all = await server.core.database.db.select().from(auditLog).where(eq(auditLog.action, 'document.search'));
      assert.ok(
        all.every((a) => !JSON.stringify(a).includes(surname) && !JSON.stringify(a).includes(kvnr)),
        'no names or KVNRs in the log',
      );
    });
  });

  describe('re-route', () => {
    it('moves a routed document to another type and member before delivery, with new deliveries, audited', async () => {
      const [first, second] = [randomKvnr(), randomKvnr()];
      await new MembersRepository(server.core.database.db).upsert([testMember({ kvnr: first }), testMember({ kvnr: second })]);
      const document = await routedDocument(server.core, first);
      const [before] = await server.core.database.db
        .select()
        .from(documentDeliveries)
        .where(eq(documentDeliveries.documentId, document.id));
      assert.ok(before, 'an invoice goes to the pull target');
      assert.equal((await view(document.id)).canReroute, true);

      const moved = await reroute(document.id, { documentType: 'sick_note', kvnr: second }).expect(200);
      assert.equal(moved.body.department, 'Arbeitsunfähigkeit');
      const [row] = await server.core.database.db.select().from(submissionDocuments).where(eq(submissionDocuments.id, document.id));
      assert.deepEqual(
        [row!.documentType, row!.assignedKvnr, row!.department, row!.status],
        ['sick_note', second, 'Arbeitsunfähigkeit', 'routed'],
      );
      assert.match(row!.reasons.at(-1)!, /umgeleitet: sick_note/);
      assert.deepEqual(
        await server.core.database.db.select().from(documentDeliveries).where(eq(documentDeliveries.documentId, document.id)),
        [],
        'a sick note goes to no target here',
      );
      await reroute(document.id, { documentType: 'invoice', kvnr: second }).expect(200);
      const [again] = await server.core.database.db.select().from(documentDeliveries).where(eq(documentDeliveries.documentId, document.id));
      assert.ok(again && again.id !== before.id, 'back to the invoice target, as a new delivery');
      const audited = await server.core.database.db.select().from(auditLog).where(eq(auditLog.targetId, document.id));
      assert.equal(audited.filter((a) => a.action === 'document.reroute').length, 2);
    });

    it('keeps a document read-only once a target has started to take it over', async () => {
      const kvnr = randomKvnr();
      await new MembersRepository(server.core.database.db).upsert([testMember({ kvnr })]);
      const document = await routedDocument(server.core, kvnr);
      const exportKey = await new IntakeChannels(server.core.database.db).add(pullTarget, 'export').catch(() => undefined);
      if (exportKey) await request(server.baseUrl).get('/api/export/documents').set('authorization', `Bearer ${exportKey}`).expect(200);
      else
        await server.core.delivery.deliveries.markFetched(
          (await server.core.delivery.deliveries.forDocument(document.id)).map((d) => d.id),
        );
      assert.equal((await view(document.id)).canReroute, false);
      const refused = await reroute(document.id, { documentType: 'sick_note', kvnr }).expect(409);
      assert.equal(refused.body.error.code, 'already_delivered');
      const [row] = await server.core.database.db.select().from(submissionDocuments).where(eq(submissionDocuments.id, document.id));
      assert.equal(row!.documentType, 'invoice', 'unchanged');
    });

    it('refuses what is not a correction: a document in review, the same values, an unknown member', async () => {
      const kvnr = randomKvnr();
      await new MembersRepository(server.core.database.db).upsert([testMember({ kvnr })]);
      const inReview = await storeSubmission(
        server.core,
        { source: 'channel:test', conversationId: null, kvnr },
        {
          bytes: randomBytes(100),
          mediaType: 'application/pdf',
          name: 'x.pdf',
        },
      );
      await server.core.database.db
        .update(submissionDocuments)
        .set({ status: 'awaiting_review' })
        .where(eq(submissionDocuments.id, inReview.documentIds[0]!));
      assert.equal((await reroute(inReview.documentIds[0]!, { documentType: 'invoice', kvnr }).expect(409)).body.error.code, 'not_routed');
      const routed = await routedDocument(server.core, kvnr);
      await reroute(routed.id, { documentType: 'invoice', kvnr }).expect(400);
      await reroute(routed.id, { documentType: 'invoice', kvnr: randomKvnr() }).expect(400);
      await reroute(routed.id, { documentType: 'love_letter', kvnr }).expect(400);
    });
  });

  describe('duplicates', () => {
    it('flags the same file sent again, with a link to the earlier document', async () => {
      const kvnr = randomKvnr();
      const bytes = randomBytes(500);
      const earlier = await routedDocument(server.core, kvnr, 'invoice', bytes);
      const later = await routedDocument(server.core, randomKvnr(), 'invoice', bytes);
      const flagged = await view(later.id);
      assert.deepEqual(flagged.duplicateOf, { documentId: earlier.id, trackingId: earlier.trackingId, reason: 'same_file' });
      assert.equal((await view(earlier.id)).duplicateOf, null, 'the first one is the original');
      assert.deepEqual((await hits({ trackingId: later.trackingId }))[0]!.duplicateOf?.documentId, earlier.id);
    });

    it('flags the same invoice number and total for the same member within 90 days, read from the invoice text', async () => {
      const kvnr = randomKvnr();
      const invoice = async (text: string) => {
        const stored = await storeSubmission(
          server.core,
          { source: 'channel:test', conversationId: null, kvnr },
          {
            bytes: randomBytes(200),
            mediaType: 'application/pdf',
            name: 'rechnung.pdf',
          },
        );
        const id = stored.documentIds[0]!;
        await new IntakeDocumentsRepository(server.core.database.db).savePages([
          { documentId: id, page: 1, text, confidence: 100, source: 'text_layer' },
        ]);
        await server.core.database.db.update(submissionDocuments).set({ status: 'classify' }).where(eq(submissionDocuments.id, id));
        await server.core.intake.handle('classify', id);
        return { id, trackingId: stored.trackingId };
      };
      const text = (number: string, total: string) =>
        `Zahnarztpraxis Dr. Weiß\nRechnung für professionelle Zahnreinigung\nRechnungsnummer: ${number}\nGesamtbetrag: ${total} €\nBitte überweisen Sie den Rechnungsbetrag.`;
      const original = await invoice(text('2026-0815', '120,00'));
      const [row] = await server.core.database.db.select().from(submissionDocuments).where(eq(submissionDocuments.id, original.id));
      assert.deepEqual(
        [row!.documentType, row!.invoiceNumber, row!.amountCents],
        ['invoice', '2026-0815', 12000],
        'the classify stage read them',
      );
      const copy = await invoice(text('2026-0815', '120,00'));
      const otherTotal = await invoice(text('2026-0815', '80,00'));
      const otherNumber = await invoice(text('2026-0816', '120,00'));
      assert.deepEqual((await view(copy.id)).duplicateOf, {
        documentId: original.id,
        trackingId: original.trackingId,
        reason: 'same_invoice',
      });
      assert.equal((await view(otherTotal.id)).duplicateOf, null);
      assert.equal((await view(otherNumber.id)).duplicateOf, null);

      await server.core.database.db
        .update(submissionDocuments)
        .set({ createdAt: new Date(Date.now() - 91 * 24 * 3600_000) })
        .where(eq(submissionDocuments.id, original.id));
      assert.equal((await view(copy.id)).duplicateOf, null, 'not after 90 days');
    });
  });
});
