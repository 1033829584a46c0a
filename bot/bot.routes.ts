import { Router, type NextFunction, type Request, type Response } from 'express';
import type { CloudAdapter } from 'botbuilder';
import { HttpError } from '../platform/errors/index.js';
import { jsonBody } from '../platform/http/json-body.js';
import { BOT_HOP_KEY_HEADER } from '../platform/secrets.js';
import { secureEquals } from '../platform/secure-compare.js';
import { REQUEST_ID } from './adapter.js';
import type { MusterkasseBot } from './musterkasse.bot.js';

export interface BotRoutesOptions {
  adapter: CloudAdapter;
  bot: MusterkasseBot;
  hopKey: string;
  /** The only serviceUrl the bot will send replies to (no requests to arbitrary hosts). */
  channelServiceUrl: string;
}

/** `POST /api/messages`, the bot's end of the Bot Connector contract. */
export function botRoutes(options: BotRoutesOptions): Router {
  const router = Router();
  router.post(
    '/api/messages',
    (req: Request, _res: Response, next: NextFunction) => {
      const presented = req.get(BOT_HOP_KEY_HEADER) ?? '';
      if (!presented || !secureEquals(presented, options.hopKey))
        return next(new HttpError(401, 'Unauthorized', 'Missing or wrong hop key'));
      next();
    },
    ...jsonBody({ limit: '512kb', code: 'BadArgument' }),
    async (req: Request, res: Response) => {
      if (req.body?.serviceUrl !== options.channelServiceUrl) throw new HttpError(403, 'Forbidden', 'Unknown serviceUrl');
      await options.adapter.process(req, res, async (context) => {
        context.turnState.set(REQUEST_ID, String(req.id));
        await options.bot.run(context);
      });
    },
  );
  return router;
}
