import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { AuditRepository } from '../../platform/audit/audit.repository.js';
import type { Database } from '../../platform/db/client.js';
import { storedFiles, submissionDocuments, submissions } from '../../platform/db/schema.js';
import { ConflictError, NotFoundError } from '../../platform/errors/index.js';
import type { ClamdClient } from '../../platform/scan/clamd.js';
import type { FileStorage } from '../../platform/storage/file-storage.js';
import type { Actor } from '../staff/staff-users.service.js';
import type { QuarantinedDocument } from './review.types.js';

/**
 * Quarantined documents for admins: their metadata, and the release of a false positive after a
 * rescan with the current signatures. A released document continues in the pipeline where a clean
 * one would have (text extraction); one still found infected stays, with the new findings.
 */
export class QuarantineService {
  constructor(
    private readonly db: Database,
    private readonly storage: Pick<FileStorage, 'readQuarantined' | 'release'>,
    private readonly scanner: Pick<ClamdClient, 'scan'>,
    private readonly audit: AuditRepository,
    /** Hands a released document to the pipeline's next stage. */
    private readonly resume: (documentId: string) => Promise<void>,
  ) {}

  async list(limit = 200): Promise<QuarantinedDocument[]> {
    const rows = await this.db
      .select({ document: submissionDocuments, file: storedFiles, trackingId: submissions.trackingId, source: submissions.source })
      .from(submissionDocuments)
      .innerJoin(submissions, eq(submissions.id, submissionDocuments.submissionId))
      .innerJoin(storedFiles, eq(storedFiles.id, submissionDocuments.fileId))
      .where(and(eq(submissionDocuments.status, 'quarantined'), isNull(submissionDocuments.purgedAt)))
      .orderBy(desc(submissionDocuments.statusChangedAt))
      .limit(limit);
    return rows.map(({ document, file, trackingId, source }) => ({
      documentId: document.id,
      trackingId,
      source,
      receivedAt: document.createdAt.toISOString(),
      quarantinedAt: file.quarantinedAt?.toISOString() ?? null,
      mediaType: file.mediaType,
      sizeBytes: file.sizeBytes,
      sha256: file.sha256,
      findings: document.scanFindings ?? [],
    }));
  }

  /** Rescans and, if clean now, releases; throws 409 with the findings if it is still infected. */
  async release(documentId: string, actor: Actor): Promise<{ released: true }> {
    const [row] = await this.db
      .select({ document: submissionDocuments })
      .from(submissionDocuments)
      .where(
        and(eq(submissionDocuments.id, documentId), eq(submissionDocuments.status, 'quarantined'), isNull(submissionDocuments.purgedAt)),
      );
    if (!row) throw new NotFoundError('Ein Dokument in Quarantäne mit dieser ID gibt es nicht.');
    const fileId = row.document.fileId;
    const result = await this.scanner.scan(await this.storage.readQuarantined(fileId));
    const record = (action: string, outcome: 'success' | 'denied', details: Record<string, unknown>) =>
      this.audit.record({
        actor: actor.label,
        actorUserId: actor.userId,
        action,
        outcome,
        targetType: 'document',
        targetId: documentId,
        requestId: actor.requestId,
        ip: actor.ip,
        details,
      });
    if (result.infected) {
      await this.db.update(submissionDocuments).set({ scanFindings: result.signatures }).where(eq(submissionDocuments.id, documentId));
      await record('quarantine.release', 'denied', { findings: result.signatures });
      throw new ConflictError(
        'still_infected',
        `Die erneute Prüfung findet weiter Schadsoftware (${result.signatures.join(', ')}). Die Datei bleibt in Quarantäne.`,
      );
    }
    await this.storage.release(fileId);
    const moved = await this.db.transaction(async (tx) => {
      await tx.update(storedFiles).set({ quarantinedAt: null }).where(eq(storedFiles.id, fileId));
      return tx
        .update(submissionDocuments)
        .set({
          status: 'ocr',
          statusChangedAt: sql`now()`,
          scanFindings: null,
          reasons: sql`${submissionDocuments.reasons} || ${JSON.stringify([`Von ${actor.label} nach erneuter Virenprüfung freigegeben (keine Funde)`])}::jsonb`,
        })
        .where(and(eq(submissionDocuments.id, documentId), eq(submissionDocuments.status, 'quarantined')))
        .returning({ id: submissionDocuments.id });
    });
    if (moved.length === 0) throw new ConflictError('not_quarantined', 'Dieses Dokument ist nicht mehr in Quarantäne.');
    await record('quarantine.release', 'success', { findingsBefore: row.document.scanFindings ?? [] });
    await this.resume(documentId);
    return { released: true };
  }
}
