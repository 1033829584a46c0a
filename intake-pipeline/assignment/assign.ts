import type { MemberRecord } from '../../domain/members/members.repository.js';
import { damerauLevenshtein } from '../../platform/text/natural.js';
import { contains, foldForNames, livesAt, nameMatch, namedPerson, namesMember } from './name-matching.js';
import type { KvnrCandidate } from '../../domain/documents/kvnr-candidates.js';
import { applicantOnFamilyForm, labelledAsMainInsured, patientOnFamilyDocument } from './form-roles.js';
import { WARNING_PREFIX } from '../../domain/documents/review.types.js';

export { namedPerson };

export interface Assignment {
  /** Set only when the member is certain: the document is then assigned without a clerk. */
  assignedKvnr: string | null;
  /** The most likely member when a clerk has to decide. */
  suggestedKvnr: string | null;
  confidence: number;
  reasons: string[];
}

export interface AssignmentEvidence {
  text: string;
  candidates: KvnrCandidate[];
  /** Members behind the candidates and the KVNR given in the chat. */
  members: Map<string, MemberRecord>;
  /** The KVNR the member typed in the chat, if any. */
  declaredKvnr: string | null;
  /** Members born on a date found in the text (for matching without a KVNR). */
  bornOnFoundDates: MemberRecord[];
  /** Other members who may bear the name of a member whose KVNR is in the text (see `MembersRepository.namesakesOf`). */
  namesakes?: MemberRecord[];
  dates: string[];
  /** The type the classify stage read (family forms are filed by it); null when unknown. */
  documentType?: string | null;
  /**
   * Whether that type is sure enough to route on. Rules that let a type allow an assignment (whose
   * family document it is, a relative named beside its owner) need it; doubts that a type raises do not.
   */
  typeSure?: boolean;
}

/** Another member of the same family insurance (the main member, or one insured through this one) named in full in the text. */
function namedRelative(
  folded: string,
  member: MemberRecord,
  members: Map<string, MemberRecord>,
  expected: MemberRecord[] = [],
): MemberRecord | undefined {
  for (const other of members.values()) {
    if (expected.some((e) => e.kvnr === other.kvnr)) continue;
    // A father and son both called Holger Hofmann: the name says nothing about which one (the number and birth date do).
    if (sameName(other, member)) continue;
    if (other.kvnr !== member.kvnr && sameFamily(other, member) && contains(folded, other.lastName) && contains(folded, other.firstName))
      return other;
  }
  return undefined;
}

const relativeWarning = (relative: MemberRecord) =>
  `${WARNING_PREFIX}Das Dokument nennt auch ${relative.firstName} ${relative.lastName} aus derselben Familienversicherung. Bitte prüfen, für wen es ist.`;

/**
 * Whose document is this? A wrong automatic assignment is the worst outcome, so a document is
 * assigned only when a KVNR with a valid check digit in its text belongs to a member whose
 * surname also stands in the text, and nothing contradicts it (another member's KVNR, a
 * different KVNR given in the chat). Everything else goes to a clerk, with a suggestion.
 */
export function assignMember(evidence: AssignmentEvidence): Assignment {
  const { expected = [], ...decided } = decide(evidence);
  // A form that names its patient names the member: another name there is a contradiction a clerk must see.
  const named = namedPerson(evidence.text);
  const suggested = decided.suggestedKvnr ? evidence.members.get(decided.suggestedKvnr) : undefined;
  if (!named || !suggested) return decided;
  if (namesMember(named, suggested)) return { ...decided, reasons: [...decided.reasons, `Person laut Dokument: „${named}“ – passt`] };
  // A family form names the child or spouse it is about beside the applicant: no contradiction.
  if (expected.some((relative) => namesMember(named, relative)))
    return { ...decided, reasons: [...decided.reasons, `Person laut Dokument: „${named}“ – Familienangehörige laut Formular`] };
  return {
    assignedKvnr: null,
    suggestedKvnr: decided.suggestedKvnr,
    confidence: Math.min(decided.confidence, 0.3),
    reasons: [
      ...decided.reasons,
      `${WARNING_PREFIX}Das Dokument nennt „${named}“ als Person, nicht ${suggested.firstName} ${suggested.lastName}. Bitte prüfen, wessen Dokument es ist.`,
    ],
  };
}

