import { classifyPages } from '../classification/classify.js';
import type { CurrentTypeModel } from '../classification/type-models.repository.js';
import { DOCUMENT_TYPE_LABELS } from '../document-types.js';
import type { IntakeDocumentsRepository, PipelineDocument, StageOutcome } from '../../domain/documents/documents.repository.js';
import type { Stage } from '../stage.js';
import { invoiceFacts } from '../../domain/documents/invoice-facts.js';

/** The document type from the page texts (rules plus the learned model), checked against what the member chose in the chat. */
export class ClassifyStage implements Stage {
  readonly status = 'classify' as const;

  constructor(
    private readonly documents: IntakeDocumentsRepository,
    private readonly model: CurrentTypeModel,
  ) {}

  async warmUp(): Promise<void> {
    await this.model.get();
  }

  async run(document: PipelineDocument): Promise<StageOutcome> {
    const pages = (await this.documents.pages(document.id)).map((p) => p.text);
    const text = pages.join('\n');
    const model = await this.model.get();
    const result = classifyPages(pages, document.declaredType, (page) => model.opinion(page));
    // An invoice's number and total: the same invoice sent twice is flagged to clerks.
    const facts = result.type === 'invoice' ? invoiceFacts(text) : {};
    return {
      status: 'assign',
      reasons: [
        `Dokumentart ${DOCUMENT_TYPE_LABELS[result.type]} (${Math.round(result.confidence * 100)} %): ${result.reasons.join('; ')}`,
      ],
      set: {
        documentType: result.type,
        typeConfidence: result.confidence,
        invoiceNumber: facts.invoiceNumber ?? null,
        amountCents: facts.amountCents ?? null,
      },
    };
  }
}
