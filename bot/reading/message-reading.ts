import { findKvnrCandidates } from '../../domain/documents/kvnr-candidates.js';
import { findCallbackDay, findPhoneNumber, findTimeWindow } from '../../domain/service-requests/callback-details.js';
import { findDetails, guessSubmissionType, type DetailValue } from '../../domain/submissions/submission-types.js';
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

const RELATIVE = String.raw`(?:tochter|sohn(?:e?s)?|kind(?:e?s)?|kinder|kleine[nr]?|baby|frau|ehefrau|mann(?:e?s)?|ehemann(?:e?s)?|gatte|gattin|partner(?:in)?|mutter|vater|mama|papa|schwieger\w+|oma|opa|daughter'?s?|son'?s?|child|kid'?s?|baby'?s?|wife'?s?|husband'?s?|mom'?s?|mother'?s?|dad'?s?|father'?s?)`;
/** "für meine Tochter", "meiner Frau", "für Ehefrau", "für die Kinder", and as spoken ("meene Frau", "mei Bua"). */
const FOR_OTHER = new RegExp(
  String.raw`\b(?:fuer|von|for)\s+(?:meine[nmrs]?|unsere[nmrs]?|my|our)\s+(?:\S+\s+)?${RELATIVE}\b|\b(?:meine?[rs]?|unsere?[rs]?|my|meene[nmrs]?|mei)\s+(?:${RELATIVE}|bua|buab|madl|dirndl)\b|\b(?:fuer|for)\s+(?:ehefrau|ehemann|tochter|sohn|(?:die|the|unsere|our)\s+(?:beiden\s+|two\s+)?(?:kinder|kleinen|kids|children))\b`,
);
/** "Bonusheft von meinem Mann und von mir": the member's own document too. */
const ALSO_OWN = /\b(?:und (?:von )?mir|und mich|und ich|and (?:for )?(?:me|mine))\b/;

/** A KVNR as a member types it (no OCR confusions undone: a member writes digits as digits). */
export function findTypedKvnr(message: string): string | undefined {
  return findKvnrCandidates(message).find((c) => /^[A-Za-z][\s\d]+$/.test(c.raw))?.kvnr;
}

/** Whether the message is about someone else's document or certificate (a child, a spouse). */
export function isForOther(message: string): boolean {
  const text = fold(message);
  return FOR_OTHER.test(text) && !ALSO_OWN.test(text);
}

function submissionDetails(message: string, today: string): Record<string, DetailValue> {
  const details: Record<string, DetailValue> = {};
  const type = guessSubmissionType(message);
  if (type) {
    details.documentType = type.id;
    for (const [key, value] of Object.entries(findDetails(type, message, { today }))) details[DATE_FIELDS.has(key) ? 'date' : key] = value;
    if (type.id !== 'child_sick_pay' && isForOther(message)) details.forOther = true;
  } else if (isForOther(message)) details.forOther = true;
  const kvnr = findTypedKvnr(message);
  if (kvnr) details.kvnr = kvnr;
  return details;
}

function callbackDetails(message: string, now: ReadingClock): Record<string, DetailValue> {
  const details: Record<string, DetailValue> = {};
  const phone = findPhoneNumber(message);
  const day = findCallbackDay(message, now);
  const window = findTimeWindow(message);
  if (phone) details.phone = phone;
  if (day) details.day = day;
  if (window) details.window = window;
  return details;
}

function statusDetails(message: string): Record<string, DetailValue> {
  const details: Record<string, DetailValue> = {};
  const trackingId = findTrackingId(message);
  const kvnr = findTypedKvnr(message);
  if (trackingId) details.trackingId = trackingId;
  if (kvnr) details.kvnr = kvnr;
  return details;
}

function certificateDetails(message: string): Record<string, DetailValue> {
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
          ? statusDetails(message)
          : intent === 'certificate'
            ? certificateDetails(message)
            : {};
  return { intent, reason, details };
}