/**
 * Types whose family forms belong to the insured applicant: the parent claiming child sick pay,
 * the main member asking for family insurance, the mother claiming maternity pay. An invoice or a
 * treatment plan for a child is the child's, whatever the form calls the parent: those go to a clerk.
 */
const APPLICANT_OWNS = new Set(['child_sick_pay', 'membership', 'maternity', 'sick_pay']);
/**
 * A parent's claim for a child, a main member's family form: the member's own dependants are
 * expected on it ("meine Tochter Elif"), and naming them casts no doubt on whose it is.
 */
function dependantsOnClaim(member: MemberRecord, evidence: AssignmentEvidence): MemberRecord[] {
  if (!evidence.typeSure || !APPLICANT_OWNS.has(evidence.documentType ?? '') || member.familyOf) return [];
  return [...evidence.members.values()].filter((m) => m.familyOf === member.kvnr);
}

/**
 * Several people named with their birth dates: on a sure family claim (a parent's for a sick
 * child, a family insurance form), one member and people insured through that member are the
 * applicant and the family the claim is about, as with their numbers (`applicantOnFamilyForm`).
 * Any other mix stays ambiguous.
 */
function claimantAmong(named: MemberRecord[], evidence: AssignmentEvidence, reasons: string[]): MemberRecord[] {
  if (named.length < 2 || !evidence.typeSure || !APPLICANT_OWNS.has(evidence.documentType ?? '')) return named;
  const own = named.filter((m) => m.familyOf === null);
  if (own.length !== 1) return named;
  const member = own[0]!;
  const family = named.filter((m) => m !== member);
  if (!family.every((m) => m.familyOf === member.kvnr)) return named;
  reasons.push(
    `Name und Geburtsdatum passen zu ${member.kvnr} und zu ${family.map((m) => m.kvnr).join(', ')} (über dieses Mitglied versichert): Antragsteller ist das Mitglied`,
  );
  return [member];
}

/** Types whose family documents belong to the patient they name. */
const PATIENT_OWNS = new Set(['invoice', 'prescription_or_plan']);

/**
 * A child's invoice or plan is addressed to the parent who pays it: on a sure invoice or plan that
 * carries a family-insured patient's number, the main member named as its addressee casts no doubt
 * on whose it is. (A patient the form names other than the member still does: see assignMember.)
 */
function payerOf(member: MemberRecord, evidence: AssignmentEvidence): MemberRecord[] {
  if (!evidence.typeSure || !PATIENT_OWNS.has(evidence.documentType ?? '') || !member.familyOf) return [];
  const payer = evidence.members.get(member.familyOf);
  return payer ? [payer] : [];
}

/** A decision, and the family members a form names as such (not a contradiction when named). */
type Decision = Assignment & { expected?: MemberRecord[] };

