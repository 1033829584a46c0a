import { DOCUMENT_TYPE_LABELS, DOCUMENT_TYPES, type DocumentType } from '../domain/submissions/document-types.js';

/** The document types of the intake pipeline, and how the chat's submission types map onto them. */
export { DOCUMENT_TYPE_LABELS, DOCUMENT_TYPES, type DocumentType };

/** The chat dialog's type ids (domain/submissions/submission-types.ts) → pipeline types. */
export const DECLARED_TYPES: Record<string, DocumentType> = {
  invoice: 'invoice',
  sick_note: 'sick_note',
  sick_pay: 'sick_pay',
  child_sick_pay: 'child_sick_pay',
  maternity: 'maternity',
  bonus: 'bonus_program',
  bonus_program: 'bonus_program',
  membership: 'membership',
  prescription: 'prescription_or_plan',
  prescription_or_plan: 'prescription_or_plan',
  other: 'other',
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
