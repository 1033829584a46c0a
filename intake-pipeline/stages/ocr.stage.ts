import { UnrecoverableError } from 'bullmq';
import { PdfLimitError } from '../../platform/imaging/pdf-pool.js';
import type { FileStorage } from '../../platform/storage/file-storage.js';
import type { IntakeDocumentsRepository, PipelineDocument, StageOutcome } from '../../domain/documents/documents.repository.js';
import type { Stage } from '../stage.js';
import type { OcrEngine } from '../text/ocr-engine.js';
import { readPages } from '../text/read-pages.js';

const pageCount = (n: number) => `${n} ${n === 1 ? 'Seite' : 'Seiten'}`;

/** Text of every page (text layer or OCR), stored per page with its confidence; then on to classification. */
export class OcrStage implements Stage {
  readonly status = 'ocr' as const;

  constructor(
    private readonly storage: FileStorage,
    private readonly ocr: OcrEngine,
    private readonly documents: IntakeDocumentsRepository,
  ) {}

  async warmUp(): Promise<void> {
    await this.ocr.warmUp();
  }

  async run(document: PipelineDocument): Promise<StageOutcome> {
    const pages = await readPages(await this.storage.readAll(document.fileId), document.mediaType, this.ocr).catch((err: unknown) => {
      // A PDF that cannot even be read within the limits will not be read on a retry: a clerk takes over.
      if (err instanceof PdfLimitError) throw new UnrecoverableError('PDF zu aufwendig zum Lesen (Zeitlimit)');
      throw err;
    });
    await this.documents.savePages(pages.map(({ notes: _notes, ...p }) => ({ documentId: document.id, ...p })));
    const fromLayer = pages.filter((p) => p.source === 'text_layer').length;
    const ocred = pages.filter((p) => p.source === 'ocr');
    const reasons = [
      fromLayer > 0 ? `Text: ${pageCount(fromLayer)} aus der Textebene des PDF` : undefined,
      ocred.length > 0
        ? `Texterkennung: ${pageCount(ocred.length)}, Konfidenz ${Math.round(ocred.reduce((s, p) => s + p.confidence, 0) / ocred.length)} %`
        : undefined,
      // How a page was made readable ("Seite 1 um 180° gedreht").
      ...pages.flatMap((p) => p.notes.map((note) => `Seite ${p.page} ${note}`)),
    ].filter((r): r is string => !!r);
    return { status: 'classify', reasons };
  }
}
