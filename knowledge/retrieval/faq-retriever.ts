import type { KnowledgeEntry } from '../entry.schema.js';
import { foldText, participleStem, terms, tokens } from '../text/normalise.js';
import { Vocabulary } from './vocabulary.js';

export interface Thresholds {
  /** Minimum score to answer outright … */
  answer: number;
  /** … and by how much the best must lead the runner-up (else: "Meinten Sie …?"). */
  margin: number;
  /** Minimum score to offer "Meinten Sie …?" at all; below it: fallback. */
  suggest: number;
}

/** Calibrated with `npm run eval:faq` on the team's labelled set (see knowledge/README.md). */
export const DEFAULT_THRESHOLDS: Thresholds = { answer: 0.46, margin: 0.03, suggest: 0.46 };

export interface Candidate {
  id: string;
  score: number;
}

export interface RetrievalResult {
  decision: 'answer' | 'suggest' | 'fallback';
  /** Best first, at most three. */
  candidates: Candidate[];
  /** Why: which query terms were understood, corrected or unknown. Logged, shown to admins. */
  reasons: string[];
}

interface WeightedTerm {
  term: string;
  weight: number;
  /** Read as a typo or from a word part: a guess, never enough on its own to answer. */
  guessed?: boolean;
}

/** A written word and the terms it stands for (several for a multi-word synonym). */
interface QueryWord {
  word: string;
  terms: string[];
}

