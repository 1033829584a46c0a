import { addDaysIso } from '../platform/clock.js';
import { germanDate, placeholdersIn, type ReviewDue } from '../domain/knowledge/figure-placeholders.js';
import type { KnowledgeEntry } from './entry.schema.js';
import { figuresOutsideTable, type FigureTable } from './figures.js';

export interface ReviewPolicy {
  today: string;
  /** An answer reviewed longer ago than this is due again. */
  maxAgeDays: number;
}

/** Why an entry needs a reviewer's look now; none when its review still holds. */
export function reviewReasons(entry: KnowledgeEntry, figures: FigureTable, { today, maxAgeDays }: ReviewPolicy): string[] {
  const reasons: string[] = [];
  const review = entry.review;
  if (!review) reasons.push('Keine Quelle und keine Prüfung eingetragen.');
  else if (review.reviewedAt < addDaysIso(today, -maxAgeDays))
    reasons.push(`Zuletzt geprüft am ${germanDate(review.reviewedAt)}, vor mehr als ${maxAgeDays} Tagen.`);
  if (review && review.validFrom > review.reviewedAt && review.validFrom <= today)
    reasons.push(`Die Regeln gelten seit ${germanDate(review.validFrom)} neu; geprüft wurde vorher.`);
  if (review)
    reasons.push(
      ...figures.changesSince(
        placeholdersIn(entry.answer).map((p) => p.id),
        review.reviewedAt,
        today,
      ),
    );
  const loose = figuresOutsideTable(entry.answer);
  if (loose.length > 0) reasons.push(`Zahlen ohne Eintrag in der Zahlentabelle: ${loose.map((f) => `„${f}“`).join(', ')}.`);
  return reasons;
}

/** The entries due for review, those never reviewed first, then the longest unreviewed. */
export function entriesDueForReview(entries: Iterable<KnowledgeEntry>, figures: FigureTable, policy: ReviewPolicy): ReviewDue[] {
  const due: ReviewDue[] = [];
  for (const entry of entries) {
    const reasons = reviewReasons(entry, figures, policy);
    if (reasons.length === 0) continue;
    due.push({
      id: entry.id,
      question: entry.question,
      reviewedAt: entry.review?.reviewedAt ?? null,
      reviewer: entry.review?.reviewer ?? null,
      sources: entry.review?.sources ?? [],
      validFrom: entry.review?.validFrom ?? null,
      reasons,
    });
  }
  return due.sort((a, b) => (a.reviewedAt ?? '').localeCompare(b.reviewedAt ?? '') || a.question.localeCompare(b.question, 'de'));
}
