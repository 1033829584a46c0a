import type { KnowledgeEntry, NotCoveredTopic } from '../entry.schema.js';
import { isEnglish } from '../../platform/text/language.js';
import { LONG_MESSAGE_WORDS, sentencesOf, wordCount } from '../../platform/text/sentences.js';
import { confidence, decide, shippedConfidenceModel, type ConfidenceModel, type Features } from './confidence.js';
import { isEverydayWord } from '../text/general-words.js';
import { foldText, participleStem, terms, tokens } from '../text/normalise.js';
import { bm25Term, BM25_TERM_MAX } from './bm25.js';
import { EnglishRetriever } from './english-retriever.js';
import type { RetrievalResult } from './result.js';
import { KnownQuestions } from './known-questions.js';
import { characterGrams, TopicClassifier, type TopicGuess } from './topic-classifier.js';
import { TermSetIndex, TrigramIndex } from './nearest-text.js';
import { Vocabulary } from './vocabulary.js';

export type { Candidate, RetrievalResult } from './result.js';

/** Ids of the not-covered subjects inside the index; never shown, never answered. */
const NOT_COVERED_ID = 'not_covered:';
const isNotCovered = (id: string) => id.startsWith(NOT_COVERED_ID);

interface WeightedTerm {
  term: string;
  weight: number;
  /** Read as a typo or from a word part: a guess, never enough on its own to answer. */
  guessed?: boolean;
  /** Unknown to the knowledge base but an everyday word ("Sommer"). */
  everyday?: boolean;
  /** The unknown compound this term was read from as one of its known parts ("Kindergeld" → kind + geld). */
  partOf?: string;
}

/** A written word and the terms it stands for (several for a multi-word synonym). */
interface QueryWord {
  word: string;
  terms: string[];
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
/**
 * Added to the score of the entry the learned classifier names first (half for its second):
 * where the two disagree, the classifier is right a little more often than not (chosen on
 * the development sets: the best match became right for 96.5 % of them instead of 95.2 %).
 */
const CLASSIFIER_BONUS = 0.1;
/** Shorter phrasing words are taken as written: too many real words are one edit apart. */
const PHRASING_TYPO_MIN_LENGTH = 7;
/** How much a word the knowledge base does not know lowers the confidence (1 = like the rarest known word). */
const UNKNOWN_WEIGHT = 1.5;
/** Weight of an unknown everyday word, relative to an unknown specific one. */
const EVERYDAY_UNKNOWN_WEIGHT = 0.3;

/**
 * Finds the knowledge entry a member's question is about: German folding and stemming,
 * synonyms, compound splitting, typo tolerance, BM25 over each entry's questions and answer,
 * plus the best match against any single phrasing, by words and by character trigrams.
 * Scores lie between 0 and 1.
 */
const DECISION_RANK = { fallback: 0, suggest: 1, answer: 2 } as const;

/** A letter's greeting and sign-off (with at most a name after it) are no part of what it asks. */
function withoutGreetingAndSignOff(message: string): string {
  return message
    .replace(/^(?:sehr geehrte[^,]*,|(?:hallo|hello|hi)[^,!]*[,!]|guten tag[^,!]*[,!]|liebe[^,]*,|dear[^,]*,)\s*/i, '')
    .replace(
      /\s*(?:mit freundlichen grüßen|viele grüße|beste grüße|danke im voraus|vielen dank im voraus|kind regards|best regards|thanks in advance)[^?]{0,60}$/i,
      '',
    );
}

/**
 * The questions of a long message: its sentences that end with a question mark, or else its last
 * sentence; greetings and sign-offs of a letter are left out.
 */
export function questionsIn(message: string): string[] {
  if (wordCount(message) < LONG_MESSAGE_WORDS) return [];
  const sentences = sentencesOf(withoutGreetingAndSignOff(message)).filter((sentence) => wordCount(sentence) >= 3);
  if (sentences.length < 2) return [];
  const asked = sentences.flatMap((sentence, i) => (sentence.endsWith('?') ? [i] : []));
  const picked = asked.length > 0 ? asked : [sentences.length - 1];
  // Each question alone, and with the sentence before it ("Ich habe eine Rechnung. Kann ich die hier hochladen?").
  return picked.flatMap((i) => (i > 0 ? [sentences[i]!, `${sentences[i - 1]!} ${sentences[i]!}`] : [sentences[i]!]));
}

/** The questions of a message that asks several ("Wie lange gilt die PIN? Und wo finde ich die Tracking-ID?"), in order. */
export function askedQuestions(message: string): string[] {
  const asked = sentencesOf(withoutGreetingAndSignOff(message)).filter((s) => s.endsWith('?') && wordCount(s) >= 3);
  return asked.length >= 2 ? asked : [];
}

/** A not-covered subject as the index sees it: German phrasings as questions, English ones apart, no answer. */
function asIndexedSubject(subject: NotCoveredTopic, index: number): KnowledgeEntry {
  const english = subject.phrasings.filter(isEnglish);
  const german = subject.phrasings.filter((p) => !isEnglish(p));
  return {
    id: `${NOT_COVERED_ID}${index}`,
    question: german[0] ?? subject.topic,
    phrasings: german.slice(1),
    english,
    followUps: [],
    answer: '',
  };
}

export class FaqRetriever {
  private readonly synonymOf = new Map<string, string>();
  private readonly phrases: Array<[string, string]> = [];
  private readonly vocabulary = new Vocabulary();
  private readonly docs: Array<{ id: string; tf: Map<string, number>; length: number }> = [];
  /** Each question's and phrasing's understood terms, for the closest phrasing by words. */
  private readonly phrasingTerms: TermSetIndex;
  private readonly df = new Map<string, number>();
  /** Each term's weight summed over all entries, to see which entry a term mostly belongs to. */
  private readonly termTotal = new Map<string, number>();
  private averageLength = 1;
  /** Each question's and phrasing's character trigrams, for the closest phrasing by spelling. */
  private readonly phrasingGrams: TrigramIndex;
  private readonly known = new KnownQuestions();
  /** English questions are matched against the entries' English phrasings. */
  private readonly english: EnglishRetriever;
  /** A learned second opinion on the entry; its agreement feeds the confidence. */
  private readonly classifier: TopicClassifier;

