import { MessageFactory, type StatePropertyAccessor } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { formatGermanDate } from '../../domain/submissions/detail-parsers.js';
import { normaliseKvnr } from '../../domain/members/kvnr.js';
import { normalisePinCode } from '../../domain/members/einmal-pin/pin-code.js';
import { FailedTries, type AttemptGuard } from '../client-key.js';
import { PIN } from '../../domain/member-texts.de.js';
import { kvnrMistake } from './kvnr-prompt.js';
import { asSecretInput, CheckedTextPrompt } from './prompts.js';
import type { SubmissionDraft } from './submission-draft.js';
import type { SubmitDocumentOptions } from './submit-document.dialog.js';
import type { PinLogin } from '../../domain/members/einmal-pin/einmal-pin.service.js';

export const PIN_LOGIN_DIALOG = 'pinLogin';
const FLOW = 'pinLogin.flow';
const KVNR = 'pinLogin.kvnr';
const CARD = 'pinLogin.card';
const CODE = 'pinLogin.code';

/** Failed logins per conversation before the bot stops taking them (on top of the PIN's own lockout). */
export const MAX_LOGIN_ATTEMPTS = 5;

/** What the login hands back: the submission to run for the logged-in member. */
export interface PinLoginOutcome {
  startSubmission: SubmitDocumentOptions;
}

export interface PinDesk {
  login(kvnr: string, cardLast6: string, pin: string): Promise<PinLogin>;
  /** Failed logins per client across conversations (a new chat does not reset them). */
  attempts: AttemptGuard;
}

const digits = (text: string) => text.replace(/[\s.-]/g, '');

/**
 * Login with the Einmal-PIN from our letter: KVNR, the last six card digits and the PIN. Then
 * the document submission runs for that member, resuming a draft saved with the PIN.
 */
export class PinLoginDialog extends ComponentDialog {
  private readonly failedTries: FailedTries;

  constructor(
    private readonly desk: PinDesk,
    private readonly failedLogins: StatePropertyAccessor<number>,
  ) {
    super(PIN_LOGIN_DIALOG);
    this.failedTries = new FailedTries(failedLogins, MAX_LOGIN_ATTEMPTS, desk.attempts);
    this.addDialog(new CheckedTextPrompt(KVNR, kvnrMistake))
      .addDialog(new CheckedTextPrompt(CARD, (a) => (/^\d{6}$/.test(digits(a)) ? undefined : PIN.cardInvalid), undefined, true))
      .addDialog(new CheckedTextPrompt(CODE, (a) => (normalisePinCode(a) ? undefined : PIN.pinInvalid), undefined, true))
      .addDialog(
        new WaterfallDialog(FLOW, [this.askKvnr.bind(this), this.askCard.bind(this), this.askPin.bind(this), this.logIn.bind(this)]),
      );
    this.initialDialogId = FLOW;
  }

  private async askKvnr(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (await this.failedTries.usedUp(step.context)) {
      await step.context.sendActivity(PIN.tooManyAttempts);
      return step.endDialog();
    }
    return step.prompt(KVNR, { prompt: PIN.kvnr });
  }

  private askCard(step: WaterfallStepContext): Promise<DialogTurnResult> {
    (step.values as { kvnr: string }).kvnr = normaliseKvnr(String(step.result));
    return step.prompt(CARD, { prompt: asSecretInput(MessageFactory.text(PIN.card)) });
  }

  private askPin(step: WaterfallStepContext): Promise<DialogTurnResult> {
    (step.values as { card: string }).card = digits(String(step.result));
    return step.prompt(CODE, { prompt: asSecretInput(MessageFactory.text(PIN.pin)) });
  }

  private async logIn(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { kvnr, card } = step.values as { kvnr: string; card: string };
    const result = await this.desk.login(kvnr, card, String(step.result));
    if (!result.ok) {
      if (result.reason === 'mismatch') {
        await this.failedTries.record(step.context);
        await step.context.sendActivity(PIN.mismatch);
        return step.replaceDialog(FLOW);
      }
      await step.context.sendActivity(PIN[result.reason]);
      return step.endDialog();
    }
    await this.failedLogins.set(step.context, 0);
    await step.context.sendActivity(PIN.welcome(result.purpose, formatGermanDate(result.validUntil)));
    const draft = result.draft as SubmissionDraft | null;
    if (draft) await step.context.sendActivity(PIN.resume);
    // The main dialog starts the submission with this (it owns that dialog).
    return step.endDialog({
      startSubmission: { pin: { id: result.pinId, kvnr: result.kvnr }, ...(draft ? { draft } : {}) },
    } satisfies PinLoginOutcome);
  }
}
