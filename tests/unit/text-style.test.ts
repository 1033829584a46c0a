import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../platform/paths.js';
import { splitFrontMatter } from '../../knowledge/knowledge-base.js';

/** Every file under a folder of the project whose name ends with one of the extensions. */
function filesUnder(folder: string, extensions: string[]): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const item of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, item.name);
      if (item.isDirectory()) walk(full);
      else if (extensions.some((e) => item.name.endsWith(e))) found.push(full);
    }
  };
  walk(path.join(projectRoot, folder));
  return found;
}

/** What members and staff read: the bot's texts, answers (not the members' phrasings), prepared answers, letters, the console. */
function readerTexts(): Array<{ file: string; text: string }> {
  const sources = [
    ...filesUnder('bot', ['.ts']),
    ...filesUnder('domain', ['.ts']),
    ...filesUnder('staff-console', ['.ts', '.tsx']),
    ...filesUnder('intake-pipeline', ['.ts']),
    ...filesUnder('channel', ['.ts']),
    path.join(projectRoot, 'data', 'canned-responses.yaml'),
  ].map((file) => ({ file, text: readFileSync(file, 'utf8') }));
  const answers = filesUnder('knowledge/entries', ['.md']).map((file) => ({
    file,
    text: splitFrontMatter(readFileSync(file, 'utf8'))!.body,
  }));
  return [...sources, ...answers];
}

/** The forbidden forms of docs/style-guide.md, each with what to write instead. */
const FORBIDDEN: Array<{ pattern: RegExp; instead: string; only?: RegExp }> = [
  { pattern: /\b[A-ZÄÖÜ][a-zäöüß]+\((?:n|en|e|s)\)/, instead: 'a computed plural: „1 Seite“, „3 Seiten“' },
  { pattern: /zwischen (?:\d{1,2}|\$\{[^}]+\})\s*[–-]\s*(?:\d{1,2}|\$\{)/, instead: '„zwischen 10 und 12 Uhr“ or „10–12 Uhr“' },
  { pattern: /smart-Nutzer/, instead: '„in der smart-Version der App (nach der Identifizierung)“' },
  { pattern: /\b[A-Z] \d{8} \d\b/, instead: 'the KVNR as on the card, without spaces: A123456780' },
  { pattern: /bleibt gut lesbar/, instead: 'no promise the system cannot check' },
  { pattern: /(?<![Kk]ranken)\bVersichertennummer|Versicherungsnummer/, instead: '„Krankenversichertennummer“' },
  { pattern: /\b\d{1,2}(?::\d{2})?\s?(?:AM|PM)\b/, instead: 'the 24-hour clock: „14:30 Uhr“' },
  {
    pattern: /Vorgangsnummer/,
    instead: '„Tracking-ID“ for a document (the Vorgangsnummer is a callback’s or certificate’s)',
    only: /knowledge\/entries|canned-responses|staff-console\/app\/(review|search|admin\/quarantine)|staff-console\/review|chat-sidebar/,
  },
];

/** docs/style-guide.md: the forms members and staff were confused by never come back. */
describe('German texts follow the style guide', () => {
  const texts = readerTexts();

  it('reads the texts it checks (bot, answers, console, letters, prepared answers)', () => {
    assert.ok(texts.length > 150, `only ${texts.length} files`);
    assert.ok(texts.some((t) => t.file.endsWith('member-texts.de.ts')));
    assert.ok(texts.some((t) => t.file.endsWith('pin-letter.ts')));
  });

  for (const rule of FORBIDDEN) {
    it(`never writes ${rule.pattern.source.slice(0, 40)} (instead: ${rule.instead})`, () => {
      const hits = texts
        .filter((t) => !rule.only || rule.only.test(t.file))
        .flatMap((t) =>
          t.text
            .split('\n')
            .map((line, i) => ({ line, i }))
            .filter(({ line }) => rule.pattern.test(line))
            .map(({ line, i }) => `${path.relative(projectRoot, t.file)}:${i + 1}: ${line.trim().slice(0, 100)}`),
        );
      assert.deepEqual(hits, []);
    });
  }

  it('catches each form when it is written (the rules can fail)', () => {
    const samples = [
      'Text: 2 Seite(n)',
      'zwischen 10–12 Uhr',
      'Als smart-Nutzer sehen Sie',
      'KVNR A 12345678 0',
      'es bleibt gut lesbar',
      'Ihre Versichertennummer',
      'um 3:22 PM',
      'Ihre Vorgangsnummer',
    ];
    FORBIDDEN.forEach((rule, i) => assert.ok(rule.pattern.test(samples[i]!), `${rule.pattern} misses „${samples[i]}“`));
    assert.ok(!FORBIDDEN[5]!.pattern.test('Ihre Krankenversichertennummer'));
  });
});
