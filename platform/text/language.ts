/**
 * Whether a member writes English. Function words decide ("the", "my", "how" against "der",
 * "mein", "wie"): they occur in every sentence, topic words do not, and half-English messages
 * ("Ich möchte die invoice uploaden") stay German because their grammar is.
 */
const ENGLISH = new Set(
  "the are does did can could would should i'd i'm i've my me you your we our it this that what how where when why which who have has need want get to of for with from on at please thanks and or not is be tell who there any some about after before".split(
    ' ',
  ),
);
const GERMAN = new Set(
  'der die das ein eine einen ist sind bin war ich mein meine mir mich sie ihr wir unser es wie wo wann warum welche wer habe hat brauche möchte will kann können muss zu von für mit auf im bei und oder nicht bitte danke'.split(
    ' ',
  ),
);

/** "the", "my", "how": a word that is English grammar, not a topic. */
export function isEnglishFunctionWord(word: string): boolean {
  return ENGLISH.has(word.toLowerCase().replace(/[^a-z']/g, ''));
}

export function isEnglish(message: string): boolean {
  const words = message.toLowerCase().match(/[a-zäöüß']+/g) ?? [];
  let english = 0;
  let german = 0;
  for (const word of words) {
    if (ENGLISH.has(word)) english++;
    if (GERMAN.has(word)) german++;
  }
  return english >= 2 && english > 2 * german;
}
