import { HttpError } from '../platform/errors/index.js';
import { BOT_HOP_KEY_HEADER } from '../platform/secrets.js';
import type { Activity } from '../domain/chat/activity.js';

/** Posts activities to the bot over the Bot Connector contract (`POST /api/messages`). */
export class BotClient {
  constructor(
    private readonly endpoint: string,
    private readonly hopKey: string,
    private readonly timeoutMs: number,
  ) {}

  async deliver(activity: Activity): Promise<void> {
    let response: Response;
    try {
      response = await fetch(this.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [BOT_HOP_KEY_HEADER]: this.hopKey },
        body: JSON.stringify(activity),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      const timedOut = (err as Error).name === 'TimeoutError';
      throw new HttpError(
        502,
        timedOut ? 'BotTimeout' : 'BotUnavailable',
        timedOut ? 'The bot did not answer in time' : 'The bot is not reachable',
      );
    }
    // Drain the body so the connection can be reused.
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) throw new HttpError(502, 'BotRejectedActivity', `The bot rejected the activity (${response.status})`);
  }
}
