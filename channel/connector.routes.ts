import { Router, type NextFunction, type Request, type Response } from 'express';
import { HttpError } from '../platform/errors/index.js';
import { BOT_HOP_KEY_HEADER } from '../platform/secrets.js';
import { secureEquals } from '../platform/secure-compare.js';
import type { Activity } from '../domain/chat/activity.js';
import { botActivitySchema } from './activity.schema.js';
import type { DirectLineService } from './directline.service.js';
import { jsonBody } from '../platform/http/json-body.js';

function parseBotActivity(body: unknown): Activity {
  const parsed = botActivitySchema.safeParse(body);
  if (!parsed.success)
    throw new HttpError(400, 'BadArgument', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return parsed.data as Activity;
}

/**
 * The Bot Connector API the bot replies to (its activities' serviceUrl points here). There are
 * no Microsoft app credentials on premises, so every call must carry the hop key instead.
 */
export function connectorRoutes(service: DirectLineService, hopKey: string): Router {
  const router = Router();
  router.use((req: Request, _res: Response, next: NextFunction) => {
    const presented = req.get(BOT_HOP_KEY_HEADER) ?? '';
    if (!presented || !secureEquals(presented, hopKey)) return next(new HttpError(401, 'Unauthorized', 'Missing or wrong hop key'));
    next();
  });
  router.use(...jsonBody({ limit: '512kb', code: 'BadArgument' }));

  const post = async (req: Request, res: Response) => {
    res.json(await service.postToMember(String(req.params.conversationId), parseBotActivity(req.body), 'bot'));
  };
  router.post('/v3/conversations/:conversationId/activities', post);
  router.post('/v3/conversations/:conversationId/activities/:activityId', post);

  router.put('/v3/conversations/:conversationId/activities/:activityId', async (req: Request, res: Response) => {
    res.json(await service.replaceActivity(String(req.params.conversationId), String(req.params.activityId), parseBotActivity(req.body)));
  });

  router.delete('/v3/conversations/:conversationId/activities/:activityId', async (req: Request, res: Response) => {
    await service.deleteActivity(String(req.params.conversationId), String(req.params.activityId));
    res.status(200).json({});
  });

  return router;
}
