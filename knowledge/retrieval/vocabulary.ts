import { damerauLevenshtein } from '../../platform/text/natural.js';
import { stem } from '../text/normalise.js';

/** Words grouped by length, so that a typo is only compared with words of similar length. */
class LengthIndex {
  private readonly byLength = new Map<number, string[]>();

  add(word: string): void {
    const list = this.byLength.get(word.length) ?? [];
    if (!list.includes(word)) list.push(word);
    this.byLength.set(word.length, list);
  }

  /**
   * The closest word within `maxDistance` edits. Typos rarely hit the first letter, so only
   * words starting like the query word are compared (this also keeps the search fast).
   */
  nearest(word: string, maxDistance: number, accept: (candidate: string) => boolean = () => true): string | undefined {
    let best: string | undefined;
    let bestDistance = maxDistance + 1;
    for (let length = word.length - maxDistance; length <= word.length + maxDistance; length++) {
      for (const candidate of this.byLength.get(length) ?? []) {
        if (candidate[0] !== word[0] || !accept(candidate)) continue;
        const distance = damerauLevenshtein(word, candidate);
        if (distance < bestDistance) {
          bestDistance = distance;
          best = candidate;
        }
      }
    }
    return best;
  }
}

const allowedEdits = (length: number) => (length >= 8 ? 2 : length >= 4 ? 1 : 0);
/** Two forms of one word differ only at the end ("wechseln"/"wechsel", "hinterlegen"/"hinterlegt"). */
function sameWordStart(a: string, b: string): boolean {
  const start = Math.max(4, Math.min(a.length, b.length) - 2);
  return a.length >= start && b.length >= start && a.slice(0, start) === b.slice(0, start);
}
/** Shortest word part worth matching on its own ("zahn" is too short to trust, "reinig" is not). */
const MIN_PART = 5;

/**
 * What the knowledge base knows: its stemmed terms and the written words they came from.
 * Answers "is this known?", and for an unknown word: which known terms it is made of
 * (compound), or which known word the member probably meant (typo).
 */
export class Vocabulary {
  private readonly terms = new Set<string>();
  private readonly termIndex = new LengthIndex();
  /** Folded written word → its terms, for typo correction before stemming distorts the word. */
  private readonly words = new Map<string, string[]>();
  private readonly wordIndex = new LengthIndex();
  private readonly cache = new Map<string, string[] | undefined>();

  addTerm(term: string): void {
    if (this.terms.has(term)) return;
    this.terms.add(term);
    this.termIndex.add(term);
  }

  addWord(word: string, terms: string[]): void {
    if (word.length < 4 || this.words.has(word)) return;
    this.words.set(word, terms);
    this.wordIndex.add(word);
  }

  /** The terms of a word written exactly like this in the knowledge base, if any. */
  termsOfWord(word: string): string[] | undefined {
    return this.words.get(word);
  }

  has(term: string): boolean {
    return this.terms.has(term);
  }

  get size(): number {
    return this.terms.size;
  }

  /** A compound made of two known terms ("versicherungsbeschein" → "versicher" + "beschein"). */
  split(term: string): [string, string] | undefined {
    if (term.length < 8) return undefined;
    for (let i = 4; i <= term.length - 4; i++) {
      const heads = [term.slice(0, i), term.slice(0, i).replace(/s$/, '')];
      const tail = term.slice(i);
      const head = heads.map(stem).find((h) => this.terms.has(h)) ?? heads.find((h) => this.terms.has(h));
      const rest = this.terms.has(tail) ? tail : this.terms.has(stem(tail)) ? stem(tail) : undefined;
      if (head && rest) return [head, rest];
    }
    return undefined;
  }

  /**
   * The terms of the known word closest to a misspelt one (compared before stemming), if any.
   * A real everyday word (`realWord`) is only read as another form of a known word, never as
   * a typo of a different one ("verstehst" is no "versteckt", "Rente" no "Rest").
   */
  correct(word: string, term: string, realWord = false): string[] | undefined {
    const key = `${word}|${term}|${realWord}`;
    if (this.cache.has(key)) return this.cache.get(key);
    const nearWord = this.wordIndex.nearest(word, allowedEdits(word.length), realWord ? (c) => sameWordStart(word, c) : undefined);
    const nearTerm = nearWord
      ? undefined
      : this.termIndex.nearest(term, allowedEdits(term.length), realWord ? (c) => sameWordStart(term, c) : undefined);
    const found = nearWord ? this.words.get(nearWord) : nearTerm ? [nearTerm] : undefined;
    if (this.cache.size < 10_000) this.cache.set(key, found);
    return found;
  }

  /**
   * The longest known part at the end of an unknown compound: in German the last part names
   * the thing (a "Systemvoraussetzung" is a "Voraussetzung"). The first part only narrows it
   * down (a "Zusatzbeitrag" is no kind of "Zusatz"), so it is never used alone.
   */
  knownPart(term: string): string | undefined {
    for (let i = 1; i <= term.length - MIN_PART; i++) {
      const tail = term.slice(i);
      if (this.terms.has(tail)) return tail;
      if (this.terms.has(stem(tail))) return stem(tail);
    }
    return undefined;
  }
}
