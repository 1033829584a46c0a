import { tokens } from '../text/normalise.js';

/**
 * Indexes of every question and phrasing, each belonging to one entry (by index), answering
 * "how close is the query to the closest text of each entry?". A query only touches the texts
 * it shares something with, which keeps retrieval fast with thousands of phrasings.
 */

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

/** Closest text by character trigrams: sees through inflections, compounds and typos. */
export class TrigramIndex {
  /** Trigram → the texts containing it and how often (packed arrays: the query loop walks them). */
  private readonly postings = new Map<string, { ids: Int32Array; counts: Uint8Array }>();
  private readonly texts: Array<{ entry: number; norm: number }> = [];
  /** One sum per text, reused between queries (searches run one at a time) and zeroed after use. */
  private scratch: Float64Array | undefined;

  /**
   * Trigrams found in more than a tenth of the texts ("en ", " ge") say little and would make
   * every query walk long lists: left out.
   */
  constructor(
    texts: Array<{ entry: number; text: string }>,
    private readonly entryCount: number,
  ) {
    const grammed = texts.map(({ entry, text }) => ({ entry, grams: trigrams(text) }));
    const seenIn = new Map<string, number>();
    for (const { grams } of grammed) for (const g of grams.keys()) seenIn.set(g, (seenIn.get(g) ?? 0) + 1);
    const common = Math.max(20, grammed.length / 10);
    const lists = new Map<string, { ids: number[]; counts: number[] }>();
    for (const { entry, grams } of grammed) {
      const id = this.texts.length;
      let squares = 0;
      for (const [g, n] of grams) {
        if (seenIn.get(g)! > common) continue;
        squares += n * n;
        let list = lists.get(g);
        if (!list) lists.set(g, (list = { ids: [], counts: [] }));
        list.ids.push(id);
        list.counts.push(n);
      }
      this.texts.push({ entry, norm: Math.sqrt(squares) || 1 });
    }
    for (const [g, { ids, counts }] of lists) this.postings.set(g, { ids: Int32Array.from(ids), counts: Uint8Array.from(counts) });
  }

  /** For each entry, the best cosine of the query's trigrams with one of its texts. */
  closest(query: string): Float64Array {
    const grams = trigrams(query);
    // Unknown and common trigrams count in the query's norm: a question with many strange words matches less.
    const queryNorm = Math.sqrt([...grams.values()].reduce((a, b) => a + b * b, 0)) || 1;
    const dots = (this.scratch ??= new Float64Array(this.texts.length));
    const touched: number[] = [];
    for (const [g, n] of grams) {
      const list = this.postings.get(g);
      if (!list) continue;
      const { ids, counts } = list;
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i]!;
        if (dots[id] === 0) touched.push(id);
        dots[id]! += n * counts[i]!;
      }
    }
    const best = new Float64Array(this.entryCount);
    for (const id of touched) {
      const text = this.texts[id]!;
      const cosine = dots[id]! / (queryNorm * text.norm);
      if (cosine > best[text.entry]!) best[text.entry] = cosine;
      dots[id] = 0;
    }
    return best;
  }
}

/** Closest text by the understood terms it shares with the query. */
export class TermSetIndex {
  private readonly postings = new Map<string, number[]>();
  private readonly texts: Array<{ entry: number; size: number }> = [];
  /** Shared-term counts per text, reused between queries and zeroed after use. */
  private scratch: Uint16Array | undefined;

  constructor(private readonly entryCount: number) {}

  add(entry: number, terms: Set<string>): void {
    this.scratch = undefined;
    const id = this.texts.length;
    this.texts.push({ entry, size: terms.size });
    for (const term of terms) {
      let ids = this.postings.get(term);
      if (!ids) this.postings.set(term, (ids = []));
      ids.push(id);
    }
  }

  /** For each entry, the best cosine of the query's terms with one of its texts' term sets. */
  closest(queryTerms: Set<string>, queryLength: number): Float64Array {
    const shared = (this.scratch ??= new Uint16Array(this.texts.length));
    const touched: number[] = [];
    for (const term of queryTerms) {
      for (const id of this.postings.get(term) ?? []) {
        if (shared[id] === 0) touched.push(id);
        shared[id]!++;
      }
    }
    const best = new Float64Array(this.entryCount);
    for (const id of touched) {
      const text = this.texts[id]!;
      const cosine = shared[id]! / Math.sqrt(Math.max(1, queryLength) * Math.max(1, text.size));
      if (cosine > best[text.entry]!) best[text.entry] = cosine;
      shared[id] = 0;
    }
    return best;
  }
}
