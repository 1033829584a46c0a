import { DOCUMENT_TYPE_LABELS, DOCUMENT_TYPES, type DocumentType } from '../domain/submissions/document-types.js';
import { SUBMISSION_TYPES } from '../domain/submissions/submission-types.js';

/** The document types of the intake pipeline, and how the chat's submission types map onto them. */
export { DOCUMENT_TYPE_LABELS, DOCUMENT_TYPES, type DocumentType };

/**
 * The declared types a submission may carry → pipeline types: every document type by its own
 * name, and each of the chat's choices by its id.
 */
export const DECLARED_TYPES: Record<string, DocumentType> = {
  ...Object.fromEntries(DOCUMENT_TYPES.map((type) => [type, type])),
  ...Object.fromEntries(SUBMISSION_TYPES.map((choice) => [choice.id, choice.documentType])),
};

/** Where each type goes when routed by default; INTAKE_DEPARTMENTS overrides single types. */
export const DEFAULT_DEPARTMENTS: Record<DocumentType, string> = {
  sick_note: 'Arbeitsunfähigkeit',
  sick_pay: 'Krankengeld',
  child_sick_pay: 'Krankengeld',
  maternity: 'Mutterschaft',
  invoice: 'Leistungen',
  bonus_program: 'Bonusprogramm',
  membership: 'Mitgliedschaft',
  prescription_or_plan: 'Leistungen',
  other: 'Posteingang',
};

/** The departments in force: the defaults with the configured overrides applied. */
export function departmentsWith(overrides: Partial<Record<DocumentType, string>>): Record<DocumentType, string> {
  return { ...DEFAULT_DEPARTMENTS, ...overrides };
}
