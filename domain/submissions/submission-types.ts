import { spokenNumbersAsDigits } from '../../platform/text/spoken-numbers.js';
import { z } from 'zod';
import type { DocumentType } from './document-types.js';
import { KVNR_MESSAGES, kvnrProblem, normaliseKvnr } from '../members/kvnr.js';
import { findEuroAmount, formatEuro, formatGermanDate, maskIban, parseEuroAmount, parseGermanDate, parseIban } from './detail-parsers.js';

/**
 * What the bot asks for each kind of document, declared once: the question, how an answer is
 * read and checked (a zod schema whose messages the member sees), how it is shown in the
 * summary, and optionally how to find it in what the member already wrote.
 */
export type DetailValue = string | number | boolean;

export interface DetailContext {
  /** Today in the insurer's time zone, YYYY-MM-DD. */
  today: string;
}

export interface DetailField {
  key: string;
  /** Label in the summary. */
  label: string;
  /** The question the bot asks. */
  prompt: string;
  /** Offered as buttons; typing something else is allowed unless the schema refuses it. */
  choices?: readonly string[];
  /** Reads the member's answer; its issues are German sentences for the member. */
  schema: (context: DetailContext) => z.ZodType<DetailValue, string>;
  /** Finds the value in an earlier free-text message, so it is not asked again. */
  find?: (text: string, context: DetailContext) => DetailValue | undefined;
  show: (value: DetailValue) => string;
}

export interface SubmissionType {
  /** The chat's own id for the choice (stored as the submission's declared type). */
  id: string;
  /** What the intake pipeline calls this kind of document: the chat's choices are a view on the document types. */
  documentType: DocumentType;
  /** Button text and summary name. */
  label: string;
  /** Words in a member's message that point to this type ("Zahnreinigung" → invoice). */
  keywords: RegExp;
  fields: readonly DetailField[];
}

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: 'Bitte geben Sie etwas ein.' })
    .max(max, { error: `Bitte fassen Sie sich kürzer (höchstens ${max} Zeichen).` });

function choiceField(
  key: string,
  label: string,
  prompt: string,
  choices: readonly string[],
  keywords?: Record<string, RegExp>,
): DetailField {
  return {
    key,
    label,
    prompt,
    choices,
    // A free answer is kept (a clerk reads it) but must be short.
    schema: () => text(100).transform((answer) => choices.find((c) => c.toLowerCase() === answer.toLowerCase()) ?? answer),
    find: keywords ? (message) => Object.entries(keywords).find(([, pattern]) => pattern.test(message))?.[0] : undefined,
    show: String,
  };
}

function dateField(
  key: string,
  label: string,
  prompt: string,
  rule: {
    notAfterToday?: boolean;
    notBeforeToday?: boolean;
    maxYearsBack?: number;
    prefer?: 'past' | 'future';
    /** A message saying this means a date already past (a birth that happened): read it as past. */
    pastWhenSaid?: RegExp;
  },
): DetailField {
  const prefer = rule.prefer ?? (rule.notBeforeToday ? 'future' : 'past');
  const schema = ({ today }: DetailContext) =>
    z.string().transform((answer, ctx) => {
      const date = parseGermanDate(answer, today, prefer);
      if (!date) {
        ctx.addIssue({ code: 'custom', message: 'Dieses Datum kann ich nicht lesen. Bitte schreiben Sie es so: 03.11.2026.' });
        return z.NEVER;
      }
      if (rule.notAfterToday && date > today)
        ctx.addIssue({ code: 'custom', message: 'Dieses Datum liegt in der Zukunft. Bitte prüfen Sie es.' });
      if (rule.notBeforeToday && date < today)
        ctx.addIssue({ code: 'custom', message: 'Dieses Datum liegt in der Vergangenheit. Bitte prüfen Sie es.' });
      const earliest = `${Number(today.slice(0, 4)) - (rule.maxYearsBack ?? 5)}${today.slice(4)}`;
      if (date < earliest)
        ctx.addIssue({
          code: 'custom',
          message: `Dieses Datum liegt mehr als ${rule.maxYearsBack ?? 5} Jahre zurück. Bitte prüfen Sie es.`,
        });
      return date;
    });
  return {
    key,
    label,
    prompt,
    schema,
    find: (message, context) => {
      const date = parseGermanDate(message, context.today, rule.pastWhenSaid?.test(message) ? 'past' : prefer);
      return date && schema(context).safeParse(date).success ? date : undefined;
    },
    show: (value) => formatGermanDate(String(value)),
  };
}

