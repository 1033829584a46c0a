import assert from 'node:assert/strict';
import fc from 'fast-check';
import { invoiceFacts } from '../../domain/documents/invoice-facts.js';

describe('invoice facts (number and total from an invoice text)', () => {
  it('reads the number and the total in the ways German invoices print them', () => {
    const cases: Array<[string, { invoiceNumber?: string; amountCents?: number }]> = [
      ['Zahnarztpraxis Dr. Weiß\nRechnungsnummer: 2026-0815\nGesamtbetrag: 120,00 €', { invoiceNumber: '2026-0815', amountCents: 12000 }],
      [
        'Rechnungs-Nr. R 4711\nZwischensumme 80,00\nMwSt 15,20\nRechnungsbetrag EUR 1.095,20',
        { invoiceNumber: 'R4711', amountCents: 109520 },
      ],
      ['Rg.-Nr.: 12/345\nzu zahlen: 45,50 EUR', { invoiceNumber: '12/345', amountCents: 4550 }],
      ['Belegnummer 99812 Summe (EUR) 9,99', { invoiceNumber: '99812', amountCents: 999 }],
      ['INVOICE NO. inv-7 Total due… Betrag: 300,00', { invoiceNumber: 'INV-7', amountCents: 30000 }],
    ];
    for (const [text, expected] of cases) {
      const { invoiceNumberSource, ...facts } = invoiceFacts(text);
      assert.deepEqual(facts, expected, text);
      // The passage the clerk's screen marks stands in the text and holds the number as printed.
      assert.ok(invoiceNumberSource && text.includes(invoiceNumberSource), text);
    }
  });

  it('finds nothing where there is nothing: a label without a number, a date that looks like an amount', () => {
    assert.deepEqual(invoiceFacts('Rechnungsnummer: siehe oben'), {});
    assert.deepEqual(invoiceFacts('Arbeitsunfähigkeitsbescheinigung vom 03.11.2026, Diagnose J06.9'), {});
  });

  it('reads any amount it is given back to the cent, and never throws on any text', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999_999 }), (amount) => {
        const euros = Math.floor(amount / 100);
        const german = `${euros.toLocaleString('de-DE')},${String(amount % 100).padStart(2, '0')}`;
        return invoiceFacts(`Gesamtbetrag: ${german} €`).amountCents === amount;
      }),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (text) => {
        const facts = invoiceFacts(text);
        return facts.amountCents === undefined || Number.isInteger(facts.amountCents);
      }),
    );
  });
});
