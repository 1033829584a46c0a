/**
 * The satisfaction question after a live chat: five answers from best to worst, offered as
 * buttons; a member may also type the number.
 */
export const RATING_CHOICES = [
  { rating: 5, label: 'Sehr zufrieden' },
  { rating: 4, label: 'Zufrieden' },
  { rating: 3, label: 'Teils, teils' },
  { rating: 2, label: 'Unzufrieden' },
  { rating: 1, label: 'Sehr unzufrieden' },
] as const;

const fold = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[.!]+$/, '');

/** 1–5 when the text answers the question (a button or a digit), otherwise undefined. */
export function parseRating(text: string): number | undefined {
  const answer = fold(text);
  if (/^[1-5]$/.test(answer)) return Number(answer);
  return RATING_CHOICES.find((c) => fold(c.label) === answer)?.rating;
}