const yesNo = (key: string, label: string, prompt: string): DetailField => ({
  key,
  label,
  prompt,
  choices: ['Ja', 'Nein'],
  schema: () =>
    z.string().transform((answer, ctx) => {
      if (/^\s*(ja|j|yes|jo|genau|richtig)\b/i.test(answer)) return true;
      if (/^\s*(nein|n|no|nö|ne)\b/i.test(answer)) return false;
      ctx.addIssue({ code: 'custom', message: 'Bitte antworten Sie mit „Ja“ oder „Nein“.' });
      return z.NEVER;
    }),
  show: (value) => (value ? 'Ja' : 'Nein'),
});

const MAX_AMOUNT_CENTS = 100_000_00;

const amount: DetailField = {
  key: 'amountCents',
  label: 'Rechnungsbetrag',
  prompt: 'Über welchen Betrag lautet die Rechnung (in Euro, z. B. 85,40)?',
  schema: () =>
    z.string().transform((answer, ctx) => {
      const cents = parseEuroAmount(answer);
      if (cents === undefined)
        ctx.addIssue({ code: 'custom', message: 'Diesen Betrag kann ich nicht lesen. Bitte schreiben Sie ihn so: 85,40.' });
      else if (cents <= 0) ctx.addIssue({ code: 'custom', message: 'Der Betrag muss größer als 0 Euro sein.' });
      else if (cents > MAX_AMOUNT_CENTS)
        ctx.addIssue({
          code: 'custom',
          message: 'Dieser Betrag ist ungewöhnlich hoch. Bitte prüfen Sie ihn; für Beträge über 100.000 Euro wenden Sie sich bitte an uns.',
        });
      return cents ?? z.NEVER;
    }),
  find: (message) => {
    const cents = findEuroAmount(message);
    return cents && cents > 0 && cents <= MAX_AMOUNT_CENTS ? cents : undefined;
  },
  show: (value) => formatEuro(Number(value)),
};

const iban: DetailField = {
  key: 'iban',
  label: 'IBAN für die Erstattung',
  prompt: 'Auf welches Konto sollen wir erstatten? Bitte nennen Sie die IBAN.',
  schema: () =>
    z.string().transform((answer, ctx) => {
      const parsed = parseIban(answer);
      if (!parsed)
        ctx.addIssue({
          code: 'custom',
          message:
            'Diese IBAN ist nicht gültig (die Prüfziffern passen nicht). Bitte prüfen Sie sie, z. B. auf Ihrer Bankkarte oder im Online-Banking.',
        });
      return parsed ?? z.NEVER;
    }),
  find: (message) => parseIban(/\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){3,7}(?:\s?[A-Z0-9]{1,3})?\b/i.exec(message)?.[0] ?? ''),
  show: (value) => maskIban(String(value)),
};

const accountHolder: DetailField = {
  key: 'accountHolder',
  label: 'Kontoinhaber',
  prompt: 'Wer ist Kontoinhaberin oder Kontoinhaber?',
  schema: () => text(100),
  show: String,
};

const childKvnr: DetailField = {
  key: 'childKvnr',
  label: 'Krankenversichertennummer des Kindes',
  prompt: 'Wie lautet die Krankenversichertennummer Ihres Kindes? Sie steht auf seiner Gesundheitskarte.',
  schema: () =>
    z.string().transform((answer, ctx) => {
      const kvnr = normaliseKvnr(answer);
      const problem = kvnrProblem(kvnr);
      if (problem) ctx.addIssue({ code: 'custom', message: KVNR_MESSAGES[problem] });
      return kvnr;
    }),
  show: String,
};

export const TREATMENT_KINDS = ['Professionelle Zahnreinigung', 'Osteopathie', 'Reiseimpfung', 'Gesundheitskurs', 'Sonstiges'] as const;

