import assert from 'node:assert/strict';
import type { KnowledgeEntry } from '../../knowledge/entry.schema.js';
import { FaqRetriever } from '../../knowledge/retrieval/faq-retriever.js';
import { foldText, terms } from '../../knowledge/text/normalise.js';

const entry = (id: string, question: string, phrasings: string[], answer: string): KnowledgeEntry => ({ id, question, phrasings, followUps: [], answer });

const ENTRIES = [
  entry('sick_note', 'Wie reiche ich meine Krankmeldung ein?', ['Krankmeldung schicken', 'Wohin mit der Krankmeldung?'], 'Laden Sie die Krankmeldung im Chat hoch.'),
  entry('certificate', 'Wie bekomme ich eine Versicherungsbescheinigung?', ['Versicherungsbescheinigung anfordern', 'Nachweis der Versicherung'], 'Fordern Sie die Bescheinigung im Chat an.'),
  entry('bank', 'Wie ändere ich meine Bankverbindung?', ['Bankverbindung ändern', 'neues Konto mitteilen'], 'Teilen Sie uns die neue Bankverbindung mit.'),
  entry('health_card', 'Ich habe meine Gesundheitskarte verloren', ['Gesundheitskarte weg', 'neue Gesundheitskarte bestellen'], 'Wir schicken Ihnen eine neue Karte.'),
  entry('device', 'Was muss ich beim Wechsel des Smartphones beachten?', ['Smartphone wechseln'], 'Identifizieren Sie sich auf dem neuen Gerät erneut.'),
];
const SYNONYMS = [
  ['krankmeldung', 'au-bescheinigung', 'gelber schein'],
  ['bankverbindung', 'kontoverbindung', 'iban'],
  ['gesundheitskarte', 'versichertenkarte'],
];

describe('FAQ retrieval', () => {
  const retriever = new FaqRetriever(ENTRIES, SYNONYMS);
  const top = (q: string) => retriever.search(q);

  it('folds umlauts, their ae/oe/ue spellings and ß the same way', () => {
    assert.equal(foldText('Änderung Größe Übermittlung'), foldText('Aenderung Groesse Uebermittlung'));
    assert.deepEqual(terms('Wie ändere ich die Bankverbindung?'), terms('wie aendere ich die bankverbindung'));
  });

  it('answers a paraphrase with the right entry', () => {
    const result = top('Wohin schicke ich die Krankmeldung?');
    assert.equal(result.decision, 'answer');
    assert.equal(result.candidates[0]!.id, 'sick_note');
  });

  it('understands synonyms, including multi-word ones', () => {
    assert.equal(top('gelber Schein einreichen').candidates[0]!.id, 'sick_note');
    assert.equal(top('Kontoverbindung ändern').candidates[0]!.id, 'bank');
    assert.equal(top('Versichertenkarte verloren').candidates[0]!.id, 'health_card');
  });

  it('tolerates typos and explains the correction', () => {
    const result = top('Versicherungsbeschenigung anfordern');
    assert.equal(result.candidates[0]!.id, 'certificate');
    assert.ok(result.reasons.some((r) => r.startsWith('Tippfehler?')), result.reasons.join('; '));
  });

  it('splits compounds into words the knowledge base knows', () => {
    const split = top('Gesundheitskartenbestellung');
    assert.equal(split.candidates[0]!.id, 'health_card');
    assert.ok(split.reasons.some((r) => r.startsWith('Kompositum')), split.reasons.join('; '));
  });

  it('reads participles as the verb the knowledge base knows', () => {
    const result = top('Ich habe mein Smartphone gewechselt');
    assert.equal(result.candidates[0]!.id, 'device');
    assert.ok(result.reasons.includes('Partizip: gewechselt → wechsel'), result.reasons.join('; '));
  });

  it('reads an unknown compound by its last part, never by its first part alone', () => {
    const known = top('Sofortversicherungsbescheinigung');
    assert.equal(known.candidates[0]!.id, 'certificate');
    assert.ok(known.reasons.some((r) => r.startsWith('Wortteil')), known.reasons.join('; '));
    const modifierOnly = top('Gesundheitskartenfotograf');
    assert.equal(modifierOnly.decision, 'fallback', modifierOnly.reasons.join('; '));
  });

  it('falls back instead of guessing on unrelated questions', () => {
    for (const q of ['Wie wird das Wetter morgen?', 'Erzähl mir einen Witz', 'Rezept für Lasagne']) {
      assert.equal(top(q).decision, 'fallback', q);
    }
  });

  it('never answers an empty or stop-word-only question', () => {
    assert.equal(top('').decision, 'fallback');
    assert.equal(top('wie und was?').decision, 'fallback');
  });
});
