/**
 * Generators of hostile input for the fuzz suite (fast-check arbitraries), and hostile files
 * made at test time: decompression bombs, truncated files, polyglots, EICAR in disguise.
 */
import fc from 'fast-check';
import { EICAR, makePdf, makePdfPages, pdfBomb, PNG_1X1, pngBomb } from './files.js';

export interface HostileFile {
  label: string;
  bytes: Buffer;
  /** True when the file holds the EICAR test string: it must never be readable through a URL. */
  infected: boolean;
}

/** The file zoo every upload surface is fed from (made once per run: some take a moment). */
export async function hostileFiles(): Promise<HostileFile[]> {
  const pdf = await makePdfPages(2);
  const files: Array<[string, Buffer, boolean]> = [
    ['clean PDF', pdf, false],
    ['clean PNG', PNG_1X1, false],
    ['truncated PDF', pdf.subarray(0, Math.floor(pdf.length / 2)), false],
    ['PDF header, then noise', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(3000, 0x78)]), false],
    ['truncated PNG', PNG_1X1.subarray(0, 30), false],
    ['PDF bomb (drawing commands inflate to 30 MB)', await pdfBomb(30e6), false],
    ['PNG bomb (16000×16000)', await pngBomb(16000), false],
    ['plain EICAR', Buffer.from(EICAR), true],
    ['EICAR in a PDF', makePdf(EICAR), true],
    ['EICAR after a PNG', Buffer.concat([PNG_1X1, Buffer.from(EICAR)]), true],
    ['EICAR after a JPEG marker', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(EICAR)]), true],
    ['PDF and ZIP polyglot', Buffer.concat([pdf, Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 1)]), false],
    ['HTML disguised as PNG', Buffer.concat([PNG_1X1.subarray(0, 8), Buffer.from('<script>alert(1)</script>')]), false],
    ['empty', Buffer.alloc(0), false],
  ];
  return files.map(([label, bytes, infected]) => ({ label, bytes, infected }));
}

/** Strings as a client may send them: any code unit (lone surrogates, NUL), graphemes, control bytes, long runs. */
export const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\ud800', '\udfff', '\u202e', '\ufeff', '%', '\\', '"', '/', '..', '\n'), maxLength: 60 }),
  fc.constantFrom(
    '',
    ' ',
    '../../etc/passwd',
    'A123456780',
    '${jndi:ldap://x}',
    '<img src=x onerror=alert(1)>',
    "' OR 1=1 --",
    'x'.repeat(70_000),
  ),
);

/** JSON values with hostile strings as keys and values (deep nesting is made as text: see `deeplyNested`). */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 5 }) },
  { weight: 1, arbitrary: fc.dictionary(hostileString, fc.oneof(hostileString, fc.jsonValue({ maxDepth: 3 })), { maxKeys: 6 }) },
);

/** An activity whose `value`, `channelData` or `entities` nests thousands deep (a stack overflow for recursive walkers). */
const deeplyNested = fc
  .record({
    field: fc.constantFrom('value', 'channelData', 'entities', 'text'),
    depth: fc.integer({ min: 30, max: 6000 }),
    open: fc.constantFrom('[', '{"a":'),
  })
  .map(({ field, depth, open }) => `{"type":"message","${field}":${open.repeat(depth)}1${(open === '[' ? ']' : '}').repeat(depth)}}`);

/** Percent-encoded for a URL; lone surrogates become the bytes a careless encoder makes of them (invalid UTF-8). */
export function pct(value: string): string {
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0)!;
    out += code >= 0xd800 && code <= 0xdfff ? '%ED%A0%80' : encodeURIComponent(char);
  }
  return out;
}

/** Mostly `undefined`, now and then one of these (fast-check's `option` gives the opposite odds). */
const rarely = <T>(values: T[], oneIn: number) =>
  fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(...values) });

/** An activity a Web Chat client could never have made, but a script can. */
const strangeActivity = fc.record(
  {
    type: fc.oneof(fc.constantFrom('message', 'event', 'typing', 'conversationUpdate', 'invoke', 'endOfConversation'), hostileString),
    text: fc.oneof(hostileString, hostileJson),
    from: fc.oneof(fc.record({ id: hostileString, name: hostileString, role: fc.constantFrom('user', 'bot', 'admin') }), hostileJson),
    name: hostileString,
    value: hostileJson,
    channelData: hostileJson,
    entities: fc.oneof(fc.array(hostileJson, { maxLength: 4 }), hostileJson),
    attachments: fc.oneof(
      fc.array(fc.record({ contentType: hostileString, contentUrl: hostileString, content: hostileJson }, { requiredKeys: [] }), {
        maxLength: 3,
      }),
      hostileJson,
    ),
    replyToId: hostileString,
    id: hostileString,
  },
  { requiredKeys: [] },
);

