import { DECLARED_TYPES, type DocumentType } from '../document-types.js';
import { foldOcrText } from '../text/normalise-ocr.js';
import { TYPE_RULES } from './rules.js';

export interface Classification {
  type: DocumentType;
  /** 0–1. */
  confidence: number;
  reasons: string[];
}

/** Score a type needs to be taken from the text alone. */
const MIN_SCORE = 4;
/** How much the member's own choice counts when the text supports it at all. */
const DECLARED_BONUS = 3;

/**
 * The document type from its text by weighted, explainable rules. The member's choice in the
 * chat is a strong signal, but it is checked: it wins only if the text does not clearly say
 * something else.
 */
export function classifyText(text: string, declared: string | null): Classification {
  const folded = foldOcrText(text);
  const scores = (Object.keys(TYPE_RULES) as Array<keyof typeof TYPE_RULES>).map((type) => {
    const hits = TYPE_RULES[type].filter((rule) => rule.pattern.test(folded));
    return { type: type as DocumentType, score: hits.reduce((sum, h) => sum + h.weight, 0), hits: hits.map((h) => h.label) };
  });
  const declaredType = declared ? DECLARED_TYPES[declared] : undefined;
  for (const s of scores) if (s.type === declaredType && s.score > 0) s.score += DECLARED_BONUS;
  scores.sort((a, b) => b.score - a.score);
  const [best, second] = scores;
  const reasons = best && best.score > 0 ? [`Hinweise auf ${best.type}: ${best.hits.join(', ')}`] : [];

  if (!best || best.score < MIN_SCORE) {
    // Nothing clear in the text: the member's choice, with low confidence, for a clerk to confirm.
    if (declaredType) return { type: declaredType, confidence: 0.5, reasons: [...reasons, `Text uneindeutig; Angabe im Chat: ${declaredType}`] };
    return { type: 'other', confidence: 0.3, reasons: [...reasons, 'Keine eindeutigen Merkmale im Text'] };
  }
  const margin = best.score - (second?.score ?? 0);
  const confidence = Math.min(0.99, 0.5 + best.score / 20 + margin / 20);
  if (declaredType && declaredType !== best.type) reasons.push(`Angabe im Chat (${declaredType}) passt nicht zum Inhalt`);
  else if (declaredType) reasons.push('Angabe im Chat bestätigt');
  if (second && margin < 2) reasons.push(`knapp vor ${second.type}`);
  return { type: best.type, confidence: Math.round(confidence * 100) / 100, reasons };
}
