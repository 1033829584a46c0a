import assert from 'node:assert/strict';
import { REDACTED, redactValue, scrubText } from '../../platform/logging/redact.js';

describe('personal data redaction', () => {
  it('masks KVNR, IBAN (with and without spaces), phone numbers and e-mail addresses in text', () => {
    const text =
      'KVNR A123456780, IBAN DE89370400440532013000 or DE89 3704 0044 0532 0130 00, Tel. 0151 2345678 / +49 30 1234567, mail max@example.de';
    const scrubbed = scrubText(text);
    for (const secret of ['A123456780', 'DE89370400440532013000', 'DE89 3704', '0151 2345678', '+49 30 1234567', 'max@example.de']) {
      assert.ok(!scrubbed.includes(secret), `${secret} survived: ${scrubbed}`);
    }
    assert.match(scrubbed, /\[kvnr\].*\[iban\].*\[iban\].*\[phone\].*\[phone\].*\[email\]/);
  });

  it('leaves ordinary text, ids and short numbers alone', () => {
    const text = 'Request 3f2a9c1e-1b2c-4d5e-9f00-123456789abc answered 200 in 12 ms for route /api/auth/login';
    assert.equal(scrubText(text), text);
  });

  it('replaces values under sensitive keys at any depth, whatever their shape', () => {
    const redacted = redactValue({
      route: '/x',
      member: { kvnr: 'A123456780', firstName: 'Erika', address: { street: 'Musterweg 1' } },
      payment: [{ iban: 'DE89370400440532013000', amount: 12.5 }],
      text: 'Mein Name ist Erika Mustermann',
    }) as Record<string, unknown>;
    assert.deepEqual(redacted, {
      route: '/x',
      member: { kvnr: REDACTED, firstName: REDACTED, address: REDACTED },
      payment: [{ iban: REDACTED, amount: 12.5 }],
      text: REDACTED,
    });
  });
});
