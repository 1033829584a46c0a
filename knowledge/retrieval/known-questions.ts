import { foldText, tokens, words } from '../text/normalise.js';

/** Words that change nothing about a question ("Was kannst du eigentlich alles?"). */
const FILLER = new Set([
  'eigentlich',
  'denn',
  'uberhaupt',
  'mal',
  'bitte',
  'hallo',
  'hi',
  'genau',
  'nochmal',
  'jetzt',
  'also',
  'halt',
  'ja',
  'doch',
  'so',
]);
const NEGATIONS = new Set(['nicht', 'ohne', 'nie', 'nichts']);

/** A question as written: folded, without punctuation and filler words (stop-word-only questions included). */
function writtenKey(text: string): string {
  return words(foldText(text))
    .filter((w) => !FILLER.has(w))
    .join(' ');
}

/**
 * The meaningful words in order (stop words left out, negations kept), so that "Woher weiß
 * ich, dass mein Dokument bei euch angekommen ist?" finds "Woher weiß ich, dass mein Dokument
 * angekommen ist?". Undefined for fewer than two such words.
 */
function meaningKey(text: string): string | undefined {
  const kept = words(foldText(text)).filter((w) => NEGATIONS.has(w) || tokens(w).length > 0);
  return kept.length >= 2 ? kept.join(' ') : undefined;
}

/** The entries' questions and phrasings, to answer a question the knowledge base already knows. */
export class KnownQuestions {
  private readonly written = new Map<string, string>();
  private readonly meaning = new Map<string, string>();
  /** Meaning keys of texts in two entries: they decide nothing. */
  private readonly ambiguous = new Set<string>();

  add(text: string, entryId: string): void {
    this.written.set(writtenKey(text), entryId);
    const key = meaningKey(text);
    if (!key || this.ambiguous.has(key)) return;
    const known = this.meaning.get(key);
    if (known && known !== entryId) {
      this.meaning.delete(key);
      this.ambiguous.add(key);
    } else this.meaning.set(key, entryId);
  }

  /** The entry whose question or phrasing this is, and how it was recognised. */
  find(question: string): { entryId: string; reason: string } | undefined {
    const written = this.written.get(writtenKey(question));
    if (written) return { entryId: written, reason: 'wörtlich bekannte Frage' };
    const key = meaningKey(question);
    const meant = key ? this.meaning.get(key) : undefined;
    return meant ? { entryId: meant, reason: 'bekannte Frage mit denselben Wörtern' } : undefined;
  }
}
