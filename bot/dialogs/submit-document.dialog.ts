import { MessageFactory, type Attachment, type TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  Dialog,
  DialogReason,
  DialogTurnStatus,
  WaterfallDialog,
  type DialogContext,
  type DialogInstance,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { DependencyUnavailableError } from '../../platform/errors/index.js';
import { normaliseKvnr } from '../../domain/members/kvnr.js';
import type { DocumentLimits } from '../../domain/submissions/document-check.js';
import type { DraftSummary, FileOutcome } from '../../domain/submissions/submission.service.js';
import type { NewSubmission } from '../../domain/submissions/submissions.repository.js';
import {
  findDetails,
  guessSubmissionType,
  readDetail,
  submissionType,
  SUBMISSION_TYPES,
  type DetailValue,
} from '../../domain/submissions/submission-types.js';
import { AttachmentUnavailableError, type MemberAttachment } from '../../domain/chat/attachments.js';
import { fileOutcomeText, SUBMIT } from '../../domain/member-texts.de.js';
import { kilobytes } from '../../domain/submissions/refusal-reasons.de.js';
import { kvnrMistake } from './kvnr-prompt.js';
import { ButtonPrompt, CheckedTextPrompt, same, withButtons } from './prompts.js';
import { buildSummary } from './submission-summary.js';
import type { SubmissionDraft } from './submission-draft.js';

/**
 * How long one message's files may take to check. The channel waits for the turn (Direct
 * Line's 15 s), so files still unchecked then (a handful of PDF bombs, say) are refused as
 * "busy", to be sent again, instead of the member's client getting a timeout.
 */
const FILE_CHECK_BUDGET_MS = 8_000;

export const SUBMIT_DOCUMENT_DIALOG = 'submitDocument';
const FLOW = 'submitDocument.flow';
const DETAILS = 'submitDocument.details';
const FILES = 'submitDocument.files';
const CHOICE_PROMPT = 'submitDocument.choice';
const KVNR_PROMPT = 'submitDocument.kvnr';
const DETAIL_PROMPT = 'submitDocument.detail';
const NOTE_PROMPT = 'submitDocument.note';

const NOTE_MAX = 500;

/** Logged in with an Einmal-PIN: the submission belongs to the PIN's member and is kept with the PIN. */
export interface PinSession {
  id: string;
  kvnr: string;
}

export interface SubmitDocumentOptions {
  /** The member's message that started this (details in it are not asked again). */
  message?: string;
  /** Earlier messages of the member: their details are not asked again either (the type is not guessed from them). */
  earlier?: string;
  /** Files the member sent before the dialog asked for them. */
  attachments?: Attachment[];
  draft?: SubmissionDraft;
  pin?: PinSession;
}

/** What the dialog needs to take documents in (core's SubmissionService provides it). */
export interface SubmissionDesk {
  readonly limits: DocumentLimits;
  draft(draftKey: string): Promise<DraftSummary>;
  /** `channelFileId`: the channel's stored file these bytes are (taken over instead of stored again). */
  addFile(draftKey: string, bytes: Buffer, name: string, channelFileId?: string): Promise<FileOutcome>;
  /** With `spendPinId`, the Einmal-PIN is used up in the same transaction. */
  submit(draftKey: string, submission: NewSubmission, spendPinId?: string): Promise<{ trackingId: string }>;
  discardDraft(draftKey: string): Promise<void>;
}

export interface SubmitDocumentDeps {
  desk: SubmissionDesk;
  download(attachment: Attachment, conversationId: string): Promise<MemberAttachment>;
  /** Today in the insurer's time zone (YYYY-MM-DD). */
  today(): string;
  /** Keeps a PIN member's answers, so they can go on later from any device. */
  savePinDraft(pinId: string, draft: SubmissionDraft): Promise<void>;
  /** A submission left alone this long is ended and its files deleted (as the housekeeping job does). */
  draftExpiryMs: number;
  clock(): Date;
}

interface FlowOptions {
  draft: SubmissionDraft;
  pin?: PinSession;
}

/** The file step waits for uploads, not for a typed answer; "asking again" repeats its instructions. */
interface FilesOptions {
  first: boolean;
  key: string;
}

class FilesDialog extends WaterfallDialog {
  constructor(
    id: string,
    steps: ConstructorParameters<typeof WaterfallDialog>[1],
    private readonly instructions: (context: TurnContext, key: string) => Promise<void>,
  ) {
    super(id, steps);
  }

  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    await this.instructions(context, (instance.state['options'] as FilesOptions).key);
  }
}

