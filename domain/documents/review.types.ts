/**
 * The review API's answers as the console reads them: one definition for the server (which
 * declares its results with these types) and the browser code (which imports them as types).
 * Dates travel as ISO strings.
 */
import { DOCUMENT_TYPE_LABELS, type DocumentType } from '../submissions/document-types.js';
import type { DeliveryState } from './deliveries.repository.js';
import type { DuplicateOf } from './duplicates.js';
import type { DocumentFact } from './document-facts.js';

export { DOCUMENT_TYPE_LABELS, type DocumentType, type DeliveryState, type DuplicateOf, type DocumentFact };

export interface ReviewQueueItem {
  id: string;
  trackingId: string;
  source: string;
  receivedAt: string;
  documentType: string | null;
  typeConfidence: number | null;
  suggestedKvnr: string | null;
  assignmentConfidence: number | null;
}

export interface MemberSummary {
  kvnr: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  postalCode: string;
  city: string;
  familyOf: string | null;
}

export interface ReviewPage {
  page: number;
  text: string;
  confidence: number;
  source: string;
}

export interface ReviewDocument {
  id: string;
  status: string;
  trackingId: string;
  source: string;
  receivedAt: string;
  /** What the member (or channel) said: KVNR, the chosen kind of document (as named in the chat), a note. */
  declared: { kvnr: string | null; type: string | null; note: string | null };
  /** The details the chat collected, labelled and formatted as the member saw them. */
  details: Array<{ label: string; value: string }>;
  documentType: string | null;
  typeConfidence: number | null;
  suggestedKvnr: string | null;
  assignedKvnr: string | null;
  assignmentConfidence: number | null;
  department: string | null;
  reasons: string[];
  mediaType: string;
  pageCount: number;
  suggestedMember: MemberSummary | null;
  declaredMember: MemberSummary | null;
  /** The member a routed document went to. */
  assignedMember: MemberSummary | null;
  /** Strings the screen marks in the page texts: KVNRs as found, the members' names. */
  highlights: string[];
  pages: ReviewPage[];
  /** Dates, amounts, treatment and periods read off the text for the document's type, each with the passage it stands in. */
  facts: DocumentFact[];
  /** Where the routed document goes and how far it got, per target. */
  deliveries: DeliveryState[];
  /** Routed, and no target has started to take it over: a clerk may still correct it. */
  canReroute: boolean;
  /** The file and page texts were deleted after the retention period. */
  purged: boolean;
  /** An earlier document this one seems to repeat. */
  duplicateOf: DuplicateOf | null;
}

/** One hit of the clerks' document search. */
export interface DocumentSearchHit {
  id: string;
  trackingId: string;
  position: number;
  status: string;
  documentType: string | null;
  department: string | null;
  receivedAt: string;
  /** Whose it is: assigned (certain), else suggested or declared. */
  member: (Pick<MemberSummary, 'kvnr' | 'firstName' | 'lastName'> & { certain: boolean }) | null;
  deliveries: DeliveryState[];
  duplicateOf: DuplicateOf | null;
  purged: boolean;
}

export interface SubmissionDocuments {
  trackingId: string;
  documents: Array<{
    id: string;
    position: number;
    status: string;
    documentType: string | null;
    department: string | null;
    receivedAt: string;
    deliveries: DeliveryState[];
  }>;
}

export interface ReviewDecisionResult {
  department: string;
}

/** What admins see of a quarantined document: where it came from and what was found, never its content. */
export interface QuarantinedDocument {
  documentId: string;
  trackingId: string;
  source: string;
  receivedAt: string;
  quarantinedAt: string | null;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  findings: string[];
}

/** Starts a reason a clerk must not overlook (a contradiction in the document); the review screen shows it as a warning. */
export const WARNING_PREFIX = 'Achtung: ';
