import { createRequire } from 'node:module';

// Only the German stemmer from `natural`: the package root pulls in database drivers and dotenv.
const require = createRequire(import.meta.url);
const { stem: porterStem } = require('natural/lib/natural/stemmers/porter_stemmer_de.js') as { stem: (word: string) => string };

/** Words that carry no meaning for finding an answer. */
const STOPWORDS = new Set(
  (
    'a ab aber alle allem allen aller alles als also am an ander andere anderen auch auf aus bei beim bin bis bist bitte bzw da dabei damit dann das dass dein deine dem den denn der des dich die dies diese diesem diesen dieser dir doch dort du durch ein eine einem einen einer eines er es etwas euch euer fur gibt habe haben hab hallo hat hatte hier hin ich ihm ihn ihr ihre ihrem ihren im in ist ja jetzt kann kannst konnen konnte man mal mein meine meinem meinen meiner mich mir mit muss mussen nach nicht noch nur ob oder ohne schon sein seine sich sie sind so soll sollte uber um und uns unser unsere unter vom von vor war was weil welche welchen welcher wenn wer werden wie wieso wir wird wo woher wohin zu zum zur danke guten tag moin servus gerne gern eigentlich bei bekomme bekommen bekommt kriege mochte mochten will wollen willst mache machen macht geht gehen gibts finde finden sehe sehen weiss wissen einfach immer nochmal trotzdem darf durfen sollen wurde wurden worden bin bist seid sind euch eure euren eurer ihnen dir dich deinen deiner jemand etwas was wieso weshalb warum welches welchem kannst konnt konnen tun lassen lasst klappt funktioniert nun dann also halt ganz sehr viel viele'
  ).split(' '),
);

/** Lower case, ß → ss, umlauts and their ae/oe/ue spellings folded the same way on both sides. */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/ä|ae/g, 'a')
    .replace(/ö|oe/g, 'o')
    .replace(/ü|ue/g, 'u')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
}

export function words(folded: string): string[] {
  return folded.split(/[^a-z0-9]+/).filter((w) => w.length > 1 || /\d/.test(w));
}

export function stem(word: string): string {
  return /\d/.test(word) ? word : porterStem(word);
}

/** Folded, stop words removed, stemmed. */
export function terms(text: string): string[] {
  return words(foldText(text))
    .filter((w) => !STOPWORDS.has(w))
    .map(stem)
    .filter((t) => t.length > 1);
}