/** A message as Web Chat sends it, with hostile text, values and channel data: gets past the shape checks to the bot. */
const plausibleMessage = fc.record({
  type: fc.constant('message'),
  from: fc.constant({ id: 'member', role: 'user' }),
  text: hostileString,
  channelData: fc.option(hostileJson, { nil: undefined }),
  value: fc.option(hostileJson, { nil: undefined }),
});

export const hostileActivity = fc.oneof(plausibleMessage, strangeActivity);

/** A request body as raw bytes with the content headers it claims (often lying). */
export const hostileBody = fc.record({
  body: fc.oneof(
    { weight: 5, arbitrary: hostileActivity.map((a) => Buffer.from(JSON.stringify(a))) },
    { weight: 2, arbitrary: hostileJson.map((v) => Buffer.from(JSON.stringify(v) ?? 'null')) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b)) },
    { weight: 1, arbitrary: deeplyNested.map((s) => Buffer.from(s)) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          '{"text":"\\ud800"}',
          '{"text":"\\u0000"}',
          '{',
          '[]',
          'null',
          '{"__proto__":{"admin":true}}',
          `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`,
        )
        .map((s) => Buffer.from(s)),
    },
  ),
  contentType: fc.oneof(
    { weight: 6, arbitrary: fc.constant('application/json') },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'application/json; charset=utf-16',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data',
        'application/octet-stream',
        undefined,
      ),
    },
  ),
  contentEncoding: rarely(['gzip', 'br', 'deflate', 'identity', 'x-unknown'], 8),
});

/** A multipart body built by hand: odd boundaries, names and types, sometimes cut off before its end. */
export function hostileMultipart(files: HostileFile[], fieldName: string) {
  const part = fc.record({
    name: fc.oneof(
      { weight: 6, arbitrary: fc.constant(fieldName) },
      { weight: 1, arbitrary: fc.constant('metadata') },
      { weight: 1, arbitrary: hostileString },
    ),
    filename: fc.option(fc.oneof(hostileString, fc.constantFrom('März.pdf', 'a.pdf', 'x'.repeat(400) + '.png', 'con.pdf', '.htaccess')), {
      freq: 6,
    }),
    contentType: fc.constantFrom('application/pdf', 'image/png', 'image/jpeg', 'text/html', 'application/x-msdownload', ''),
    content: fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...files).map((f) => f.bytes) },
      { weight: 1, arbitrary: hostileString.map((s) => Buffer.from(s)) },
    ),
  });
  return fc
    .record({
      boundary: fc.oneof(
        { weight: 3, arbitrary: fc.constant('----fuzzboundary') },
        { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9'()+_,./:=? -]{0,69}[A-Za-z0-9'()+_,./:=?-]$/) },
      ),
      parts: fc.array(part, { minLength: 0, maxLength: 4 }),
      cutAt: fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) }),
      headerBoundary: fc.oneof(
        { weight: 8, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.constantFrom('', 'other', '"quoted"') },
      ),
    })
    .map(({ boundary, parts, cutAt, headerBoundary }) => {
      const chunks: Buffer[] = [];
      for (const p of parts) {
        const disposition = `form-data; name="${p.name.replace(/["\r\n]/g, '')}"${p.filename === null ? '' : `; filename="${p.filename.replace(/["\r\n]/g, '')}"`}`;
        chunks.push(
          Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\nContent-Type: ${p.contentType}\r\n\r\n`, 'utf8'),
          p.content,
          Buffer.from('\r\n'),
        );
      }
      chunks.push(Buffer.from(`--${boundary}--\r\n`));
      const whole = Buffer.concat(chunks);
      const body = cutAt === null ? whole : whole.subarray(0, Math.floor(whole.length * cutAt));
      const contentType =
        headerBoundary === null
          ? `multipart/form-data; boundary="${boundary}"`
          : `multipart/form-data${headerBoundary ? `; boundary=${headerBoundary}` : ''}`;
      return { body, contentType, boundary, cut: cutAt !== null };
    });
}
