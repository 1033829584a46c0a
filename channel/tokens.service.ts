import { randomBytes, webcrypto } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { HttpError } from '../platform/errors/index.js';

export interface ConversationGrant {
  conversationId: string;
  userId: string;
}

export class TokenExpiredError extends HttpError {
  constructor() {
    super(403, 'TokenExpired', 'Token expired');
  }
}

export class InvalidTokenError extends HttpError {
  constructor() {
    super(401, 'Unauthorized', 'Invalid token');
  }
}

export function newConversationId(): string {
  return randomBytes(18).toString('base64url');
}

export function newUserId(): string {
  return `dl_${randomBytes(12).toString('base64url')}`;
}

const ISSUER = 'musterkasse-directline';

/** Direct Line tokens: signed (HS256), bound to one conversation and one user, short-lived. */
export class DirectLineTokens {
  private readonly key: Promise<webcrypto.CryptoKey>;

  constructor(
    rawKey: Uint8Array,
    readonly ttlSeconds: number,
  ) {
    // Imported once: handing jose raw bytes would re-import the key on every request.
    this.key = webcrypto.subtle.importKey('raw', new Uint8Array(rawKey), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
  }

  async issue(grant: ConversationGrant): Promise<{ token: string; expiresIn: number }> {
    const token = await new SignJWT({ conv: grant.conversationId })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setSubject(grant.userId)
      .setIssuedAt()
      .setJti(randomBytes(8).toString('base64url'))
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(await this.key);
    return { token, expiresIn: this.ttlSeconds };
  }

  async verify(token: string): Promise<ConversationGrant> {
    try {
      const { payload } = await jwtVerify(token, await this.key, { issuer: ISSUER, algorithms: ['HS256'] });
      if (typeof payload.conv !== 'string' || typeof payload.sub !== 'string') throw new InvalidTokenError();
      return { conversationId: payload.conv, userId: payload.sub };
    } catch (err) {
      if (err instanceof errors.JWTExpired) throw new TokenExpiredError();
      throw new InvalidTokenError();
    }
  }
}
