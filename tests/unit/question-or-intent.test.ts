import assert from 'node:assert/strict';
import { isQuestion } from '../../bot/question-or-intent.js';

describe('question or wish', () => {
  it('tells a question from a wish', () => {
    for (const q of ['Wie reiche ich eine Rechnung ein?', 'wohin mit der AU', 'Kann ich einen Rückruf bekommen', 'Gibt es einen Zuschuss?'])
      assert.equal(isQuestion(q), true, q);
    for (const w of ['Ich möchte eine Rechnung einreichen', 'Rückruf bitte', 'Versicherungsbescheinigung anfordern', 'mitarbeiter bitte'])
      assert.equal(isQuestion(w), false, w);
  });
});
