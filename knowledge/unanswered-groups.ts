import type { UnansweredGroup, UnansweredQuestion } from '../domain/knowledge/knowledge-care.types.js';
import { terms } from './text/normalise.js';

/** Questions whose stemmed words overlap at least this much (Jaccard) are one group. */
const SIMILAR = 0.5;

const jaccard = (a: Set<string>, b: Set<string>) => {
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  return shared / Math.max(1, a.size + b.size - shared);
};

/**
 * Unanswered questions grouped by what they ask: the same stemmed words (stop words dropped),
 * or the same closest entry with half their words in common. Greedy, most asked first, so
 * each group is named by its most frequent question.
 */
export function groupUnanswered(questions: UnansweredQuestion[]): UnansweredGroup[] {
  const sorted = [...questions].sort((a, b) => b.count - a.count || a.question.localeCompare(b.question));
  const groups: Array<{ terms: Set<string>; closest: string | undefined; members: UnansweredQuestion[] }> = [];
  for (const question of sorted) {
    const own = new Set(terms(question.question));
    const closest = question.candidates[0]?.id;
    const group = groups.find((g) => {
      const overlap = jaccard(g.terms, own);
      return overlap >= SIMILAR || (closest !== undefined && closest === g.closest && overlap >= SIMILAR / 2);
    });
    if (group) group.members.push(question);
    else groups.push({ terms: own, closest, members: [question] });
  }
  return groups
    .map((g) => {
      const votes = new Map<string, number>();
      for (const member of g.members) for (const c of member.candidates.slice(0, 2)) votes.set(c.id, (votes.get(c.id) ?? 0) + member.count);
      return {
        question: g.members[0]!.question,
        count: g.members.reduce((sum, m) => sum + m.count, 0),
        questions: g.members,
        closestEntries: [...votes]
          .sort((a, b) => b[1] - a[1])
          .map(([id]) => id)
          .slice(0, 3),
      };
    })
    .sort((a, b) => b.count - a.count);
}
