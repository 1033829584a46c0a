import type { KvnrCandidate } from '../../domain/documents/kvnr-candidates.js';
import type { MemberRecord } from '../../domain/members/members.repository.js';

/** The part a KVNR plays on a family form: the insured person who applies, or a family member it is about. */
export type FormRole = 'insured' | 'dependent';

/** Labels of the number itself ("Versicherten-Nr."), which say nothing about whose number it is. */
const NUMBER_LABEL = /versicherten\s?-?\s?(?:nr|nummer)\.?|vers\.?\s?-?\s?nr\.?|kv\s?-?\s?nr\.?|krankenversichertennummer|kvnr/gi;
/** The applicant: the member who claims (child sick pay) or applies (family insurance). */
const INSURED =
  /(?:^|[^\p{L}])(?:versicherte[rn]?|mitglied(?:s)?|antragsteller(?:in)?|stammversicherte[rn]?|hauptversicherte[rn]?)(?![\p{L}])/iu;
/** The family member the form is about. Not "Patient": an invoice's patient is its owner. */
const DEPENDENT =
  /(?:^|[^\p{L}])(?:kind(?:es)?|familienangeh(?:ö|oe|o)rige[rn]?|ehegatt(?:e|in|en)|ehepartner(?:in)?|lebenspartner(?:in)?|mitversicherte[rn]?)(?![\p{L}])/iu;

/** The main member or the payer, not necessarily the patient: "Hauptversicherte/r", "Rechnungsempfänger", "Mitglied". */
const MAIN_INSURED =
  /hauptversichert|stammversichert|mitglied|rechnungsempf(?:ä|ae|a)nger|elternteil|erziehungsberechtigt|sorgeberechtigt|zahlungspflichtig/iu;

/**
 * The label in front of a KVNR: the words before it on its line, back to the previous KVNR on
 * that line (two columns read into one line), or the line above when the number stands alone on
 * its line; the words naming the number itself ("Versicherten-Nr.") left out.
 */
function labelOf(text: string, candidate: KvnrCandidate, all: KvnrCandidate[]): string | undefined {
  const at = text.indexOf(candidate.raw);
  if (at < 0) return undefined;
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const previousEnds = all
    .filter((other) => other !== candidate)
    .map((other) => ({ at: text.indexOf(other.raw), length: other.raw.length }))
    .filter((other) => other.at >= lineStart && other.at < at)
    .map((other) => other.at + other.length);
  let from = Math.max(lineStart, ...previousEnds);
  let label = text.slice(from, at).replace(NUMBER_LABEL, ' ');
  if (label.replace(/[\s:.,()/-]+/g, '').length < 3 && previousEnds.length === 0 && lineStart > 0) {
    from = text.lastIndexOf('\n', lineStart - 2) + 1;
    label = text.slice(from, at).replace(NUMBER_LABEL, ' ');
  }
  return label;
}

/** What a KVNR's label says about whose it is; undefined when it says neither or both. */
export function roleOf(text: string, candidate: KvnrCandidate, all: KvnrCandidate[]): FormRole | undefined {
  const label = labelOf(text, candidate, all);
  if (label === undefined) return undefined;
  const insured = INSURED.test(label);
  const dependent = DEPENDENT.test(label);
  return insured === dependent ? undefined : insured ? 'insured' : 'dependent';
}

/** Whether a KVNR is labelled as the main member's or the payer's (the patient may be someone else). */
export function labelledAsMainInsured(text: string, candidate: KvnrCandidate): boolean {
  return MAIN_INSURED.test(labelOf(text, candidate, [candidate]) ?? '');
}

/**
 * On a form with several members' KVNRs (a parent's claim for a child, a family insurance
 * questionnaire): the insured person, when exactly one number is labelled as theirs and every
 * other one as a family member of theirs. Undefined whenever the form does not say so clearly.
 */
export function insuredOnFamilyForm(
  text: string,
  known: KvnrCandidate[],
  members: Map<string, MemberRecord>,
): { insured: KvnrCandidate; dependents: MemberRecord[] } | undefined {
  const roles = known.map((candidate) => ({ candidate, role: roleOf(text, candidate, known) }));
  const insured = roles.filter((r) => r.role === 'insured');
  if (insured.length !== 1 || roles.some((r) => r.role === undefined)) return undefined;
  const applicant = members.get(insured[0]!.candidate.kvnr);
  if (!applicant) return undefined;
  const dependents = roles.filter((r) => r.role === 'dependent').map((r) => members.get(r.candidate.kvnr));
  // Only family members of the applicant: a stranger's number on the form is a contradiction.
  const family = (m: MemberRecord | undefined): m is MemberRecord =>
    !!m &&
    (m.familyOf === applicant.kvnr || (!!applicant.familyOf && (m.familyOf === applicant.familyOf || m.kvnr === applicant.familyOf)));
  if (!dependents.every(family)) return undefined;
  return { insured: insured[0]!.candidate, dependents };
}
