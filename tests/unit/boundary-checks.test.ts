import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { jsonProblem, MAX_JSON_DEPTH } from '../../platform/http/json-body.js';
import { serializeError } from '../../platform/logging/logger.js';
import { MAX_WATERMARK, parseWatermark } from '../../channel/watermark.js';
import { isOwnOrigin } from '../../staff-console/socket/live-chat.socket.js';
import { CommandBudget } from '../../staff-console/socket/session-guard.js';

/** Nesting of arrays and objects `depth` deep around a value. */
function nested(depth: number, inner: unknown = 1): unknown {
  let value = inner;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { x: value };
  return value;
}

describe('boundary checks', () => {
  describe('JSON from clients', () => {
    it('accepts every well-formed JSON value within the depth limit', () => {
      fc.assert(
        fc.property(fc.jsonValue({ maxDepth: 10, stringUnit: 'binary' }), (value) => {
          // Every key and string in the value (fast-check's strings may hold NUL and lone surrogates).
          const strings: string[] = [];
          JSON.stringify(value, (key, inner: unknown) => {
            strings.push(key);
            if (typeof inner === 'string') strings.push(inner);
            return inner;
          });
          const dirty = strings.some((t) => t.includes('\u0000') || /\p{Cs}/u.test(t));
          const found = jsonProblem(value);
          return dirty ? found === 'nul_character' || found === 'lone_surrogate' : found === undefined;
        }),
        { numRuns: 500 },
      );
    });

    it('finds nesting beyond the limit without overflowing the stack, however deep', () => {
      assert.equal(jsonProblem(nested(MAX_JSON_DEPTH - 1)), undefined);
      assert.equal(jsonProblem(nested(MAX_JSON_DEPTH + 1)), 'too_deep');
      assert.equal(jsonProblem(JSON.parse('['.repeat(100_000) + ']'.repeat(100_000))), 'too_deep');
    });

    it('finds NUL characters and lone surrogates in values and in keys', () => {
      assert.equal(jsonProblem({ text: 'a\u0000b' }), 'nul_character');
      assert.equal(jsonProblem({ ['k\u0000']: 1 }), 'nul_character');
      assert.equal(jsonProblem(['\ud800']), 'lone_surrogate');
      assert.equal(jsonProblem({ text: 'Zahnreinigung 😀' }), undefined);
    });
  });

  describe('watermarks', () => {
    it('reads exactly the whole numbers from 0 to the column maximum', () => {
      fc.assert(
        fc.property(fc.string(), (raw) => {
          const value = parseWatermark(raw);
          if (value === undefined) return !/^\d{1,10}$/.test(raw) || Number(raw) > MAX_WATERMARK;
          return raw === ''
            ? value === 0
            : Number.isSafeInteger(value) && value >= 0 && value <= MAX_WATERMARK && String(value) === String(Number(raw));
        }),
        { numRuns: 1000 },
      );
      assert.equal(parseWatermark(String(MAX_WATERMARK)), MAX_WATERMARK);
      assert.equal(parseWatermark(String(MAX_WATERMARK + 1)), undefined);
    });
  });

  describe('error logs', () => {
    it('never carry a failed query or its parameters, only the driver’s sanitised reason', () => {
      const cause = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });
      const err = new DrizzleQueryError('insert into chat_activities (...) values ($1)', ['{"text":"Diagnose Depression"}'], cause);
      const logged = JSON.stringify(serializeError(err));
      assert.ok(!logged.includes('Depression'), logged);
      assert.ok(!logged.includes('chat_activities'), logged);
      assert.match(logged, /Database query failed: invalid byte sequence/);
      assert.match(logged, /22021/);
    });

    it('keep only the first line of a message, scrubbed', () => {
      const logged = serializeError(new Error('Member A123456780 failed\nwith the whole payload: {"text":"Diagnose"}'));
      assert.equal(logged.message, 'Member [kvnr] failed');
    });
  });

  describe('socket origins and budgets', () => {
    it('accepts no Origin (no browser), our public origin or the Host the browser reached, nothing else', () => {
      assert.equal(isOwnOrigin(undefined, 'chat.example', 'https://chat.example'), true);
      assert.equal(isOwnOrigin('https://chat.example', 'internal:3978', 'https://chat.example'), true);
      assert.equal(isOwnOrigin('http://127.0.0.1:4000', '127.0.0.1:4000', 'https://chat.example'), true);
      assert.equal(isOwnOrigin('https://evil.example', 'chat.example', 'https://chat.example'), false);
      assert.equal(isOwnOrigin('null', 'chat.example', 'https://chat.example'), false);
    });

    it('serves a burst of commands, then refills at its rate', () => {
      const budget = new CommandBudget();
      const start = Date.now();
      let served = 0;
      while (budget.take(start)) served++;
      assert.equal(served, 30);
      assert.equal(budget.take(start + 50), false);
      assert.equal(budget.take(start + 150), true, 'a tenth of a second later one more');
    });
  });
});
