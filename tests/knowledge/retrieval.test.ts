import assert from 'node:assert/strict';
import type { KnowledgeEntry } from '../../knowledge/entry.schema.js';
import { FaqRetriever } from '../../knowledge/retrieval/faq-retriever.js';
import { isEverydayWord } from '../../knowledge/text/general-words.js';
import { foldText, terms } from '../../knowledge/text/normalise.js';

const entry = (id: string, question: string, phrasings: string[], answer: string): KnowledgeEntry => ({
  id,
  question,
  phrasings,
  english: [],
  followUps: [],
  answer,
});

const ENTRIES = [
  entry(
    'sick_note',
    'Wie reiche ich meine Krankmeldung ein?',
    ['Krankmeldung schicken', 'Wohin mit der Krankmeldung?'],
    'Laden Sie die Krankmeldung im Chat hoch.',
  ),
  entry(
    'certificate',
    'Wie bekomme ich eine Versicherungsbescheinigung?',
    ['Versicherungsbescheinigung anfordern', 'Nachweis der Versicherung'],
    'Fordern Sie die Bescheinigung im Chat an.',
  ),
  entry(
    'bank',
    'Wie ändere ich meine Bankverbindung?',
    ['Bankverbindung ändern', 'neues Konto mitteilen'],
    'Teilen Sie uns die neue Bankverbindung mit.',
  ),
  entry(
    'health_card',
    'Ich habe meine Gesundheitskarte verloren',
    ['Gesundheitskarte weg', 'neue Gesundheitskarte bestellen'],
    'Wir schicken Ihnen eine neue Karte.',
  ),
  entry(
    'device',
    'Was muss ich beim Wechsel des Smartphones beachten?',
    ['Smartphone wechseln'],
    'Identifizieren Sie sich auf dem neuen Gerät erneut.',
  ),
  entry(
    'refund_rest',
    'Wann wird der Rest meiner Erstattung überwiesen?',
    ['Rest der Erstattung', 'Restbetrag überwiesen'],
    'Den Rest überweisen wir nach der Prüfung.',
  ),
  entry('capabilities', 'Was kannst du für mich tun?', ['was kannst du alles'], 'Ich beantworte Fragen und nehme Unterlagen an.'),
  entry(
    'certificate_family',
    'Wie bekomme ich eine Bescheinigung für meine Familie?',
    ['Bescheinigung für mein Kind'],
    'Wir schicken sie per Post.',
  ),
  entry(
    'certificate_employer',
    'Wie bekomme ich eine Bescheinigung für den Arbeitgeber?',
    ['Bescheinigung für die Arbeit'],
    'Ihr Arbeitgeber fragt sie elektronisch ab.',
  ),
];
const SYNONYMS = [
  ['krankmeldung', 'au-bescheinigung', 'gelber schein'],
  ['bankverbindung', 'kontoverbindung', 'iban'],
  ['gesundheitskarte', 'versichertenkarte'],
];

/**
 * Subjects the knowledge base does not cover: a knowledge base is always deployed with them, and
 * the shipped confidence model leans on how close the nearest one comes (decision 0015).
 */
const NOT_COVERED = [
  { topic: 'Wetter', phrasings: ['Wie wird das Wetter?', 'Regnet es morgen?'] },
  { topic: 'Witze', phrasings: ['Erzähl mir einen Witz', 'Kennst du einen guten Witz?'] },
  { topic: 'Kochrezepte', phrasings: ['Hast du ein Rezept für Kuchen?', 'Was koche ich heute?'] },
  { topic: 'Rente', phrasings: ['Wann wird die Rente überwiesen?', 'Rentenantrag stellen'] },
];