  private readonly notCoveredTopics: string[];

  constructor(
    knowledgeEntries: KnowledgeEntry[],
    synonyms: string[][],
    private readonly model: ConfidenceModel = shippedConfidenceModel(),
    notCovered: NotCoveredTopic[] = [],
  ) {
    // Not-covered subjects are indexed like entries, so that a question about one of them finds
    // it rather than the neighbouring entry; search() turns such a match into the fallback.
    this.notCoveredTopics = notCovered.map((subject) => subject.topic);
    const entries = [...knowledgeEntries, ...notCovered.map(asIndexedSubject)];
    this.loadSynonyms(synonyms);
    this.english = new EnglishRetriever(entries);
    this.classifier = new TopicClassifier(
      entries.map((entry) => ({ id: entry.id, texts: [entry.question, ...entry.phrasings] })),
      (text) => [...this.queryWords(text).flatMap((w) => w.terms), ...characterGrams(text)],
    );
    for (const entry of entries) for (const text of [entry.question, ...entry.phrasings]) this.known.add(text, entry.id);
    this.phrasingTerms = new TermSetIndex(entries.length);
    this.phrasingGrams = new TrigramIndex(
      entries.flatMap((entry, index) => [entry.question, ...entry.phrasings].map((text) => ({ entry: index, text }))),
      entries.length,
    );
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
          if (fixed) {
            list[i] = { word: w.word, terms: fixed };
            this.vocabulary.addWord(w.word, fixed);
          } else this.learn(w);
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
      for (const [term, n] of tf) {
        this.df.set(term, (this.df.get(term) ?? 0) + 1);
        this.termTotal.set(term, (this.termTotal.get(term) ?? 0) + n);
      }
      for (const list of doc.fields[0]!.words)
        this.phrasingTerms.add(this.docs.length, new Set(this.expand(list, false).map((w) => w.term)));
      this.docs.push({ id: doc.id, tf, length });
    }
    this.averageLength = this.docs.reduce((sum, d) => sum + d.length, 0) / Math.max(1, this.docs.length);
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
    if (word.length < PHRASING_TYPO_MIN_LENGTH || wordTerms.some((t) => this.vocabulary.has(t) || this.vocabulary.split(t)))
      return undefined;
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

