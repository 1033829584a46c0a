/** The document types of the intake pipeline, and how the chat's submission types map onto them. */
export const DOCUMENT_TYPES = ['sick_note', 'invoice', 'sick_pay', 'child_sick_pay', 'maternity', 'bonus_program', 'membership', 'prescription_or_plan', 'other'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** The chat dialog's type ids (core/submissions/submission-types.ts) → pipeline types. */
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

/** Where each type goes when routed (the default; INTAKE_DEPARTMENTS can override it). */
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