/** Character trigrams of the folded words without stop words, with padding at word ends. */
function trigrams(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const { word } of tokens(text)) {
    const padded = ` ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) {
      const g = padded.slice(i, i + 3);
      out.set(g, (out.get(g) ?? 0) + 1);
    }
  }
  return out;
}

function exactKey(text: string): string {
  return foldText(text).replace(/[^a-z0-9]+/g, ' ').trim();
}

const FIELD_WEIGHT = { question: 1, phrasing: 1, answer: 0.3 };
/** How much each kind of understood word counts, relative to a word the knowledge base knows. */
const MATCH_WEIGHT = { compoundPartOfKnown: 0.5, compoundPart: 0.8, participle: 0.9, typo: 0.75, knownPart: 0.6 };
/**
 * Share of the score from character trigrams (best match to one question or phrasing): they
 * see through inflections, compounds and typos the word-level match misses. Chosen on the
 * team's set and the retired held-out set 1.
 */
const GRAM_WEIGHT = 0.35;
const SHORT_QUERY_MARGIN_FACTOR = 2;
const K1 = 1.2;
/** Shorter phrasing words are taken as written: too many real words are one edit apart. */
const PHRASING_TYPO_MIN_LENGTH = 7;
/** How much a word the knowledge base does not know lowers the confidence (1 = like the rarest known word). */
const UNKNOWN_WEIGHT = 1.5;
const B = 0.75;

/**
 * Finds the knowledge entry a member's question is about: German folding and stemming,
 * synonyms, compound splitting, typo tolerance, BM25 over each entry's questions and answer,
 * plus the best match against any single phrasing, by words and by character trigrams.
 * Scores lie between 0 and 1.
 */
export class FaqRetriever {
  private readonly synonymOf = new Map<string, string>();
  private readonly phrases: Array<[string, string]> = [];
  private readonly vocabulary = new Vocabulary();
  private readonly docs: Array<{ id: string; tf: Map<string, number>; length: number; phrasings: Array<Set<string>> }> = [];
  private readonly df = new Map<string, number>();
  private averageLength = 1;
  /** Character trigrams of every question and phrasing (stop words removed): doc index and norm per text. */
  private readonly gramIndex = new Map<string, Array<[number, number]>>();
  private readonly gramTexts: Array<{ doc: number; norm: number }> = [];
  /** Every known question and phrasing, folded, for exact matches (also of stop-word-only questions). */
  private readonly exact = new Map<string, string>();

  constructor(
    entries: KnowledgeEntry[],
    synonyms: string[][],
    private readonly thresholds: Thresholds = DEFAULT_THRESHOLDS,
  ) {
    this.loadSynonyms(synonyms);
    for (const entry of entries) for (const text of [entry.question, ...entry.phrasings]) this.exact.set(exactKey(text), entry.id);
    const raw = entries.map((entry) => ({
      id: entry.id,
      fields: [
        { words: [entry.question, ...entry.phrasings].map((t) => this.queryWords(t)), weight: FIELD_WEIGHT.question },
        { words: [this.queryWords(entry.answer)], weight: FIELD_WEIGHT.answer },
      ],
    }));
    // The vocabulary first, so that compounds in one entry can be split into words of another:
    // the edited text (questions, answers, synonyms), then the phrasings. Phrasings imitate
    // members, typos included; a long phrasing word that is a typo of a known word is indexed
    // as that word, or it would become "known" and stop the same typo from being corrected.
    for (const [index, entry] of entries.entries()) {
      for (const w of [...this.queryWords(entry.question), ...raw[index]!.fields[1]!.words[0]!]) this.learn(w);
    }
    for (const group of synonyms) for (const member of group.slice(1)) this.learnSynonym(member, group[0]!);
    for (const doc of raw) {
      for (const list of doc.fields[0]!.words) {
        for (const [i, w] of list.entries()) {
          const fixed = this.typoOfKnown(w);
          if (fixed) list[i] = { word: w.word, terms: fixed };
          else this.learn(w);
        }
      }
    }

    for (const doc of raw) {
      const tf = new Map<string, number>();
      let length = 0;
      for (const field of doc.fields) {
        for (const list of field.words) {
          for (const { term, weight } of this.expand(list, false)) {
            tf.set(term, (tf.get(term) ?? 0) + field.weight * weight);
            length += field.weight * weight;
          }
        }
      }
      for (const term of tf.keys()) this.df.set(term, (this.df.get(term) ?? 0) + 1);
      const phrasings = doc.fields[0]!.words.map((list) => new Set(this.expand(list, false).map((w) => w.term)));
      this.docs.push({ id: doc.id, tf, length, phrasings });
    }
    this.averageLength = this.docs.reduce((sum, d) => sum + d.length, 0) / Math.max(1, this.docs.length);
    this.indexTrigrams(entries);
  }

  /**
   * Character trigrams of every question and phrasing. Trigrams found in more than a tenth of
   * the texts ("en ", " ge") say little and would make every query walk long lists: left out.
   */
  private indexTrigrams(entries: KnowledgeEntry[]): void {
    const texts = entries.flatMap((entry, doc) => [entry.question, ...entry.phrasings].map((text) => ({ doc, grams: trigrams(text) })));
    const seenIn = new Map<string, number>();
    for (const { grams } of texts) for (const g of grams.keys()) seenIn.set(g, (seenIn.get(g) ?? 0) + 1);
    const common = Math.max(20, texts.length / 10);
    for (const { doc, grams } of texts) {
      const id = this.gramTexts.length;
      let squares = 0;
      for (const [g, n] of grams) {
        if (seenIn.get(g)! > common) continue;
        squares += n * n;
        let list = this.gramIndex.get(g);
        if (!list) this.gramIndex.set(g, (list = []));
        list.push([id, n]);
      }
      this.gramTexts.push({ doc, norm: Math.sqrt(squares) || 1 });
    }
  }

  /** For each doc, the best cosine of the query's character trigrams with one of its texts. */
  private gramSimilarity(query: string): Float64Array {
    const grams = trigrams(query);
    const qNorm = Math.sqrt([...grams.values()].reduce((a, b) => a + b * b, 0)) || 1;
    // Unknown and common trigrams count in the query's norm: a question with many strange words matches less.
    const dots = new Float64Array(this.gramTexts.length);
    for (const [g, n] of grams) for (const [id, m] of this.gramIndex.get(g) ?? []) dots[id]! += n * m;
    const best = new Float64Array(this.docs.length);
    for (const [id, text] of this.gramTexts.entries()) {
      const cos = dots[id]! / (qNorm * text.norm);
      if (cos > best[text.doc]!) best[text.doc] = cos;
    }
    return best;
  }

  private loadSynonyms(groups: string[][]): void {
    for (const group of groups) {
      const canonical = terms(group[0]!).join(' ');
      for (const member of group.slice(1)) {
        const folded = foldText(member).trim();
        // Several words ("gelber schein", "au-bescheinigung") are replaced as a phrase, also with
        // a space for the hyphen; mapping their words one by one would make every "Bescheinigung"
        // a sick note.
        if (terms(member).length > 1) {
          for (const phrase of new Set([folded, folded.replace(/-/g, ' ')])) this.phrases.push([phrase, foldText(group[0]!)]);
        } else for (const t of terms(member)) if (t !== canonical) this.synonymOf.set(t, canonical);
      }
    }
    // Longer phrases first, so "gelber schein" wins over "schein".
    this.phrases.sort((a, b) => b[0].length - a[0].length);
  }

  private learn({ word, terms: list }: QueryWord): void {
    for (const term of list) this.vocabulary.addTerm(term);
    this.vocabulary.addWord(word, list);
  }

  /** The terms of the known word a long unknown word misspells (for phrasings; see the constructor). */
  private typoOfKnown({ word, terms: wordTerms }: QueryWord): string[] | undefined {
    if (word.length < PHRASING_TYPO_MIN_LENGTH || wordTerms.some((t) => this.vocabulary.has(t) || this.vocabulary.split(t))) return undefined;
    return this.vocabulary.correct(word, wordTerms[0]!);
  }

  /** A misspelt synonym ("krankschreibnug") is corrected to the synonym, then mapped. */
  private learnSynonym(member: string, canonical: string): void {
    const canonicalTerms = terms(canonical);
    if (!canonicalTerms.every((t) => this.vocabulary.has(t))) return;
    for (const { word } of tokens(member)) this.vocabulary.addWord(word, canonicalTerms);
  }

  /** Words of a text with multi-word synonyms replaced and single-word synonyms mapped. */
  private queryWords(text: string): QueryWord[] {
    let folded = ` ${foldText(text)} `;
    for (const [phrase, canonical] of this.phrases) folded = folded.split(` ${phrase} `).join(` ${canonical} `);
    return tokens(folded).map(({ word, term }) => ({ word, terms: (this.synonymOf.get(term) ?? term).split(' ') }));
  }

  private idf(term: string): number {
    const n = this.docs.length;
    const df = this.df.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /**
   * Adds compound parts; for queries (`correct`) also reads unknown words as compounds, typos
   * or known word parts. Words that stay unknown are kept (with weight) so that they lower
   * the confidence.
   */
  private expand(list: QueryWord[], correct: boolean, reasons?: string[]): WeightedTerm[] {
    const out: WeightedTerm[] = [];
    for (const { word, terms: wordTerms } of list) {
      for (const term of wordTerms) {
        const known = this.vocabulary.has(term);
        const parts = this.vocabulary.split(term);
        if (known || !correct) {
          out.push({ term, weight: 1 });
          for (const part of parts ?? []) out.push({ term: part, weight: MATCH_WEIGHT.compoundPartOfKnown });
          continue;
        }
        if (parts) {
          for (const part of parts) out.push({ term: part, weight: MATCH_WEIGHT.compoundPart });
          reasons?.push(`Kompositum: ${term} → ${parts.join(' + ')}`);
          continue;
        }
        const verb = participleStem(word);
        if (verb && this.vocabulary.has(verb)) {
          out.push({ term: verb, weight: MATCH_WEIGHT.participle });
          reasons?.push(`Partizip: ${word} → ${verb}`);
          continue;
        }
        const fixed = this.vocabulary.correct(word, term);
        if (fixed) {
          for (const t of fixed) out.push({ term: t, weight: MATCH_WEIGHT.typo, guessed: true });
          reasons?.push(`Tippfehler? ${word} → ${fixed.join(' ')}`);
          continue;
        }
        const part = this.vocabulary.knownPart(term);
        if (part) {
          out.push({ term: part, weight: MATCH_WEIGHT.knownPart, guessed: true });
          reasons?.push(`Wortteil: ${term} → ${part}`);
          continue;
        }
        out.push({ term, weight: 1 });
        reasons?.push(`unbekannt: ${term}`);
      }
    }
    return out;
  }

  search(query: string): RetrievalResult {
    const exactId = this.exact.get(exactKey(query));
    if (exactId) return { decision: 'answer', candidates: [{ id: exactId, score: 1 }], reasons: ['wörtlich bekannte Frage'] };
    const reasons: string[] = [];
    const queryTerms = this.expand(this.queryWords(query), true, reasons);
    if (queryTerms.length === 0 || this.docs.length === 0) return { decision: 'fallback', candidates: [], reasons: ['keine verwertbaren Wörter'] };
    const maxIdf = Math.log(1 + (this.docs.length + 0.5) / 0.5);
    const ceiling = queryTerms.reduce((sum, q) => sum + q.weight * (this.df.has(q.term) ? this.idf(q.term) : UNKNOWN_WEIGHT * maxIdf) * (K1 + 1), 0);
    const querySet = new Set(queryTerms.filter((q) => this.df.has(q.term)).map((q) => q.term));

    const grams = this.gramSimilarity(query);
    const scored = this.docs.map((doc, index) => {
      let bm25 = 0;
      for (const { term, weight } of queryTerms) {
        const tf = doc.tf.get(term);
        if (!tf) continue;
        bm25 += weight * this.idf(term) * ((tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * doc.length) / this.averageLength)));
      }
      let phrasing = 0;
      for (const set of doc.phrasings) {
        let shared = 0;
        for (const t of querySet) if (set.has(t)) shared++;
        const cosine = shared / Math.sqrt(Math.max(1, queryTerms.length) * Math.max(1, set.size));
        if (cosine > phrasing) phrasing = cosine;
      }
      return { id: doc.id, score: (1 - GRAM_WEIGHT) * (0.7 * Math.min(1, bm25 / ceiling) + 0.3 * phrasing) + GRAM_WEIGHT * grams[index]! };
    });
    scored.sort((a, b) => b.score - a.score);
    const candidates = scored.slice(0, 3).map((c) => ({ id: c.id, score: Math.round(c.score * 1000) / 1000 }));
    const [best, second] = candidates;
    reasons.push(`verstanden: ${[...querySet].join(', ') || '–'}`);
    const { answer, margin, suggest } = this.thresholds;
    let decision: RetrievalResult['decision'] = 'fallback';
    const understood = queryTerms.some((q) => !q.guessed && this.vocabulary.has(q.term));
    // One understood word ("Bescheinigung") often fits several entries about as well: it needs a clearer lead.
    const lead = querySet.size <= 1 ? SHORT_QUERY_MARGIN_FACTOR * margin : margin;
    if (best && understood && best.score >= answer && best.score - (second?.score ?? 0) >= lead) decision = 'answer';
    else if (best && best.score >= suggest) decision = 'suggest';
    return { decision, candidates, reasons };
  }
}