  /** The idf of a term found in a single entry. */
  private maxIdf(): number {
    return Math.log(1 + (this.docs.length + 0.5) / 0.5);
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
          for (const part of parts) out.push({ term: part, weight: MATCH_WEIGHT.compoundPart, partOf: term });
          reasons?.push(`Kompositum: ${term} → ${parts.join(' + ')}`);
          continue;
        }
        const verb = participleStem(word);
        if (verb && this.vocabulary.has(verb)) {
          out.push({ term: verb, weight: MATCH_WEIGHT.participle });
          reasons?.push(`Partizip: ${word} → ${verb}`);
          continue;
        }
        // Written exactly like a word of the knowledge base (a phrasing's typo, a form like "Yogakurs"): no guess.
        const asWritten = this.vocabulary.termsOfWord(word);
        if (asWritten) {
          for (const t of asWritten) out.push({ term: t, weight: 1 });
          continue;
        }
        const everyday = isEverydayWord(word);
        const fixed = this.vocabulary.correct(word, term, everyday);
        if (fixed) {
          for (const t of fixed) out.push({ term: t, weight: MATCH_WEIGHT.typo, guessed: true });
          reasons?.push(`Tippfehler? ${word} → ${fixed.join(' ')}`);
          continue;
        }
        // An everyday word is no unknown compound: "angestellt" has nothing to do with "gestellt".
        const part = everyday ? undefined : this.vocabulary.knownPart(term);
        if (part) {
          out.push({ term: part, weight: MATCH_WEIGHT.knownPart, guessed: true, partOf: term });
          reasons?.push(`Wortteil: ${term} → ${part}`);
          continue;
        }
        // An everyday word ("Sommer", "ehrlich") the entries do not use says little about the
        // topic; a specific one ("Zahnspange") usually means the question is about something else.
        out.push({ term, weight: everyday ? EVERYDAY_UNKNOWN_WEIGHT : 1, everyday });
        reasons?.push(`${everyday ? 'alltäglich, unbekannt' : 'unbekannt'}: ${term}`);
      }
    }
    return out;
  }

  /**
   * A long message (a story, a letter) is also searched question by question: what the member
   * asks is often one sentence of it, and the rest only dilutes the match. The whole message
   * still wins unless one of its questions is answered with more confidence.
   */
  search(query: string): RetrievalResult {
    const english = isEnglish(query) && this.english.size > 0;
    const searchText = (text: string) => this.withoutNotCovered(english ? this.english.search(text) : this.searchText(text));
    const best = this.searchWholeAndQuestions(query, searchText);
    // Several questions, each answered with confidence and by different entries: all of them, in the member's order.
    const answered = askedQuestions(query)
      .map(searchText)
      .filter((result) => result.decision === 'answer');
    const distinct = answered.filter((result, i) => answered.findIndex((r) => r.candidates[0]!.id === result.candidates[0]!.id) === i);
    if (distinct.length < 2) return best;
    const [first, ...rest] = distinct;
    return {
      ...first!,
      alsoAsked: rest.map((result) => result.candidates[0]!),
      reasons: [`${distinct.length} Fragen in einer Nachricht`, ...first!.reasons],
    };
  }

  /** A best match on a not-covered subject is the fallback; such subjects are never offered either. */
  private withoutNotCovered(result: RetrievalResult): RetrievalResult {
    const candidates = result.candidates.filter((c) => !isNotCovered(c.id));
    const top = result.candidates[0]?.id;
    if (!top || !isNotCovered(top)) return candidates.length === result.candidates.length ? result : { ...result, candidates };
    const topic = this.notCoveredTopics[Number(top.slice(NOT_COVERED_ID.length))]!;
    return { ...result, decision: 'fallback', candidates, notCovered: topic, reasons: [`nicht abgedeckt: ${topic}`, ...result.reasons] };
  }

  private searchWholeAndQuestions(query: string, searchText: (text: string) => RetrievalResult): RetrievalResult {
    const whole = searchText(query);
    if (whole.decision === 'answer') return whole;
    let best = whole;
    for (const question of questionsIn(query)) {
      const result = searchText(question);
      if (
        DECISION_RANK[result.decision] > DECISION_RANK[best.decision] ||
        (result.decision === best.decision && result.confidence > best.confidence)
      )
        best = { ...result, reasons: [`Frage im Text: „${question.slice(0, 80)}“`, ...result.reasons] };
    }
    return best;
  }

  private searchText(query: string): RetrievalResult {
    const known = this.known.find(query);
    if (known)
      return {
        decision: 'answer',
        candidates: [{ id: known.entryId, score: 1 }],
        confidence: 1,
        understood: true,
        reasons: [known.reason],
      };
    const reasons: string[] = [];
    const queryTerms = this.expand(this.queryWords(query), true, reasons);
    if (queryTerms.length === 0 || this.docs.length === 0)
      return { decision: 'fallback', candidates: [], confidence: 0, understood: false, reasons: ['keine verwertbaren Wörter'] };
    const maxIdf = this.maxIdf();
    const ceilingOf = (q: WeightedTerm) => q.weight * (this.df.has(q.term) ? this.idf(q.term) : UNKNOWN_WEIGHT * maxIdf) * BM25_TERM_MAX;
    const ceiling = queryTerms.reduce((sum, q) => sum + ceilingOf(q), 0);
    const querySet = new Set(queryTerms.filter((q) => this.df.has(q.term)).map((q) => q.term));

    const guess = this.classifier.guess(query);
    const classifierRank = new Map(guess.ranking.slice(0, 2).map((id, rank) => [id, rank]));
    const grams = this.phrasingGrams.closest(query);
    const phrasings = this.phrasingTerms.closest(querySet, queryTerms.length);
    const scored = this.docs.map((doc, index) => {
      let bm25 = 0;
      for (const { term, weight } of queryTerms) {
        const tf = doc.tf.get(term);
        if (!tf) continue;
        bm25 += weight * bm25Term(this.idf(term), tf, doc.length, this.averageLength);
      }
      const phrasing = phrasings[index]!;
      const words = Math.min(1, bm25 / ceiling);
      const rank = classifierRank.get(doc.id);
      const seconded = rank === 0 ? CLASSIFIER_BONUS : rank === 1 ? CLASSIFIER_BONUS / 2 : 0;
      const match = (1 - GRAM_WEIGHT) * (0.7 * words + 0.3 * phrasing) + GRAM_WEIGHT * grams[index]!;
      return { index, words, phrasing, grams: grams[index]!, score: (match + seconded) / (1 + CLASSIFIER_BONUS) };
    });
    scored.sort((a, b) => b.score - a.score);
    const candidates = scored.slice(0, 3).map((c) => ({ id: this.docs[c.index]!.id, score: Math.round(c.score * 1000) / 1000 }));
    reasons.push(`verstanden: ${[...querySet].join(', ') || '–'}`);

    const best = scored[0]!;
    const nearestNotCovered = scored.find((c) => isNotCovered(this.docs[c.index]!.id))?.score ?? 0;
    const features = this.features(queryTerms, ceilingOf, ceiling, querySet, best, scored[1]?.score ?? 0, guess, nearestNotCovered);
    reasons.push(`Klassifikator: ${guess.ranking.slice(0, 2).join(', ') || '–'} (Vorsprung ${guess.margin.toFixed(2)})`);
    const sure = confidence(this.model, features);
    const understood = queryTerms.some((q) => !q.guessed && this.vocabulary.has(q.term));
    const decision = decide(this.model, { sure, understood, features });
    reasons.push(`Sicherheit: ${sure.toFixed(2)}`);
    return { decision, candidates, confidence: sure, features, understood, reasons };
  }

  private features(
    queryTerms: WeightedTerm[],
    ceilingOf: (q: WeightedTerm) => number,
    ceiling: number,
    querySet: Set<string>,
    best: { index: number; score: number; words: number; phrasing: number; grams: number },
    second: number,
    guess: TopicGuess,
    nearestNotCovered: number,
  ): Features {
    const doc = this.docs[best.index]!;
    // The classifier reads character grams of any word; its agreement means something only where the retrieval understood a word.
    const classifierRank = querySet.size > 0 ? guess.ranking.indexOf(doc.id) : -1;
    let known = 0;
    let covered = 0;
    let specific = 0;
    let specificCount = 0;
    let everydayCount = 0;
    let guessed = 0;
    let missingRarest = 0;
    let anchor = 0;
    const fromParts = new Set<string>();
    for (const q of queryTerms) {
      if (q.partOf) fromParts.add(q.partOf);
      const share = ceilingOf(q);
      if (q.guessed) guessed += share;
      if (this.df.has(q.term)) {
        known += share;
        const tf = doc.tf.get(q.term);
        if (tf) {
          covered += share;
          if (!q.guessed) anchor = Math.max(anchor, tf / this.termTotal.get(q.term)!);
        } else missingRarest = Math.max(missingRarest, this.idf(q.term));
      } else if (q.everyday) everydayCount++;
      else {
        specific += share;
        specificCount++;
      }
    }
    return {
      score: best.score,
      lead: best.score - second,
      bm25: best.words,
      phrasing: best.phrasing,
      trigrams: best.grams,
      coverage: known ? covered / known : 0,
      specificUnknown: specific / ceiling,
      specificUnknownCount: Math.min(2, specificCount) / 2,
      everydayUnknownCount: Math.min(3, everydayCount) / 3,
      understoodCount: Math.min(6, querySet.size) / 6,
      guessed: guessed / ceiling,
      readAsParts: Math.min(2, fromParts.size) / 2,
      missingRarest: missingRarest / this.maxIdf(),
      anchor,
      classifierAgrees: classifierRank === 0 ? 1 : classifierRank === 1 ? 0.5 : 0,
      classifierLead: classifierRank === 0 ? guess.margin : 0,
      notCoveredNear: best.score > 0 ? Math.min(1, nearestNotCovered / best.score) : 0,
      length: Math.min(50, queryTerms.length) / 50,
    };
  }
}