function decide(evidence: AssignmentEvidence): Decision {
  const folded = foldForNames(evidence.text);
  const reasons: string[] = [];
  const candidates = usableCandidates(evidence.candidates, evidence.members);
  const known = candidates.filter((c) => evidence.members.has(c.kvnr));
  for (const unknown of candidates.filter((c) => !evidence.members.has(c.kvnr)))
    reasons.push(`KVNR ${unknown.kvnr} im Text, aber keiner versicherten Person zugeordnet`);
  const declared = evidence.declaredKvnr ? evidence.members.get(evidence.declaredKvnr) : undefined;

  if (known.length > 1) {
    reasons.push(`Mehrere KVNR im Text: ${known.map((c) => c.kvnr).join(', ')}`);
    // A family's claim is the applicant's, an invoice or plan the patient's, when the document says
    // which number is whose; any other mix goes to a clerk.
    const type = evidence.typeSure ? (evidence.documentType ?? '') : '';
    const family = APPLICANT_OWNS.has(type)
      ? applicantOnFamilyForm(evidence.text, known, evidence.members)
      : PATIENT_OWNS.has(type)
        ? patientOnFamilyDocument(evidence.text, known, evidence.members)
        : undefined;
    if (family) {
      reasons.push(
        `${family.owner.kvnr} ${family.how}; ${family.relatives.map((d) => d.kvnr).join(', ')} ${family.relatives.length === 1 ? 'gehört' : 'gehören'} zur Familie`,
      );
      return { ...judge(family.owner, evidence, folded, reasons, family.relatives), expected: family.relatives };
    }
    const suggested = known.find((c) => c.kvnr === evidence.declaredKvnr)?.kvnr ?? null;
    return { assignedKvnr: null, suggestedKvnr: suggested, confidence: 0.4, reasons };
  }

  if (known.length === 1) {
    const expected = dependantsOnClaim(evidence.members.get(known[0]!.kvnr)!, evidence);
    return { ...judge(known[0]!, evidence, folded, reasons, expected), expected };
  }

  // No usable KVNR in the text: name, birth date and address together are the second way to be sure;
  // name and birth date alone, or the chat's KVNR, give a suggestion only.
  const byNameAndBirth = claimantAmong(
    evidence.bornOnFoundDates.filter((m) => contains(folded, m.lastName) && contains(folded, m.firstName)),
    evidence,
    reasons,
  );
  if (byNameAndBirth.length === 1) {
    const member = byNameAndBirth[0]!;
    const conflict = declared && declared.kvnr !== member.kvnr;
    if (!conflict && livesAt(folded, member)) {
      reasons.push(`Keine KVNR im Text; Name, Geburtsdatum und Anschrift passen zu ${member.kvnr}`);
      const expected = dependantsOnClaim(member, evidence);
      const relative = namedRelative(folded, member, evidence.members, expected);
      const doubt = relative ? relativeWarning(relative) : doubtAbout(undefined, member, evidence);
      if (!doubt) return { assignedKvnr: member.kvnr, suggestedKvnr: member.kvnr, confidence: 0.95, reasons, expected };
      reasons.push(doubt.startsWith(WARNING_PREFIX) ? doubt : `${WARNING_PREFIX}${doubt}`);
      return { assignedKvnr: null, suggestedKvnr: member.kvnr, confidence: 0.7, reasons };
    }
    reasons.push(
      `Keine KVNR im Text; Name und Geburtsdatum passen zu ${member.kvnr}, die Anschrift ${conflict ? 'zählt nicht' : 'nicht gefunden'}`,
    );
    if (conflict) reasons.push(`Im Chat wurde eine andere KVNR angegeben (${declared.kvnr})`);
    return { assignedKvnr: null, suggestedKvnr: member.kvnr, confidence: declared?.kvnr === member.kvnr ? 0.85 : 0.75, reasons };
  }
  if (byNameAndBirth.length > 1) reasons.push('Name und Geburtsdatum passen zu mehreren Versicherten');
  if (declared) {
    reasons.push(`Keine KVNR im Text; Angabe im Chat: ${declared.kvnr}`);
    return { assignedKvnr: null, suggestedKvnr: declared.kvnr, confidence: 0.6, reasons };
  }
  reasons.push('Keine versicherte Person erkennbar');
  return { assignedKvnr: null, suggestedKvnr: null, confidence: 0, reasons };
}

/**
 * A number whose letter OCR lost stands for every letter its check digit allows: it counts only
 * when exactly one of those is a member's, and the others are not worth mentioning.
 */
function usableCandidates(candidates: KvnrCandidate[], members: Map<string, MemberRecord>): KvnrCandidate[] {
  const guessedMembers = candidates.filter((c) => c.letterGuessed && members.has(c.kvnr));
  return candidates.filter((c) => !c.letterGuessed || (members.has(c.kvnr) && guessedMembers.filter((g) => g.raw === c.raw).length === 1));
}

/**
 * One member's KVNR in the text: theirs for certain when their surname and their first name or
 * birth date stand there too (the birth date is required when the number had to be read through
 * OCR confusions), nothing contradicts it, and no other family member is named unless the form
 * names them as such (`expected`).
 */
