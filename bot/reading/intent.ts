import { findTrackingId } from '../../domain/submissions/tracking-id.js';
import { LONG_MESSAGE_WORDS, sentencesOf, wordCount } from '../../platform/text/sentences.js';
import { LEARNED_ACTION_PROBABILITY, learnedIntent } from './intent-model.js';
import { INTENTS, type Intent } from './intents.js';

/**
 * What a member wants with one message, before any knowledge is searched: rules over the
 * member's own words, each with the reason it fired, so every decision can be explained in the
 * logs and the evaluation; where they find no action, a learned model trained on labelled
 * messages may (intent-model.ts).
 */
export { INTENTS, type Intent };

export interface IntentReading {
  intent: Intent;
  /** Why, in a few words (for logs and `npm run eval:faq`). */
  reason: string;
}

/** Lower case, umlauts and ß spelt out, so "Rückruf" and "rueckruf" read alike. */
export function fold(text: string): string {
  return text.toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss').replace(/[’`´]/g, "'");
}

const whole = (words: string) => new RegExp(`^\\s*(?:${words})\\s*[.!]*\\s*$`);

const CANCEL_START =
  /^\s*(?:stop+|abbrechen|abrechen|abbruch|cancel)\b[\s,.!]|\bbitte abbrechen[.!]*$|^\s*(?:ach |geh,? |na,? )?(?:lass|loss) (?:mal|ma|es)\b|\b(?:kein bock mehr|mog nimmer|will abb?rechen)\b|\b(?:stop+ machen|will nicht mehr weiter|brich (?:\S+ ){0,2}ab|brech\w* (?:sie )?(?:\S+ ){0,3}ab|(?:vorgang|das) (?:abbrechen|beenden)|hoer\w* (?:jetzt )?auf)\b/;
