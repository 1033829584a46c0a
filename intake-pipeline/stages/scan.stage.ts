import type { ClamdClient } from '../../platform/scan/clamd.js';
import type { FileStorage } from '../../platform/storage/file-storage.js';
import type { IntakeDocumentsRepository, PipelineDocument, StageOutcome } from '../../domain/documents/documents.repository.js';
import type { Stage } from '../stage.js';

/**
 * Virus scan with clamd. Infected files are moved to quarantine (served to nobody) and never
 * reach OCR or a person; clean ones go on to text extraction. clamd being unreachable is a
 * transient error: the job is retried with backoff.
 */
export class ScanStage implements Stage {
  readonly status = 'scan' as const;
  readonly holdsOnFailure = true;

  constructor(
    private readonly storage: FileStorage,
    private readonly scanner: Pick<ClamdClient, 'scan'>,
    private readonly documents: IntakeDocumentsRepository,
  ) {}

  async run(document: PipelineDocument): Promise<StageOutcome> {
    // A rerun after the file was already quarantined (crash before the status was saved).
    if (await this.storage.isQuarantined(document.fileId)) return this.quarantined(document, ['(bereits in Quarantäne)']);
    const result = await this.scanner.scan(await this.storage.readAll(document.fileId));
    if (result.infected) {
      await this.storage.quarantine(document.fileId);
      return this.quarantined(document, result.signatures);
    }
    return { status: 'ocr', reasons: ['Virenprüfung: keine Funde'], set: { scannedAt: new Date() } };
  }

  private async quarantined(document: PipelineDocument, signatures: string[]): Promise<StageOutcome> {
    await this.documents.markFileQuarantined(document.fileId);
    return {
      status: 'quarantined',
      reasons: [`Virenprüfung: Schadsoftware gefunden (${signatures.join(', ')}); Datei in Quarantäne`],
      set: { scannedAt: new Date(), scanFindings: signatures },
    };
  }
}
