import { createRequire } from 'node:module';
import type { KnowledgeEntry } from '../entry.schema.js';
import { foldText, stem, terms } from '../text/normalise.js';

const require = createRequire(import.meta.url);
const { DamerauLevenshteinDistance } = require('natural/lib/natural/distance/levenshtein_distance.js') as {
  DamerauLevenshteinDistance: (a: string, b: string, options?: { transposition_cost?: number }) => number;
};

export interface Thresholds {
  /** Minimum score to answer outright … */
  answer: number;
  /** … and by how much the best must lead the runner-up (else: "Meinten Sie …?"). */
  margin: number;
  /** Minimum score to offer "Meinten Sie …?" at all; below it: fallback. */
  suggest: number;
}

/** Calibrated with `npm run eval:faq` on the team's labelled set (see knowledge/README.md). */
export const DEFAULT_THRESHOLDS: Thresholds = { answer: 0.36, margin: 0.07, suggest: 0.34 };

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
}

function exactKey(text: string): string {
  return foldText(text).replace(/[^a-z0-9]+/g, ' ').trim();
}

const FIELD_WEIGHT = { question: 1, phrasing: 1, answer: 0.3 };
const K1 = 1.2;
/** How much a word the knowledge base does not know lowers the confidence (1 = like the rarest known word). */
const UNKNOWN_WEIGHT = 1;
const B = 0.75;

/**
 * Finds the knowledge entry a member's question is about: German folding and stemming,
 * synonyms, compound splitting, typo tolerance, BM25 over each entry's questions and answer,
 * plus the best match against any single phrasing. Scores lie between 0 and 1.
 */
