/** Lower case with umlauts and ß folded, so "Beschwerde", "BESCHWERDE" and "beschwerde" match alike. */
function fold(text: string): string {
  return text.toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss');
}

/**
 * Topics that always go to a person, however well the bot could answer (a complaint, an
 * objection, a death in the family): configured as words, each matched at the start of a word
 * in the member's message, so "Widerspruch" also finds "Widerspruchsfrist".
 */
export class PersonTopics {
  private readonly patterns: RegExp[];

  constructor(terms: readonly string[]) {
    this.patterns = terms
      .map((t) => fold(t.trim()))
      .filter(Boolean)
      .map((t) => new RegExp(`(^|[^a-z0-9])${t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  }

  /** The configured topic the message touches, if any. */
  matches(text: string): boolean {
    const folded = fold(text);
    return this.patterns.some((p) => p.test(folded));
  }
}
