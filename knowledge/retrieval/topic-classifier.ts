import { foldText } from '../text/normalise.js';

/** Additive smoothing: a feature an entry's phrasings never use is unlikely, not impossible. */
const SMOOTHING = 0.1;
/** Character n-grams of this length (with word boundaries) see through inflections, compounds and typos. */
const GRAM = 4;

/** The character 4-grams of a text's longer words, marked apart from word stems. */
export function characterGrams(text: string): string[] {
  const grams: string[] = [];
  for (const word of foldText(text).split(/[^a-z0-9]+/)) {
    if (word.length <= 3) continue;
    const padded = ` ${word} `;
    for (let i = 0; i + GRAM <= padded.length; i++) grams.push(`#${padded.slice(i, i + GRAM)}`);
  }
  return grams;
}

export interface TopicGuess {
  /** Entry ids, most likely first. */
  ranking: string[];
  /** How far the first is ahead of the second: log-probability gap per feature, 0 … 1. */
  margin: number;
}

/**
 * A learned second opinion beside the retrieval: a multinomial naive Bayes classifier over
 * each entry's question and phrasings. It generalises differently from BM25 (every character
 * 4-gram counts, not only words the vocabulary knows), so when both name the same entry the
 * retrieval's match is far more often right; the confidence model weighs that agreement.
 *
 * Written here rather than taken from `natural`: its classifiers turn every text into a vector
 * over the whole vocabulary, which is too slow for thousands of phrasings at every reload of
 * the knowledge base and for 300 entries per message (decision 0014).
 */
export class TopicClassifier {
  private readonly ids: string[] = [];
  /** Each feature's count per entry (by index), only where it occurs: a message touches few of them. */
  private readonly postings = new Map<string, Map<number, number>>();
  private readonly totals: number[] = [];

  constructor(
    entries: Array<{ id: string; texts: string[] }>,
    /** How a text becomes features: each retriever passes its own reading of words, plus characterGrams. */
    private readonly featuresOf: (text: string) => string[],
  ) {
    for (const [index, { id, texts }] of entries.entries()) {
      let total = 0;
      for (const text of texts) {
        for (const feature of this.featuresOf(text)) {
          let counts = this.postings.get(feature);
          if (!counts) this.postings.set(feature, (counts = new Map()));
          counts.set(index, (counts.get(index) ?? 0) + 1);
          total++;
        }
      }
      this.ids.push(id);
      this.totals.push(total);
    }
  }

  guess(text: string): TopicGuess {
    const features = this.featuresOf(text).filter((f) => this.postings.has(f));
    if (features.length === 0 || this.ids.length < 2) return { ranking: [], margin: 0 };
    const size = this.postings.size;
    // log P(text | entry) = Σ log((count + α) / (total + α·V)): every feature as if unseen, then
    // corrected where the entry has it.
    const logProbability = this.totals.map((total) => features.length * (Math.log(SMOOTHING) - Math.log(total + SMOOTHING * size)));
    for (const feature of features)
      for (const [index, count] of this.postings.get(feature)!) logProbability[index]! += Math.log((count + SMOOTHING) / SMOOTHING);
    const scored = this.ids.map((id, i) => ({ id, logProbability: logProbability[i]! }));
    scored.sort((a, b) => b.logProbability - a.logProbability);
    const gap = (scored[0]!.logProbability - scored[1]!.logProbability) / features.length;
    return { ranking: scored.map((s) => s.id), margin: Math.min(1, gap) };
  }
}
