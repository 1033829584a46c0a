import assert from 'node:assert/strict';
import fc from 'fast-check';
import { documentFacts, type DocumentFact } from '../../domain/documents/document-facts.js';
import { DOCUMENT_TYPES, type DocumentType } from '../../domain/submissions/document-types.js';

/** The facts as key → display value, for short assertions. */
function read(type: DocumentType, ...texts: string[]): Record<string, string> {
  const facts = documentFacts(
    type,
    texts.map((text, i) => ({ page: i + 1, text })),
  );
  return Object.fromEntries(facts.map((f) => [f.key, f.display]));
}

describe('document facts (what the clerk and the department need, read off the text)', () => {
  it('reads the period of incapacity off a sick note, in the ways practices print it', () => {
    assert.deepEqual(
      read(
        'sick_note',
        'Arbeitsunfähigkeitsbescheinigung\nErstbescheinigung\narbeitsunfähig seit 03.11.2026\nvoraussichtlich arbeitsunfähig bis einschließlich 14.11.26\nfestgestellt am 03.11.2026',
      ),
      {
        incapacityFrom: '03.11.2026',
        incapacityUntil: '14.11.2026',
        certifiedOn: '03.11.2026',
        certificateKind: 'Erstbescheinigung',
      },
    );
    // OCR without umlauts, the date on the next line after the label.
    assert.deepEqual(read('sick_note', 'Folgebescheinigung\nArbeitsunfahig seit\n 1. 12. 2026'), {
      incapacityFrom: '01.12.2026',
      certificateKind: 'Folgebescheinigung',
    });
  });

  it('reads an invoice: date, number, total, treatment and treatment date', () => {
    assert.deepEqual(
      read(
        'invoice',
        'Zahnarztpraxis Dr. Lind\nBerlin, den 10.11.2026\nRechnungs-Nr. R 4711\nBehandlung am 3. November 2026\nProfessionelle Zahnreinigung GOZ 1040\nZwischensumme 80,00\nRechnungsbetrag 95,20 EUR',
      ),
      {
        documentDate: '10.11.2026',
        invoiceNumber: 'R4711',
        amount: '95,20\u00a0€', // Intl puts a no-break space before the sign
        treatment: 'Professionelle Zahnreinigung',
        treatmentDate: '03.11.2026',
      },
    );
  });

  it('reads the care period of child sick pay and the due date of a maternity certificate', () => {
    assert.deepEqual(read('child_sick_pay', 'Betreuung des erkrankten Kindes erforderlich vom 05.11.2026 bis 07.11.2026'), {
      careFrom: '05.11.2026',
      careUntil: '07.11.2026',
    });
    assert.deepEqual(read('maternity', 'Zeugnis über den mutmaßlichen Tag der Entbindung\nmutmaßlicher Tag der Entbindung: 20.02.2027'), {
      dueDate: '20.02.2027',
    });
  });

  it('finds facts on the second page and says where each one stands', () => {
    const facts = documentFacts('sick_pay', [
      { page: 1, text: 'Sehr geehrte Damen und Herren, anbei der Auszahlschein.' },
      { page: 2, text: 'Auszahlschein für Krankengeld\narbeitsunfähig vom 01.10.2026 bis 31.10.2026' },
    ]);
    assert.deepEqual(
      facts.map((f) => [f.key, f.value, f.page, f.source]),
      [
        ['incapacityFrom', '2026-10-01', 2, 'arbeitsunfähig vom 01.10.2026 bis 31.10.2026'],
        ['incapacityUntil', '2026-10-31', 2, 'arbeitsunfähig vom 01.10.2026 bis 31.10.2026'],
      ],
    );
  });

  it('reports no fact it cannot read: impossible dates, a period that ends before it starts, nothing for an empty page', () => {
    assert.deepEqual(read('sick_note', 'arbeitsunfähig seit 31.02.2026'), {});
    assert.deepEqual(read('child_sick_pay', 'Betreuung des Kindes vom 09.11.2026 bis 05.11.2026'), {});
    for (const type of DOCUMENT_TYPES) assert.deepEqual(read(type, ''), {});
  });

  it('never throws, and every fact stands on its page as reported, for any text', () => {
    const pieces = fc.constantFrom(
      'arbeitsunfähig seit ',
      'vom ',
      ' bis ',
      'Rechnungsbetrag ',
      'Datum: ',
      '03.11.2026',
      '3. März 2027',
      '31.02.26',
      '95,20 €',
      'Heil- und Kostenplan',
      'Betreuung ',
      '\n',
      ', den ',
    );
    const text = fc.array(fc.oneof(pieces, fc.string({ maxLength: 20 })), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.constantFrom(...DOCUMENT_TYPES), fc.array(text, { minLength: 1, maxLength: 3 }), (type, texts) => {
        const pages = texts.map((t, i) => ({ page: i + 1, text: t }));
        const facts: DocumentFact[] = documentFacts(type, pages);
        for (const fact of facts) {
          assert.ok(pages[fact.page - 1]!.text.includes(fact.source));
          if (typeof fact.value === 'string' && /^\d{4}-/.test(fact.value)) assert.ok(!Number.isNaN(Date.parse(fact.value)));
        }
        assert.equal(new Set(facts.map((f) => f.key)).size, facts.length);
      }),
    );
  });
});
