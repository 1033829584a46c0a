import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AuditRepository } from '../../platform/audit/audit.repository.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/client.js';
import { ForbiddenError, NotFoundError } from '../../platform/errors/index.js';
import { parseInput } from '../../platform/http/validate.js';
import type { FileStorage } from '../../platform/storage/file-storage.js';
import { decodeCursor, encodeCursor, type DeliveriesRepository, type PullCursor } from '../../domain/documents/deliveries.repository.js';
import { deliveredFile, readDeliveryIndex } from '../../domain/documents/delivery-index.js';
import type { DeliveryTarget } from '../../domain/documents/delivery-targets.js';
import type { ExportFileLinks } from '../delivery/file-links.js';
import { channelAuth, requireChannel } from './channel-auth.js';
import type { IntakeChannel, IntakeChannels } from '../../domain/channels/channel-keys.js';

const documentId = z.uuid({ error: 'Ungültige Dokument-ID.' });

const pageQuery = z
  .object({
    after: z
      .string()
      .max(64)
      .transform((text, ctx) => {
        const cursor = decodeCursor(text);
        if (!cursor) ctx.addIssue({ code: 'custom', message: 'Ungültiger Cursor: bitte den Wert „next“ der vorigen Antwort senden.' });
        return cursor ?? z.NEVER;
      })
      .optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

const fileQuery = z
  .object({ exp: z.coerce.number().int(), sig: z.string().max(100) })
  .partial()
  .strict();

export interface ExportRoutesDeps {
  db: Database;
  channels: IntakeChannels;
  deliveries: DeliveriesRepository;
  targets: readonly DeliveryTarget[];
  storage: FileStorage;
  links: ExportFileLinks;
  audit: AuditRepository;
  clock: Clock;
}

/**
 * The pull API for core systems that cannot receive webhooks: the routed documents of the
 * caller's pull target after a cursor, an acknowledgement per document, and the files.
 */
export function exportRoutes(deps: ExportRoutesDeps): Router {
  const router = Router();
  router.use(channelAuth(deps.channels, 'export'));

  /** The caller's pull target (the target of the export channel's name). */
  function pullTargetOf(channel: IntakeChannel): string {
    if (!deps.targets.some((t) => t.kind === 'pull' && t.name === channel.name))
      throw new ForbiddenError('no_pull_target', `Für den Kanal „${channel.name}“ ist kein Abholziel (kind: pull) eingerichtet.`);
    return channel.name;
  }

  const audit = (req: Request, actor: string, action: string, targetId?: string, details?: Record<string, unknown>) =>
    deps.audit.record({
      actor,
      action,
      outcome: 'success',
      targetType: 'document',
      targetId,
      requestId: String(req.id),
      ip: req.ip,
      details,
    });

  router.get('/documents', async (req: Request, res: Response) => {
    const channel = requireChannel(req);
    const target = pullTargetOf(channel);
    const query = parseInput(pageQuery, req.query);
    const page = await deps.deliveries.page(target, query.after, query.limit);
    // Counted as fetched before anything is read, so a re-route cannot change a document under the reader.
    const current = new Map((await deps.deliveries.markFetched(page.map((r) => r.id))).map((row) => [row.id, row]));
    const documents = [];
    for (const row of page.map((r) => current.get(r.id)).filter((r) => r !== undefined)) {
      const index = await readDeliveryIndex(deps.db, row.documentId, row.createdAt, (id) => deps.links.make(id, deps.clock()));
      if (!index) continue;
      const { fileId: _fileId, ...document } = index;
      documents.push({ ...document, delivery: { status: row.status, acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null } });
    }
    const last = page.at(-1);
    const next: PullCursor | undefined = last ? { txId: last.txId, seq: last.seq } : query.after;
    if (documents.length > 0) await audit(req, `channel:${channel.name}`, 'export.fetch', undefined, { documents: documents.length });
    res.json({ documents, next: next ? encodeCursor(next) : null, more: page.length === query.limit });
  });

  router.post('/documents/:id/ack', async (req: Request, res: Response) => {
    const channel = requireChannel(req);
    const id = parseInput(documentId, req.params.id);
    const delivery = await deps.deliveries.acknowledge(id, pullTargetOf(channel));
    if (!delivery) throw new NotFoundError('Dieses Dokument gibt es für Ihren Kanal nicht.');
    await audit(req, `channel:${channel.name}`, 'export.ack', id);
    res.json({ documentId: id, status: delivery.status, acknowledgedAt: delivery.acknowledgedAt?.toISOString() ?? null });
  });

  /** With the signed link from the index (no key needed), or with the export key of a target that has the document. */
  router.get('/documents/:id/file', async (req: Request, res: Response) => {
    const id = parseInput(documentId, req.params.id);
    const { exp, sig } = parseInput(fileQuery, req.query);
    const signed = exp !== undefined && sig !== undefined && deps.links.isValid(id, exp, sig, deps.clock());
    const channel = req.intakeChannel;
    const channelMay = channel && deps.targets.some((t) => t.kind === 'pull' && t.name === channel.name);
    if (!signed && !(channelMay && (await deps.deliveries.hasPullDelivery(id, channel.name)))) {
      if (exp !== undefined || sig !== undefined) throw new ForbiddenError('invalid_link', 'Der Link ist abgelaufen oder ungültig.');
      requireChannel(req);
      throw new NotFoundError('Dieses Dokument gibt es für Ihren Kanal nicht.');
    }
    const file = await deliveredFile(deps.db, id);
    const bytes = file ? await deps.storage.readAll(file.fileId).catch(() => undefined) : undefined;
    if (!file || !bytes) throw new NotFoundError('Die Datei dieses Dokuments ist nicht (mehr) vorhanden.');
    await audit(req, channel ? `channel:${channel.name}` : 'signed-link', 'export.file', id);
    res
      .set('Cache-Control', 'private, no-store')
      .set('Content-Disposition', `attachment; filename="${file.name}"`)
      .type(file.mediaType)
      .send(bytes);
  });

  return router;
}
