import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Activity } from '../../domain/chat/activity.js';
import { SUBMIT } from '../../domain/member-texts.de.js';
import { eq } from 'drizzle-orm';
import { openDatabase, type DatabaseHandle } from '../../platform/db/client.js';
import { storedFiles } from '../../platform/db/schema.js';
import { SubmissionsRepository } from '../../domain/submissions/submissions.repository.js';
import { DirectLineTestClient } from '../helpers/directline-client.js';
import { makePdfPages, PNG_1X1 } from '../helpers/files.js';
import { childEnv, runTs, waitUntil, type Spawned } from '../helpers/processes.js';
import { sharedDatabase } from '../helpers/root-hooks.js';
import { freePort, TEST_DIRECTLINE_SECRET } from '../helpers/server.js';
import { uniqueName } from '../helpers/system.js';
import { testLogger } from '../helpers/log-scan.js';

/**
 * A member submits an invoice through the Direct Line API against the real server process,
 * which is killed (SIGKILL, no shutdown) in the middle of the dialog and started again.
 */
describe('document submission end to end (Direct Line, server killed mid-dialog)', function () {
  this.timeout(120_000);
  let storageDir: string;
  let port: number;
  let server: Spawned | undefined;
  let database: DatabaseHandle;

  before(async () => {
    storageDir = mkdtempSync(path.join(tmpdir(), 'mk-e2e-files-'));
    port = await freePort();
    database = await openDatabase({ url: sharedDatabase.url, poolSize: 2, embeddedDir: '' }, testLogger());
  });
  after(async () => {
    server?.child.kill('SIGKILL');
    await database.close();
    rmSync(storageDir, { recursive: true, force: true });
  });

  const env = () =>
    childEnv({
      PORT: String(port),
      DATABASE_URL: sharedDatabase.url,
      DIRECTLINE_SECRET: TEST_DIRECTLINE_SECRET,
      STORAGE_DIR: storageDir,
      REDIS_PREFIX: uniqueName('mke2e'),
    });

  async function startServer(): Promise<void> {
    server = runTs('server/main.ts', ['--role', 'web'], env());
    const started = server;
    await waitUntil(async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200, 60_000, `the server: ${started.stderr()}`);
  }

  /** A member in a new Direct Line conversation with the running server: sends, uploads, waits for the bot. */
  async function directLineMember() {
    const dl = new DirectLineTestClient(`http://127.0.0.1:${port}`);
    const { conversationId, token } = await dl.startConversation();
    let watermark = '';

    /** Sends a message (or an upload) and waits for a bot reply matching `expected`. */
    const expectReply = async (expected: RegExp): Promise<Activity> => {
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline) {
        const set = await dl.activities(conversationId, token, watermark);
        watermark = set.watermark ?? watermark;
        const reply = set.activities.find((a) => a.from?.role === 'bot' && expected.test(a.text ?? ''));
        if (reply) return reply;
        await new Promise((r) => setTimeout(r, 100));
      }
      const all = (await dl.activities(conversationId, token)).activities.map(
        (a) => `${a.from?.role ?? a.from?.id}: ${a.text ?? ''} ${a.attachments?.length ?? 0}`,
      );
      throw new Error(`no bot reply matching ${expected}; the conversation:\n${all.join('\n')}\n${server?.stdout()}${server?.stderr()}`);
    };
    const say = async (text: string, expected: RegExp) => {
      const sent = await dl.send(conversationId, token, { type: 'message', text });
      assert.equal(sent.status, 200, `${JSON.stringify(sent.body)}\n${server?.stdout().slice(-3000)}`);
      return expectReply(expected);
    };
    const upload = async (name: string, body: Buffer, type: string, expected: RegExp) => {
      const form = new FormData();
      form.append(
        'activity',
        new Blob([JSON.stringify({ type: 'message', from: { id: 'member' } })], { type: 'application/vnd.microsoft.activity' }),
        'blob',
      );
      form.append('file', new Blob([body], { type }), name);
      const res = await fetch(`http://127.0.0.1:${port}/v3/directline/conversations/${conversationId}/upload?userId=member`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      });
      assert.equal(res.status, 200, `${await res.text()}\n${server?.stdout().slice(-3000)}`);
      return expectReply(expected);
    };

    return { conversationId, say, upload };
  }

  it('takes an invoice with two files, survives a kill between the details and the files, and stores everything', async () => {
    await startServer();
    const { conversationId, say, upload } = await directLineMember();
    await say('Dokument einreichen', /Was möchten Sie einreichen/);
    await say('Rechnung zur Erstattung', /Für wen/);
    await say('Für mich', /Krankenversichertennummer/);
    await say('A123456780', /Wofür ist die Rechnung/);
    await say('Professionelle Zahnreinigung', /Wann war die Behandlung/);
    await say('gestern', /Betrag/);
    await say('120,00', /IBAN/);
    await say('DE89 3704 0044 0532 0130 00', /Kontoinhaber/);
    await say('Anna Beispiel', /Bitte laden Sie jetzt das Dokument hoch/);

    // Between the details (step 3) and the files (step 4): the process dies without warning.
    server!.child.kill('SIGKILL');
    await server!.exited;
    await startServer();

    await upload('rechnung.pdf', await makePdfPages(2), 'application/pdf', /„rechnung\.pdf“ erhalten \(2 Seiten; insgesamt 2/);
    await upload('quittung.png', PNG_1X1, 'image/png', /„quittung\.png“ erhalten \(1 Seite; insgesamt 3/);
    await say(SUBMIT.filesDone, /Möchten Sie uns noch etwas/);
    await say(SUBMIT.noNote, /Professionelle Zahnreinigung[\s\S]*120,00 €[\s\S]*2 Dateien mit 3 Seiten/);
    const done = await say(SUBMIT.send, /Tracking-ID lautet/);
    const trackingId = /\*\*(MK-[0-9A-Z-]+)\*\*/.exec(done.text ?? '')?.[1];
    assert.ok(trackingId, done.text);

    const repository = new SubmissionsRepository(database.db);
    const submission = await repository.find(trackingId);
    assert.equal(submission?.kvnr, 'A123456780');
    assert.equal(submission?.conversationId, conversationId);
    assert.deepEqual(submission?.details, {
      treatmentKind: 'Professionelle Zahnreinigung',
      treatmentDate: (submission?.details as { treatmentDate: string }).treatmentDate,
      amountCents: 12000,
      iban: 'DE89370400440532013000',
      accountHolder: 'Anna Beispiel',
    });
    const documents = await repository.documents(submission!.id);
    assert.deepEqual(
      documents.map((d) => d.pageCount),
      [2, 1],
    );
    for (const d of documents)
      assert.ok(existsSync(path.join(storageDir, d.fileId.slice(0, 2), d.fileId)), `document ${d.position} in storage`);
    // Each upload is stored once: the submission took over the chat's file instead of a copy.
    const files = await database.db.select().from(storedFiles).where(eq(storedFiles.conversationId, conversationId));
    assert.deepEqual(files.map((f) => f.id).sort(), documents.map((d) => d.fileId).sort());
  });

  it("takes the seed's own sentence as a submission with the treatment filled in, to a tracking ID", async () => {
    if (!server || server.child.exitCode !== null) await startServer();
    const { say, upload } = await directLineMember();
    // Type and treatment come from the sentence: the dialog asks only for the rest.
    await say('Ich möchte eine Rechnung für die professionelle Zahnreinigung einreichen', /Für wen/);
    await say('Für mich', /Krankenversichertennummer/);
    await say('A123456780', /Wann war die Behandlung/);
    await say('am 3.11.', /Betrag/);
    await say('95 Euro', /IBAN/);
    await say('DE89 3704 0044 0532 0130 00', /Kontoinhaber/);
    await say('Anna Beispiel', /Bitte laden Sie jetzt das Dokument hoch/);
    await upload('pzr.pdf', await makePdfPages(1), 'application/pdf', /„pzr\.pdf“ erhalten/);
    await say(SUBMIT.filesDone, /Möchten Sie uns noch etwas/);
    await say(SUBMIT.noNote, /Professionelle Zahnreinigung[\s\S]*95,00 €/);
    const done = await say(SUBMIT.send, /Tracking-ID lautet/);
    const trackingId = /\*\*(MK-[0-9A-Z-]+)\*\*/.exec(done.text ?? '')?.[1];
    const submission = await new SubmissionsRepository(database.db).find(trackingId!);
    assert.equal((submission?.details as { treatmentKind?: string }).treatmentKind, 'Professionelle Zahnreinigung');
  });
});
