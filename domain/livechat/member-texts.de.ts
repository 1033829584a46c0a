import { RATING_CHOICES } from './satisfaction.js';

/** What the member reads in the chat window when a person joins, changes or leaves. */
export const LIVECHAT_TEXTS = {
  joined: (name: string) => `${name} ist jetzt für Sie da.`,
  transferred: (name: string) => `${name} übernimmt jetzt Ihr Anliegen.`,
  ended: 'Der Chat mit unserer Mitarbeiterin oder unserem Mitarbeiter ist beendet. Ich bin wieder für Ihre Fragen da.',
  ratingQuestion: 'Wie zufrieden waren Sie mit dem Gespräch? Ihre Antwort hilft uns, besser zu werden.',
  ratingChoices: RATING_CHOICES.map((c) => c.label),
  ratingThanks: 'Vielen Dank für Ihre Bewertung! Kann ich sonst noch etwas für Sie tun?',
  handedBack: (name: string) => `${name} hat Sie an mich, den digitalen Assistenten, zurückgegeben. Womit kann ich weiterhelfen?`,
} as const;
