import { MENU } from '../domain/member-texts.de.js';

/** The four things the bot offers, as suggested actions. */
export function menuActions(): string[] {
  return [MENU.question, MENU.document, MENU.callback, MENU.person];
}

export type MenuChoice = 'question' | 'document' | 'callback' | 'person';

/** Which menu button a message is (the knowledge base answers everything else). */
export function menuChoiceOf(text: string): MenuChoice | undefined {
  const normalised = text.trim().toLowerCase();
  return (Object.keys(MENU) as MenuChoice[]).find((choice) => MENU[choice].toLowerCase() === normalised);
}