function judge(
  candidate: KvnrCandidate,
  evidence: AssignmentEvidence,
  folded: string,
  reasons: string[],
  expected: MemberRecord[],
): Assignment {
  const member = evidence.members.get(candidate.kvnr)!;
  const surnameMatch = nameMatch(folded, member.lastName);
  const surname = surnameMatch !== undefined;
  const firstNameMatch = nameMatch(folded, member.firstName);
  const firstName = firstNameMatch !== undefined;
  const birthDate = evidence.dates.includes(member.birthDate);
  const address = livesAt(folded, member);
  reasons.push(
    `KVNR ${candidate.kvnr} im Text${candidate.corrected ? ` (gelesen als „${candidate.raw}“)` : ''}; Name ${surname ? 'passt' : 'nicht gefunden'}, Geburtsdatum ${birthDate ? 'passt' : 'nicht gefunden'}${address ? ', Anschrift passt' : ''}`,
  );
  if (evidence.declaredKvnr && evidence.declaredKvnr !== candidate.kvnr) {
    reasons.push(`Im Chat wurde eine andere KVNR angegeben (${evidence.declaredKvnr})`);
    return { assignedKvnr: null, suggestedKvnr: candidate.kvnr, confidence: 0.5, reasons };
  }
  // A number read through OCR confusions, or a name one letter off (Fischler for Fischer, Sophia for
  // Sophie: a slip, or another person with a look-alike's number), needs the birth date as well.
  // The check digit covers the letter too: a number read through OCR confusions that passes it and
  // carries the member's exact full name is theirs as surely as one read cleanly.
  const exactName = surnameMatch === 'exact' && firstNameMatch === 'exact';
  // Street, house number and postal code are a fact of their own beside the name; and where OCR lost
  // the surname, a cleanly read number with the first name, birth date and address is as sure.
  const certain =
    (surname &&
      (birthDate || firstNameMatch === 'exact' || address) &&
      ((!candidate.corrected && surnameMatch === 'exact') || exactName || birthDate)) ||
    (!candidate.corrected && firstNameMatch === 'exact' && birthDate && address);
  const confidence = surname && birthDate ? 0.99 : certain ? 0.96 : surname || birthDate ? 0.8 : 0.6;
  const doubt = certain ? doubtAbout(candidate, member, evidence, expected) : undefined;
  if (doubt) {
    reasons.push(`${WARNING_PREFIX}${doubt}`);
    return { assignedKvnr: null, suggestedKvnr: candidate.kvnr, confidence: Math.min(confidence, 0.7), reasons };
  }
  // Another family member named beside them: whose document it is, a clerk decides, unless the
  // number, the full name and the birth date all match on a document that belongs to one person
  // (the doubts above keep claims and payers' numbers apart).
  const relative = namedRelative(folded, member, evidence.members, [...expected, ...payerOf(member, evidence)]);
  const ownDocument = surname && firstName && birthDate && !!evidence.typeSure && ONE_PERSONS_DOCUMENT.has(evidence.documentType ?? '');
  if (certain && relative && !ownDocument) {
    reasons.push(relativeWarning(relative));
    return { assignedKvnr: null, suggestedKvnr: candidate.kvnr, confidence: Math.min(confidence, 0.7), reasons };
  }
  if (certain) return { assignedKvnr: candidate.kvnr, suggestedKvnr: candidate.kvnr, confidence, reasons };
  return { assignedKvnr: null, suggestedKvnr: candidate.kvnr, confidence, reasons };
}

/** Types whose document is about the one person whose number it carries (unlike family forms and letters). */
const ONE_PERSONS_DOCUMENT = new Set([
  'sick_note',
  'invoice',
  'prescription_or_plan',
  'bonus_program',
  'sick_pay',
  'child_sick_pay',
  'maternity',
]);

/**
 * Sick pay of either kind and maternity pay are a member's own claims: a family-insured person has
 * none from the Kasse (a family-insured mother's maternity pay comes from the Bundesamt für Soziale
 * Sicherung). A child's number on its mother's form is the child's, not the claim's owner.
 */
const MEMBERS_OWN_CLAIMS = new Map([
  ['sick_pay', 'Krankengeld'],
  ['child_sick_pay', 'Kinderkrankengeld'],
  ['maternity', 'Mutterschaftsgeld'],
]);

/** One family insurance: the main member and everyone insured through them. */
const sameFamily = (a: MemberRecord, b: MemberRecord) => (a.familyOf ?? a.kvnr) === (b.familyOf ?? b.kvnr);

const sameName = (a: MemberRecord, b: MemberRecord) =>
  foldForNames(a.lastName) === foldForNames(b.lastName) && foldForNames(a.firstName) === foldForNames(b.firstName);

/**
 * Another member of the member's (or a look-alike) name whom the document does not tell apart from
 * them: it shows the other's address and not the member's, or another of the very same name lives
 * in the same family or at the same address (a son named after his father) and the member's birth
 * date is not there.
 * The number alone then says whose it is, and a number is what gets mixed up in a household.
 */
