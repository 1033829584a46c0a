import { randomInt } from 'node:crypto';
import { kvnrCheckDigit } from '../../domain/members/kvnr.js';
import type { MemberInput } from '../../domain/members/members.repository.js';

/** A valid KVNR no other test uses (Z-prefixed: the demo data never uses Z). */
export function randomKvnr(): string {
  const firstNine = `Z${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
  return `${firstNine}${kvnrCheckDigit(firstNine)}`;
}

/** The same KVNR with a wrong check digit. */
export function withWrongCheckDigit(kvnr: string): string {
  return `${kvnr.slice(0, 9)}${(Number(kvnr[9]) + 1) % 10}`;
}

/** A member to import in a test: an address and card digits of no one, with the fields a test cares about. */
export function testMember(fields: Pick<MemberInput, 'kvnr'> & Partial<MemberInput>): MemberInput {
  return {
    firstName: 'Ida',
    lastName: 'Beispiel',
    birthDate: '1980-01-01',
    street: 'Weg 1',
    postalCode: '12345',
    city: 'Musterstadt',
    cardNumberLast6: '111111',
    familyOf: null,
    ...fields,
  };
}
