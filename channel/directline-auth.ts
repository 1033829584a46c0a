import type { Request } from 'express';
import { HttpError } from '../platform/errors/index.js';
import { secureEquals } from '../platform/secure-compare.js';
import type { ConversationGrant, DirectLineTokens } from './tokens.service.js';

export type DirectLineCaller = { kind: 'secret' } | { kind: 'token'; grant: ConversationGrant; token: string };

function bearer(req: Request): string {
  const header = req.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new HttpError(401, 'Unauthorized', 'Missing Authorization: Bearer header');
  return match[1]!;
}

/** Who is calling: the holder of the channel secret (the site's backend) or of a conversation token. */
export async function identifyCaller(req: Request, secret: string, tokens: DirectLineTokens): Promise<DirectLineCaller> {
  const credential = bearer(req);
  if (secureEquals(credential, secret)) return { kind: 'secret' };
  return { kind: 'token', grant: await tokens.verify(credential), token: credential };
}

/** A token opens only its own conversation; the secret opens any. */
export function assertConversationAccess(caller: DirectLineCaller, conversationId: string): void {
  if (caller.kind === 'token' && caller.grant.conversationId !== conversationId) {
    throw new HttpError(403, 'Forbidden', 'The token is not valid for this conversation');
  }
}
