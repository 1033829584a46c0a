import { CloudAdapter, type TurnContext } from 'botbuilder';
import {
  AuthenticationConfiguration,
  BotFrameworkAuthenticationFactory,
  ServiceClientCredentialsFactory,
  type ServiceClientCredentials,
} from 'botframework-connector';
import type { Logger } from '../core/logging/logger.js';
import { BOT_HOP_KEY_HEADER } from '../core/secrets.js';
import { TEXTS } from './texts.de.js';

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

export function createAdapter(hopKey: string, logger: Logger, onFailedTurn: (context: TurnContext) => Promise<void>): CloudAdapter {
  const auth = BotFrameworkAuthenticationFactory.create('', true, '', '', '', '', '', '', '', new HopKeyCredentialsFactory(hopKey), new AuthenticationConfiguration());
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    logger.error({ err: error, requestId: context.turnState.get(REQUEST_ID), conversationId: context.activity.conversation?.id }, 'Bot turn failed');
    try {
      await context.sendActivity(TEXTS.turnError);
      await onFailedTurn(context);
    } catch (err) {
      logger.error({ err }, 'Could not recover the conversation after a failed turn');
    }
  };
  return adapter;
}
