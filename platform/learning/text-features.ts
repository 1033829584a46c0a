import { germanStemmer } from '../text/natural.js';
import { foldForMatching } from '../text/fold-for-matching.js';

/** Sparse features of a text: hashed indices and their weights (unit length). */
export interface Features {
  indices: Uint32Array;
  values: Float32Array;
}

/** Long documents are read by their first words: enough for the type, and quick. */
const MAX_WORDS = 400;

/** FNV-1a: a fast, stable string hash (the same index on every machine and in every version of Node). */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * What a learned text model (document types, a member's wish) sees of a text: German word stems,
 * pairs of neighbouring stems ("erkrankung kind", "ende entgeltfortzahlung") and character 3- to
 * 5-grams, which survive OCR
 * slips ("Arbeitsunfahigkeit", "Krankeng eld") that break whole words. Hashed into `dimensions`
 * slots; counts dampened (1 + log) and the vector scaled to unit length, so long letters and
 * short forms weigh alike.
 */
export function textFeatures(text: string, dimensions: number): Features {
  const folded = foldForMatching(text).split(/\s+/).slice(0, MAX_WORDS).join(' ');
  const counts = new Map<number, number>();
  const add = (feature: string) => {
    const index = fnv1a(feature) % dimensions;
    counts.set(index, (counts.get(index) ?? 0) + 1);
  };
  const stems = folded
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 1 && !/^\d+$/.test(word))
    .map((word) => germanStemmer.stem(word));
  stems.forEach((stem, i) => {
    add(`w:${stem}`);
    if (i > 0) add(`b:${stems[i - 1]}_${stem}`);
  });
  const letters = ` ${folded.replace(/[^a-z ]+/g, ' ').replace(/\s+/g, ' ')} `;
  for (let n = 3; n <= 5; n++) for (let i = 0; i + n <= letters.length; i++) add(`c:${letters.slice(i, i + n)}`);

  const indices = Uint32Array.from(counts.keys());
  const values = Float32Array.from(counts.values(), (count) => 1 + Math.log(count));
  const length = Math.sqrt(values.reduce((sum, v) => sum + v * v, 0)) || 1;
  for (let i = 0; i < values.length; i++) values[i]! /= length;
  return { indices, values };
}
