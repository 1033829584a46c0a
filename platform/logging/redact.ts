/**
 * Keeps personal data out of logs. Two layers: values under sensitive keys are replaced
 * whatever they contain, and every remaining string is scrubbed of things that look like a
 * KVNR, an IBAN, a phone number or an e-mail address.
 */

export const REDACTED = '[redacted]';

const SENSITIVE_KEYS = new Set(
  [
    'kvnr',
    'assignedKvnr',
    'iban',
    'bic',
    'accountHolder',
    'phone',
    'phoneNumber',
    'mobile',
    'email',
    'name',
    'firstName',
    'lastName',
    'fullName',
    'displayName',
    'birthDate',
    'dateOfBirth',
    'street',
    'address',
    'postalCode',
    'city',
    'cardNumber',
    'cardNumberLast6',
    'pin',
    'text',
    'message',
    'note',
    'body',
    'transcript',
    'password',
    'newPassword',
    'token',
    'secret',
    'authorization',
    'cookie',
    'set-cookie',
    'x-csrf-token',
  ].map((k) => k.toLowerCase()),
);

const PATTERNS: Array<[RegExp, string]> = [
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, '[email]'],
  [/\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/g, '[iban]'],
  [/\b[A-Z]\d{9}\b/g, '[kvnr]'],
  [/(?:\+|\b00|\b0)\d[\d /().-]{5,}\d\b/g, '[phone]'],
];

export function scrubText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEYS.has(key.toLowerCase());
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Returns a redacted copy of plain data (objects, arrays, strings). Class instances are left
 * alone: the logger's serializers turn those (requests, errors) into plain data first.
 */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (depth > 8) return '[depth]';
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] = isSensitiveKey(key) && inner !== null && inner !== undefined ? REDACTED : redactValue(inner, depth + 1);
    }
    return out;
  }
  return value;
}
