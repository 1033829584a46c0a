import type { FileStorage } from '../../core/storage/file-storage.js';
import type { DocumentPage, IntakeDocumentsRepository, PipelineDocument, StageOutcome } from '../documents.repository.js';
import type { Stage } from '../stage.js';
import type { OcrEngine } from '../text/ocr-engine.js';
import { PdfPages } from '../text/pdf-pages.js';

/** A page whose text layer has fewer letters than this is treated as scanned. */
const MIN_TEXT_LAYER_LETTERS = 20;
const letters = (text: string) => (text.match(/\p{L}/gu) ?? []).length;

/**
 * Text of every page: a PDF's own text layer when there is one (no OCR needed), otherwise the
 * page rendered and read by tesseract; images are read directly. Stored per page with its
 * confidence, then on to classification.
 */
export class OcrStage implements Stage {
  readonly status = 'ocr' as const;

  constructor(
    private readonly storage: FileStorage,
    private readonly ocr: OcrEngine,
    private readonly documents: IntakeDocumentsRepository,
  ) {}

  async run(document: PipelineDocument): Promise<StageOutcome> {
    const bytes = await this.storage.readAll(document.fileId);
    const pages = document.mediaType === 'application/pdf' ? await this.pdfPages(document.id, bytes) : [await this.imagePage(document.id, bytes)];
    await this.documents.savePages(pages);
    const fromLayer = pages.filter((p) => p.source === 'text_layer').length;
    const ocred = pages.filter((p) => p.source === 'ocr');
    const reasons = [
      fromLayer > 0 ? `Text: ${fromLayer} Seite(n) aus der Textebene des PDF` : undefined,
      ocred.length > 0 ? `Texterkennung: ${ocred.length} Seite(n), Konfidenz ${Math.round(ocred.reduce((s, p) => s + p.confidence, 0) / ocred.length)} %` : undefined,
    ].filter((r): r is string => !!r);
    return { status: 'classify', reasons };
  }

  private async pdfPages(documentId: string, bytes: Buffer): Promise<DocumentPage[]> {
    const pdf = await PdfPages.open(bytes);
    try {
      const pages: DocumentPage[] = [];
      for (let index = 0; index < pdf.count; index++) {
        const layer = pdf.text(index);
        if (letters(layer) >= MIN_TEXT_LAYER_LETTERS) pages.push({ documentId, page: index + 1, text: layer, confidence: 100, source: 'text_layer' });
        else {
          const { text, confidence } = await this.ocr.recognise(pdf.render(index));
          pages.push({ documentId, page: index + 1, text, confidence, source: 'ocr' });
        }
      }
      return pages;
    } finally {
      pdf.close();
    }
  }

  private async imagePage(documentId: string, bytes: Buffer): Promise<DocumentPage> {
    const { text, confidence } = await this.ocr.recognise(bytes);
    return { documentId, page: 1, text, confidence, source: 'ocr' };
  }
}
