const QUESTION_START =
  /^(wie|was|wo|wohin|woher|wann|warum|wieso|weshalb|welche[rsmn]?|wer|wem|wen|kann|könnte|muss|darf|soll|gibt|ist|sind|geht|bekomme|braucht|brauche ich|habe ich|bin ich)\b/i;

/**
 * A member asking about something ("Wie reiche ich eine Rechnung ein?") wants the answer; one
 * stating a wish ("Ich möchte eine Rechnung einreichen", "Rückruf bitte") wants it done.
 */
export function isQuestion(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.endsWith('?') || QUESTION_START.test(trimmed);
}
