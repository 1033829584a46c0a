import type { StatePropertyAccessor } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { SubmissionStatus } from '../../platform/db/schema.js';
import { normaliseKvnr } from '../../domain/members/kvnr.js';
import { parseTrackingId } from '../../domain/submissions/tracking-id.js';
import { FailedTries, type AttemptGuard } from '../client-key.js';
import { STATUS } from '../../domain/member-texts.de.js';
import { kvnrMistake } from './kvnr-prompt.js';
import { CheckedTextPrompt } from './prompts.js';

export const STATUS_DIALOG = 'status';
const FLOW = 'status.flow';
const TRACKING_ID = 'status.trackingId';
const KVNR = 'status.kvnr';

/** Lookups that found nothing, per conversation, before the bot stops answering (guessing protection). */
export const MAX_FAILED_LOOKUPS = 5;

export interface StatusDesk {
  submissionStatus(trackingId: string, kvnr: string): Promise<SubmissionStatus | undefined>;
  /** Failed lookups per client across conversations (a new chat does not reset them). */
  attempts: AttemptGuard;
}

export interface StatusOptions {
  /** Already given in the member's message. */
  trackingId?: string;
}

/**
 * The state of a submission, for whoever knows both its tracking ID and the KVNR it was filed
 * under, and nothing else: not the type, not the files, not whether the ID exists.
 */
export class StatusDialog extends ComponentDialog {
  private readonly failedLookups: FailedTries;

  constructor(
    private readonly desk: StatusDesk,
    failedLookups: StatePropertyAccessor<number>,
  ) {
    super(STATUS_DIALOG);
    this.failedLookups = new FailedTries(failedLookups, MAX_FAILED_LOOKUPS, desk.attempts);
    this.addDialog(new CheckedTextPrompt(TRACKING_ID, (a) => (parseTrackingId(a) ? undefined : STATUS.trackingIdInvalid)))
      .addDialog(new CheckedTextPrompt(KVNR, kvnrMistake))
      .addDialog(new WaterfallDialog(FLOW, [this.askTrackingId.bind(this), this.askKvnr.bind(this), this.lookUp.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async askTrackingId(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (await this.failedLookups.usedUp(step.context)) {
      await step.context.sendActivity(STATUS.tooManyAttempts);
      return step.endDialog();
    }
    const given = (step.options as StatusOptions | undefined)?.trackingId;
    return given ? step.next(given) : step.prompt(TRACKING_ID, { prompt: STATUS.trackingId });
  }

  private askKvnr(step: WaterfallStepContext): Promise<DialogTurnResult> {
    (step.values as { trackingId: string }).trackingId = parseTrackingId(String(step.result))!;
    return step.prompt(KVNR, { prompt: STATUS.kvnr });
  }

  private async lookUp(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { trackingId } = step.values as { trackingId: string };
    const status = await this.desk.submissionStatus(trackingId, normaliseKvnr(String(step.result)));
    if (!status) {
      await this.failedLookups.record(step.context);
      await step.context.sendActivity(STATUS.notFound);
      return step.endDialog();
    }
    await step.context.sendActivity(STATUS.found(trackingId, STATUS.states[status]));
    return step.endDialog({ status });
  }
}