export const SUBMISSION_TYPES: readonly SubmissionType[] = [
  {
    id: 'invoice',
    documentType: 'invoice',
    label: 'Rechnung zur Erstattung',
    keywords:
      /rechnung|rechnug|quittung|honorarnote|\bbill\b|erstatt|zahnreinigung|\bpzr\b|osteop|impf|gesundheitskurs|präventionskurs|invoice|receipt|reimburs|vaccinat/i,
    fields: [
      choiceField('treatmentKind', 'Behandlung', 'Wofür ist die Rechnung?', TREATMENT_KINDS, {
        'Professionelle Zahnreinigung': /zahnrein\w*|zahnreing\w*|\bpzr\b|teeth cleaning|dental cleaning/i,
        Osteopathie: /\bosteo/i,
        Reiseimpfung: /impf|vaccin|travel shots/i,
        Gesundheitskurs: /kurs\b|yoga|pilates|rückenschule|gesundheitskurs|präventionskurs|course/i,
        // A treatment named that is none of the above: the member need not be asked what it was for.
        Sonstiges:
          /akupunktur|heilpraktiker|ergotherap|massage|kieferorthop|zahnbehandlung|füllung|zahnersatz|implantat|physiotherap|krankengymnastik|logopäd|homöopath|acupuncture|physiotherapy|orthodont/i,
      }),
      dateField('treatmentDate', 'Behandlungsdatum', 'Wann war die Behandlung? (z. B. 03.11.2026)', {
        notAfterToday: true,
        maxYearsBack: 4,
      }),
      amount,
      iban,
      accountHolder,
    ],
  },
  {
    id: 'sick_note',
    documentType: 'sick_note',
    label: 'Krankmeldung (AU-Bescheinigung)',
    keywords:
      /krankmeldung|krankmledung|krankschreibung|grankschreibung|krankgeschrieben|krankenschein|krankenstandsbestätigung|\bau\b|au-bescheinigung|arbeitsunfähig|krank (?:ab|seit)\b|schreibt mich krank|krank geschrieben|folgebescheinigung|gelbe[nr]? schein|sick note/i,
    fields: [
      dateField('firstDay', 'Erster Tag der Arbeitsunfähigkeit', 'Ab welchem Tag sind Sie arbeitsunfähig geschrieben?', {
        notAfterToday: true,
        maxYearsBack: 1,
      }),
      yesNo('followUp', 'Folgebescheinigung', 'Ist es eine Folgebescheinigung (Sie waren schon vorher krankgeschrieben)?'),
    ],
  },
  {
    id: 'sick_pay',
    documentType: 'sick_pay',
    label: 'Krankengeld',
    keywords: /(?<!kinder)[kg]rankengeld|auszahlschein|sick pay/i,
    fields: [dateField('firstDay', 'Arbeitsunfähig seit', 'Seit wann sind Sie arbeitsunfähig?', { notAfterToday: true, maxYearsBack: 2 })],
  },
  {
    id: 'child_sick_pay',
    documentType: 'child_sick_pay',
    label: 'Kinderkrankengeld',
    keywords: /kinderkrank|kind krank|erkrankten kind|child sick/i,
    fields: [
      childKvnr,
      dateField('firstDay', 'Betreuung ab', 'Ab welchem Tag betreuen Sie Ihr krankes Kind?', { notAfterToday: true, maxYearsBack: 1 }),
    ],
  },
  {
    id: 'maternity',
    documentType: 'maternity',
    label: 'Mutterschaftsgeld',
    keywords: /mutterschaf|\bET\b|schwanger|(?<!schweigepflicht)entbindung|maternity/i,
    fields: [
      dateField(
        'dueDate',
        'Entbindungstermin',
        'Wann ist der voraussichtliche Entbindungstermin (oder, wenn das Kind schon da ist, der Tag der Geburt)?',
        {
          maxYearsBack: 1,
          // A due date written without a year ("ET 20.2.") lies ahead.
          prefer: 'future',
          // "Ich habe mein Baby am 1.12. bekommen": the day of the birth, which lies behind.
          pastWhenSaid:
            /\b(?:geboren|entbunden|zur welt gekommen|born|gave birth)\b|\b(?:baby|kind|tochter|sohn)\b.{0,40}\b(?:bekommen|gekriegt)\b/i,
        },
      ),
    ],
  },
  { id: 'bonus', documentType: 'bonus_program', label: 'Bonusprogramm', keywords: /bonus/i, fields: [] },
  {
    id: 'membership',
    documentType: 'membership',
    label: 'Mitgliedschaft / Familienversicherung',
    keywords:
      /mitgliedschaft|mitgliedsantrag|mitgliedsbescheinigung|familienversicher|family insurance|kündigungsbestätigung|heiratsurkunde|enrol?ment|immatrikulation|studienbescheinigung|schulbescheinigung/i,
    fields: [choiceField('topic', 'Worum geht es', 'Worum geht es?', ['Mitgliedschaft', 'Familienversicherung', 'Sonstiges'])],
  },
  {
    id: 'prescription',
    documentType: 'prescription_or_plan',
    label: 'Verordnung / Behandlungsplan',
    keywords: /verordnung|rezept|behandlungsplan|kostenplan|heil- und kostenplan|\bhkp\b|prescription/i,
    fields: [
      choiceField('planKind', 'Art', 'Was für ein Dokument ist es?', [
        'Heil- und Kostenplan (Zahnersatz)',
        'Kieferorthopädischer Behandlungsplan',
        'Heilmittelverordnung',
        'Hilfsmittelverordnung',
        'Sonstiges',
      ]),
    ],
  },
  {
    id: 'other',
    documentType: 'other',
    label: 'Sonstiges',
    keywords: /pflegeantrag|unfall|schweigepflicht|befreiung von den zuzahlung|zuzahlungsbefreiung|befreiungsantrag/i,
    fields: [
      {
        key: 'subject',
        label: 'Betreff',
        prompt: 'Worum geht es in dem Dokument? (ein kurzer Satz)',
        schema: () => text(200),
        show: String,
      },
    ],
  },
];

