/** BM25's term-frequency saturation and length normalisation, as both retrievers use them. */
const K1 = 1.2;
const B = 0.75;

/** The most one occurrence-weighted term can add, relative to its idf: the ceiling a query's score is measured against. */
export const BM25_TERM_MAX = K1 + 1;

/** What a term found `tf` times in a document adds to its BM25 score. */
export function bm25Term(idf: number, tf: number, length: number, averageLength: number): number {
  return idf * ((tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / averageLength)));
}
