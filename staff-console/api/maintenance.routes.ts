import { Transform, type TransformCallback } from 'node:stream';
import { Router, type Request, type Response } from 'express';
import type { AuditRepository } from '../../platform/audit/audit.repository.js';
import { HttpError } from '../../platform/errors/index.js';
import type { CannedImportReport } from '../../domain/livechat/canned-import.js';
import { importMembersFrom, MemberFileError } from '../../domain/members/member-import.js';
import type { MembersRepository } from '../../domain/members/members.repository.js';
import { authorize } from '../../domain/staff/session.middleware.js';
import { auditAction } from './staff-users.routes.js';

/** A member file from the console: larger exports go through the CLI or the core system's automation. */
export const MAX_MEMBER_FILE_BYTES = 20 * 1024 * 1024;

export interface MaintenanceDeps {
  members: MembersRepository;
  audit: AuditRepository;
  /** Retrains the document-type model (the intake pipeline's; workers switch within a minute). */
  retrainClassifier(): Promise<{ id: string; shippedExamples: number; clerkExamples: number }>;
  /** Adds the shipped starter prepared answers whose shortcuts do not exist yet. */
  importStarterAnswers(): Promise<CannedImportReport>;
}

const tooLarge = () => new HttpError(413, 'file_too_large', `Die Datei ist größer als ${MAX_MEMBER_FILE_BYTES / 1024 / 1024} MB.`);

/** Stops a body at `limit` bytes with a 413. */
function capped(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      seen += chunk.length;
      if (seen > limit) return done(tooLarge());
      done(null, chunk);
    },
  });
}

/** What the README sends operators to the CLI for, in the console: member data, the classifier, starter answers. */
export function maintenanceRoutes(deps: MaintenanceDeps): Router {
  const router = Router();
  router.use(authorize('admin'));
  const recordAction = auditAction(deps.audit);
  const record = (req: Request, action: string, details: Record<string, unknown>) =>
    recordAction(req, action, 'system', undefined, details);

  // The CSV as the request body (Content-Type text/csv), read as a stream.
  router.post('/members/import', async (req: Request, res: Response) => {
    if (!req.is('text/csv')) throw new HttpError(415, 'unsupported_media_type', 'Bitte die Versichertendaten als CSV-Datei senden.');
    // Refused before reading when the size is announced; counted while reading when it is not.
    if (Number(req.get('content-length') ?? 0) > MAX_MEMBER_FILE_BYTES) throw tooLarge();
    const body = req.pipe(capped(MAX_MEMBER_FILE_BYTES));
    req.on('error', (err) => body.destroy(err));
    let report;
    try {
      report = await importMembersFrom(body, deps.members);
    } catch (err) {
      if (err instanceof MemberFileError) throw new HttpError(422, 'invalid_member_file', err.message);
      throw err;
    }
    const { rejected, ...counts } = report;
    await record(req, 'members.import', { ...counts, rejected: rejected.length });
    res.json({ report });
  });

  router.post('/classifier/train', async (req: Request, res: Response) => {
    const report = await deps.retrainClassifier();
    await record(req, 'classifier.train', { shippedExamples: report.shippedExamples, clerkExamples: report.clerkExamples });
    res.json({ report });
  });

  router.post('/canned-responses/import-starters', async (req: Request, res: Response) => {
    const report = await deps.importStarterAnswers();
    await record(req, 'canned.import', { added: report.added, kept: report.kept, rejected: report.rejected.length });
    res.json({ report });
  });

  return router;
}