const BY_ID = new Map(SUBMISSION_TYPES.map((t) => [t.id, t]));

export function submissionType(id: string): SubmissionType | undefined {
  return BY_ID.get(id);
}

/**
 * When a message names several types, the more specific wins: a named benefit (Kinderkrankengeld,
 * Mutterschaftsgeld) over a sick note, a sick note over a plan, anything over a plain invoice.
 */
const SPECIFIC_FIRST = ['child_sick_pay', 'maternity', 'sick_pay', 'sick_note', 'other', 'prescription', 'bonus', 'invoice', 'membership'];

/** The type a member's words point to, if one fits (the most specific of several). */
export function guessSubmissionType(message: string): SubmissionType | undefined {
  const matches = SUBMISSION_TYPES.filter((t) => t.keywords.test(message));
  const best = matches.sort((a, b) => SPECIFIC_FIRST.indexOf(a.id) - SPECIFIC_FIRST.indexOf(b.id))[0];
  return best ?? (OTHER_DOCUMENTS.test(message) ? BY_ID.get('other') : undefined);
}

/** Documents named that none of the types takes: "other", unless another type's words are there too (a birth certificate for family insurance). */
const OTHER_DOCUMENTS =
  /geburtsurkunde|entlassungsbericht|arztbrief|krankenhausbericht|\bbericht\b|schreiben (?:meines|meiner|des|der|vom|von)\b|ausweis|\bid card\b|pflegegrad|letter from (?:\S+ )?(?:hospital|doctor)|discharge/i;

/** Reads one answer: the value, or the German sentence that explains the mistake. */
export function readDetail(field: DetailField, answer: string, context: DetailContext): { value: DetailValue } | { error: string } {
  const result = field.schema(context).safeParse(answer);
  return result.success ? { value: result.data } : { error: result.error.issues[0]?.message ?? 'Das habe ich nicht verstanden.' };
}

/** The details a type needs that an earlier message already gives. */
export function findDetails(type: SubmissionType, written: string, context: DetailContext): Record<string, DetailValue> {
  const found: Record<string, DetailValue> = {};
  const message = spokenNumbersAsDigits(written);
  for (const field of type.fields) {
    const value = field.find?.(message, context);
    if (value !== undefined) found[field.key] = value;
  }
  return found;
}
