import { formatGermanDate, isoDate } from '../submissions/detail-parsers.js';
import { DOCUMENT_TYPES, type DocumentType } from '../submissions/document-types.js';
import { invoiceFacts, invoiceTotals } from './invoice-facts.js';

/** What a clerk and the receiving department need from a document, read off its text. */
export type FactKey =
  | 'documentDate'
  | 'incapacityFrom'
  | 'incapacityUntil'
  | 'certifiedOn'
  | 'certificateKind'
  | 'careFrom'
  | 'careUntil'
  | 'dueDate'
  | 'birthDate'
  | 'invoiceNumber'
  | 'treatment'
  | 'treatmentDate'
  | 'amount'
  | 'planKind'
  | 'activity'
  | 'startDate';

export interface DocumentFact {
  key: FactKey;
  /** German name for the clerk. */
  label: string;
  /** Machine form: an ISO date, an amount in cents, or the text itself. */
  value: string | number;
  /** As the clerk reads it ("03.11.2026", "95,00 €"). */
  display: string;
  page: number;
  /** The passage the fact was read from, exactly as it stands on the page (marked on the review screen). */
  source: string;
}

export interface FactPage {
  page: number;
  text: string;
}

const MONTHS = ['januar', 'februar', 'märz', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'dezember'];
/** 03.11.2026, 3.11.26, 3. 11. 2026, 3. November 2026, 2026-11-03. */
const DATE = String.raw`(?:\d{1,2}\.\s?\d{1,2}\.\s?(?:\d{4}|\d{2})(?![\d])|\d{1,2}\.\s?(?:${MONTHS.join('|')}|maerz|marz)\s\d{4}|\d{4}-\d{2}-\d{2})`;

/** A printed date as ISO; two-digit years are this century (documents about claims are recent). */
function parseDate(printed: string): string | undefined {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(printed);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const numeric = /^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})$/.exec(printed);
  if (numeric) {
    const year = numeric[3]!.length === 2 ? 2000 + Number(numeric[3]) : Number(numeric[3]);
    return isoDate(year, Number(numeric[2]), Number(numeric[1]));
  }
  const named = /^(\d{1,2})\.\s?(\p{L}+)\s(\d{4})$/u.exec(printed);
  if (!named) return undefined;
  const name = named[2]!.toLowerCase().replace(/^maerz$|^marz$/, 'märz');
  const month = MONTHS.indexOf(name) + 1;
  return month > 0 ? isoDate(Number(named[3]), month, Number(named[1])) : undefined;
}

interface Found {
  page: number;
  source: string;
  groups: string[];
}

/** The first match of the pattern on any page, with its passage trimmed of line breaks at the ends. */
function first(pages: FactPage[], pattern: RegExp): Found | undefined {
  for (const { page, text } of pages) {
    const match = pattern.exec(text);
    if (match) return { page, source: match[0].trim(), groups: match.slice(1) };
  }
  return undefined;
}

/** A label, then (on its line or the next, after at most a few words) a date. */
function afterLabel(label: string): RegExp {
  return new RegExp(String.raw`(?:${label})[^\n\d]{0,40}?(?:\n[^\n\d]{0,25}?)?(${DATE})`, 'iu');
}

/** A label, then a period "vom … bis …" or "… – …". */
function periodAfter(label: string): RegExp {
  return new RegExp(String.raw`(?:${label})[^\n\d]{0,40}?(${DATE})\s*(?:bis(?: einschl(?:ießlich|\.)?)?|-|–)\s*(${DATE})`, 'iu');
}

type Extractor = (pages: FactPage[]) => DocumentFact[];

function dateFact(key: FactKey, label: string, pattern: RegExp, group = 0): Extractor {
  return (pages) => {
    const found = first(pages, pattern);
    const date = found && parseDate(found.groups[group]!.replace(/\s+/g, ' '));
    return found && date ? [{ key, label, value: date, display: formatGermanDate(date), page: found.page, source: found.source }] : [];
  };
}

function periodFacts(from: [FactKey, string], until: [FactKey, string], pattern: RegExp): Extractor {
  return (pages) => {
    const found = first(pages, pattern);
    if (!found) return [];
    const [start, end] = [parseDate(found.groups[0]!), parseDate(found.groups[1]!)];
    if (!start || !end || end < start) return [];
    return [
      { key: from[0], label: from[1], value: start, display: formatGermanDate(start), page: found.page, source: found.source },
      { key: until[0], label: until[1], value: end, display: formatGermanDate(end), page: found.page, source: found.source },
    ];
  };
}

