/** What a member can want with one message: a question (the FAQ answers it) or one of the bot's actions. */
export const INTENTS = [
  'question',
  'submit_document',
  'status',
  'callback',
  'certificate',
  'handoff',
  'pin_login',
  'cancel',
  'help',
  'yes',
  'no',
] as const;
export type Intent = (typeof INTENTS)[number];
