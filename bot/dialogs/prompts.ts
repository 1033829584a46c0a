import { MessageFactory, type Activity } from 'botbuilder';
import { SECRET_INPUT_FLAG } from '../../domain/chat/activity.js';
import { TextPrompt, type DialogTurnResult, type PromptValidatorContext, type WaterfallStepContext } from 'botbuilder-dialogs';

export function withButtons(text: string, choices?: readonly string[]): Partial<Activity> {
  return choices && choices.length > 0 ? MessageFactory.suggestedActions([...choices], text) : MessageFactory.text(text);
}

/** After this many unusable answers to one question in a row, the bot offers a person instead. */
export const MAX_FAILED_ANSWERS = 3;
/** Set in the turn state when a question failed that often; the main dialog then starts the handoff. */
export const STUCK_IN_DIALOG = Symbol('stuck-in-dialog');

/**
 * The answer was not usable: on the last try, the question is not asked again (the turn counts
 * as answered) and the turn is marked, so the main dialog decides what helps instead.
 */
export async function onUnusable(prompt: PromptValidatorContext<string>): Promise<false> {
  if (prompt.attemptCount >= MAX_FAILED_ANSWERS) {
    prompt.context.turnState.set(STUCK_IN_DIALOG, true);
    prompt.context.responded = true;
  }
  return false;
}

export function same(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * A question with buttons: the answer must be one of them (typed or tapped, any case). The
 * recognised value is the button's own text.
 */
export class ButtonPrompt extends TextPrompt {
  constructor(id: string) {
    super(id, async (prompt: PromptValidatorContext<string>) => {
      const { choices } = (prompt.options.validations ?? {}) as { choices?: readonly string[] };
      const match = choices?.find((c) => same(c, prompt.recognized.value ?? ''));
      if (!match) return onUnusable(prompt);
      prompt.recognized.value = match;
      return true;
    });
  }

  static ask(step: WaterfallStepContext, id: string, text: string, choices: readonly string[], retry: string): Promise<DialogTurnResult> {
    return step.prompt(id, { prompt: withButtons(text, choices), retryPrompt: withButtons(retry, choices), validations: { choices } });
  }
}

/**
 * A free-text question checked by a function that returns the German explanation of a
 * mistake (shown instead of repeating the question), or nothing when the answer is usable.
 */
export class CheckedTextPrompt extends TextPrompt {
  constructor(
    id: string,
    check: (answer: string, validations: unknown) => string | undefined | Promise<string | undefined>,
    retryButtons?: (validations: unknown) => readonly string[] | undefined,
    /** The answer is a secret (PIN, card digits): asked for, and asked again, as secret input. */
    secret = false,
  ) {
    super(id, async (prompt: PromptValidatorContext<string>) => {
      const error = await check(prompt.recognized.value ?? '', prompt.options.validations);
      if (error === undefined) return true;
      const retry = withButtons(error, retryButtons?.(prompt.options.validations));
      prompt.options.retryPrompt = secret ? asSecretInput(retry) : retry;
      return onUnusable(prompt);
    });
  }
}

/**
 * A question whose answer must not stand in the transcript: the channel stores the member's
 * reply masked (agents and the 90-day transcript never see it); the bot still gets it.
 */
export function asSecretInput(activity: Partial<Activity>): Partial<Activity> {
  return { ...activity, channelData: { ...(activity.channelData as object | undefined), [SECRET_INPUT_FLAG]: true } };
}