interface DetailRef {
  typeId: string;
  key: string;
}

function fieldOf({ typeId, key }: DetailRef) {
  return submissionType(typeId)!.fields.find((f) => f.key === key)!;
}

function noteMistake(answer: string): string | undefined {
  const length = answer.trim().length;
  if (length === 0) return SUBMIT.note;
  return length > NOTE_MAX ? SUBMIT.noteTooLong(length) : undefined;
}

/** A draft's files belong to the conversation they were uploaded in. */
export function draftKeyOf(context: TurnContext, pin?: PinSession): string {
  return pin ? `pin:${pin.id}` : `chat:${context.activity.channelId}:${context.activity.conversation.id}`;
}

/**
 * Takes a document in and asks, up front, for everything the case needs: the kind of
 * document, whose it is (KVNR), the details its type requires, the files, an optional note;
 * then a summary to confirm or correct, and only after everything is stored, the tracking ID.
 * Each step is skipped when the answer is already known, so a correction re-enters the flow
 * with one answer removed.
 */
export class SubmitDocumentDialog extends ComponentDialog {
  constructor(private readonly deps: SubmitDocumentDeps) {
    super(SUBMIT_DOCUMENT_DIALOG);
    this.addDialog(new ButtonPrompt(CHOICE_PROMPT))
      .addDialog(new CheckedTextPrompt(KVNR_PROMPT, kvnrMistake))
      .addDialog(
        new CheckedTextPrompt(
          DETAIL_PROMPT,
          (answer, v) => this.detailMistake(answer, v as DetailRef),
          (v) => fieldOf(v as DetailRef).choices,
        ),
      )
      .addDialog(new CheckedTextPrompt(NOTE_PROMPT, noteMistake, () => [SUBMIT.noNote]))
      .addDialog(
        new WaterfallDialog(
          FLOW,
          [
            this.askType,
            this.askWhose,
            this.askKvnr,
            this.collectDetails,
            this.collectFiles,
            this.askNote,
            this.review,
            this.decide,
            this.correct,
          ].map((fn) => this.persisting(fn.bind(this))),
        ),
      )
      .addDialog(new WaterfallDialog(DETAILS, [this.askDetail.bind(this), this.storeDetail.bind(this)]))
      .addDialog(
        new FilesDialog(FILES, [this.askFiles.bind(this), this.receiveFiles.bind(this)], (context, key) =>
          this.sendFilesIntro(context, key),
        ),
      );
    this.initialDialogId = FLOW;
  }

  /** Remembers whose draft this is for the hooks below, which see no step options. */
  override beginDialog(outerDc: DialogContext, options?: SubmitDocumentOptions): Promise<DialogTurnResult> {
    const state = outerDc.activeDialog!.state;
    state['draftKey'] = draftKeyOf(outerDc.context, options?.pin);
    state['pin'] = options?.pin ?? null;
    state['lastActivity'] = this.deps.clock().getTime();
    return super.beginDialog(outerDc, options);
  }

  /**
   * A member who comes back to a submission after the draft expiry finds it ended (its files
   * are gone by then) instead of a question whose context is lost. With an Einmal-PIN the
   * draft lives as long as the PIN; logging in again resumes it.
   */
  override async continueDialog(outerDc: DialogContext): Promise<DialogTurnResult> {
    const state = outerDc.activeDialog!.state;
    const now = this.deps.clock().getTime();
    const idle = now - ((state['lastActivity'] as number | undefined) ?? now);
    state['lastActivity'] = now;
    if (!state['pin'] && idle > this.deps.draftExpiryMs) {
      await this.deps.desk.discardDraft(state['draftKey'] as string);
      await outerDc.context.sendActivity(SUBMIT.expired);
      return outerDc.endDialog();
    }
    return super.continueDialog(outerDc);
  }

