import { germanStemmer } from '../../platform/text/natural.js';

/** Words that carry no meaning for finding an answer. */
const STOPWORDS = new Set(
  'a ab aber alle allem allen aller alles als also am an ander andere anderen auch auf aus bei beim bin bis bist bitte bzw da dabei damit dann das dass dein deine dem den denn der des dich die dies diese diesem diesen dieser dir doch dort du durch ein eine einem einen einer eines er es etwas euch euer fur gibt habe haben hab hallo hat hatte hier hin ich ihm ihn ihr ihre ihrem ihren im in ist ja jetzt kann kannst konnen konnte man mal mein meine meinem meinen meiner mich mir mit muss mussen nach nicht noch nur ob oder ohne schon sein seine sich sie sind so soll sollte uber um und uns unser unsere unter vom von vor war was weil welche welchen welcher wenn wer werden wie wir wird wo zu zum zur danke guten tag moin servus gerne gern eigentlich bei bekomme bekommen bekommt kriege mochte mochten will wollen willst mache machen macht geht gehen gibts finde finden sehe sehen weiss wissen einfach immer nochmal trotzdem darf durfen sollen wurde wurden worden bin bist seid sind euch eure euren eurer ihnen dir dich deinen deiner jemand etwas was welches welchem kannst konnt konnen tun lassen lasst klappt funktioniert nun dann also halt ganz sehr viel viele heraus raus herunter runter hinein rein drauf darauf davon dafur dazu daran woran womit wofur wovon worauf geehrte geehrter geehrten damen herren gruss grusse grussen freundlichen freundliche mfg lg vg hey hi liebe lieber leider nachdem'.split(
    ' ',
  ),
);

/**
 * Lower case, ß → ss, umlauts and their ae/oe/ue spellings folded the same way on both sides.
 * After a vowel (or q) the pair is no umlaut: "neuen", "Steuer", "bauen", "Quelle".
 */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/ä|(?<![aeiouq])ae/g, 'a')
    .replace(/ö|(?<![aeiouq])oe/g, 'o')
    .replace(/ü|(?<![aeiouq])ue/g, 'u')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
}

export function words(folded: string): string[] {
  return folded.split(/[^a-z0-9]+/).filter((w) => w.length > 1 || /\d/.test(w));
}

/**
 * Porter stemming plus a rule for verb/noun pairs it leaves apart in German ("versichert",
 * "versicherung", "versichern"; "identifizieren", "identifizierung").
 */
export function stem(word: string): string {
  let known = stems.get(word);
  if (known === undefined) {
    const base = /\d/.test(word) ? word : germanStemmer.stem(word);
    known = base.length > 5 && !/\d/.test(word) ? base.replace(/(ier|ert|er|et|i)$/, '') : base;
    // Members write the same few thousand words again and again; the stemmer is the slow part of loading.
    if (stems.size < 100_000) stems.set(word, known);
  }
  return known;
}

const stems = new Map<string, string>();

const PARTICIPLE = /^(ab|an|auf|aus|ein|hoch|mit|nach|vor|zu|zuruck|um|weiter|her|hin)?ge([a-z]{4,}?)(et|t|en)$/;

/**
 * The stem of the verb behind a past participle ("gewechselt" → wechsel, "eingereicht" →
 * einreich, "hochgeladen" → hochlad). Only a guess: many nouns start with "ge" too, so it is
 * used only for words the knowledge base does not know as they are.
 */
export function participleStem(word: string): string | undefined {
  const match = word.length >= 8 ? PARTICIPLE.exec(word) : null;
  return match ? stem(`${match[1] ?? ''}${match[2]}en`) : undefined;
}

export interface Token {
  /** The word as written, folded. */
  word: string;
  /** Its stem. */
  term: string;
}

/** Folded words without stop words, each with its stem. */
export function tokens(text: string): Token[] {
  return words(foldText(text))
    .filter((w) => !STOPWORDS.has(w))
    .map((word) => ({ word, term: stem(word) }))
    .filter((t) => t.term.length > 1);
}

/** Folded, stop words removed, stemmed. */
export function terms(text: string): string[] {
  return tokens(text).map((t) => t.term);
}
