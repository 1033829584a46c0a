/** What identifies an invoice: its number and its total, as printed on it. */
export interface InvoiceFacts {
  invoiceNumber?: string;
  /** The passage the number was read from ("Rechnungs-Nr. R 4711"). */
  invoiceNumberSource?: string;
  amountCents?: number;
}

/** "Rechnungsnummer: 2026-0815", "Rechnungs-Nr. R 4711", "Rg.-Nr.: 12/345", "Belegnummer 99812", "Invoice no. INV-7". */
const NUMBER_LABEL =
  /(?:rechnungs?\s*-?\s*(?:nummer|nr\.?)|rg\.?\s*-?\s*nr\.?|beleg\s*-?\s*(?:nummer|nr\.?)|invoice\s*(?:no\.?|number|#))\s*[:.#]?\s*((?:[a-z]{1,4} )?[a-z0-9](?:[a-z0-9\-/.]{0,22}[a-z0-9])?)/i;

/** A total's label, then an amount in German notation ("1.234,56"), with or without € / EUR either side. */
const TOTAL =
  /(?:gesamtbetrag|rechnungsbetrag|endbetrag|gesamtsumme|zu zahlen|zahlbetrag|summe|betrag)\s*(?:\(?(?:eur|€)\)?)?\s*:?\s*(?:eur|€)?\s*(\d{1,3}(?:\.\d{3})+,\d{2}|\d{1,7},\d{2})(?!\d)/gi;

function cents(amount: string): number {
  const [euros, fraction] = amount.replace(/\./g, '').split(',') as [string, string];
  return Number(euros) * 100 + Number(fraction);
}

/** Every labelled amount in a text, with the passage it was read from ("Gesamtbetrag: 120,00"). */
export function invoiceTotals(text: string): Array<{ cents: number; source: string }> {
  return [...text.matchAll(TOTAL)].map((m) => ({ cents: cents(m[1]!), source: m[0] })).filter((t) => t.cents > 0);
}

/**
 * The invoice number and the total from an invoice's text (text layer or OCR). A number is kept
 * only with a digit in it (a label followed by a word is no number); of several totals the
 * largest counts, since subtotals and VAT lines come before it.
 */
export function invoiceFacts(text: string): InvoiceFacts {
  const facts: InvoiceFacts = {};
  const labelled = NUMBER_LABEL.exec(text);
  const number = labelled?.[1]?.replace(/\s+/g, '').toUpperCase();
  if (labelled && number && /\d/.test(number)) {
    facts.invoiceNumber = number;
    facts.invoiceNumberSource = labelled[0];
  }
  const totals = invoiceTotals(text).map((t) => t.cents);
  if (totals.length > 0) facts.amountCents = Math.max(...totals);
  return facts;
}
