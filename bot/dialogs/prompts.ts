import { MessageFactory, type Activity } from 'botbuilder';
import { TextPrompt, type DialogTurnResult, type PromptValidatorContext, type WaterfallStepContext } from 'botbuilder-dialogs';

export function withButtons(text: string, choices?: readonly string[]): Partial<Activity> {
  return choices && choices.length > 0 ? MessageFactory.suggestedActions([...choices], text) : MessageFactory.text(text);
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
      if (match) prompt.recognized.value = match;
      return !!match;
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
  constructor(id: string, check: (answer: string, validations: unknown) => string | undefined | Promise<string | undefined>, retryButtons?: (validations: unknown) => readonly string[] | undefined) {
    super(id, async (prompt: PromptValidatorContext<string>) => {
      const error = await check(prompt.recognized.value ?? '', prompt.options.validations);
      if (error === undefined) return true;
      prompt.options.retryPrompt = withButtons(error, retryButtons?.(prompt.options.validations));
      return false;
    });
  }
}