const CANCEL = whole(
  '(?:geh,? |ach,? )?(?:abbrechen|abrechen|abbruch(?: bitte)?|bitte abbrechen|stop+|cancel|vergiss es(?: einfach)?|vergessen sie es|beenden|schluss|quit|exit|lass(?: es| mal)?(?: gut sein)?)',
);
const HELP_ABOUT_CHAT =
  /\b(?:komme? mit dem chat nicht klar|wie funktioniert (?:dieser|der|das|ihr) chat|wobei koennen sie mir|in diesem chat behilflich|was (?:kann ich|kann man|geht) hier|welche moeglichkeiten (?:habe ich|gibt es) hier|wie das hier funktioniert|wos konn i do|was [kg]annst\S* du|what can you (?:help|do)|i'?m lost|what are (?:the|my) options|welche sachen kann|was kann (?:der |dieser |das )?bot)\b/;
const HELP = whole(
  'hilfe|help|\\?+|ich brauche hilfe|hilfe bitte|wie funktioniert (?:dieser|der|das|ihr) chat\\??|was kann ich (?:hier )?(?:machen|tun)\\??|what can (?:i|you) do(?: here)?\\??',
);
const YES = whole(
  'ja|ja,? (?:das )?passt|jawoll|jup|yes,? please|ok(?:ay)?,? mach (?:das|es)|jo|jap|jawohl|jep|yes|yep|yeah|sure|ok|okay|klar|gern|gerne|genau|passt|einverstanden|ja,? (?:bitte|gerne?|klar|genau)|ja doch|na klar|mach(?:en sie)?(?: das)?|sicher|freilich|aber hallo|of course|stimmt(?: so)?|richtig|korrekt|(?:nu,? |jawohl,? )?genau so|jawohl,? stimmt(?: so)?|👍\\S*|✅',
);
const NO = whole(
  'nein|nee?,? (?:danke|passt schon)|nein,? das brauche? ich nicht|na,? des brauch i ned|ne|nee|noe|no|nope|no thanks|nein,? danke|danke,? nein|lieber nicht|nicht noetig|brauch(?:e)? ich nicht|noe,? lass mal|nein lieber nicht|auf keinen fall|eher nicht|no,? thank you|nei,? danke|nei|naa|falsch|stimmt nicht|passt (?:ned|net|nicht)|👎\\S*|❌',
);

/** A short yes or no ("Ja, sehr gerne.", "Nein, lieber nicht"): up to five words, starting with one. */
const SHORT_YES = /^(?:ja|jo|jap|jep|jawohl|yes|yep|ok|okay|klar|gern|gerne|passt|genau|stimmt)\b[^?]*$/;
const SHORT_NO = /^(?:nein|ne|nee|noe|nei|naa|no|nope|lieber nicht)\b[^?]*$/;
const isShort = (text: string) => text.split(/\s+/).length <= 5;
/** A person asked for in one word ("agent", "Mitarbeiter"). */
const PERSON_ALONE = whole('agent|human|mitarbeiter(?:in)?|mensch|person|berater(?:in)?|sachbearbeiter(?:in)?|live-?chat');
/** A problem report about the app ("ich wollte … schicken, dann drehte sich das Rad"): a question for the knowledge base. */
const TROUBLE =
  /(fehler|geht nicht|ging nicht|funktioniert nicht|klappt nicht|hat nicht geklappt|haeng|drehte|abgestuerzt|error|doesn'?t work|didn'?t work)/;

/** "Sehr geehrte Damen und Herren,", "Hallo,", "Guten Tag," at the start of a message. */
const GREETING =
  /^(?:sehr geehrte[^,!.]*|hallo[^,!.]{0,20}|guten (?:tag|morgen|abend)[^,!.]{0,20}|liebe[^,!.]*|hi|moin|servus|gruess gott|salam|merhaba)[,!.]\s*/;

/** A wish or a request in the member's words (not a question about how things work). */
const WISH =
  /\b(?:moech|mecht|wuerde (?:gern|ich gern)|haett\w* gern|haett|daet gern|(?<!was )brauch(?!e? ich)|benoetig|bitte|wuensch|anbei|hiermit|please|wanna|gonna|i(?:'d| would)? (?:like|want|need)|i'd|let me|can you|could you|koennen sie(?! mir (?:sagen|mitteilen|erklaeren))|koennt(?:et|en)? ihr|koennten sie(?! mir (?:sagen|mitteilen|erklaeren))|koennte (?:mich|mir) (?:mal )?jemand|kann (?:mich|mir) (?:mal )?jemand|kannst du|wuerden sie|schick(?:en)? sie mir|sende[nt]? sie mir)|\b(?:will|wollte|wollt|(?:ich|wir) muss|soll (?:ich )?(?:noch|jetzt)|hier (?:ist|sind|kommt|kommen|die|das|meine))\b/;
/** Asking how, where or whether: the knowledge base explains (and its answer may offer the action). */
const HOW_START =
  /^(?:wie|wo|woher|wohin|womit|woran|warum|wieso|weshalb|welche|was (?:ist|sind) (?:der|die|das|ein|eine)\b|was (?:muss|brauch|kostet|passiert)|(?:kann|darf|soll|muss|koennen|duerfen|sollen|muessen) (?:ich|man|wir)|koennen? (?:ich|man) (?:auch|ueberhaupt)|geht (?:das|es)|ist (?:es|das) moeglich|gibt es|ab wann|bis wann|how|where|what|which|why|can i|do i|should i|is it possible)\b/;
const HOW_INNER =
  /\b(?:(?:wuerde|moechte|will) (?:\S+ )?gerne? wissen|auf welchem wege?|wie (?:geht|funktioniert|kann|lange|viel|mache|reiche|lade|melde|bekomme|komme|erreiche|sende|schicke|beantrag)|was muss ich|how (?:do|can|long|much)|where (?:do|can)|(?:muss|kann|soll|darf) ich\b[^.!]*\?)/;

const POLITE_REQUEST =
  /^(?:kann|koennen|koennten|koenntet|kannst|duerfte) (?:sie|ihr|du|mir|mich|ich (?:bitte|jetzt|mal))\b|^can (?:you|i please)\b|^could you\b/;
/** Questions about the app's buttons and fields are for the knowledge base, not for a dialog. */
const ABOUT_THE_APP = /\b(?:app|service-app|anleitung|button|buton|feld|fenster)\b/;
/** "Keine Tracking-ID bekommen, ist es angekommen?" is a question the knowledge base answers. */
const NO_TRACKING_ID =
  /\bkein(?:e|en)? (?:tracking|sendungs|nachweis|nummer|id\b|bestaetigung)[\w-]* (?:\S+ )?(?:bekommen|angezeigt|erhalten|gesehen)|\bkam (?:\S+ ){0,2}kein/;
/** "Kann ich jetzt mit einem Menschen sprechen?" asks for a person, not about people. */
const ASKS_FOR_PERSON_NOW =
  /^(?:kann|koennte|darf) ich (?:bitte |jetzt |sofort )*(?:mit|einen|eine)\b|^can i (?:please )?(?:talk|speak|get|have)\b|^koennen sie mich\b|^gibt es (?:hier )?jemand\w*,? (?:mit dem|der) ich (?:jetzt|gerade|sofort)\b/;

/** Whether any sentence of the message asks how or whether. */
function asksHowOrWhether(text: string): boolean {
  return HOW_INNER.test(text) || text.split(/(?<=[.!?;:–-])\s+|,\s+(?=und |oder )/).some((sentence) => HOW_START.test(sentence.trim()));
}

const SUBMIT_VERB =
  /(einreich|einzureich|reich\w*\s+(?:\S+\s+){0,12}ein(?=\s*(?:[.,;:!?(–-]|$))|eireich|einrich|(?<!beim )hochlad(?!ene)|hochzulad|hochlod|hochlan|hochld|lad\w*\s+(?:\S+\s+){0,8}hoch(?=\s*(?:[.,;:!?(–-]|$))|schicka|upload|(?<!ge)schick|schecke|(?<!ge)send(?!ung)|zusend|zuschick|uebermittel|uebersend|zukommen lass|beigefuegt|\banbei\b|erstatte[tn]? (?:lassen|haben)|bitte (?:um )?erstatt|\berstatten\b|geld zurueck|\bgeben zu|\babgeben|\bnachreich|\bsubmit|\beinschick|\beinsend|\bweiterleit|\bfaxen|\bmailen|\brein(?:schick|stell|lad)|reinschick|\bdabei\b.*\b(?:rechnung|krankmeldung|au)\b|hab\w* hier (?:eine?n? )?(?:rechnung|krankmeldung|au|beleg|quittung))/;
const DOCUMENT =
  /(rechnung|gebuehr|\bkurs|bericht|prescription|\bletter\b|schein\b|fragebogen|urkunde|kuendigung|schreiben|schriftstueck|\bhkp\b|zeugnis|quittung|beleg|krankmeldung|krankschreibung|grankschreibung|\bau\b|au-?bescheinigung|attest|arbeitsunfaehig|gelbe?n? schein|dokument|unterlage|formular|antrag|nachweis|verordnung|rezept|kostenplan|behandlungsplan|bonusheft|stempel|geburtsurkunde|bescheinigung|schulbescheinigung|papier|foto|bild|scan|pdf|datei|file|invoice|receipt|bill\b|sick note|certificate|document|paper|form\b|krankengeld|mutterschaft|zahnreinigung|brief\b)/;
/** "wie krieg ich das zu euch", "die muss an euch". */
const TO_YOU = /(?:bekomm|krieg|kriag|bring)\w* (?:ich )?(?:\S+ ){0,3}(?:zu|an) (?:euch|ihnen|eich)\b|\bmuss an (?:euch|sie)\b/;
/** An amount or a date, as a document's own figures. */
const DOCUMENT_FIGURE = /\d+(?:[.,]\d{1,2})?\s?(?:€|euro\b|eur\b)|€\s?\d|\b\d{1,2}\.\d{1,2}\./;
const SEND_TO_ME =
  /\bsend (?:me|us)\b|\b(schick|send|zuschick|zusend|stell)\w*\s+(?:sie\s+|ihr\s+|du\s+)?(?:mir|uns)\b|(?<!von )\b(?:mir|uns)\s+(?:\S+\s+){0,6}(?:zu)?(?:schick|send)/;

const CALLBACK =
  /(rueckruf|zurueckruf|\banruf\b(?! bei)|(?<!bei (?:ihnen|euch) )\banrufen\b(?=[^?]*$)|rua\w*\s+(?:\S+\s+){0,10}(?:zruck|zrueck|o|an)\b|zurueck ?ruf|zurueckzuruf|zurueckgeruf|zru\w*ruf|rueckrufen|ruf\w*\s+(?:\S+\s+){0,10}(?:an|zurueck|zruck|zrueck|o)\b|anruf(?:en|t)?\s+(?:sie\s+)?(?:mich|uns|sie|ihn)|(?:mich|uns)\s+(?:\S+\s+){0,12}anruf|\bcall(?:en)?\b|\bcall (?:me|back)|\bcallback|ring me|telefonisch (?:melden|kontakt|erreichen|sprechen)|telefonier|am telefon (?:sprechen|klaeren|besprechen)|per telefon)/;
const CALL_ME_NOT =
  /\b(?:rufen sie nicht|nicht anrufen|kein(?:en)? rueckruf|rueckrufaktion|rueckruf versprochen|just curious|don'?t need one|wann (?:sind|ist|seid) (?:sie|ihr)(?: \w+)? erreichbar)\b/;

const PERSON =
  /(mitarbeiter|mitarbieter|sachbearbeiter|berater|kundenberater|kundenservice|kundendienst|servicemitarbeiter|ansprechpartner|\bmensch|\bmenchen|\bkolleg|live-?chat|echte[nrs]? (?:person|mensch)|jemand(?:en)? echte|\bechtes\b|real (?:person|human)|\bhuman\b|live[- ]?agent|jemand\w*,? (?:mit dem|der) ich (?:\S+ ){0,3}(?:chatten|sprechen|schreiben|reden)|\bagent\b|\bperson\b|kein(?:e|en)? (?:bot|roboter|automat|maschine|computer)|nicht (?:mit )?(?:dem|einem|nem) (?:bot|roboter|computer|automaten)|nicht computer)/;
/** Asking for the person, not about them. */
const PERSON_ASK =
  /(bitte|\bmit\b|wuensch|klaer|\bjib|\bwill\b|moecht|brauch|\bgib|\bgebt|\bgeben sie|\bhol|weiterleit|weitergeb|uebergeb|verbind|sprech|\bred(?:en)?\b|schreib|uebernehm|koennen sie|can i|can you|could you|put (?:me )?through|transfer|i want|i need|please|connect|talk|speak|\bjetzt\b|sofort)/;
const PERSON_WHEN = /^(?:wann|bis wann|ab wann|zu welchen zeiten|wie lange)\b|\b(?:erreichbar|oeffnungszeit|servicezeit|besetzt)\b/;

const CERTIFICATE =
  /(versicherungs?(?:bescheini|bscheini|bestaetig|nachweis)|(?:bescheinigung|nachweis|papier|bestaetigung)\w* (?:\S+ ){0,4}(?:versicher|krankenkasse|\bkv\b|kasse)|(?:bescheinigung|nachweis)\w* (?:\S+ ){0,2}(?:fuer|fuers|vom|von) (?:\S+ )?(?:kindergarten|kita|schule|amt|jobcenter|elterngeldstelle|arbeitgeber|uni|visum|behoerde|familienkasse)|proof of (?:health )?insurance|(?:papier|nachweis|bescheinigung|bestaetigung)\w*,? (?:\S+ ){0,3}dass (?:ich|wir|mein|meine) (?:\S+ ){0,3}(?:familien)?versichert|bescheinigung (?:ueber|fuer) (?:\S+ )?versicherung|versicherungsbescheinigung|mitglied(?:s|schafts)bescheinigung|versicherungsnachweis|versichertennachweis|mitgliedsnachweis|nachweis (?:ueber|fuer) (?:die|meine|eine) (?:mitgliedschaft|versicherung|krankenversicherung)|bescheinigung (?:ueber|fuer) (?:die|meine|meinen|den|eine) (?:mitgliedschaft|versicherung|arbeitgeber|uni|hochschule|visum|behoerde|amt|schule)|bescheinigung,? dass (?:ich|wir|mein|meine) \S+ (?:versichert|mitglied)|proof of (?:insurance|membership)|(?:insurance|membership) (?:certificate|confirmation)|certificate of (?:insurance|membership)|bescheinigung anfordern|bestaetigung (?:ueber|der|fuer) (?:die|meine)? ?(?:mitgliedschaft|versicherung))/;

const PIN_LOGIN_TOPIC =
  /(einmal-?\s?pin|code aus (?:\w+ )?brief|brief-?code|zugangscode|pin aus (?:dem|ihrem|eurem) brief|pin-?brief|brief mit (?:der|einer) pin|one-?time pin|\bpin\b)/;
const PIN_LOGIN_DO =
  /(anmeld|amelden|oamelden|melde\w* (?:\S+ ){0,3}an\b|\brein\b|einlogg|login|log (?:me )?in|eingeb|nutz|verwend|benutz|hochlad|einreich|\bsign in|\buse\b|start|loslegen|geht ni|vertipp|falsch eingegeben)/;
/** The member has the thing in hand (a letter, a document): "wie …" then asks how to do it now. */
const IN_HAND =
  /\b(?:ich hab\w*|hab\w* ich (?:hier |da )?(?:die|den|das|eine?n?|meine?n?|mei)\b|habe? (?:hier|da)|^hab\w* (?:den|die|das|eine?n?)\b|i have|i'?ve got|i got|(?:gleich|jetzt|sofort|schnell|now|right away)|abfotografiert|ausgestellt|vor mir lieg|(?:gerade|grade) bekommen|bekommen habe?|kam post|\d+(?:[.,]\d{2})?\s?(?:€|euro\b|eur\b)|\b\d{1,2}\.\s?\d{1,2}\.)/;
/** "generell", "nur eine Frage", "just curious": asks how things work, has nothing to do now. */
const ASKS_IN_GENERAL =
  /\b(?:generell|eigentlich|allgemein|ueberhaupt|\bman\b|nur (?:eine )?frage|nur damit|vorab|naechstes mal|in general|just curious|don'?t need|kommt (?:ja )?erst|noch nix|noch nichts|wie lange|bis wann|frist|how long|dauert|format|original|kostet|frage|question|was (?:geschieht|passiert)|warum|wieso|why|wie viele?|how many)\b/;

const STATUS_WORDS =
  /(\bstatus\b|any update|update on|wie weit|bearbeitung|angeschaut|\bhabt\b|warte\w* (?:\S+ ){0,3}auf|schaut'?s aus|\bmk-?\s?[0-9a-z]{4}|\bstand\b|bearbeitungsstand|angekommen|eingegangen|bearbeitet|erhalten|\bda\b\?|schon durch|\bdurch\?|ueberwiesen|angewiesen|entschieden|was neues|neuigkeit|where is my|status of|any news|arrived|received|processed|wo bleibt|was ist mit (?:meine|meiner|meinem)|was is'?n? mit (?:meim|meine?[mnr]?|mei)\b|geht'?s voran|noch nichts gehoert|immer noch nichts|scho(?:n)? (?:bearbeit|fertig|erstattet|bezahlt|ausgezahlt)|\bfertig\?|wo (?:ist|bleibt) (?:mein|das) geld|been (?:received|processed)|wann (?:wird|kommt) (?:\S+ ){0,4}(?:erstattet|ueberwiesen|ausgezahlt|das geld))/;
const MY_THING =
  /\b(?:meine?[rsmn]?|unsere?[rsmn]?|die|das|der|eine?|my)\s+(?:\S+\s+){0,2}?\w*(?:sendung|unterlagen|unterlage|rechnung|krankmeldung|krankschreibung|antrag\w*|dokument\w*|einreichung|post|brief|bescheinigung|au\b|au-bescheinigung|erstattung|krankengeld|kinderkrankengeld|mutterschaftsgeld|bonusheft|papiere|submission|documents?|invoice|claim|upload|geld|verordnung|kostenplan|plan|note|certificate|paperwork|form)\b|\b(?:meim|mei) \w+|(?:rechnung|krankmeldung|antrag|au|rezept) (?:\S+ ){0,3}(?:geschickt|eingereicht|hochgeladen)|tracking|vorgangsnummer|sendungsnummer|\bmk-?\s?[0-9a-z]{4}|\b(?:meim|mein|meine) (?:antrag|au)\b|fragebogen/;

const NO_ACTION = 'no action in the words';
/** The member's intent, by the first rule that fits, most specific first. */
export function readIntent(message: string): IntentReading {
  if (findTrackingId(message)) return { intent: 'status', reason: 'names a tracking ID' };
  // A long message that ends in questions is read by its questions: the story before them
  // ("Ich habe letzte Woche meine AU hochgeladen …") tells what happened, not what is wanted.
  const questions = questionsOf(message);
  if (questions) {
    const reading = readSentence(questions);
    // Questions that ask nothing the rules know ("Können Sie mir helfen?") leave the story to say what is wanted.
    const asksNothingKnown = reading.intent === 'question' && reading.reason === NO_ACTION;
    if (!asksNothingKnown && (reading.intent !== 'question' || !WISH_STATED.test(fold(message))))
      return withSecondOpinion(message, reading);
  }
  return withSecondOpinion(message, readSentence(message));
}

/**
 * Where the rules find no action and no question either ("rechnung reiseimpfung 12.11. 60€"), the
 * learned model may name the action, when it is sure (intent-model.ts). A message the rules read
 * as asking how or whether, or that ends in a question mark, stays a question: "Wann ist der Chat
 * mit Mitarbeitern besetzt?" asks, whatever words it shares with wishes for a person. A word or
 * two ("Bescheinigung") fits several wishes: the member is asked which (the FAQ's "Meinten Sie").
 */
function withSecondOpinion(message: string, reading: IntentReading): IntentReading {
  if (reading.intent !== 'question' || reading.reason !== NO_ACTION || /\?\s*$/.test(message) || wordCount(message) < 3) return reading;
  const learned = learnedIntent(message);
  if (!learned || learned.intent === 'question' || learned.probability < LEARNED_ACTION_PROBABILITY) return reading;
  return { intent: learned.intent, reason: `learned model: ${learned.intent} (${learned.probability.toFixed(2)})` };
}

/** A wish said outright somewhere in a long message ("Ich möchte … einreichen. Geht das hier?"). */
const WISH_STATED = /\b(?:ich (?:moechte|will|wuerde gern)|i (?:want|would like|'d like)|hiermit|anbei|bitte (?:rufen|schicken|senden))\b/;

/** The question sentences of a message of several sentences, with the sentence before the first; undefined when it asks nothing. */
function questionsOf(message: string): string | undefined {
  const sentences = sentencesOf(message);
  if (sentences.length < 3 || wordCount(message) < LONG_MESSAGE_WORDS) return undefined;
  const first = sentences.findIndex((sentence) => sentence.endsWith('?'));
  if (first < 0) return undefined;
  return sentences.slice(Math.max(0, first - 1)).join(' ');
}

function readSentence(message: string): IntentReading {
  // A letter's greeting is not its first sentence: "Sehr geehrte Damen und Herren, gibt es …" asks.
  const text = fold(message.trim())
    .replace(/^[\p{Extended_Pictographic}\uFE0F\s]+(?=\p{L})/u, '')
    .replace(GREETING, '');
  if (CANCEL.test(text) || CANCEL_START.test(text)) return { intent: 'cancel', reason: 'asks to stop' };
  if (HELP.test(text) || HELP_ABOUT_CHAT.test(text)) return { intent: 'help', reason: 'asks for help with the chat' };
  if (YES.test(text) || (isShort(text) && SHORT_YES.test(text))) return { intent: 'yes', reason: 'agrees' };
  if (NO.test(text) || (isShort(text) && SHORT_NO.test(text))) return { intent: 'no', reason: 'declines' };
  if (PERSON_ALONE.test(text)) return { intent: 'handoff', reason: 'names a person' };
  const how = asksHowOrWhether(text) || TROUBLE.test(text);
  // "Ich würde gern wissen, …" wishes to know: it asks.
  const wish = WISH.test(text.replace(/\b(?:wuerde|moechte|will) (?:\S+ )?gerne? wissen\b/g, ''));
  // "Welche Nummer muss ich eingeben, wenn ich … hochladen will?" asks, whatever it wishes; a polite
  // "Können Sie mir …" or "Kann ich bitte …" does not.
  const opensWithQuestion = HOW_START.test(text) && !POLITE_REQUEST.test(text);
  const asking = (how && !wish) || opensWithQuestion || (ABOUT_THE_APP.test(text) && !wish);
  const questionMark = /\?\s*$/.test(text);
  if (CALLBACK.test(text) && !CALL_ME_NOT.test(text) && !asking && !(how && /\b(?:kostet|abends|wochenende|am samstag)\b/.test(text)))
    return { intent: 'callback', reason: 'asks to be called' };
  // "die Krankmeldung meiner Frau einreichen, da sie nicht mit dem Computer umgehen kann": a person named in the story of a submission.
  const sendsDocument = SUBMIT_VERB.test(text) && DOCUMENT.test(text);
  const submitting = sendsDocument && wish && !/\b(?:sprechen|chatten|verbinden|weiterleiten)\b/.test(text);
  if (PERSON.test(text) && PERSON_ASK.test(text) && !PERSON_WHEN.test(text) && !(asking && !ASKS_FOR_PERSON_NOW.test(text)) && !submitting)
    return { intent: 'handoff', reason: 'asks for a person' };
  const inHand = IN_HAND.test(text) && !ASKS_IN_GENERAL.test(text);
  if (PIN_LOGIN_TOPIC.test(text) && PIN_LOGIN_DO.test(text) && (!asking || inHand))
    return { intent: 'pin_login', reason: 'logs in with the Einmal-PIN' };
  if (CERTIFICATE.test(text) && !asking && !sendsOwnDocument(text) && !/\b(?:angefordert|bestellt|beantragt)\b/.test(text))
    return { intent: 'certificate', reason: 'asks for a certificate' };
  if (
    STATUS_WORDS.test(text) &&
    (MY_THING.test(text) || (/\b(?:status|stand)\b/.test(text) && DOCUMENT.test(text))) &&
    (!asking || /\b(?:status|stand|wie weit|wo ist mein|wo bleibt|wissen,? ob)\b/.test(text)) &&
    // "Wo sehe ich später den Stand?", "Bekomme ich eine Bestätigung, wenn …": how the status shows, not what it is.
    !/\b(?:wie funktioniert|wo (?:sehe|finde|kann)|kann man|bekomme ich eine)\b/.test(text) &&
    !NO_TRACKING_ID.test(text) &&
    !wantsToSubmit(text)
  )
    return { intent: 'status', reason: 'asks after something sent' };
  if (sendsDocument && !SEND_TO_ME.test(text) && !asking && !(questionMark && !wish))
    return { intent: 'submit_document', reason: 'wants to send a document' };
  // "Ich hab die Rechnung hier, wie schicke ich die euch?": how to send what is in hand is the wish to send it.
  if ((SUBMIT_VERB.test(text) || TO_YOU.test(text)) && DOCUMENT.test(text) && !SEND_TO_ME.test(text) && inHand && !TROUBLE.test(text))
    return { intent: 'submit_document', reason: 'asks how to send a document in hand' };
  if ((SUBMIT_VERB.test(text) || /\bbeantrag/.test(text)) && wish && !asking && !SEND_TO_ME.test(text))
    return { intent: 'submit_document', reason: 'wants to send something' };
  // "rechnung reiseimpfung 12.11. 60€": a document named with its date or amount, in a few words, asks nothing.
  if (DOCUMENT.test(text) && DOCUMENT_FIGURE.test(text) && !asking && !questionMark && wordCount(text) <= 8 && !STATUS_WORDS.test(text))
    return { intent: 'submit_document', reason: 'names a document with its date or amount' };
  return { intent: 'question', reason: asking ? 'asks how or whether' : NO_ACTION };
}

/** The member sends a certificate of theirs ("Mitgliedsbescheinigung der alten Kasse hochladen"). */
function sendsOwnDocument(text: string): boolean {
  return /(hochlad|einreich|upload|hochzulad|(?:von|der) (?:meiner |der )?(?:alten|vorherigen|frueheren) (?:kasse|krankenkasse))/.test(
    text,
  );
}

/** "Ich will meine AU einreichen, ist die alte angekommen?" is still a submission. */
function wantsToSubmit(text: string): boolean {
  return SUBMIT_VERB.test(text) && WISH.test(text) && !/\?\s*$/.test(text);
}
