import type { MemberRecord } from '../../domain/members/members.repository.js';
import { foldName } from '../../domain/members/name-folding.js';
import { damerauLevenshtein } from '../../platform/text/natural.js';
import { foldForMatching } from '../../platform/text/fold-for-matching.js';

/**
 * Finding members' names and addresses in document text as OCR and forms write them: umlauts
 * spelt out or lost, accents dropped, one slip in a long name, streets abbreviated.
 */

/**
 * Text and names made comparable: OCR line breaks joined, umlauts spelt out, accents dropped
 * (Yıldız → yildiz), and the pound sign OCR reads for a Polish Ł (£ukasz) taken as the L it was.
 */
export const foldForNames = (text: string) =>
  foldName(foldForMatching(text.replace(/£/g, 'Ł')))
    .normalize('NFD')
    .replace(/\p{M}/gu, '');

/** Spellings of a name to look for: as folded, and with umlauts as plain vowels (OCR loses the dots: Kruger). */
function spellings(name: string): string[] {
  const folded = foldForNames(name);
  const plain = foldForNames(name.replace(/[äÄ]/g, 'a').replace(/[öÖ]/g, 'o').replace(/[üÜ]/g, 'u'));
  return [...new Set([folded, plain])];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Long single names may carry one OCR slip ("Beispie1"); short ones must be exact (Bauer is not Baier). */
const FUZZY_NAME_LENGTH = 6;

/** Whether the (folded) text names this person, as a whole word, allowing for spellings and one OCR slip in a long name. */
export function contains(folded: string, name: string): boolean {
  return nameMatch(folded, name) !== undefined;
}

/**
 * How the (folded) text names this person: exactly (in one of its spellings), or only
 * approximately (one slip in a long name, which may be OCR or may be another person: Fischer is
 * one letter from Fischler).
 */
export function nameMatch(folded: string, name: string): 'exact' | 'approximate' | undefined {
  const needles = spellings(name).filter((needle) => needle.length >= 2);
  if (needles.some((needle) => new RegExp(`(^|[^a-z])${escapeRegExp(needle)}([^a-z]|$)`).test(folded))) return 'exact';
  // OCR puts dots on or takes them off ("Aydoöan" for Aydoğan, folded "aydooean"): each word also without its spelt-out umlauts.
  const words = folded.split(/[^a-z0-9]+/).flatMap((word) => [word, word.replace(/([aou])e/g, '$1')]);
  const approximate = needles.some(
    (needle) =>
      needle.length >= FUZZY_NAME_LENGTH &&
      !/\s/.test(needle) &&
      words.some((word) => Math.abs(word.length - needle.length) <= 1 && damerauLevenshtein(word, needle) <= 1),
  );
  return approximate ? 'approximate' : undefined;
}

/**
 * The person a document says it is about ("Patient: Lena Krüger", "Versicherte/r: …", "Name des
 * Kindes: …"), as written, when the form names one.
 */
export function namedPerson(text: string): string | undefined {
  // The patient first: an invoice that also names the insured parent is about the patient.
  return (
    namedPatient(text) ?? personAfter(text, /(?:Versicherte[rn]?|Name des (?:Kindes|Versicherten))\s*(?:\([^)]{0,20}\))?\s*[:：]\s*/giu)
  );
}

/** The patient an invoice or plan names ("Patient/in: Levi Pfeiffer"), as written. */
export function namedPatient(text: string): string | undefined {
  return personAfter(text, /(?:Patient(?:in|\/in)?|Behandelte Person|Name des Patienten)\s*(?:\([^)]{0,20}\))?\s*[:：]\s*/giu);
}

function personAfter(text: string, label: RegExp): string | undefined {
  for (const match of text.matchAll(label)) {
    const rest = text
      .slice(match.index! + match[0].length, match.index! + match[0].length + 80)
      .replace(/^(?:(?:Frau|Herr|Dr\.|Prof\.)[ \t]+)+/u, '');
    // "Krüger, Lena", "Lena Krüger", "Anna Maria Beispiel": two or three capitalised words on the line.
    const name = /^\p{Lu}[\p{L}'-]+(?:(?:,[ \t]*|[ \t]+)\p{Lu}[\p{L}'-]+){1,2}/u.exec(rest);
    if (name) return name[0];
  }
  return undefined;
}

/** "Hauptstraße 4", "Hauptstr. 4", "Haupt-Str.4": the street as compared, with its house number. */
const foldStreet = (street: string) =>
  foldForNames(street)
    .replace(/-?\s?(strasse|str\.?)(?=\s|\d|$)/g, 'str')
    .replace(/(?<=[a-z.])\s+(?=\d)/g, '');

/** Whether the member's postal code and street with house number both stand in the (folded) text. */
export function livesAt(folded: string, member: MemberRecord): boolean {
  if (!/^\d{5}$/.test(member.postalCode) || !new RegExp(`(^|\\D)${member.postalCode}(\\D|$)`).test(folded)) return false;
  const street = foldStreet(member.street);
  if (!/\d/.test(street) || street.length < 5) return false;
  // Whole street and number: Hauptstr. 4 is not Hauptstr. 45 nor Nebenhauptstr. 4.
  return new RegExp(`(^|[^a-z0-9])${escapeRegExp(street)}(?![a-z0-9])`).test(foldStreet(folded));
}

/** Whether a name as written on a document is this member's (either order, umlauts spelled out or not). */
export function namesMember(written: string, member: MemberRecord): boolean {
  const folded = foldForNames(written);
  return contains(folded, member.lastName) && contains(folded, member.firstName);
}
