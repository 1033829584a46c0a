import { z } from 'zod';
import type { AuditRepository } from '../../../platform/audit/audit.repository.js';
import type { Actor } from '../../staff/staff-users.service.js';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../../../platform/auth/password.js';
import { addDaysIso, isoDateIn, type Clock } from '../../../platform/clock.js';
import type { Transaction } from '../../../platform/db/client.js';
import { ConflictError, NotFoundError } from '../../../platform/errors/index.js';
import { kvnrSchema } from '../kvnr.js';
import type { MembersRepository } from '../members.repository.js';
import type { AttemptLimiter } from '../../../platform/auth/attempt-limiter.js';
import {
  PIN_STATES,
  type EinmalPinRecord,
  type EinmalPinsRepository,
  type PinListFilter,
  type PinListItem,
} from './einmal-pins.repository.js';
import { newPinCode, normalisePinCode } from './pin-code.js';
import { renderPinLetter } from './pin-letter.js';

/** A PIN is valid until the submission is made or for this many days after the letter date. */
export const PIN_VALIDITY_DAYS = 31;
/** Wrong attempts (per member) before their PIN is locked and a new letter is needed. */
export const MAX_PIN_FAILURES = 5;
/**
 * Failed logins per KVNR (any part wrong, from anywhere) within an hour before logins for that
 * KVNR pause for the rest of the hour: against guessing from many addresses at once. Each
 * visitor has a far lower limit of their own (in the chat, per client key). Only someone who
 * also knows the card digits can lock the PIN itself.
 */
export const PIN_LOGIN_LIMIT = { maxFailures: 50, windowSeconds: 3600 };

export const pinListSchema = z
  .object({
    state: z.enum(PIN_STATES, { error: 'Der Status muss issued, spent, expired, locked oder revoked sein.' }).optional(),
    kvnr: kvnrSchema.optional(),
  })
  .strict();

export const issuePinSchema = z.object({
  kvnr: kvnrSchema,
  purpose: z.string().trim().min(3, { error: 'Bitte nennen Sie den Anlass (mindestens 3 Zeichen).' }).max(200),
  letterDate: z.iso.date().optional(),
});
export type IssuePinInput = z.input<typeof issuePinSchema>;

export interface IssuedPin {
  id: string;
  validUntil: string;
  /** The printable letter: the only place the PIN leaves the system (the API and CLI hand out only this). */
  letter: Buffer;
  /** For the letter; never logged, stored or returned by an endpoint. */
  pin: string;
}

export type PinLogin =
  | { ok: true; pinId: string; kvnr: string; purpose: string; validUntil: string; draft: Record<string, unknown> | null }
  | { ok: false; reason: 'mismatch' | 'locked' | 'revoked' | 'expired' | 'spent' | 'throttled' };

export const pinValidUntil = (letterDate: string) => addDaysIso(letterDate, PIN_VALIDITY_DAYS);

export interface EinmalPinDeps {
  pins: EinmalPinsRepository;
  members: MembersRepository;
  audit: AuditRepository;
  clock: Clock;
  timeZone: string;
  /** Failed logins per KVNR, across conversations (PIN_LOGIN_LIMIT). */
  attempts: Pick<AttemptLimiter, 'blocked' | 'fail'>;
}

/** Issues Einmal-PINs with their letter, and checks members' logins with them. */
export class EinmalPinService {
  constructor(private readonly deps: EinmalPinDeps) {}

  private today(): string {
    return isoDateIn(this.deps.timeZone, this.deps.clock());
  }

  /** Deletes PINs spent, locked or expired more than `retentionDays` ago. */
  purgeFinished(retentionDays: number): Promise<number> {
    const now = this.deps.clock();
    const before = new Date(now.getTime() - retentionDays * 24 * 3600 * 1000);
    return this.deps.pins.purgeFinished(before, addDaysIso(isoDateIn(this.deps.timeZone, now), -(retentionDays + PIN_VALIDITY_DAYS)));
  }

  /** Letters for the admins' list, each with the day its PIN stops being valid. */
  async list(filter: PinListFilter): Promise<Array<PinListItem & { validUntil: string }>> {
    const rows = await this.deps.pins.list(filter, addDaysIso(this.today(), -PIN_VALIDITY_DAYS));
    return rows.map((row) => ({ ...row, validUntil: pinValidUntil(row.letterDate) }));
  }

