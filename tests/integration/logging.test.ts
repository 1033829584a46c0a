import assert from 'node:assert/strict';
import request from 'supertest';
import { createApp } from '../../server/app.js';
import type { Core } from '../../server/container.js';
import { LogCapture, startTestCore } from '../helpers/system.js';

const KVNR = 'A123456780';
const IBAN = 'DE89370400440532013000';
const IBAN_SPACED = 'DE89 3704 0044 0532 0130 00';
const PHONE = '0151 23456789';
const NAME = 'Erika Mustermann';

describe('logs without personal data', () => {
  let core: Core;
  let logs: LogCapture;

  beforeEach(async () => {
    logs = new LogCapture();
    core = await startTestCore({ logs });
  });
  afterEach(() => core.close());

  function assertClean() {
    assert.ok(logs.lines.length > 0, 'something was logged');
    for (const secret of [KVNR, IBAN, IBAN_SPACED, PHONE, NAME, 'Erika']) {
      assert.ok(!logs.text.includes(secret), `log output contains "${secret}":\n${logs.text}`);
    }
  }

  it('keeps KVNR and IBAN of a request out of the request log, in path, query, headers and body', async () => {
    const app = createApp(core);
    await request(app)
      .post(`/api/members/${KVNR}/refund?iban=${IBAN}&kvnr=${KVNR}`)
      .set('X-Member', `${NAME} ${KVNR}`)
      .send({ kvnr: KVNR, iban: IBAN_SPACED, accountHolder: NAME, note: `Bitte an ${IBAN} überweisen, Tel. ${PHONE}` })
      .expect(404);
    await request(app).post('/api/auth/login').send({ username: KVNR, password: IBAN }).expect(401);
    assert.ok(
      logs.lines.some((l) => l.includes('"path":"/api/members/[kvnr]/refund"')),
      logs.text,
    );
    assertClean();
  });

  it('scrubs personal data that code passes to the logger, in fields and in messages', () => {
    core.logger.info(
      { kvnr: KVNR, member: { firstName: 'Erika', iban: IBAN }, detail: `Rückruf an ${PHONE}` },
      `Submission for ${KVNR} with ${IBAN_SPACED}`,
    );
    core.logger.error({ err: new Error(`Lookup failed for ${KVNR}, refund to ${IBAN}`) }, 'failure');
    assertClean();
    assert.match(logs.text, /Lookup failed for \[kvnr\], refund to \[iban\]/, 'the error stays useful to operators');
    assert.match(logs.text, /logging\.test\.ts/, 'with its stack frames');
  });
});