function namesakeNotToldApart(
  member: MemberRecord,
  evidence: AssignmentEvidence,
  counts: (m: MemberRecord) => boolean,
): string | undefined {
  const folded = foldForNames(evidence.text);
  const others = [...(evidence.namesakes ?? []), ...evidence.members.values()].filter(
    (m) => m.kvnr !== member.kvnr && lookAlikeNames(m, member) && counts(m),
  );
  const named = (m: MemberRecord) => `${m.firstName} ${m.lastName}, ${m.kvnr}`;
  const atTheirs = livesAt(folded, member) ? undefined : others.find((m) => livesAt(folded, m));
  if (atTheirs)
    return `Das Dokument nennt die Anschrift einer anderen versicherten Person gleichen oder ähnlichen Namens (${named(atTheirs)}). Bitte prüfen, wessen Dokument es ist.`;
  if (evidence.dates.includes(member.birthDate)) return undefined;
  // Only the very same name: Sarah is told from Sara by the name itself (see judge, which wants it exact then).
  const household = others.find(
    (m) =>
      sameName(m, member) &&
      (sameFamily(m, member) || (foldForNames(m.street) === foldForNames(member.street) && m.postalCode === member.postalCode)),
  );
  return household
    ? `In derselben Familie oder unter derselben Anschrift ist eine weitere versicherte Person gleichen Namens versichert (${named(household)}), und das Dokument nennt kein Geburtsdatum. Bitte prüfen, wessen Dokument es ist.`
    : undefined;
}

/** One surname and first names at most one letter apart (Sophie and Sophia Friedrich): one could be taken for the other. */
const lookAlikeNames = (a: MemberRecord, b: MemberRecord) =>
  foldForNames(a.lastName) === foldForNames(b.lastName) && damerauLevenshtein(foldForNames(a.firstName), foldForNames(b.firstName)) <= 1;

/**
 * What speaks against a KVNR and name that match (said to the clerk), if anything: a claim only
 * a member can make under a family-insured person's number; the birth date of another member of
 * the same name on the page; the number labelled as the main member's or payer's on a document
 * whose owner is its patient, when that member has family who could be the patient.
 */
function doubtAbout(
  candidate: KvnrCandidate | undefined,
  member: MemberRecord,
  evidence: AssignmentEvidence,
  expected: MemberRecord[] = [],
): string | undefined {
  const type = evidence.documentType ?? '';
  const claim = MEMBERS_OWN_CLAIMS.get(type);
  if (claim && member.familyOf)
    return `${member.firstName} ${member.lastName} ist familienversichert; ${claim} beantragt das Mitglied selbst. Bitte prüfen, wessen Antrag es ist.`;
  // Only a birth date that is theirs and not the member's says anything (two of one name born on one day: the number decides).
  // A son of the father's name whom a family form lists with his own number is family, not a doubt.
  const listedWithNumber = (m: MemberRecord) =>
    expected.some((e) => e.kvnr === m.kvnr) && evidence.candidates.some((c) => c.kvnr === m.kvnr);
  const namesake = evidence.bornOnFoundDates.find(
    (m) => m.kvnr !== member.kvnr && lookAlikeNames(m, member) && m.birthDate !== member.birthDate && !listedWithNumber(m),
  );
  if (namesake)
    return `Das Dokument nennt das Geburtsdatum einer anderen versicherten Person gleichen oder ähnlichen Namens (${namesake.firstName} ${namesake.lastName}, ${namesake.kvnr}). Bitte prüfen, wessen Dokument es ist.`;
  // A family-insured namesake has no sick pay or maternity pay to claim: such a claim cannot be theirs.
  const couldClaim = (m: MemberRecord) => !(claim && evidence.typeSure && m.familyOf);
  const namesakeDoubt = namesakeNotToldApart(member, evidence, (m) => !listedWithNumber(m) && couldClaim(m));
  if (namesakeDoubt) return namesakeDoubt;
  const hasFamily = [...evidence.members.values()].some((m) => m.familyOf === member.kvnr);
  if (candidate && !APPLICANT_OWNS.has(type) && hasFamily && labelledAsMainInsured(evidence.text, candidate))
    return `Die KVNR steht als die des Mitglieds oder Rechnungsempfängers; Patient kann ein Familienangehöriger sein. Bitte prüfen, wessen Dokument es ist.`;
  return undefined;
}