  /** Lifts the lock after too many wrong attempts (the member called and proved who they are). */
  async unlock(id: string, actor: Actor): Promise<void> {
    if (!(await this.deps.pins.unlock(id))) throw new ConflictError('not_locked', 'Diese Einmal-PIN ist nicht gesperrt.');
    await this.audited('einmal_pin.unlock', id, actor);
  }

  /** Withdraws a PIN whose letter went astray; a new letter is issued separately. */
  async revoke(id: string, actor: Actor): Promise<void> {
    if (!(await this.deps.pins.revoke(id, this.deps.clock())))
      throw new ConflictError('not_revocable', 'Diese Einmal-PIN wurde schon verwendet oder zurückgezogen.');
    await this.audited('einmal_pin.revoke', id, actor);
  }

  private audited(action: string, id: string, actor: Actor) {
    return this.deps.audit.record({
      actor: actor.label,
      actorUserId: actor.userId,
      action,
      outcome: 'success',
      targetType: 'einmal_pin',
      targetId: id,
      requestId: actor.requestId,
      ip: actor.ip,
    });
  }

  async issue(input: z.output<typeof issuePinSchema>, actor: Actor): Promise<IssuedPin> {
    const member = await this.deps.members.find(input.kvnr);
    if (!member) throw new NotFoundError('Zu dieser Krankenversichertennummer gibt es keine versicherte Person.');
    const pin = newPinCode();
    const letterDate = input.letterDate ?? this.today();
    const record = await this.deps.pins.insert({
      kvnr: member.kvnr,
      purpose: input.purpose,
      pinHash: await hashPassword(pin),
      letterDate,
      issuedBy: actor.label,
    });
    await this.audited('einmal_pin.issue', record.id, actor);
    const validUntil = pinValidUntil(letterDate);
    const letter = await renderPinLetter({
      recipient: {
        salutation: member.salutation,
        firstName: member.firstName,
        lastName: member.lastName,
        street: member.street,
        postalCode: member.postalCode,
        city: member.city,
      },
      letterDate,
      validUntil,
      purpose: input.purpose,
      pin,
    });
    return { id: record.id, validUntil, letter, pin };
  }

  /**
   * KVNR, the last six card digits and the PIN must all match. The answer never tells which
   * part was wrong; only someone who knows the PIN learns that it expired, was used or locked.
   */
  async login(kvnr: string, cardLast6: string, pinInput: string): Promise<PinLogin> {
    const pin = normalisePinCode(pinInput);
    if (await this.deps.attempts.blocked(kvnr)) {
      await verifyAgainstDummy(pinInput);
      return { ok: false, reason: 'throttled' };
    }
    const member = await this.deps.members.find(kvnr);
    if (!pin || !member || member.cardNumberLast6 !== cardLast6.trim()) {
      // A stranger who knows only the KVNR is slowed down, but cannot lock the member's PIN.
      await verifyAgainstDummy(pinInput);
      await this.deps.attempts.fail(kvnr);
      return { ok: false, reason: 'mismatch' };
    }
    for (const record of await this.deps.pins.forMember(kvnr)) {
      if (!(await verifyPassword(record.pinHash, pin))) continue;
      return this.state(record);
    }
    await this.deps.attempts.fail(kvnr);
    const locked = await this.deps.pins.recordFailure(kvnr, MAX_PIN_FAILURES, this.deps.clock());
    return { ok: false, reason: locked ? 'locked' : 'mismatch' };
  }

  private async state(record: EinmalPinRecord): Promise<PinLogin> {
    if (record.revokedAt) return { ok: false, reason: 'revoked' };
    if (record.lockedAt) return { ok: false, reason: 'locked' };
    if (record.spentAt) return { ok: false, reason: 'spent' };
    const validUntil = pinValidUntil(record.letterDate);
    if (this.today() > validUntil) return { ok: false, reason: 'expired' };
    await this.deps.pins.resetFailures(record.id);
    return { ok: true, pinId: record.id, kvnr: record.kvnr, purpose: record.purpose, validUntil, draft: record.draft ?? null };
  }

  saveDraft(pinId: string, draft: Record<string, unknown>): Promise<void> {
    return this.deps.pins.saveDraft(pinId, draft);
  }

  /** For the submission's transaction: spends the PIN with the commit. */
  spendIn(tx: Transaction, pinId: string): Promise<void> {
    return this.deps.pins.spend(tx, pinId, this.deps.clock());
  }
}
