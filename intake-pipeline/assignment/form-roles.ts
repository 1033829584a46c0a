import { NUMBER_LABEL, type KvnrCandidate } from '../../domain/documents/kvnr-candidates.js';
import type { MemberRecord } from '../../domain/members/members.repository.js';
import { namedPatient, namesMember } from './name-matching.js';

/** The part a KVNR plays on a family form: the insured person who applies, or a family member it is about. */
export type FormRole = 'insured' | 'dependent';

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

/** The person a document is about, on invoices and plans: "Patient/in", "behandelte Person". */
const PATIENT = /patient(?:in|\/in)?|behandelte[rn]? person/iu;

export interface FamilyDocument {
  /** Whose the document is. */
  owner: KvnrCandidate;
  /** The other family members whose numbers stand on it. */
  relatives: MemberRecord[];
  /** How that was told, for the clerk. */
  how: string;
}

/** Whether someone belongs to the same family insurance as the owner. */
const inFamilyOf =
  (owner: MemberRecord) =>
  (m: MemberRecord | undefined): m is MemberRecord =>
    !!m &&
    m.kvnr !== owner.kvnr &&
    (m.familyOf === owner.kvnr || owner.familyOf === m.kvnr || (!!owner.familyOf && m.familyOf === owner.familyOf));

/**
 * On a family's claim or form with several members' KVNRs (a parent's claim for a sick child, a
 * family insurance questionnaire, a maternity certificate with the newborn): the applicant, when
 * exactly one number is labelled as the insured person's and every other one as a family member,
 * or, where labels do not say, when exactly one of the numbers is a member's own and all others
 * are insured through that member (only members claim sick pay or maternity pay and apply for
 * family insurance). Undefined whenever the document does not say so clearly.
 */
export function applicantOnFamilyForm(
  text: string,
  known: KvnrCandidate[],
  members: Map<string, MemberRecord>,
): FamilyDocument | undefined {
  const roles = known.map((candidate) => ({ candidate, role: roleOf(text, candidate, known), member: members.get(candidate.kvnr) }));
  const labelled = roles.filter((r) => r.role === 'insured');
  if (labelled.length === 1 && roles.every((r) => r.role !== undefined)) {
    const applicant = labelled[0]!;
    const relatives = roles.filter((r) => r !== applicant).map((r) => r.member);
    if (applicant.member && relatives.every(inFamilyOf(applicant.member)))
      return { owner: applicant.candidate, relatives, how: 'laut Formular die versicherte Person' };
  }
  const own = roles.filter((r) => r.member && r.member.familyOf === null);
  if (own.length !== 1) return undefined;
  const main = own[0]!;
  // Labels that contradict it (another number called the insured's, the member's called a child's) leave it to a clerk.
  if (main.role === 'dependent' || roles.some((r) => r !== main && r.role === 'insured')) return undefined;
  const insuredThrough = roles.filter((r) => r !== main).map((r) => r.member);
  if (!insuredThrough.every((m) => m?.familyOf === main.candidate.kvnr)) return undefined;
  return {
    owner: main.candidate,
    relatives: insuredThrough as MemberRecord[],
    how: 'ist das Mitglied, über das die anderen versichert sind',
  };
}

/**
 * On an invoice or a treatment plan with a patient's and the payer's KVNR (a child's glasses
 * billed to the parent): the patient, when every number but one is labelled as the main member's
 * or payer's, all of one family, and that one is labelled as the patient's, or belongs to the
 * person the document names as its patient ("Patient/in: Levi Pfeiffer" above "Vers.-Nr. …").
 */
export function patientOnFamilyDocument(
  text: string,
  known: KvnrCandidate[],
  members: Map<string, MemberRecord>,
): FamilyDocument | undefined {
  const labels = known.map((candidate) => ({ candidate, label: labelOf(text, candidate, known) ?? '' }));
  const others = labels.filter((l) => !MAIN_INSURED.test(l.label));
  if (others.length !== 1) return undefined;
  const owner = others[0]!;
  const patient = members.get(owner.candidate.kvnr);
  if (!patient) return undefined;
  const how = PATIENT.test(owner.label)
    ? 'ist laut Dokument der Patient'
    : isNamedPatient(text, patient)
      ? 'gehört der Person, die das Dokument als Patient nennt'
      : undefined;
  if (!how) return undefined;
  const relatives = labels.filter((l) => l !== owner).map((l) => members.get(l.candidate.kvnr));
  if (!relatives.every(inFamilyOf(patient))) return undefined;
  return { owner: owner.candidate, relatives, how };
}

/** Whether the document names this member as its patient. */
function isNamedPatient(text: string, member: MemberRecord): boolean {
  const named = namedPatient(text);
  return !!named && namesMember(named, member);
}
