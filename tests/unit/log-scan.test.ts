import assert from 'node:assert/strict';
import { LogScanner } from '../helpers/log-scan.js';

/** The scanner behind the suite's log check: it must find what it looks for, and only that. */
describe('the log scan', () => {
  const scan = (line: string, sent: string[] = []) => {
    const scanner = new LogScanner(['Anna Beispiel', '"Beispiel"']);
    for (const text of sent) scanner.rememberSent(text);
    scanner.scan(line, 'test');
    return scanner.findings.map((f) => f.kind);
  };

  it('finds KVNRs, IBANs, phone numbers, names, PINs and sent message texts', () => {
    assert.ok(scan('{"msg":"lookup","kvnr":"A123456780"}').includes('KVNR'), '{"msg":"lookup","kvnr":"A123456780"}');
    assert.ok(scan('{"iban":"DE89 3704 0044 0532 0130 00"}').includes('IBAN'), '{"iban":"DE89 3704 0044 0532 0130 00"}');
    assert.ok(scan('{"iban":"DE89370400440532013000"}').includes('IBAN'), '{"iban":"DE89370400440532013000"}');
    assert.ok(scan('{"phone":"0171 2345678"}').includes('phone'), '{"phone":"0171 2345678"}');
    assert.ok(scan('{"phone":"+49 30 1234567"}').includes('phone'), '{"phone":"+49 30 1234567"}');
    assert.ok(scan('{"phone":"030/1234567"}').includes('phone'), '{"phone":"030/1234567"}');
    assert.ok(scan('{"name":"Anna Beispiel"}').includes('demo member name'), '{"name":"Anna Beispiel"}');
    assert.ok(scan('{"lastName":"Beispiel"}').includes('demo member name'), '{"lastName":"Beispiel"}');
    assert.ok(scan('{"pin":"7KQ3-M9XD"}').includes('Einmal-PIN'), '{"pin":"7KQ3-M9XD"}');
    assert.ok(
      scan('{"text":"Ich habe eine Diagnose: Depression"}', ['Ich habe eine Diagnose: Depression']).includes('message text'),
      'a sent text',
    );
  });

  it('leaves ids, times, durations and ordinary words alone', () => {
    const line = JSON.stringify({
      level: 30,
      time: 1764772800123,
      reqId: '1fd41ebf-8384-4223-b830-501467e965f3',
      requestId: '951b0554-8164-4cba-8207-08f7e6ddf772',
      conversationId: 'c0ffee00-dead-beef-0000-123456789abc',
      trackingId: 'MK-2026-7KQ3M9',
      msg: 'Intake stage done zum Beispiel in 1234 ms, port 3978, at 2026-12-03T15:04:05.123Z',
      status: 'DE-NW',
    });
    assert.deepEqual(scan(line, ['kurz', 'Hallo']), []);
  });
});
