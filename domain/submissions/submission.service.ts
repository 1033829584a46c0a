import type { Transaction } from '../../platform/db/client.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { ClamdClient } from '../../platform/scan/clamd.js';
import type { FileStorage } from '../../platform/storage/file-storage.js';
import { checkDocument, DocumentRefusedError, type DocumentLimits, type RefusalReason } from './document-check.js';
import type { DomainEventBus } from '../events.js';
import type { DraftFilesRepository } from './draft-files.repository.js';
import type { NewSubmission, StoredSubmission, SubmissionsRepository } from './submissions.repository.js';

export type FileOutcome =
  | { accepted: true; pages: number; totalPages: number; downscaled: boolean }
  | { accepted: false; reason: RefusalReason | 'too_many_pages'; totalPages: number };

export interface DraftSummary {
  files: number;
  pages: number;
}

export interface SubmissionServiceDeps {
  drafts: DraftFilesRepository;
  submissions: SubmissionsRepository;
  storage: FileStorage;
  scanner: Pick<ClamdClient, 'scan'>;
  limits: DocumentLimits;
  logger: Logger;
  /** Announces `submission.stored` (the intake pipeline takes it from there; its sweep catches what this misses). */
  events?: Pick<DomainEventBus, 'emit'>;
  /** Spends an Einmal-PIN inside the submission's transaction. */
  pins?: { spendIn(tx: Transaction, pinId: string): Promise<void> };
}

/**
 * Takes a member's documents in: each file is checked and stored as soon as it arrives (so
 * nothing the member was told is received can be lost), and the submission is committed with
 * its tracking ID in one step.
 */
export class SubmissionService {
  constructor(private readonly deps: SubmissionServiceDeps) {}

  get limits(): DocumentLimits {
    return this.deps.limits;
  }

  async draft(draftKey: string): Promise<DraftSummary> {
    const files = await this.deps.drafts.list(draftKey);
    return { files: files.length, pages: files.reduce((sum, f) => sum + f.pageCount, 0) };
  }

  /**
   * Checks a file against the upload rules and, if it passes, adds it to the draft. A file the
   * chat already stored (`channelFileId`) is taken over as it is, not stored a second time;
   * only a downscaled photo is stored anew.
   */
  async addFile(draftKey: string, bytes: Buffer, originalName: string, channelFileId?: string): Promise<FileOutcome> {
    const { pages: before } = await this.draft(draftKey);
    let checked;
    try {
      checked = await checkDocument(bytes, this.deps.limits, this.deps.scanner);
    } catch (err) {
      if (!(err instanceof DocumentRefusedError)) throw err;
      this.deps.logger.info({ reason: err.reason }, 'Uploaded file refused');
      return { accepted: false, reason: err.reason, totalPages: before };
    }
    if (before + checked.pageCount > this.deps.limits.maxPages) return { accepted: false, reason: 'too_many_pages', totalPages: before };
    const placement = { draftKey, pageCount: checked.pageCount, downscaled: checked.downscaled };
    if (channelFileId && checked.bytes.equals(bytes)) {
      await this.deps.drafts.adopt({ ...placement, fileId: channelFileId });
    } else {
      const stored = await this.deps.storage.storeBuffer(checked.bytes);
      try {
        await this.deps.drafts.add({
          ...placement,
          file: {
            id: stored.id,
            sha256: stored.sha256,
            sizeBytes: stored.sizeBytes,
            mediaType: checked.mediaType,
            originalName: originalName.slice(0, 200),
          },
        });
      } catch (err) {
        await this.deps.storage.remove(stored.id);
        throw err;
      }
    }
    return { accepted: true, pages: checked.pageCount, totalPages: before + checked.pageCount, downscaled: checked.downscaled };
  }

  /** Commits the draft's files with the details; the tracking ID exists only once all is stored. */
  /** With `spendPinId`, the Einmal-PIN is used up in the same transaction (or nothing is stored). */
  async submit(draftKey: string, submission: NewSubmission, spendPinId?: string): Promise<StoredSubmission> {
    const { pins } = this.deps;
    if (spendPinId && !pins) throw new Error('Einmal-PIN submissions need the PIN service');
    const stored = await this.deps.submissions.create(
      submission,
      { draftKey },
      spendPinId ? (tx) => pins!.spendIn(tx, spendPinId) : undefined,
    );
    // Stored is stored: if queueing fails now (Redis away), the pipeline's sweep picks it up.
    await this.deps.events
      ?.emit('submission.stored', { submissionId: stored.id })
      .catch((err: unknown) =>
        this.deps.logger.warn({ err, submissionId: stored.id }, 'Submission stored but not queued yet; the sweep will'),
      );
    return stored;
  }

  /** The member cancelled: their uploaded files are deleted. */
  async discardDraft(draftKey: string): Promise<void> {
    await this.removeBytes(await this.deps.drafts.discard(draftKey));
  }

  /** Drafts nobody finished: their files are deleted after the configured time. */
  async purgeAbandonedDrafts(before: Date): Promise<number> {
    const ids = await this.deps.drafts.discardOlderThan(before);
    await this.removeBytes(ids);
    return ids.length;
  }

  private async removeBytes(fileIds: string[]): Promise<void> {
    for (const id of fileIds) await this.deps.storage.remove(id);
  }
}
