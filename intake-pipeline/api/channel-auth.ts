import type { NextFunction, Request, Response } from 'express';
import type { ChannelScope } from '../../platform/db/schema.js';
import { UnauthenticatedError } from '../../platform/errors/index.js';
import type { IntakeChannel, IntakeChannels } from '../../domain/channels/channel-keys.js';

declare module 'express-serve-static-core' {
  interface Request {
    intakeChannel?: IntakeChannel;
  }
}

/**
 * `Authorization: Bearer <channel key>`: which system is calling. A key of another scope counts
 * as invalid; no header leaves `req.intakeChannel` unset (the route decides whether it needs one).
 */
export function channelAuth(channels: IntakeChannels, scope: ChannelScope) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const header = req.get('authorization') ?? '';
    if (!header.startsWith('Bearer ')) return next();
    const channel = await channels.byKey(header.slice(7).trim(), scope);
    if (!channel) return next(new UnauthenticatedError('invalid_channel_key', 'Dieser Kanalschlüssel ist ungültig oder widerrufen.'));
    req.intakeChannel = channel;
    next();
  };
}

/** The calling channel, or 401 when the request carried no key. */
export function requireChannel(req: Request): IntakeChannel {
  if (!req.intakeChannel)
    throw new UnauthenticatedError('channel_key_required', 'Bitte senden Sie den Kanalschlüssel als „Authorization: Bearer …“.');
  return req.intakeChannel;
}
