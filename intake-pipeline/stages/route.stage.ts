import type { DocumentType } from '../document-types.js';
import type { PipelineDocument, StageOutcome } from '../../domain/documents/documents.repository.js';
import type { Stage } from '../stage.js';

/** Below this type confidence a clerk confirms the type before the document moves on. */
export const MIN_TYPE_CONFIDENCE = 0.7;

/** Whether a document may go to its department without a clerk. */
export function typeIsSure(type: DocumentType, confidence: number | null): boolean {
  return (confidence ?? 0) >= MIN_TYPE_CONFIDENCE && type !== 'other';
}

/** Confident and consistent → to the department; anything else → the clerks' review queue. */
export class RouteStage implements Stage {
  readonly status = 'route' as const;

  constructor(private readonly departments: Record<DocumentType, string>) {}

  async run(document: PipelineDocument): Promise<StageOutcome> {
    const type = (document.documentType ?? 'other') as DocumentType;
    const typeSure = typeIsSure(type, document.typeConfidence);
    if (document.assignedKvnr && typeSure) {
      const department = this.departments[type];
      return { status: 'routed', reasons: [`Weitergeleitet an ${department}`], set: { department } };
    }
    const why = [!document.assignedKvnr ? 'Versicherte Person nicht sicher' : undefined, !typeSure ? 'Dokumentart nicht sicher' : undefined]
      .filter(Boolean)
      .join(', ');
    return { status: 'awaiting_review', reasons: [`Zur Prüfung: ${why}`] };
  }
}
