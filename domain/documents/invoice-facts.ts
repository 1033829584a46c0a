/** What identifies an invoice: its number and its total, as printed on it. */
export interface InvoiceFacts {
  invoiceNumber?: string;
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

/**
 * The invoice number and the total from an invoice's text (text layer or OCR). A number is kept
 * only with a digit in it (a label followed by a word is no number); of several totals the
 * largest counts, since subtotals and VAT lines come before it.
 */
export function invoiceFacts(text: string): InvoiceFacts {
  const facts: InvoiceFacts = {};
  const number = NUMBER_LABEL.exec(text)?.[1]?.replace(/\s+/g, '').toUpperCase();
  if (number && /\d/.test(number)) facts.invoiceNumber = number;
  const totals = [...text.matchAll(TOTAL)].map((m) => cents(m[1]!)).filter((c) => c > 0);
  if (totals.length > 0) facts.amountCents = Math.max(...totals);
  return facts;
}
