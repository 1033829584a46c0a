import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The Direct Line secret: from the configuration, or (outside production, where the
 * configuration requires it) generated once and kept in `var/` so that tokens stay valid
 * across restarts of a development installation.
 */
export function resolveDirectLineSecret(configured: string | undefined, varDir: string): string {
  if (configured) return configured;
  const file = path.join(varDir, 'directline-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(varDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}

/** Separate keys for separate jobs, all derived from the one configured secret. */
export function deriveKey(
  secret: string,
  purpose: 'directline-token' | 'bot-hop' | 'attachment-url' | 'client-key' | 'export-file-link',
): Buffer {
  return createHmac('sha256', secret).update(`musterkasse:${purpose}`).digest();
}

/** Header that carries the hop key between the channel and the bot (both ways). */
export const BOT_HOP_KEY_HEADER = 'x-musterkasse-hop-key';