export class FaqRetriever {
  private readonly synonymOf = new Map<string, string>();
  private readonly phrases: Array<[string, string]> = [];
  private readonly docs: Array<{ id: string; tf: Map<string, number>; length: number; phrasings: Array<Set<string>> }> = [];
  private readonly df = new Map<string, number>();
  private readonly vocabulary = new Set<string>();
  private readonly vocabularyByLength = new Map<number, string[]>();
  private averageLength = 1;
  /** Every known question and phrasing, folded, for exact matches (also of stop-word-only questions). */
  private readonly exact = new Map<string, string>();
  private readonly nearestCache = new Map<string, string | undefined>();

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
        { texts: [entry.question, ...entry.phrasings], weight: FIELD_WEIGHT.question },
        { texts: [entry.answer], weight: FIELD_WEIGHT.answer },
      ],
      phrasingTerms: [entry.question, ...entry.phrasings].map((t) => this.baseTerms(t)),
    }));
    for (const doc of raw) for (const field of doc.phrasingTerms) for (const t of field) this.vocabulary.add(t);
    for (const doc of raw) for (const t of this.baseTerms(doc.fields[1]!.texts[0]!)) this.vocabulary.add(t);

    for (const doc of raw) {
      const tf = new Map<string, number>();
      let length = 0;
      for (const field of doc.fields) {
        for (const text of field.texts) {
          for (const { term, weight } of this.expand(this.baseTerms(text), false)) {
            tf.set(term, (tf.get(term) ?? 0) + field.weight * weight);
            length += field.weight * weight;
          }
        }
      }
      for (const term of tf.keys()) this.df.set(term, (this.df.get(term) ?? 0) + 1);
      const phrasings = doc.phrasingTerms.map((list) => new Set(this.expand(list, false).map((w) => w.term)));
      this.docs.push({ id: doc.id, tf, length, phrasings });
    }
    this.averageLength = this.docs.reduce((sum, d) => sum + d.length, 0) / Math.max(1, this.docs.length);
    for (const term of this.df.keys()) {
      this.vocabulary.add(term);
      const list = this.vocabularyByLength.get(term.length) ?? [];
      list.push(term);
      this.vocabularyByLength.set(term.length, list);
    }
  }

  private loadSynonyms(groups: string[][]): void {
    for (const group of groups) {
      const canonical = terms(group[0]!).join(' ');
      for (const member of group.slice(1)) {
        const folded = foldText(member).trim();
        if (folded.includes(' ')) this.phrases.push([folded, foldText(group[0]!)]);
        else for (const t of terms(member)) if (t !== canonical) this.synonymOf.set(t, canonical);
      }
    }
    // Longer phrases first, so "gelber schein" wins over "schein".
    this.phrases.sort((a, b) => b[0].length - a[0].length);
  }

  /** Terms of a text with multi-word synonyms replaced and single-word synonyms mapped. */
  private baseTerms(text: string): string[] {
    let folded = ` ${foldText(text)} `;
    for (const [phrase, canonical] of this.phrases) folded = folded.split(` ${phrase} `).join(` ${canonical} `);
    return terms(folded).flatMap((t) => (this.synonymOf.get(t) ?? t).split(' '));
  }

  private idf(term: string): number {
    const n = this.docs.length;
    const df = this.df.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** A compound the vocabulary knows in two parts ("versicherungsbeschein" → "versicher" + "beschein"). */
  private split(term: string): string[] | undefined {
    if (term.length < 8) return undefined;
    for (let i = 4; i <= term.length - 4; i++) {
      const heads = [term.slice(0, i), term.slice(0, i).replace(/s$/, '')];
      const tail = term.slice(i);
      const head = heads.map(stem).find((h) => this.vocabulary.has(h)) ?? heads.find((h) => this.vocabulary.has(h));
      const rest = this.vocabulary.has(tail) ? tail : this.vocabulary.has(stem(tail)) ? stem(tail) : undefined;
      if (head && rest) return [head, rest];
    }
    return undefined;
  }

  private nearest(term: string): string | undefined {
    if (term.length < 4) return undefined;
    if (this.nearestCache.has(term)) return this.nearestCache.get(term);
    const found = this.searchNearest(term);
    if (this.nearestCache.size < 10_000) this.nearestCache.set(term, found);
    return found;
  }

  /** Typos rarely hit the first letter: only words starting like the query word are compared. */
  private searchNearest(term: string): string | undefined {
    const maxDistance = term.length >= 7 ? 2 : 1;
    let best: string | undefined;
    let bestDistance = maxDistance + 1;
    for (let length = term.length - maxDistance; length <= term.length + maxDistance; length++) {
      for (const candidate of this.vocabularyByLength.get(length) ?? []) {
        if (candidate[0] !== term[0]) continue;
        const distance = DamerauLevenshteinDistance(term, candidate);
        if (distance < bestDistance) {
          bestDistance = distance;
          best = candidate;
        }
      }
    }
    return best;
  }

  /**
   * Adds compound parts; for queries (`correct`) also maps unknown words to the nearest known
   * one. Unknown words stay (with weight) so that they lower the confidence.
   */
  private expand(list: string[], correct: boolean, reasons?: string[]): WeightedTerm[] {
    const out: WeightedTerm[] = [];
    for (const term of list) {
      const known = this.df.size === 0 || this.df.has(term);
      const parts = this.split(term);
      if (known || !correct) out.push({ term, weight: 1 });
      if (parts) {
        for (const part of parts) out.push({ term: part, weight: known ? 0.5 : 0.8 });
        if (!known && correct) reasons?.push(`Kompositum: ${term} → ${parts.join(' + ')}`);
        continue;
      }
      if (!known && correct) {
        const fixed = this.nearest(term);
        if (fixed) {
          out.push({ term: fixed, weight: 0.75 });
          reasons?.push(`Tippfehler? ${term} → ${fixed}`);
        } else {
          out.push({ term, weight: 1 });
          reasons?.push(`unbekannt: ${term}`);
        }
      }
    }
    return out;
  }

  search(query: string): RetrievalResult {
    const exactId = this.exact.get(exactKey(query));
    if (exactId) return { decision: 'answer', candidates: [{ id: exactId, score: 1 }], reasons: ['wörtlich bekannte Frage'] };
    const reasons: string[] = [];
    const queryTerms = this.expand(this.baseTerms(query), true, reasons);
    if (queryTerms.length === 0 || this.docs.length === 0) return { decision: 'fallback', candidates: [], reasons: ['keine verwertbaren Wörter'] };

    const maxIdf = Math.log(1 + (this.docs.length + 0.5) / 0.5);
    const ceiling = queryTerms.reduce((sum, q) => sum + q.weight * (this.df.has(q.term) ? this.idf(q.term) : UNKNOWN_WEIGHT * maxIdf) * (K1 + 1), 0);
    const querySet = new Set(queryTerms.filter((q) => this.df.has(q.term)).map((q) => q.term));

    const scored = this.docs.map((doc) => {
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
      return { id: doc.id, score: 0.6 * Math.min(1, bm25 / ceiling) + 0.4 * phrasing };
    });
    scored.sort((a, b) => b.score - a.score);
    const candidates = scored.slice(0, 3).map((c) => ({ id: c.id, score: Math.round(c.score * 1000) / 1000 }));
    const [best, second] = candidates;
    reasons.push(`verstanden: ${[...querySet].join(', ') || '–'}`);
    const { answer, margin, suggest } = this.thresholds;
    let decision: RetrievalResult['decision'] = 'fallback';
    if (best && best.score >= answer && best.score - (second?.score ?? 0) >= margin) decision = 'answer';
    else if (best && best.score >= suggest) decision = 'suggest';
    return { decision, candidates, reasons };
  }
}
