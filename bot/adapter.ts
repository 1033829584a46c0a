import { CloudAdapter, ShowTypingMiddleware, type TurnContext } from 'botbuilder';
import {
  AuthenticationConfiguration,
  BotFrameworkAuthenticationFactory,
  ServiceClientCredentialsFactory,
  type ConnectorClientOptions,
  type ServiceClientCredentials,
} from 'botframework-connector';
import type { Logger } from '../platform/logging/logger.js';
import { BOT_HOP_KEY_HEADER } from '../platform/secrets.js';
import { TEXTS } from '../domain/member-texts.de.js';

export const REQUEST_ID = Symbol('requestId');

/**
 * On premises there are no Microsoft app credentials. Instead every call from the bot to the
 * channel carries the hop key; inbound calls are checked by the /api/messages route.
 */
class HopKeyCredentialsFactory extends ServiceClientCredentialsFactory {
  constructor(private readonly hopKey: string) {
    super();
  }

  async isValidAppId(appId: string): Promise<boolean> {
    return !appId;
  }

  async isAuthenticationDisabled(): Promise<boolean> {
    return true;
  }

  async createCredentials(): Promise<ServiceClientCredentials> {
    const hopKey = this.hopKey;
    return {
      async signRequest(request: Parameters<ServiceClientCredentials['signRequest']>[0]) {
        request.headers.set(BOT_HOP_KEY_HEADER, hopKey);
        return request;
      },
    };
  }
}

type CompatHttpClient = NonNullable<ConnectorClientOptions['httpClient']>;
type CompatRequest = Parameters<CompatHttpClient['sendRequest']>[0];

/**
 * botbuilder makes a new connector client for every turn, and each brings its own connection
 * pool, so every reply would open a new TCP connection. This one client, shared by all of
 * them, sends through fetch and its keep-alive pool instead.
 */
const sharedHttpClient: CompatHttpClient = {
  async sendRequest(request: CompatRequest) {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers.rawHeaders(),
      body: request.body as string | undefined,
      signal: request.abortSignal as AbortSignal | undefined,
    });
    const bodyAsText = await response.text();
    const headers = Object.fromEntries(response.headers);
    return {
      request,
      status: response.status,
      bodyAsText,
      headers: {
        get: (name: string) => headers[name.toLowerCase()],
        toJson: () => headers,
        rawHeaders: () => headers,
      },
    } as unknown as Awaited<ReturnType<CompatHttpClient['sendRequest']>>;
  },
};

export function createAdapter(hopKey: string, logger: Logger, onFailedTurn: (context: TurnContext) => Promise<void>): CloudAdapter {
  const auth = BotFrameworkAuthenticationFactory.create(
    '',
    true,
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    new HopKeyCredentialsFactory(hopKey),
    new AuthenticationConfiguration(),
    undefined,
    { httpClient: sharedHttpClient },
  );
  const adapter = new CloudAdapter(auth);
  // Members see "typing…" when an answer takes longer than half a second.
  adapter.use(new ShowTypingMiddleware(500, 2000));
  adapter.onTurnError = async (context, error) => {
    logger.error(
      { err: error, requestId: context.turnState.get(REQUEST_ID), conversationId: context.activity.conversation?.id },
      'Bot turn failed',
    );
    try {
      await context.sendActivity(TEXTS.turnError);
      await onFailedTurn(context);
    } catch (err) {
      logger.error({ err }, 'Could not recover the conversation after a failed turn');
    }
  };
  return adapter;
}
