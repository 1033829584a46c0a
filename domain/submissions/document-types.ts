/** The document types the intake pipeline sorts documents into; its rules live in intake-pipeline/. */
export const DOCUMENT_TYPES = [
  'sick_note',
  'invoice',
  'sick_pay',
  'child_sick_pay',
  'maternity',
  'bonus_program',
  'membership',
  'prescription_or_plan',
  'other',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** German names of the document types, for clerks and for the reasons the pipeline records. */
export const DOCUMENT_TYPE_LABELS: Record<DocumentType, string> = {
  sick_note: 'Arbeitsunfähigkeitsbescheinigung',
  invoice: 'Rechnung',
  sick_pay: 'Krankengeld',
  child_sick_pay: 'Kinderkrankengeld',
  maternity: 'Mutterschaft',
  bonus_program: 'Bonusprogramm',
  membership: 'Mitgliedschaft',
  prescription_or_plan: 'Verordnung / Behandlungsplan',
  other: 'Sonstiges',
};
