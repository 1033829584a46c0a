/** A message's sentences, split after ".", "!" or "?", trimmed, empty ones left out. */
export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0);
}

/** Words in a text, as whitespace separates them. */
export function wordCount(text: string): number {
  return text.trim().split(/\s+/).length;
}

/** From this many words on, a message is a story or a letter, not one question. */
export const LONG_MESSAGE_WORDS = 18;
