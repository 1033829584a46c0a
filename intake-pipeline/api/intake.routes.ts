import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AuditRepository } from '../../platform/audit/audit.repository.js';
import { ForbiddenError, HttpError, NotFoundError, UnauthenticatedError } from '../../platform/errors/index.js';
import { NO_NUL, parseInput, withoutNul } from '../../platform/http/validate.js';
import { kvnrSchema } from '../../domain/members/kvnr.js';
import type { SubmissionService } from '../../domain/submissions/submission.service.js';
import { refusalReason } from '../../domain/submissions/refusal-reasons.de.js';
import type { SubmissionsRepository } from '../../domain/submissions/submissions.repository.js';
import { parseTrackingId } from '../../domain/submissions/tracking-id.js';
import { DECLARED_TYPES } from '../document-types.js';
import type { IntakeChannels } from '../../domain/channels/channel-keys.js';
import { channelAuth, requireChannel } from './channel-auth.js';
import { readIntakeUpload } from './multipart.js';

const metadataSchema = z
  .object({
    kvnr: kvnrSchema.optional(),
    declaredType: z.enum(Object.keys(DECLARED_TYPES) as [string, ...string[]]).optional(),
    note: z.string().trim().max(500, { error: 'Die Notiz darf höchstens 500 Zeichen lang sein.' }).refine(withoutNul, NO_NUL).optional(),
  })
  .strict();

export interface IntakeRoutesDeps {
  channels: IntakeChannels;
  submissions: SubmissionService;
  repository: SubmissionsRepository;
  audit: AuditRepository;
  limits: { maxFileBytes: number; maxFiles: number };
}

/**
 * Intake from other channels (the insurer's app, a scan centre): the same checks and limits
 * as the chat, the same pipeline. Staff (clerk, admin) and the submitting channel may read a
 * submission's state.
 */
export function intakeRoutes(deps: IntakeRoutesDeps): Router {
  const router = Router();
  router.use(channelAuth(deps.channels, 'intake'));

  router.post('/submissions', async (req: Request, res: Response) => {
    const channel = requireChannel(req);
    const upload = await readIntakeUpload(req, deps.limits);
    let metadataInput: unknown = {};
    if (upload.metadata) {
      try {
        metadataInput = JSON.parse(upload.metadata);
      } catch {
        throw new HttpError(400, 'invalid_metadata', 'Der Teil „metadata“ ist kein gültiges JSON.');
      }
    }
    const metadata = parseInput(metadataSchema, metadataInput);
    const draftKey = `api:${channel.id}:${randomUUID()}`;
    const refused: Array<{ file: string; reason: string }> = [];
    try {
      for (const file of upload.files) {
        const outcome = await deps.submissions.addFile(draftKey, file.bytes, file.name);
        if (!outcome.accepted) refused.push({ file: file.name, reason: refusalReason(outcome.reason, deps.submissions.limits) });
      }
      if (refused.length > 0)
        throw new HttpError(422, 'document_refused', 'Mindestens eine Datei wurde nicht angenommen; es wurde nichts gespeichert.', {
          refused,
        });
      const { trackingId } = await deps.submissions.submit(draftKey, {
        source: `channel:${channel.name}`,
        kvnr: metadata.kvnr ?? null,
        declaredType: metadata.declaredType ?? null,
        details: {},
        note: metadata.note ?? null,
        conversationId: null,
      });
      res.status(201).json({ trackingId });
    } catch (err) {
      await deps.submissions.discardDraft(draftKey);
      throw err;
    }
  });

  router.get('/submissions/:trackingId', async (req: Request, res: Response) => {
    const staff = req.staff?.user;
    if (!req.intakeChannel && !staff) throw new UnauthenticatedError();
    if (staff && staff.role !== 'clerk' && staff.role !== 'admin') throw new ForbiddenError();
    const trackingId = parseTrackingId(String(req.params.trackingId));
    const submission = trackingId ? await deps.repository.find(trackingId) : undefined;
    // Another channel's submission looks exactly like a missing one.
    if (!submission || (req.intakeChannel && submission.source !== `channel:${req.intakeChannel.name}`))
      throw new NotFoundError('Diese Sendung gibt es nicht.');
    if (staff) {
      await deps.audit.record({
        actor: staff.username,
        actorUserId: staff.id,
        action: 'submission.view',
        outcome: 'success',
        targetType: 'submission',
        targetId: submission.id,
        requestId: String(req.id),
        ip: req.ip,
      });
    }
    const documents = await deps.repository.documents(submission.id);
    res.json({
      trackingId: submission.trackingId,
      status: submission.status,
      source: submission.source,
      createdAt: submission.createdAt,
      documents: documents.map((d) => ({
        id: d.id,
        position: d.position,
        pageCount: d.pageCount,
        status: d.status,
        documentType: d.documentType,
        typeConfidence: d.typeConfidence,
        assignedKvnr: d.assignedKvnr,
        assignmentConfidence: d.assignmentConfidence,
        reasons: d.reasons,
      })),
    });
  });

  return router;
}
