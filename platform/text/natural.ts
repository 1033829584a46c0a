import { createRequire } from 'node:module';

/**
 * The parts of `natural` we use, loaded one by one from the places the package keeps them
 * (its index pulls in database drivers and dotenv, which print to stdout when loaded). The one
 * place that knows those paths; everything else imports from here.
 */
const require = createRequire(import.meta.url);

export interface Stemmer {
  stem(word: string): string;
  tokenizeAndStem(text: string, keepStops?: boolean): string[];
}

/** Porter's stemmer for German, as natural implements it. */
export const germanStemmer = require('natural/lib/natural/stemmers/porter_stemmer_de.js') as Stemmer;

/** Porter's stemmer for English (English questions are matched against English phrasings). */
export const englishStemmer = require('natural/lib/natural/stemmers/porter_stemmer.js') as Stemmer;

/**
 * Edit distance with transpositions ("Krankengled" is one step from "Krankengeld"), from the
 * `damerau-levenshtein` package: natural's own builds an object per matrix cell and took half of
 * the knowledge base's load time.
 */
const damerau = require('damerau-levenshtein') as (a: string, b: string) => { steps: number };
export const damerauLevenshtein = (a: string, b: string): number => damerau(a, b).steps;