/** The first of several named things the text mentions (a treatment, a kind of plan). */
function namedFact(key: FactKey, label: string, names: Array<[RegExp, string]>): Extractor {
  return (pages) => {
    for (const { page, text } of pages)
      for (const [pattern, name] of names) {
        const match = pattern.exec(text);
        if (match) return [{ key, label, value: name, display: name, page, source: match[0] }];
      }
    return [];
  };
}

/** The first extractor that finds something wins; the rest are fallbacks for other layouts. */
const firstOf =
  (...extractors: Extractor[]): Extractor =>
  (pages) => {
    for (const extract of extractors) {
      const facts = extract(pages);
      if (facts.length > 0) return facts;
    }
    return [];
  };

const euro = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' });

function amountFact(labelPattern?: RegExp): Extractor {
  return (pages) => {
    for (const { page, text } of pages) {
      const totals = invoiceTotals(text).filter((t) => !labelPattern || labelPattern.test(t.source));
      const largest = totals.sort((a, b) => b.cents - a.cents)[0];
      if (largest)
        return [
          { key: 'amount', label: 'Betrag', value: largest.cents, display: euro.format(largest.cents / 100), page, source: largest.source },
        ];
    }
    return [];
  };
}

const invoiceNumberFact: Extractor = (pages) => {
  for (const { page, text } of pages) {
    const { invoiceNumber, invoiceNumberSource } = invoiceFacts(text);
    if (invoiceNumber && invoiceNumberSource)
      return [
        { key: 'invoiceNumber', label: 'Rechnungsnummer', value: invoiceNumber, display: invoiceNumber, page, source: invoiceNumberSource },
      ];
  }
  return [];
};

/** "Musterstadt, den 03.11.2026", "Datum: 03.11.2026", "ausgestellt am 3. November 2026". */
const documentDate = firstOf(
  dateFact('documentDate', 'Datum des Dokuments', afterLabel(String.raw`rechnungsdatum|ausstellungsdatum|ausgestellt am|\bdatum\b`)),
  dateFact('documentDate', 'Datum des Dokuments', new RegExp(String.raw`^[\p{L} .-]{2,30}, (?:den )?(${DATE})`, 'mu')),
);

const TREATMENTS: Array<[RegExp, string]> = [
  [/professionelle\s+zahnreinigung|\bpzr\b/i, 'Professionelle Zahnreinigung'],
  [/osteopath/i, 'Osteopathie'],
  [/reiseimpfung|(?:gelbfieber|tollwut|typhus|hepatitis)[- ]?impf|schutzimpfung/i, 'Impfung'],
  [/akupunktur/i, 'Akupunktur'],
  [/heilpraktiker/i, 'Heilpraktiker'],
  [/hebamme|geburtsvorbereitung|rufbereitschaft/i, 'Hebammenleistung'],
  [/psychotherap/i, 'Psychotherapie'],
  [/physiotherap|krankengymnastik|manuelle therapie|massage/i, 'Physiotherapie'],
  [/brillengl(?:ä|ae|a)ser|brille|kontaktlinsen|sehhilfe/i, 'Sehhilfe'],
  [/zahnersatz|krone|implantat|füllung|fullung/i, 'Zahnbehandlung'],
  [/apotheke|arzneimittel|zuzahlung/i, 'Arzneimittel'],
  [/krankentransport|krankenfahrt/i, 'Krankenfahrt'],
];

const PLAN_KINDS: Array<[RegExp, string]> = [
  [/heil-?\s?und\s?kostenplan/i, 'Heil- und Kostenplan'],
  [/kieferorthop(?:ä|ae|a)dische[rn]?\s+behandlungsplan/i, 'Kieferorthopädischer Behandlungsplan'],
  [/heilmittelverordnung|verordnung von heilmitteln/i, 'Heilmittelverordnung'],
  [/hilfsmittelverordnung|verordnung von hilfsmitteln/i, 'Hilfsmittelverordnung'],
  [/kostenvoranschlag/i, 'Kostenvoranschlag'],
  [/behandlungsplan/i, 'Behandlungsplan'],
  [/rezept|verordnung/i, 'Verordnung'],
];

