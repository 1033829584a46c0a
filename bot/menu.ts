import { MENU } from './texts.de.js';

/** The four things the bot offers, as suggested actions. */
export function menuActions(): string[] {
  return [MENU.question, MENU.document, MENU.callback, MENU.person];
}

export type MenuChoice = 'question' | 'document' | 'callback' | 'person';

const CHOICES: Array<[MenuChoice, RegExp]> = [
  ['document', /(dokument|rechnung|krankmeldung|au-bescheinigung|beleg|einreichen|hochladen)/i],
  ['callback', /(rückruf|rueckruf|zurückrufen|anrufen)/i],
  ['person', /(mensch|mitarbeiter|berater|person|sachbearbeiter|agent)/i],
  ['question', /^frage stellen$/i],
];

/** Which menu entry a message asks for, if any (the knowledge base refines this later). */
export function menuChoiceOf(text: string): MenuChoice | undefined {
  return CHOICES.find(([, pattern]) => pattern.test(text))?.[0];
}
