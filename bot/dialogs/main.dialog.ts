import { MessageFactory, type Attachment, type ConversationState, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { WaterfallDialog, type DialogContext, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { PersonTopics } from '../../domain/livechat/person-topics.js';
import { z } from 'zod';
import type { FaqEntry, FaqFeedback, FaqLookup } from '../faq.js';
import { menuActions, menuChoiceOf, type MenuChoice } from '../menu.js';
import { isQuestion } from '../question-or-intent.js';
import { applyToOwnNumbers, type OwnNumbersContext } from '../answers/own-numbers.js';
import { DEFAULT_DOCUMENT_LIMITS } from '../../domain/submissions/document-check.js';
import { readIntent, type Intent } from '../reading/intent.js';
import { isEnglish } from '../../platform/text/language.js';
import { FOR_ENGLISH_SPEAKERS, MENU, TEXTS } from '../../domain/member-texts.de.js';
import { CancelAndHelpDialog } from './cancel-and-help.dialog.js';
import { findTrackingId } from '../../domain/submissions/tracking-id.js';
import { findPhoneNumber } from '../../domain/service-requests/callback-details.js';
import { CALLBACK_DIALOG } from './callback.dialog.js';
import { HANDOFF_DIALOG, type EnteredAnswers, type HandoffOptions } from './handoff.dialog.js';
import { STUCK_IN_DIALOG } from './prompts.js';
import { CERTIFICATE_DIALOG } from './certificate.dialog.js';
import type { MemberDialogs } from './member-dialogs.js';
import { PIN_LOGIN_DIALOG, type PinLoginOutcome } from './pin-login.dialog.js';
import { STATUS_DIALOG, type StatusOptions } from './status.dialog.js';
import { SUBMIT_DOCUMENT_DIALOG, type SubmitDocumentOptions } from './submit-document.dialog.js';

export const MAIN_DIALOG = 'main';

/** Knowledge entry actions and menu choices that start a dialog, by that dialog's id. */
const ACTION_DIALOGS: Record<string, string> = {
  submit_document: SUBMIT_DOCUMENT_DIALOG,
  callback: CALLBACK_DIALOG,
  certificate: CERTIFICATE_DIALOG,
  status: STATUS_DIALOG,
  pin_login: PIN_LOGIN_DIALOG,
  handoff: HANDOFF_DIALOG,
};

/** What our PIN letter tells members to type. */
const PIN_KEYWORD = /^\s*(einmal[\s-]?pin|pin[\s-]?(login|anmeldung)|mit (der|meiner) einmal[\s-]?pin anmelden)\s*[.!]?\s*$/i;

const MENU_DIALOGS: Partial<Record<MenuChoice, string>> = {
  document: SUBMIT_DOCUMENT_DIALOG,
  callback: CALLBACK_DIALOG,
  person: HANDOFF_DIALOG,
};

const REPLIES: Partial<Record<MenuChoice, string>> = { question: TEXTS.askQuestion };

/** The menu button that starts an entry's action, where the menu has one (the others start with "Ja"). */
const ACTION_BUTTONS: Record<string, string> = { submit_document: MENU.document, callback: MENU.callback, handoff: MENU.person };

/** How many earlier messages the document submission looks into for details. */
const RECENT_MESSAGES = 3;

const ratingSchema = z.object({ type: z.literal('faq-rating'), entryId: z.string().max(64), helpful: z.boolean() });

function ratingActions(entry: FaqEntry) {
  return [true, false].map((helpful) => ({
    type: 'messageBack',
    title: helpful ? TEXTS.rateHelpful : TEXTS.rateNotHelpful,
    text: helpful ? TEXTS.rateHelpful : TEXTS.rateNotHelpful,
    displayText: helpful ? TEXTS.rateHelpful : TEXTS.rateNotHelpful,
    value: { type: 'faq-rating', entryId: entry.id, helpful },
  }));
}

/** The ids of the dialogs open now, outermost first (a callback started from the handoff comes after it). */
function openDialogIds(dc: DialogContext): string[] {
  const ids: string[] = [];
  for (let current: DialogContext | undefined = dc; current; current = current.child) ids.push(...current.stack.map((d) => d.id));
  return ids;
}

/** What the member had already answered in the dialogs that are open (topic, name, phone), for the agent who takes over. */
function enteredSoFar(dc: DialogContext): EnteredAnswers {
  const entered: Record<string, string> = {};
  for (let current: DialogContext | undefined = dc; current; current = current.child) {
    // A waterfall keeps its answers in `values`, under the prompt that is asking now.
    for (const instance of current.stack) {
      const values = (instance.state as { values?: Record<string, unknown> } | undefined)?.values ?? {};
      for (const key of ['topic', 'name', 'phone'] as const) if (typeof values[key] === 'string') entered[key] = values[key];
    }
  }
  return entered;
}

/** The entry point for every member message: files, menu choices, ratings, questions. */
export class MainDialog extends CancelAndHelpDialog {
  /** Questions in a row the bot could not answer; the second miss offers a person. */
  private readonly misses: StatePropertyAccessor<number>;
  /** The member's last few free-text messages: details in them are not asked again. */
  private readonly recent: StatePropertyAccessor<string[]>;
  /** The action the bot's last answer offered, so a plain "Ja" starts it. */
  private readonly offer: StatePropertyAccessor<string | undefined>;
  /** Whether a member writing English was told (once) that the answers are German. */
  private readonly toldAnswersAreGerman: StatePropertyAccessor<boolean>;

  constructor(
    private readonly faq: FaqLookup,
    private readonly feedback: FaqFeedback,
    state: ConversationState,
    dialogs: MemberDialogs,
    /** Topics that always go to a person (LIVECHAT_PERSON_TOPICS). */
    private readonly personTopics: PersonTopics = new PersonTopics([]),
    /** Today and the upload limits, for answers applied to the member's own numbers. */
    private readonly ownNumbers: () => Omit<OwnNumbersContext, 'figure'> = () => ({
      today: new Date().toISOString().slice(0, 10),
      limits: DEFAULT_DOCUMENT_LIMITS,
    }),
  ) {
    super(MAIN_DIALOG);
    this.misses = state.createProperty<number>('faqMisses');
    this.recent = state.createProperty<string[]>('recentMessages');
    this.offer = state.createProperty<string | undefined>('offeredAction');
    this.toldAnswersAreGerman = state.createProperty<boolean>('toldAnswersAreGerman');
    for (const dialog of Object.values(dialogs)) this.addDialog(dialog);
    this.addDialog(new WaterfallDialog('main.route', [this.route.bind(this), this.afterDialog.bind(this)]));
    this.initialDialogId = 'main.route';
  }

  /**
   * A question answered three times unusably: a person takes over. Stuck at the phone number,
   * a callback is no help, so none is offered; stuck at the offer itself, the member gets our
   * phone number instead of the same question again.
   */
  protected override async onContinueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const result = await super.onContinueDialog(dc);
    if (!dc.context.turnState.get(STUCK_IN_DIALOG)) return result;
    const open = openDialogIds(dc);
    const entered = enteredSoFar(dc);
    await dc.cancelAllDialogs();
    if (open.lastIndexOf(HANDOFF_DIALOG) > open.lastIndexOf(CALLBACK_DIALOG)) {
      await dc.context.sendActivity(MessageFactory.suggestedActions(menuActions(), TEXTS.stuckInOffer));
      return dc.endDialog();
    }
    await dc.context.sendActivity(TEXTS.stuckInDialog);
    const earlier = (await this.recent.get(dc.context, [])).join('\n');
    const offerCallback = !open.includes(CALLBACK_DIALOG);
    return dc.beginDialog(HANDOFF_DIALOG, { message: TEXTS.stuckTopic, earlier, entered, offerCallback } satisfies HandoffOptions);
  }

  private async route(step: WaterfallStepContext) {
    const { context } = step;
    const attachments: Attachment[] = context.activity.attachments ?? [];
    const earlier = (await this.recent.get(context, [])).join('\n');
    // Files without a started submission start one: they become its first pages.
    if (attachments.length > 0)
      return this.startRequest(step, SUBMIT_DOCUMENT_DIALOG, { message: context.activity.text, earlier, attachments });
    const rating = ratingSchema.safeParse(context.activity.value);
    if (rating.success) {
      await this.rate(context, rating.data.entryId, rating.data.helpful);
      return step.endDialog();
    }
    const text = (context.activity.text ?? '').trim();
    const choice = menuChoiceOf(text);
    const menuDialog = choice && MENU_DIALOGS[choice];
    if (menuDialog) return this.startRequest(step, menuDialog, { earlier });
    if (choice) await context.sendActivity(REPLIES[choice]!);
    else if (text === TEXTS.noneOfThese) await this.notAnswered(context);
    else {
      await this.remember(context, text);
      if (this.personTopics.matches(text)) {
        await context.sendActivity(TEXTS.personTopic);
        return this.understood(() => step.beginDialog(HANDOFF_DIALOG, { message: text, earlier } satisfies HandoffOptions));
      }
      if (PIN_KEYWORD.test(text)) return this.understood(() => step.beginDialog(PIN_LOGIN_DIALOG));
      const offered = await this.offer.get(context);
      await this.offer.set(context, undefined);
      // Answering an offered callback with a phone number ("0171 …, Montag vormittag") says yes to it.
      if (offered === 'callback' && findPhoneNumber(text))
        return this.understood(() => this.startRequest(step, CALLBACK_DIALOG, { message: text, earlier }));
      const { intent } = readIntent(text);
      if (intent !== 'question') await this.noteAnswersAreGerman(context);
      if (intent === 'status')
        return this.understood(() => step.beginDialog(STATUS_DIALOG, { trackingId: findTrackingId(text) } satisfies StatusOptions));
      if (ACTION_DIALOGS[intent])
        return this.understood(() => this.startRequest(step, ACTION_DIALOGS[intent]!, { message: text, earlier }));
      if (intent !== 'question') return this.smallTalk(step, intent, offered, earlier);
      const action = await this.answer(context, text);
      if (action) return this.startRequest(step, ACTION_DIALOGS[action]!, { message: text, earlier });
    }
    return step.endDialog();
  }

  /** A message in the member's own words started an action: counted for the statistics, then started. */
  private async understood<T>(start: () => Promise<T>): Promise<T> {
    await this.feedback.recordOutcome('action');
    return start();
  }

  /** Starts a request with what the member already wrote; those messages are used up, never read into the next request. */
  private async startRequest(step: WaterfallStepContext, dialogId: string, options: SubmitDocumentOptions) {
    await this.recent.set(step.context, []);
    return step.beginDialog(dialogId, options);
  }

  private async remember(context: TurnContext, text: string): Promise<void> {
    const recent = await this.recent.get(context, []);
    await this.recent.set(context, [...recent, text.slice(0, 500)].slice(-RECENT_MESSAGES));
  }

  /** "Ja" to an offer starts it; "nein", "abbrechen" and "hilfe" outside a dialog get a short answer and the menu. */
  private async smallTalk(step: WaterfallStepContext, intent: Intent, offered: string | undefined, earlier: string) {
    if (intent === 'yes' && offered && ACTION_DIALOGS[offered]) return this.startRequest(step, ACTION_DIALOGS[offered], { earlier });
    const reply = { yes: TEXTS.howCanIHelp, no: TEXTS.declinedOffer, cancel: TEXTS.nothingToCancel, help: TEXTS.help }[
      intent as 'yes' | 'no' | 'cancel' | 'help'
    ];
    await step.context.sendActivity(MessageFactory.suggestedActions(menuActions(), reply));
    return step.endDialog();
  }

  /** A dialog may hand on to the next one (the Einmal-PIN login to the submission). */
  private async afterDialog(step: WaterfallStepContext) {
    const next = (step.result as Partial<PinLoginOutcome> | undefined)?.startSubmission;
    return next ? step.beginDialog(SUBMIT_DOCUMENT_DIALOG, next) : step.endDialog();
  }

  /** Answers a question; for a wish that starts a dialog, returns that action instead. */
  private async answer(context: TurnContext, question: string): Promise<string | undefined> {
    const { result, entries, alsoAnswered = [] } = this.faq.ask(question);
    const [best] = entries;
    const wish = !isQuestion(question);
    // "Ich brauche eine Versicherungsbescheinigung": unsure between two entries that start the
    // same dialog, the bot starts it (the dialog asks what the entries would have told apart).
    const closest = entries.slice(0, 2).map((e) => e.action);
    // A single word ("Bescheinigung") never starts a dialog: the member is asked which one is meant.
    if (
      result.decision === 'suggest' &&
      wish &&
      question.trim().split(/\s+/).length > 1 &&
      closest.length === 2 &&
      closest[0] &&
      closest[0] === closest[1] &&
      ACTION_DIALOGS[closest[0]]
    ) {
      await this.misses.set(context, 0);
      await this.feedback.recordOutcome('action');
      return closest[0];
    }
    if (result.decision === 'answer' && best) {
      await this.misses.set(context, 0);
      if (best.action && ACTION_DIALOGS[best.action] && wish) {
        await this.feedback.recordOutcome('action');
        return best.action;
      }
      await this.feedback.recordOutcome('answer');
      if (best.action && ACTION_DIALOGS[best.action]) await this.offer.set(context, best.action);
      const followUps = best.followUps.map((id) => this.faq.entry(id)?.question).filter((q): q is string => !!q);
      await this.noteAnswersAreGerman(context);
      const applied = applyToOwnNumbers(best.id, question, { ...this.ownNumbers(), figure: (id) => this.faq.figure(id) });
      const answer = applied ? `${this.faq.answerOf(best)}\n\n**Für Sie:** ${applied}` : this.faq.answerOf(best);
      // Several questions in one message: each answer under the question it answers, the buttons under the last.
      const replies = [best, ...alsoAnswered].map((entry, i) =>
        MessageFactory.text(
          alsoAnswered.length === 0 ? answer : TEXTS.answerTo(entry.question, i === 0 ? answer : this.faq.answerOf(entry)),
        ),
      );
      for (const reply of replies) reply.textFormat = 'markdown';
      // An answer that offers an action ("Wir rufen Sie gern zurück") has a button that starts it.
      const start = best.action ? ACTION_BUTTONS[best.action] : undefined;
      replies.at(-1)!.suggestedActions = {
        to: [],
        actions: [
          ...(start ? [{ type: 'imBack', title: start, value: start }] : []),
          ...followUps.map((q) => ({ type: 'imBack', title: q, value: q })),
          ...ratingActions(best),
        ],
      };
      for (const reply of replies) await context.sendActivity(reply);
      return undefined;
    }
    await this.feedback.recordUnanswered(question, result.decision === 'suggest' ? 'suggest' : 'fallback', result.candidates);
    await this.feedback.recordOutcome(result.decision === 'suggest' && entries.length > 0 ? 'suggest' : 'fallback');
    if (result.decision === 'suggest' && entries.length > 0) {
      await this.noteAnswersAreGerman(context);
      const options = entries.slice(0, 3).map((e) => e.question);
      await context.sendActivity(MessageFactory.suggestedActions([...options, TEXTS.noneOfThese], TEXTS.didYouMean));
      return undefined;
    }
    await this.notAnswered(context);
    return undefined;
  }

  private async rate(context: TurnContext, entryId: string, helpful: boolean): Promise<void> {
    if (this.faq.entry(entryId)) await this.feedback.rate(entryId, helpful);
    if (helpful) await context.sendActivity(TEXTS.thanksForRating);
    else await context.sendActivity(MessageFactory.suggestedActions([MENU.person, MENU.callback], TEXTS.sorryNotHelpful));
  }

  /** A member writing English is told once, in English, that what follows is German. */
  private async noteAnswersAreGerman(context: TurnContext): Promise<void> {
    if (!isEnglish(context.activity.text ?? '') || (await this.toldAnswersAreGerman.get(context, false))) return;
    await this.toldAnswersAreGerman.set(context, true);
    await context.sendActivity(FOR_ENGLISH_SPEAKERS.note);
  }

  /** Honest about not knowing; the second time in a row it offers a person or a callback. */
  private async notAnswered(context: TurnContext): Promise<void> {
    const misses = (await this.misses.get(context, 0)) + 1;
    await this.misses.set(context, misses);
    if (isEnglish(context.activity.text ?? '')) {
      const reply = MessageFactory.text(FOR_ENGLISH_SPEAKERS.notUnderstood);
      reply.suggestedActions = {
        to: [],
        actions: [
          { type: 'imBack', title: FOR_ENGLISH_SPEAKERS.person, value: MENU.person },
          { type: 'imBack', title: FOR_ENGLISH_SPEAKERS.callback, value: MENU.callback },
        ],
      };
      return void (await context.sendActivity(reply));
    }
    if (misses >= 2) await context.sendActivity(MessageFactory.suggestedActions([MENU.person, MENU.callback], TEXTS.notUnderstoodAgain));
    else await context.sendActivity(MessageFactory.suggestedActions(menuActions(), TEXTS.notUnderstood));
  }
}
