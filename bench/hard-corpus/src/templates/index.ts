// Registry of all document templates.
import type { Template } from './common.js';
import { SICK_NOTE } from './sickNote.js';
import { INVOICE } from './invoice.js';
import { SICK_PAY } from './sickPay.js';
import { CHILD_SICK_PAY } from './childSickPay.js';
import { MATERNITY } from './maternity.js';
import { BONUS } from './bonus.js';
import { MEMBERSHIP } from './membership.js';
import { PRESCRIPTION } from './prescription.js';
import { OTHER } from './other.js';
export const ALL_TEMPLATES: Template[] = [
  ...SICK_NOTE,
  ...INVOICE,
  ...SICK_PAY,
  ...CHILD_SICK_PAY,
  ...MATERNITY,
  ...BONUS,
  ...MEMBERSHIP,
  ...PRESCRIPTION,
  ...OTHER,
];
export type { Template };
