import { findKvnrCandidates } from '../../domain/documents/kvnr-candidates.js';
import { findCallbackDay, findPhoneNumber, findTimeWindow } from '../../domain/service-requests/callback-details.js';
import { findDetails, guessSubmissionType, type DetailValue } from '../../domain/submissions/submission-types.js';
import { spokenNumbersAsDigits } from '../../platform/text/spoken-numbers.js';
import { findTrackingId } from '../../domain/submissions/tracking-id.js';
import { fold, readIntent, type Intent } from './intent.js';

/**
 * One reading of a member's message: what they want and the details it already carries, found
 * by the same functions the dialogs use, so what is read here is never asked again there.
 */
export interface MessageReading {
  intent: Intent;
  reason: string;
  details: Record<string, DetailValue>;
}

/** Today and the hour in the insurer's time zone. */
export interface ReadingClock {
  date: string;
  hour: number;
}

/** Dates a document type asks for, whatever the field's name (treatment, first day, due date). */
const DATE_FIELDS = new Set(['treatmentDate', 'firstDay', 'dueDate']);

const RELATIVE = String.raw`(?:tochter|sohn(?:e?s)?|kind(?:e?s)?|kinder|kleine[nr]?|baby|frau|ehefrau|mann(?:e?s)?|ehemann(?:e?s)?|gatte|gattin|partner(?:in)?|kleene[rn]?|mutter|vater|mama|papa|mudder|muddi|mutti|vadder|vati|schwieger\w+|oma|opa|daughter'?s?|son'?s?|child|kid'?s?|baby'?s?|wife'?s?|husband'?s?|mom'?s?|mother'?s?|dad'?s?|father'?s?)`;
/** "für meine Tochter", "meiner Frau", "für Ehefrau", "für die Kinder", and as spoken ("meene Frau", "mei Bua"). */
const FOR_OTHER = new RegExp(
  String.raw`\b(?:fuer|fur|von|for)\s+(?:meine[nmrs]?|unsere[nmrs]?|my|our)\s+(?:\S+\s+)?${RELATIVE}\b|\b(?:meine?[rs]?|unsere?[rs]?|my|meene[nmrs]?|meen|mei)\s+(?:${RELATIVE}|bua|buab|madl|dirndl)\b|\b(?:fuer|for)\s+(?:ihn|him|her)\b|\b(?:fuer|for)\s+(?:ehefrau|ehemann|tochter|sohn|(?:die|the|unsere|our)\s+(?:beiden\s+|two\s+)?(?:kinder|kleinen|kids|children))\b`,
);
/** "Bonusheft von meinem Mann und von mir": the member's own document too. */
const ALSO_OWN = /\b(?:und (?:von )?mir|und mich|und ich|and (?:for )?(?:me|mine))\b/;

/** A KVNR as a member types it (no OCR confusions undone: a member writes digits as digits). */
export function findTypedKvnr(message: string): string | undefined {
  return findKvnrCandidates(spokenNumbersAsDigits(message)).find((c) => /^[A-Za-z][\s\d]+$/.test(c.raw))?.kvnr;
}

/** Whether the message is about someone else's document or certificate (a child, a spouse). */
export function isForOther(message: string): boolean {
  const text = fold(message);
  return FOR_OTHER.test(text) && !ALSO_OWN.test(text);
}

/**
 * "am Dienstag, nein, Mittwoch", "79 Euro – Moment, 97 Euro": what follows a correction. Only
 * unmistakable words ("ne" is as often "eine").
 */
const CORRECTION = /(?:^|[\s,–-])(?:nein|nee|quatsch|moment|sorry|ach nein|doch lieber|ich meine|i mean|correction|korrektur)[,!.:]?\s+/giu;
/** "meine eigene natürlich": the correction takes back a relative. */
const OWN_AFTER_ALL = /\b(?:meine? eigene[nrs]?|mein eigenes|for me|fuer mich)\b/;

/** The part of the message after its last correction, if it corrects anything. */
function correctedPart(message: string): string | undefined {
  const last = [...message.matchAll(CORRECTION)].at(-1);
  return last ? message.slice(last.index! + last[0].length) : undefined;
}

/** Details read from the message, with what its correction says instead (a later value wins). */
function withCorrection(message: string, read: (text: string) => Record<string, DetailValue>): Record<string, DetailValue> {
  const details = read(message);
  const corrected = correctedPart(message);
  if (!corrected) return details;
  const { documentType: _type, ...later } = read(corrected);
  if (OWN_AFTER_ALL.test(fold(corrected))) delete details.forOther;
  return { ...details, ...later };
}

/** What a document-related message says about the document: its type and that type's details, whose it is, the KVNR. */
function documentDetails(message: string, today: string, type = guessSubmissionType(message)): Record<string, DetailValue> {
  const details: Record<string, DetailValue> = {};
  if (type) {
    details.documentType = type.id;
    for (const [key, value] of Object.entries(findDetails(type, message, { today }))) details[DATE_FIELDS.has(key) ? 'date' : key] = value;
    if (type.id !== 'child_sick_pay' && isForOther(message)) details.forOther = true;
  } else if (isForOther(message)) details.forOther = true;
  const kvnr = findTypedKvnr(message);
  if (kvnr) details.kvnr = kvnr;
  return details;
}

function submissionDetails(message: string, today: string): Record<string, DetailValue> {
  const type = guessSubmissionType(message);
  return withCorrection(message, (text) => documentDetails(text, today, type));
}

function callbackDetails(message: string, now: ReadingClock): Record<string, DetailValue> {
  return withCorrection(message, (text) => ({ ...callbackAsked(text, now), ...personDetails(text) }));
}

function callbackAsked(message: string, now: ReadingClock): Record<string, DetailValue> {
  const details: Record<string, DetailValue> = {};
  const phone = findPhoneNumber(message);
  const day = findCallbackDay(message, now);
  const window = findTimeWindow(message);
  if (phone) details.phone = phone;
  if (day) details.day = day;
  if (window) details.window = window;
  return details;
}

/** The document asked after, as the member describes it ("meine Rechnung vom 2. Dezember"), and its tracking ID. */
function statusDetails(message: string, today: string): Record<string, DetailValue> {
  const type = guessSubmissionType(message);
  return withCorrection(message, (text) => {
    const details = documentDetails(text, today, type);
    // "die ich letzte Woche geschickt habe" dates the sending; only "meine Rechnung vom 2. Dezember" dates the document.
    if (!/\b(?:vom|dated|from the)\s+\d/i.test(text)) delete details.date;
    const trackingId = findTrackingId(text);
    if (trackingId) details.trackingId = trackingId;
    return details;
  });
}

/** Whom a request is for and their KVNR (a certificate, a callback, a person to talk to). */
function personDetails(message: string): Record<string, DetailValue> {
  const details: Record<string, DetailValue> = {};
  if (isForOther(message)) details.forOther = true;
  const kvnr = findTypedKvnr(message);
  if (kvnr) details.kvnr = kvnr;
  return details;
}

export function readMessage(message: string, now: ReadingClock): MessageReading {
  const { intent, reason } = readIntent(message);
  const details =
    intent === 'submit_document'
      ? submissionDetails(message, now.date)
      : intent === 'callback'
        ? callbackDetails(message, now)
        : intent === 'status'
          ? statusDetails(message, now.date)
          : intent === 'certificate' || intent === 'handoff' || intent === 'pin_login'
            ? personDetails(message)
            : {};
  return { intent, reason, details };
}
