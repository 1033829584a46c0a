import { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import type { Clock } from '../platform/clock.js';
import { HttpError, TooManyRequestsError } from '../platform/errors/index.js';
import { redisRateLimit, type RateLimitOptions } from '../platform/http/rate-limit.js';
import type { Logger } from '../platform/logging/logger.js';
import type { ClamdClient } from '../platform/scan/clamd.js';
import type { FileStorage } from '../platform/storage/file-storage.js';
import type { StoredFilesRepository } from '../platform/storage/stored-files.repository.js';
import { REFUSED_ATTACHMENT_TYPE, type Activity, type ChannelAccount, type RefusedAttachment } from '../domain/chat/activity.js';
import { uploadActivitySchema, userActivitySchema } from './activity.schema.js';
import type { AttachmentUrls } from './attachment-urls.js';
import { assertConversationAccess, identifyCaller, type DirectLineCaller } from './directline-auth.js';
import type { DirectLineService } from './directline.service.js';
import { newConversationId, newUserId, type ConversationGrant, type DirectLineTokens } from './tokens.service.js';
import type { ClientKeys } from './client-keys.js';
import { receiveUpload, screenUploads, type UploadLimits } from './upload.js';
import { parseWatermark } from './watermark.js';
import type { AttachmentFiles } from './attachment-files.js';
import { jsonBody } from '../platform/http/json-body.js';

export interface DirectLineRoutesOptions {
  service: DirectLineService;
  tokens: DirectLineTokens;
  secret: string;
  storage: FileStorage;
  files: StoredFilesRepository;
  attachmentUrls: AttachmentUrls;
  /** The files behind attachment links. */
  attachments: AttachmentFiles;
  uploadLimits: UploadLimits;
  /** Every upload is scanned before it gets a link. */
  scanner: Pick<ClamdClient, 'scan'>;
  logger: Logger;
  /** Pseudonymous client keys for the bot's cross-conversation attempt limits. */
  clientKeys: ClientKeys;
  messagesPerMinute: number;
  rateLimit: Pick<RateLimitOptions, 'redis' | 'logger'> & { prefix: string };
  clock: Clock;
}

const CONVERSATION_ID = /^[A-Za-z0-9_-]{10,64}$/;

const generateBodySchema = z
  .object({
    user: z
      .object({
        id: z
          .string()
          .regex(/^[A-Za-z0-9_:.-]{1,64}$/)
          .optional(),
        name: z.string().max(100).optional(),
      })
      .optional(),
  })
  .optional();

function badArgument(issues: z.core.$ZodIssue[]): HttpError {
  return new HttpError(400, 'BadArgument', issues.map((i) => `${i.path.join('.') || 'activity'}: ${i.message}`).join('; '));
}

function conversationIdOf(req: Request): string {
  const id = String(req.params.conversationId);
  if (!CONVERSATION_ID.test(id)) throw new HttpError(404, 'NotFound', 'Conversation not found');
  return id;
}

function watermarkOf(req: Request): number {
  const value = parseWatermark(req.query.watermark);
  if (value === undefined) throw new HttpError(400, 'BadArgument', 'Invalid watermark');
  return value;
}

/** The origin the client reached us at (honours X-Forwarded-* when TRUST_PROXY_HOPS is set). */
function originOf(req: Request): string {
  return `${req.protocol}://${req.get('host')}`;
}

function streamUrl(req: Request, conversationId: string, token: string, watermark?: number): string {
  const ws = originOf(req).replace(/^http/, 'ws');
  const query = new URLSearchParams({ t: token, ...(watermark ? { watermark: String(watermark) } : {}) });
  return `${ws}/v3/directline/conversations/${conversationId}/stream?${query}`;
}

/**
 * The member behind a request: the token's user (never a client-chosen id), with the name the
 * client gave. Only a caller with the channel secret needs the conversation looked up; a token
 * names its user, and storing the activity fails for a conversation that is gone.
 */
function memberAccount(who: DirectLineCaller, conversationUserId: string, name: string | undefined): ChannelAccount {
  return { id: who.kind === 'token' ? who.grant.userId : conversationUserId, ...(name ? { name } : {}) };
}

async function memberOf(
  service: DirectLineService,
  who: DirectLineCaller,
  conversationId: string,
  name: string | undefined,
): Promise<ChannelAccount> {
  return memberAccount(who, who.kind === 'token' ? '' : (await service.requireConversation(conversationId)).userId, name);
}

/** The Direct Line 3.0 REST API under /v3/directline. */
export function directLineRoutes(options: DirectLineRoutesOptions): Router {
  const { service, tokens } = options;
  const router = Router();
  router.use(...jsonBody({ limit: '64kb', type: ['application/json', 'application/vnd.microsoft.activity'], code: 'BadArgument' }));

  const caller = (req: Request) => identifyCaller(req, options.secret, tokens);
  const grantFor = async (req: Request, conversationId: string): Promise<DirectLineCaller> => {
    const who = await caller(req);
    assertConversationAccess(who, conversationId);
    return who;
  };

  // Only a caller that may write to the conversation uses up its message quota.
  const authorised: RequestHandler = async (req, res, next) => {
    res.locals.caller = await grantFor(req, conversationIdOf(req));
    next();
  };
  const callerOf = (res: Response) => res.locals.caller as DirectLineCaller;

  const perConversation = redisRateLimit({
    ...options.rateLimit,
    prefix: `${options.rateLimit.prefix}:ratelimit:directline:`,
    windowMs: 60_000,
    limit: options.messagesPerMinute,
    key: (req) => String(req.params.conversationId),
    onLimit: (retryAfter) => new TooManyRequestsError('TooManyRequests', 'Too many activities in this conversation; slow down', retryAfter),
  });

  router.post('/tokens/generate', async (req: Request, res: Response) => {
    const who = await caller(req);
    if (who.kind !== 'secret') throw new HttpError(403, 'Forbidden', 'Generating tokens needs the channel secret');
    const body = generateBodySchema.safeParse(req.body && Object.keys(req.body).length ? req.body : undefined);
    if (!body.success) throw badArgument(body.error.issues);
    const grant = { conversationId: newConversationId(), userId: body.data?.user?.id ?? newUserId() };
    const { token, expiresIn } = await tokens.issue(grant);
    res.json({ conversationId: grant.conversationId, token, expires_in: expiresIn });
  });

  router.post('/tokens/refresh', async (req: Request, res: Response) => {
    const who = await caller(req);
    if (who.kind !== 'token') throw new HttpError(403, 'Forbidden', 'Refreshing needs a token');
    const { token, expiresIn } = await tokens.issue(who.grant);
    res.json({ conversationId: who.grant.conversationId, token, expires_in: expiresIn });
  });

  router.post('/conversations', async (req: Request, res: Response) => {
    const who = await caller(req);
    let grant: ConversationGrant;
    let token: string;
    let expiresIn = tokens.ttlSeconds;
    if (who.kind === 'token') {
      grant = who.grant;
      token = who.token;
    } else {
      const body = generateBodySchema.safeParse(req.body && Object.keys(req.body).length ? req.body : undefined);
      grant = { conversationId: newConversationId(), userId: (body.success && body.data?.user?.id) || newUserId() };
      ({ token, expiresIn } = await tokens.issue(grant));
    }
    const { created } = await service.startConversation(grant.conversationId, grant.userId);
    res.status(created ? 201 : 200).json({
      conversationId: grant.conversationId,
      token,
      expires_in: expiresIn,
      streamUrl: streamUrl(req, grant.conversationId, token),
      referenceGrammarId: 'musterkasse',
    });
  });

  router.get('/conversations/:conversationId', async (req: Request, res: Response) => {
    const conversationId = conversationIdOf(req);
    const who = await grantFor(req, conversationId);
    // A token holder reconnecting to a conversation it never started (a reload right after the
    // token was issued) starts it now; the secret holder may only reconnect to existing ones.
    if (who.kind === 'token') await service.startConversation(conversationId, who.grant.userId);
    const conversation = await service.requireConversation(conversationId);
    const { token, expiresIn } = await tokens.issue(who.kind === 'token' ? who.grant : { conversationId, userId: conversation.userId });
    res.json({ conversationId, token, expires_in: expiresIn, streamUrl: streamUrl(req, conversationId, token, watermarkOf(req)) });
  });

  router.get('/conversations/:conversationId/activities', async (req: Request, res: Response) => {
    const conversationId = conversationIdOf(req);
    await grantFor(req, conversationId);
    await service.requireConversation(conversationId);
    res.json(await service.activitiesAfter(conversationId, watermarkOf(req)));
  });

  router.post('/conversations/:conversationId/activities', authorised, perConversation, async (req: Request, res: Response) => {
    const conversationId = conversationIdOf(req);
    const who = callerOf(res);
    const parsed = userActivitySchema.safeParse(req.body);
    if (!parsed.success) throw badArgument(parsed.error.issues);
    const { from, ...rest } = parsed.data;
    res.json(
      await service.postFromUser(
        conversationId,
        await memberOf(service, who, conversationId, from?.name),
        rest as Activity,
        options.clientKeys.of(req.ip),
      ),
    );
  });

  router.post('/conversations/:conversationId/upload', authorised, perConversation, async (req: Request, res: Response) => {
    const conversationId = conversationIdOf(req);
    const who = callerOf(res);
    const conversation = await service.requireConversation(conversationId);
    const { activityJson, files } = await receiveUpload(req, options.storage, options.uploadLimits);
    const discardFiles = () => Promise.all(files.map((f) => options.storage.remove(f.id)));
    let activityInput: unknown = {};
    try {
      if (activityJson) activityInput = JSON.parse(activityJson);
    } catch {
      await discardFiles();
      throw new HttpError(400, 'BadArgument', 'The activity part is not valid JSON');
    }
    const parsed = uploadActivitySchema.safeParse({ ...(activityInput as object), attachments: undefined });
    if (!parsed.success) {
      await discardFiles();
      throw badArgument(parsed.error.issues);
    }
    const { clean, refused } = await screenUploads(files, options.storage, options.scanner, options.logger);
    for (const file of clean) {
      await options.files.insert({
        id: file.id,
        sha256: file.sha256,
        sizeBytes: file.sizeBytes,
        mediaType: file.mediaType,
        originalName: file.name,
        conversationId,
      });
    }
    const now = options.clock();
    const attachments: Array<NonNullable<Activity['attachments']>[number] | RefusedAttachment> = [
      ...clean.map((f) => ({ contentType: f.mediaType, contentUrl: options.attachmentUrls.make(originOf(req), f.id, now), name: f.name })),
      ...refused.map(({ file, reason }) => ({ contentType: REFUSED_ATTACHMENT_TYPE, name: file.name, content: { reason } })),
    ];
    const { from, ...rest } = parsed.data;
    res.json(
      await service.postFromUser(
        conversationId,
        memberAccount(who, conversation.userId, from?.name),
        { ...rest, attachments } as Activity,
        options.clientKeys.of(req.ip),
      ),
    );
  });

  router.get('/attachments/:fileId', async (req: Request, res: Response) => {
    const fileId = String(req.params.fileId);
    const file = await options.attachments.find(fileId, Number(req.query.exp), String(req.query.sig ?? ''));
    if (file === 'invalid') throw new HttpError(403, 'Forbidden', 'This link is not valid (any more)');
    if (!file) throw new HttpError(404, 'NotFound', 'File not found');
    res.set({
      'Content-Type': file.mediaType,
      'Content-Length': String(file.sizeBytes),
      'Content-Disposition': `inline; filename*=UTF-8''${encodeURIComponent(file.originalName)}`,
      'Cache-Control': 'private, no-store',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    });
    options.storage
      .openRead(fileId)
      .on('error', () => res.destroy())
      .pipe(res);
  });

  return router;
}