const ACTIVITIES: Array<[RegExp, string]> = [
  [/gesundheitskurs|präventionskurs|praeventionskurs|rückenschule|ruckenschule|yoga|stressbewältigung|kurs/i, 'Gesundheitskurs'],
  [/zahnvorsorge|zahnärztliche (?:untersuchung|kontrolle)|zahnarztbesuch/i, 'Zahnvorsorge'],
  [/check-?up|gesundheitsuntersuchung|vorsorgeuntersuchung|krebsfrüherkennung/i, 'Vorsorgeuntersuchung'],
  [/impfung|schutzimpfung/i, 'Impfung'],
  [/sportverein|vereinsmitgliedschaft|sportabzeichen/i, 'Sportverein / Sportabzeichen'],
  [/fitness/i, 'Fitnessstudio'],
];

const INCAPACITY_FROM = String.raw`arbeitsunf(?:ä|ae|a)hig seit|arbeitsunf(?:ä|ae|a)hig ab|au seit`;
const INCAPACITY_UNTIL = String.raw`voraussichtlich arbeitsunf(?:ä|ae|a)hig bis(?: einschl(?:ießlich|\.)?)?|arbeitsunf(?:ä|ae|a)hig bis`;
const CARE = String.raw`betreuung|beaufsichtigung|pflege|freistellung|freigestellt|erkrankung (?:des|eines) kindes`;

/** Per document type, what is worth reading off it. */
const EXTRACTORS: Record<DocumentType, Extractor[]> = {
  sick_note: [
    dateFact('incapacityFrom', 'Arbeitsunfähig seit', afterLabel(INCAPACITY_FROM)),
    dateFact('incapacityUntil', 'Voraussichtlich arbeitsunfähig bis', afterLabel(INCAPACITY_UNTIL)),
    dateFact('certifiedOn', 'Festgestellt am', afterLabel('festgestellt am')),
    namedFact('certificateKind', 'Bescheinigung', [
      [/erstbescheinigung/i, 'Erstbescheinigung'],
      [/folgebescheinigung/i, 'Folgebescheinigung'],
      [/endbescheinigung/i, 'Endbescheinigung'],
    ]),
  ],
  sick_pay: [
    firstOf(
      periodFacts(
        ['incapacityFrom', 'Arbeitsunfähig von'],
        ['incapacityUntil', 'Arbeitsunfähig bis'],
        periodAfter('arbeitsunf(?:ä|ae|a)hig'),
      ),
      dateFact('incapacityFrom', 'Arbeitsunfähig seit', afterLabel(INCAPACITY_FROM)),
    ),
    dateFact('incapacityUntil', 'Letzter Tag der Arbeitsunfähigkeit', afterLabel('letzter tag der arbeitsunf(?:ä|ae|a)higkeit')),
    documentDate,
  ],
  child_sick_pay: [periodFacts(['careFrom', 'Betreuung von'], ['careUntil', 'Betreuung bis'], periodAfter(CARE)), documentDate],
  maternity: [
    dateFact(
      'dueDate',
      'Voraussichtlicher Entbindungstag',
      afterLabel(
        String.raw`mutma(?:ß|ss)liche[nr]? tag(?:es)? der entbindung|entbindungstermin|geburtstermin|voraussichtlich(?:er)? entbindung`,
      ),
    ),
    dateFact('birthDate', 'Tag der Entbindung', afterLabel(String.raw`entbunden am|tag der geburt|geboren am`)),
    documentDate,
  ],
  invoice: [
    documentDate,
    invoiceNumberFact,
    amountFact(),
    namedFact('treatment', 'Leistung', TREATMENTS),
    dateFact('treatmentDate', 'Behandlung am', afterLabel(String.raw`behandlungsdatum|leistungsdatum|behandlung (?:am|vom)`)),
  ],
  prescription_or_plan: [namedFact('planKind', 'Art', PLAN_KINDS), amountFact(/eigenanteil|gesamt|summe|betrag|kosten/i), documentDate],
  bonus_program: [namedFact('activity', 'Maßnahme', ACTIVITIES), documentDate],
  membership: [dateFact('startDate', 'Beginn', afterLabel(String.raw`beginn|ab dem|gültig ab|versichert ab`)), documentDate],
  other: [documentDate],
};

const isDocumentType = (type: string | null): type is DocumentType => (DOCUMENT_TYPES as readonly (string | null)[]).includes(type);

/** The facts a document of this type (a stored type name; unknown or none reads as "other") states, each with its page and passage. */
export function documentFacts(type: string | null, pages: FactPage[]): DocumentFact[] {
  const facts = EXTRACTORS[isDocumentType(type) ? type : 'other'].flatMap((extract) => extract(pages));
  // One fact per key: the first extractor that found it.
  return facts.filter((fact, i) => facts.findIndex((f) => f.key === fact.key) === i);
}