  /** Files sent while another question is open are taken too, then the question is repeated. */
  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const attachments = innerDc.context.activity.attachments ?? [];
    const inFiles = innerDc.stack.some((d) => d.id === FILES);
    if (attachments.length > 0 && !inFiles && !innerDc.context.activity.text) {
      await this.takeFiles(innerDc.context, attachments, innerDc.parent!.activeDialog!.state['draftKey'] as string);
      await innerDc.repromptDialog();
      return Dialog.EndOfTurn;
    }
    return super.onContinueDialog(innerDc);
  }

  /**
   * Cancelled ("abbrechen" at any step): the files uploaded so far are deleted. With an
   * Einmal-PIN they stay, with the answers, until the PIN expires: the member may go on later.
   */
  protected override async onEndDialog(context: TurnContext, instance: DialogInstance, reason: DialogReason): Promise<void> {
    if (reason === DialogReason.cancelCalled) {
      if (instance.state['pin']) await context.sendActivity(SUBMIT.pinDraftKept);
      else await this.deps.desk.discardDraft(instance.state['draftKey'] as string);
    }
    await super.onEndDialog(context, instance, reason);
  }

  /** With an Einmal-PIN, the answers are saved after every step (in PostgreSQL, with the PIN). */
  private persisting(step: (s: WaterfallStepContext) => Promise<DialogTurnResult>) {
    return async (s: WaterfallStepContext): Promise<DialogTurnResult> => {
      const result = await step(s);
      const { pin } = s.options as FlowOptions;
      const draft = (s.values as { draft?: SubmissionDraft }).draft;
      if (pin && draft && result.status !== DialogTurnStatus.complete) await this.deps.savePinDraft(pin.id, draft);
      return result;
    };
  }

  private key(step: WaterfallStepContext): string {
    return draftKeyOf(step.context, (step.options as FlowOptions | undefined)?.pin);
  }

  /** Details of this type found in what the member wrote before (the latest message wins). */
  private detailsAlreadyGiven(
    typeId: string,
    { earlier, message }: Pick<SubmitDocumentOptions, 'earlier' | 'message'>,
  ): Record<string, DetailValue> {
    const type = submissionType(typeId)!;
    const context = { today: this.deps.today() };
    return { ...findDetails(type, earlier ?? '', context), ...findDetails(type, message ?? '', context) };
  }

  private draft(step: WaterfallStepContext): SubmissionDraft {
    return (step.values as { draft: SubmissionDraft }).draft;
  }

  private async askType(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = (step.options ?? {}) as SubmitDocumentOptions;
    const draft: SubmissionDraft = options.draft ?? { details: {} };
    if (options.pin && !draft.kvnr) Object.assign(draft, { kvnr: options.pin.kvnr, forSelf: true });
    if (!options.draft && options.message) {
      const guessed = guessSubmissionType(options.message);
      if (guessed) {
        draft.typeId = guessed.id;
        draft.details = this.detailsAlreadyGiven(guessed.id, options);
      }
    }
    const values = step.values as { draft: SubmissionDraft; earlier?: string; message?: string };
    Object.assign(values, { draft, earlier: options.earlier, message: options.message });
    if (options.attachments?.length) await this.takeFiles(step.context, options.attachments, this.key(step));
    if (draft.typeId) return step.next();
    return ButtonPrompt.ask(
      step,
      CHOICE_PROMPT,
      SUBMIT.chooseType,
      SUBMISSION_TYPES.map((t) => t.label),
      SUBMIT.chooseTypeRetry,
    );
  }

  private async askWhose(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    const chosen = typeof step.result === 'string' ? SUBMISSION_TYPES.find((t) => same(t.label, step.result as string)) : undefined;
    if (chosen && chosen.id !== draft.typeId) {
      draft.typeId = chosen.id;
      draft.details = this.detailsAlreadyGiven(chosen.id, step.values as SubmitDocumentOptions);
    }
    if (draft.kvnr) return step.next();
    return ButtonPrompt.ask(step, CHOICE_PROMPT, SUBMIT.whose, [SUBMIT.forSelf, SUBMIT.forOther], SUBMIT.whoseRetry);
  }

  private async askKvnr(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    if (draft.kvnr) return step.next();
    draft.forSelf = same(String(step.result), SUBMIT.forSelf);
    return step.prompt(KVNR_PROMPT, { prompt: draft.forSelf ? SUBMIT.kvnrSelf : SUBMIT.kvnrOther });
  }

  private async collectDetails(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    if (typeof step.result === 'string') draft.kvnr = normaliseKvnr(step.result);
    return step.beginDialog(DETAILS, { draft, pin: (step.options as FlowOptions).pin } satisfies FlowOptions);
  }

  private async collectFiles(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    draft.details = step.result as Record<string, DetailValue>;
    if (draft.filesDone) return step.next();
    return step.beginDialog(FILES, { first: true, key: this.key(step) } satisfies FilesOptions);
  }

  private async askNote(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    draft.filesDone = true;
    if (draft.note !== undefined) return step.next();
    return step.prompt(NOTE_PROMPT, { prompt: withButtons(SUBMIT.note, [SUBMIT.noNote]) });
  }

  private async review(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    if (typeof step.result === 'string') draft.note = same(step.result, SUBMIT.noNote) ? null : step.result.trim();
    const files = await this.deps.desk.draft(this.key(step));
    return ButtonPrompt.ask(
      step,
      CHOICE_PROMPT,
      buildSummary(draft, files),
      [SUBMIT.send, SUBMIT.correct, SUBMIT.cancel],
      SUBMIT.reviewRetry,
    );
  }

  private async decide(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    const answer = String(step.result);
    if (same(answer, SUBMIT.cancel)) {
      if ((step.options as FlowOptions).pin) await step.context.sendActivity(SUBMIT.pinDraftKept);
      else {
        await this.deps.desk.discardDraft(this.key(step));
        await step.context.sendActivity(SUBMIT.cancelledDraft);
      }
      return step.endDialog();
    }
    if (same(answer, SUBMIT.send)) {
      const { pin } = step.options as FlowOptions;
      const { trackingId } = await this.deps.desk.submit(
        this.key(step),
        {
          source: 'chat',
          kvnr: draft.kvnr!,
          declaredType: draft.typeId!,
          details: draft.details,
          note: draft.note ?? null,
          conversationId: step.context.activity.conversation.id,
        },
        pin?.id,
      );
      await step.context.sendActivity(MessageFactory.text(SUBMIT.submitted(trackingId)));
      return step.endDialog({ trackingId });
    }
    return ButtonPrompt.ask(
      step,
      CHOICE_PROMPT,
      SUBMIT.whatToCorrect,
      this.correctable(draft, !!(step.options as FlowOptions).pin),
      SUBMIT.correctRetry,
    );
  }

  private async correct(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    const answer = String(step.result);
    const type = submissionType(draft.typeId!)!;
    const field = type.fields.find((f) => same(f.label, answer));
    if (field) delete draft.details[field.key];
    else if (same(answer, SUBMIT.correctWhose)) delete draft.kvnr;
    else if (same(answer, SUBMIT.correctNote)) delete draft.note;
    else if (same(answer, SUBMIT.correctFiles)) {
      await this.deps.desk.discardDraft(this.key(step));
      delete draft.filesDone;
    } else delete draft.typeId;
    return step.replaceDialog(FLOW, { draft, pin: (step.options as FlowOptions).pin } satisfies FlowOptions);
  }

  /** With an Einmal-PIN the insured person is fixed by the letter. */
  private correctable(draft: SubmissionDraft, withPin: boolean): string[] {
    const type = submissionType(draft.typeId!)!;
    return [
      'Art des Dokuments',
      ...(withPin ? [] : [SUBMIT.correctWhose]),
      ...type.fields.map((f) => f.label),
      SUBMIT.correctFiles,
      SUBMIT.correctNote,
    ];
  }

  // --- details: one question per missing field, in the registry's order ---

  private async askDetail(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { draft } = step.options as FlowOptions;
    const typeId = draft.typeId!;
    const field = submissionType(typeId)!.fields.find((f) => draft.details[f.key] === undefined);
    if (!field) return step.endDialog(draft.details);
    (step.values as { field: string }).field = field.key;
    return step.prompt(DETAIL_PROMPT, {
      prompt: withButtons(field.prompt, field.choices),
      validations: { typeId, key: field.key } satisfies DetailRef,
    });
  }

  private async storeDetail(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { draft, pin } = step.options as FlowOptions;
    const field = fieldOf({ typeId: draft.typeId!, key: (step.values as { field: string }).field });
    const read = readDetail(field, String(step.result), { today: this.deps.today() });
    const next: SubmissionDraft = 'value' in read ? { ...draft, details: { ...draft.details, [field.key]: read.value } } : draft;
    if (pin) await this.deps.savePinDraft(pin.id, next);
    return step.replaceDialog(DETAILS, { draft: next, pin } satisfies FlowOptions);
  }

  // --- files: any number of uploads until "Fertig" ---

  private async askFiles(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { first, key } = step.options as FilesOptions;
    if (first) await this.sendFilesIntro(step.context, key);
    return Dialog.EndOfTurn;
  }

  private async sendFilesIntro(context: TurnContext, key: string): Promise<void> {
    const { maxPages, maxPageBytes } = this.deps.desk.limits;
    const { pages } = await this.deps.desk.draft(key);
    const text = pages > 0 ? SUBMIT.filesAlready(pages) : SUBMIT.filesIntro(maxPages, kilobytes(maxPageBytes));
    await context.sendActivity(withButtons(text, pages > 0 ? [SUBMIT.filesDone] : undefined));
  }

  private async receiveFiles(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const { key } = step.options as FilesOptions;
    const again = { first: false, key } satisfies FilesOptions;
    const attachments = context.activity.attachments ?? [];
    if (attachments.length > 0) {
      await this.takeFiles(context, attachments, key);
      return step.replaceDialog(FILES, again);
    }
    const { pages } = await this.deps.desk.draft(key);
    if (
      same(context.activity.text ?? '', SUBMIT.filesDone) ||
      /^\s*(fertig|das war'?s|alles|weiter)\b/i.test(context.activity.text ?? '')
    ) {
      if (pages > 0) return step.endDialog();
      await context.sendActivity(SUBMIT.filesNoneYet);
      return step.replaceDialog(FILES, again);
    }
    await context.sendActivity(
      withButtons(pages > 0 ? SUBMIT.filesWaiting : SUBMIT.filesNoneYet, pages > 0 ? [SUBMIT.filesDone] : undefined),
    );
    return step.replaceDialog(FILES, again);
  }

  /** Fetches, checks and stores each file; one reply lists what was taken and what not, and why. */
  private async takeFiles(context: TurnContext, attachments: Attachment[], key: string): Promise<void> {
    const { limits } = this.deps.desk;
    const lines: string[] = [];
    const deadline = Date.now() + FILE_CHECK_BUDGET_MS;
    for (const attachment of attachments) {
      const name = (attachment.name ?? 'Datei').slice(0, 120);
      if (Date.now() > deadline) {
        lines.push(fileOutcomeText(name, { accepted: false, reason: 'busy', totalPages: 0 }, limits));
        continue;
      }
      let downloaded: MemberAttachment;
      try {
        downloaded = await this.deps.download(attachment, context.activity.conversation.id);
      } catch (err) {
        if (!(err instanceof AttachmentUnavailableError)) throw err;
        lines.push(fileOutcomeText(name, { accepted: false, reason: err.refusal, totalPages: 0 }, limits));
        continue;
      }
      try {
        lines.push(
          fileOutcomeText(name, await this.deps.desk.addFile(key, downloaded.bytes, downloaded.name, downloaded.storedFileId), limits),
        );
      } catch (err) {
        // Nothing is taken unscanned; the member may send it again in a few minutes.
        if (!(err instanceof DependencyUnavailableError)) throw err;
        const reason = err.dependency === 'pdf-workers' ? 'busy' : 'scanner_unavailable';
        lines.push(fileOutcomeText(name, { accepted: false, reason, totalPages: 0 }, limits));
      }
    }
    const { pages } = await this.deps.desk.draft(key);
    await context.sendActivity(withButtons(lines.join('\n\n'), pages > 0 ? [SUBMIT.filesDone] : undefined));
  }

  private detailMistake(answer: string, ref: DetailRef): string | undefined {
    const read = readDetail(fieldOf(ref), answer, { today: this.deps.today() });
    return 'error' in read ? read.error : undefined;
  }
}
