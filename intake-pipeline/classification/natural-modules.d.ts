// Types for the two `natural` modules the type model loads directly. Importing them one by one
// (not the package index) keeps natural's optional storage backends, which print to stdout
// when loaded, out of the process.
declare module 'natural/lib/natural/stemmers/porter_stemmer_de.js' {
  const stemmer: { tokenizeAndStem(text: string, keepStops?: boolean): string[] };
  export default stemmer;
}

declare module 'natural/lib/natural/classifiers/bayes_classifier.js' {
  type Stemmer = { tokenizeAndStem(text: string, keepStops?: boolean): string[] };
  class BayesClassifier {
    constructor(stemmer?: Stemmer, smoothing?: number);
    addDocument(text: string, label: string): void;
    train(): void;
    getClassifications(text: string): Array<{ label: string; value: number }>;
    static restore(saved: unknown, stemmer?: Stemmer): BayesClassifier;
  }
  export default BayesClassifier;
}
