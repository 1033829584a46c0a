import assert from 'node:assert/strict';
import { findEuroAmount, maskIban, parseEuroAmount, parseGermanDate, parseIban } from '../../domain/submissions/detail-parsers.js';
import {
  findDetails,
  guessSubmissionType,
  readDetail,
  submissionType,
  SUBMISSION_TYPES,
} from '../../domain/submissions/submission-types.js';

import { DECLARED_TYPES, DOCUMENT_TYPES } from '../../intake-pipeline/document-types.js';

const context = { today: '2026-11-23' };
const field = (typeId: string, key: string) => submissionType(typeId)!.fields.find((f) => f.key === key)!;

describe('submission details', () => {
  it('reads dates as members write them, the nearest one on the expected side of today', () => {
    assert.equal(parseGermanDate('am 3.11.', context.today), '2026-11-03');
    assert.equal(parseGermanDate('3.12.', context.today), '2025-12-03', 'a past date without a year is last year');
    assert.equal(parseGermanDate('3.12.', context.today, 'future'), '2026-12-03');
    assert.equal(parseGermanDate('gestern', context.today), '2026-11-22');
    assert.equal(parseGermanDate('03.11.2026', context.today), '2026-11-03');
    assert.equal(parseGermanDate('31.02.2026', context.today), undefined);
    assert.equal(parseGermanDate('keine Ahnung', context.today), undefined);
  });

  it('reads euro amounts in German and English notation, in cents', () => {
    assert.equal(parseEuroAmount('85,40'), 8540);
    assert.equal(parseEuroAmount('1.234,56 €'), 123456);
    assert.equal(parseEuroAmount('89.90 EUR'), 8990);
    assert.equal(parseEuroAmount('120'), 12000);
    assert.equal(parseEuroAmount('zwölf'), undefined);
    assert.equal(findEuroAmount('am 3.11. beim Arzt'), undefined, 'a number without a currency is no amount');
    for (const [text, cents] of [
      ['EUR 98.50', 9850],
      ['Summe € 64,–', 6400],
      ['total 134.90 EUR', 13490],
      ['apothekenquittung nasenspray 23,80 hochladen', 2380],
    ] as const)
      assert.equal(findEuroAmount(text), cents, text);
    for (const text of ['1,50 m groß', 'um 14.30 Uhr', 'Version 3.12']) assert.equal(findEuroAmount(text), undefined, text);
  });

  it('reads the day of a birth that happened as past, and a due date without a year as ahead', () => {
    const maternity = submissionType('maternity')!;
    const today = { today: '2026-12-07' };
    assert.equal(
      findDetails(maternity, 'Ich habe mein Baby am 1.12. bekommen und schicke die Geburtsurkunde', today).dueDate,
      '2026-12-01',
    );
    assert.equal(findDetails(maternity, 'Unsere Tochter wurde am 1.12. geboren', today).dueDate, '2026-12-01');
    assert.equal(findDetails(maternity, 'Mutterschaftsgeld beantragen, ET 20.2.', today).dueDate, '2027-02-20');
  });

  it('reads a hurried date without its last dot after a word that introduces it, and never "jetzt" as a date', () => {
    assert.equal(parseGermanDate('rechnung 65€ vom 14.11 bitte erstatten', '2026-12-17'), '2026-11-14');
    assert.equal(parseGermanDate('Version 3.12 der App', '2026-12-17'), undefined);
    assert.equal(parseGermanDate('die Krankmeldung will ich jetzt hochladen', '2026-12-17'), undefined);
  });

  it('checks IBANs and shows only their end', () => {
    assert.equal(parseIban('DE89 3704 0044 0532 0130 00'), 'DE89370400440532013000');
    assert.equal(parseIban('DE89 3704 0044 0532 0130 01'), undefined);
    assert.equal(maskIban('DE89370400440532013000'), 'DE•• •••• •••• •••• 3000');
  });

  it('explains each mistake in German', () => {
    assert.match((readDetail(field('invoice', 'treatmentDate'), '24.11.2026', context) as { error: string }).error, /in der Zukunft/);
    assert.match((readDetail(field('invoice', 'amountCents'), '-5', context) as { error: string }).error, /größer als 0/);
    assert.match((readDetail(field('invoice', 'amountCents'), 'viel', context) as { error: string }).error, /kann ich nicht lesen/);
    assert.match((readDetail(field('invoice', 'iban'), 'DE89 3704 0044 0532 0130 01', context) as { error: string }).error, /nicht gültig/);
    assert.match((readDetail(field('child_sick_pay', 'childKvnr'), 'A123456789', context) as { error: string }).error, /Prüfziffer/);
    assert.deepEqual(readDetail(field('sick_note', 'followUp'), 'ja, genau', context), { value: true });
  });

  it('finds details in what the member already wrote, and guesses the type from it', () => {
    const message = 'Ich möchte die Rechnung für die Zahnreinigung vom 3.11. über 85,40 € einreichen, IBAN DE89 3704 0044 0532 0130 00';
    assert.equal(guessSubmissionType(message)?.id, 'invoice');
    assert.deepEqual(findDetails(submissionType('invoice')!, message, context), {
      treatmentKind: 'Professionelle Zahnreinigung',
      treatmentDate: '2026-11-03',
      amountCents: 8540,
      iban: 'DE89370400440532013000',
    });
    assert.equal(guessSubmissionType('Ich möchte etwas einreichen'), undefined);
  });

  it('has a label and German prompts for every type', () => {
    for (const type of SUBMISSION_TYPES) {
      assert.ok(type.label.length > 0);
      for (const f of type.fields) assert.match(f.prompt, /\?|\)$/, `${type.id}.${f.key}`);
    }
  });

  it('is a view on the document types: every chat choice is one, and the pipeline reads it as that', () => {
    for (const type of SUBMISSION_TYPES) {
      assert.ok(DOCUMENT_TYPES.includes(type.documentType), type.id);
      assert.equal(DECLARED_TYPES[type.id], type.documentType);
    }
    for (const type of DOCUMENT_TYPES) assert.equal(DECLARED_TYPES[type], type);
  });
});
