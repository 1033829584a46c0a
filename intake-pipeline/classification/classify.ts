import { DECLARED_TYPES, DOCUMENT_TYPE_LABELS, type DocumentType } from '../document-types.js';
import { foldForMatching } from '../../platform/text/fold-for-matching.js';
import { TYPE_RULES } from './rules.js';
import type { ModelOpinion } from './type-model.js';

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
/** The model's probability from which its opinion counts against the rules. */
const MODEL_SURE = 0.6;
/**
 * Where the rules find nothing clear, the model's type is offered from this probability on (it
 * is right about six times in ten there, more often above; a clerk confirms it either way).
 */
const MODEL_FILLS = 0.3;
/** A type the rules found but the model sure of another stays below the routing threshold (0.7). */
const DISPUTED_CONFIDENCE = 0.6;
/** A type only the model sees: shown to the clerk as a suggestion, never routed on its own. */
const MODEL_ONLY_CONFIDENCE = 0.55;

const label = (type: DocumentType) => DOCUMENT_TYPE_LABELS[type];
const pct = (p: number) => `${Math.round(p * 100)} %`;

/**
 * The document type from its text by weighted, explainable rules, with a learned model as a
 * second opinion: agreement keeps the rules' confidence, a confident disagreement sends the
 * document to a clerk. The member's choice in the chat is a strong signal, but it is checked:
 * it wins only if the text does not clearly say something else.
 */
export function classifyText(text: string, declared: string | null, model?: ModelOpinion): Classification {
  const folded = foldForMatching(text);
  const scores = (Object.keys(TYPE_RULES) as Array<keyof typeof TYPE_RULES>).map((type) => {
    const hits = TYPE_RULES[type].filter((rule) => rule.pattern.test(folded));
    return { type: type as DocumentType, score: hits.reduce((sum, h) => sum + h.weight, 0), hits: hits.map((h) => h.label) };
  });
  const declaredType = declared ? DECLARED_TYPES[declared] : undefined;
  for (const s of scores) if (s.type === declaredType && s.score > 0) s.score += DECLARED_BONUS;
  scores.sort((a, b) => b.score - a.score);
  const [best, second] = scores;
  const reasons = best && best.score > 0 ? [`Hinweise auf ${label(best.type)}: ${best.hits.join(', ')}`] : [];
  const modelSure = model && model.probability >= MODEL_SURE ? model : undefined;

  if (!best || best.score < MIN_SCORE) {
    // Nothing clear in the text: the member's choice or the model's view, with low confidence, for a clerk to confirm.
    if (declaredType)
      return { type: declaredType, confidence: 0.5, reasons: [...reasons, `Text uneindeutig; Angabe im Chat: ${label(declaredType)}`] };
    const modelFills = model && model.probability >= MODEL_FILLS ? model : undefined;
    if (modelFills && modelFills.type !== 'other')
      return {
        type: modelFills.type,
        confidence: MODEL_ONLY_CONFIDENCE,
        reasons: [
          ...reasons,
          `Keine eindeutigen Merkmale; das Modell hält es für ${label(modelFills.type)} (${pct(modelFills.probability)})`,
        ],
      };
    return { type: 'other', confidence: 0.3, reasons: [...reasons, 'Keine eindeutigen Merkmale im Text'] };
  }
  const margin = best.score - (second?.score ?? 0);
  let confidence = Math.round(Math.min(0.99, 0.5 + best.score / 20 + margin / 20) * 100) / 100;
  if (declaredType && declaredType !== best.type) reasons.push(`Angabe im Chat (${label(declaredType)}) passt nicht zum Inhalt`);
  else if (declaredType) reasons.push('Angabe im Chat bestätigt');
  if (second && margin < 2) reasons.push(`knapp vor ${label(second.type)}`);
  if (model?.type === best.type) reasons.push(`Modell stimmt zu (${pct(model.probability)})`);
  else if (modelSure) {
    // On documents nobody on the team wrote, a sure model is right more often than rules it disputes;
    // the member's own choice in the chat, where it backs the rules, still decides. A clerk confirms either way.
    confidence = Math.min(confidence, DISPUTED_CONFIDENCE);
    reasons.push(`Modell widerspricht: eher ${label(modelSure.type)} (${pct(modelSure.probability)})`);
    // Post the rules find to be no claim at all (an advert, an electricity bill) stays in the inbox, where a clerk sees it anyway.
    if (declaredType !== best.type && best.type !== 'other') return { type: modelSure.type, confidence, reasons };
  }
  return { type: best.type, confidence, reasons };
}

/**
 * A document of several pages: read as a whole, and where that finds nothing sure, page by page,
 * since a cover letter ("anbei meine Unterlagen") in front of the form can drown the form. The
 * page that reads most surely as a type other than "other" decides then. Pages of general terms
 * are left out: a practice's terms of payment behind a form say "Rechnung" more often than the
 * form says what it is.
 */
export function classifyPages(
  allPages: string[],
  declared: string | null,
  opinionOf: (text: string) => ModelOpinion | undefined,
): Classification {
  const numbered = allPages.map((text, i) => ({ page: i + 1, text }));
  const read = numbered.filter(({ text }) => !isTermsPage(text));
  if (read.length === 0 || read.length === numbered.length) return classifyRead(numbered, declared, opinionOf);
  const left = numbered.filter((p) => !read.includes(p)).map((p) => p.page);
  const result = classifyRead(read, declared, opinionOf);
  return {
    ...result,
    reasons: [...result.reasons, `${left.length === 1 ? 'Seite' : 'Seiten'} ${left.join(', ')}: allgemeine Bedingungen, nicht gewertet`],
  };
}

function classifyRead(
  pages: Array<{ page: number; text: string }>,
  declared: string | null,
  opinionOf: (text: string) => ModelOpinion | undefined,
): Classification {
  const whole = pages.map(({ text }) => text).join('\n');
  const together = classifyText(whole, declared, opinionOf(whole));
  if (pages.length < 2 || (together.type !== 'other' && together.confidence >= 0.7)) return together;
  const byPage = pages
    .map(({ page, text }) => ({ page, result: classifyText(text, declared, opinionOf(text)) }))
    .filter(({ result }) => result.type !== 'other' && result.confidence > together.confidence)
    .sort((a, b) => b.result.confidence - a.result.confidence);
  const best = byPage[0];
  if (!best) return together;
  return { ...best.result, reasons: [`nach Seite ${best.page}`, ...best.result.reasons] };
}

/** How far into a page its title is looked for. */
const TITLE_CHARS = 300;
const TERMS_TITLE = /allgemeine\W+(?:hinweise\W+und\W+)?(?:zahlungsbedingungen|geschaeftsbedingungen)|\bagb\b|zahlungsbedingungen/;

/** A page of general terms (payment terms, AGB): the same behind any document, so it says nothing of the type. */
export function isTermsPage(page: string): boolean {
  return TERMS_TITLE.test(foldForMatching(page).slice(0, TITLE_CHARS));
}