describe('FAQ retrieval', () => {
  const retriever = new FaqRetriever(ENTRIES, SYNONYMS, undefined, NOT_COVERED);
  const top = (q: string) => retriever.search(q);

  it('folds umlauts, their ae/oe/ue spellings and ß the same way', () => {
    assert.equal(foldText('Änderung Größe Übermittlung'), foldText('Aenderung Groesse Uebermittlung'));
    assert.deepEqual(terms('Wie ändere ich die Bankverbindung?'), terms('wie aendere ich die bankverbindung'));
  });

  it('leaves "ue" after a vowel alone: "neuen" is not "neun", "Steuer" not "Stuer"', () => {
    assert.notEqual(foldText('neuen'), foldText('neun'));
    assert.equal(foldText('Steuer bauen Quelle'), 'steuer bauen quelle');
  });

  it('tells everyday German words (and their forms) from specific ones', () => {
    for (const word of ['sommer', 'ehrlich', 'verbringe', 'umsonst']) assert.ok(isEverydayWord(word), word);
    for (const word of ['zahnspange', 'netflix', 'kindergeld']) assert.ok(!isEverydayWord(word), word);
  });

  it('does not read a real everyday word as a typo of a different one', () => {
    const result = top('Wann bekomme ich meine Rente?');
    assert.ok(!result.reasons.some((r) => r.includes('→ rest')), result.reasons.join('; '));
    assert.equal(result.decision, 'fallback', result.reasons.join('; '));
  });

  it('knows a question word for word despite filler words, and by the same meaningful words', () => {
    assert.deepEqual(
      top('Was kannst du eigentlich alles?').candidates.map((c) => c.id),
      ['capabilities'],
    );
    const sameWords = top('Wie ändere ich denn bitte meine Bankverbindung?');
    assert.equal(sameWords.decision, 'answer');
    assert.equal(sameWords.candidates[0]!.id, 'bank');
  });

  it('asks "Meinten Sie …?" for a single word that fits several entries', () => {
    const result = top('Bescheinigung');
    assert.equal(result.decision, 'suggest', result.reasons.join('; '));
    assert.deepEqual(new Set(result.candidates.slice(0, 2).map((c) => c.id)), new Set(['certificate_employer', 'certificate_family']));
  });

  it('explains its decision with a confidence and the features it came from', () => {
    const result = top('Wohin schicke ich die Krankmeldung?');
    assert.ok(result.confidence > 0 && result.confidence <= 1);
    assert.ok(result.features && result.features.coverage > 0);
    assert.ok(
      result.reasons.some((r) => r.startsWith('Sicherheit:')),
      result.reasons.join('; '),
    );
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
    assert.ok(
      result.reasons.some((r) => r.startsWith('Tippfehler?')),
      result.reasons.join('; '),
    );
  });

  it('splits compounds into words the knowledge base knows', () => {
    const split = top('Gesundheitskartenbestellung');
    assert.equal(split.candidates[0]!.id, 'health_card');
    assert.ok(
      split.reasons.some((r) => r.startsWith('Kompositum')),
      split.reasons.join('; '),
    );
  });

  it('reads participles as the verb the knowledge base knows', () => {
    const result = top('Ich habe mein Smartphone gewechselt');
    assert.equal(result.candidates[0]!.id, 'device');
    assert.ok(result.reasons.includes('Partizip: gewechselt → wechsel'), result.reasons.join('; '));
  });

  it('reads an unknown compound by its last part, never by its first part alone', () => {
    const known = top('Sofortversicherungsbescheinigung');
    assert.equal(known.candidates[0]!.id, 'certificate');
    assert.ok(
      known.reasons.some((r) => r.startsWith('Wortteil')),
      known.reasons.join('; '),
    );
    const modifierOnly = top('Gesundheitskartenfotograf');
    assert.equal(modifierOnly.decision, 'fallback', modifierOnly.reasons.join('; '));
  });

  it('falls back instead of guessing on unrelated questions', () => {
    for (const q of ['Wie wird das Wetter morgen?', 'Erzähl mir einen Witz', 'Rezept für Lasagne']) {
      assert.equal(top(q).decision, 'fallback', q);
    }
  });

  it('measures how close a subject it does not cover comes, and trusts its best entry less for it', () => {
    const notCovered = [
      { topic: 'Banking-Apps', phrasings: ['Passwort der Banking-App vergessen', 'Sparkassen-App Passwort zurücksetzen'] },
    ];
    const withPassword = [
      ...ENTRIES,
      entry('password', 'Ich habe mein Passwort vergessen', ['Passwort zurücksetzen'], 'Setzen Sie es in der App zurück.'),
    ];
    const plain = new FaqRetriever(withPassword, SYNONYMS, undefined, []).search('Passwort vergessen, wie zurücksetzen?');
    const near = new FaqRetriever(withPassword, SYNONYMS, undefined, notCovered).search('Passwort vergessen, wie zurücksetzen?');
    assert.equal(plain.candidates[0]?.id, 'password');
    assert.equal(near.candidates[0]?.id, 'password');
    assert.equal(plain.features?.notCoveredNear, 0);
    assert.ok(near.features!.notCoveredNear > 0.3, `${near.features!.notCoveredNear}`);
    assert.ok(near.confidence < plain.confidence, `${near.confidence} < ${plain.confidence}`);
  });

  it('never answers an empty or stop-word-only question', () => {
    assert.equal(top('').decision, 'fallback');
    assert.equal(top('wie und was?').decision, 'fallback');
  });
});
