import { and, desc, eq, inArray, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { AuditRepository } from '../../platform/audit/audit.repository.js';
import type { Database } from '../../platform/db/client.js';
import { certificateRequests, einmalPins, submissions } from '../../platform/db/schema.js';
import { NO_NUL, withoutNul } from '../../platform/http/validate.js';
import type { Actor } from '../staff/staff-users.service.js';
import { kvnrSchema } from './kvnr.js';
import { MembersRepository } from './members.repository.js';

/** By KVNR, or by name (every word, Krüger = Krueger); one of the two. */
export const memberLookupSchema = z.union(
  [
    z.object({ kvnr: kvnrSchema }).strict(),
    z
      .object({
        name: z
          .string()
          .trim()
          .min(2, { error: 'Bitte mindestens zwei Buchstaben des Namens angeben.' })
          .max(100)
          .refine(withoutNul, NO_NUL),
      })
      .strict(),
  ],
  { error: 'Bitte eine Krankenversichertennummer (kvnr) oder einen Namen (name) angeben.' },
);

/** At most this many people for one name; a KVNR finds exactly one. */
const MAX_PEOPLE = 10;
const MAX_ITEMS = 20;

export interface MemberWithRequests {
  kvnr: string;
  name: string;
  birthDate: string;
  city: string;
  /** Submissions not yet processed: what the member may be asking about. */
  openSubmissions: Array<{ trackingId: string; status: string; declaredType: string | null; receivedAt: string }>;
  /** Certificates asked for in the chat and not yet posted. */
  openCertificates: Array<{ reference: string; requestedAt: string }>;
  /** Einmal-PIN letters whose PIN is not used, locked or withdrawn (it may have expired). */
  openPinLetters: Array<{ purpose: string; letterDate: string }>;
}

/**
 * An agent on a chat or the phone looks a member up: who they are (name, birth date, city, no
 * more) and what is open for them. Every lookup is in the audit log, by KVNR or by name.
 */
export class MemberLookup {
  private readonly members: MembersRepository;

  constructor(
    private readonly db: Database,
    private readonly audit: AuditRepository,
  ) {
    this.members = new MembersRepository(db);
  }

  async find(query: z.output<typeof memberLookupSchema>, actor: Actor): Promise<MemberWithRequests[]> {
    const people =
      'kvnr' in query
        ? [await this.members.find(query.kvnr)].filter((m) => m !== undefined)
        : await this.members.named(query.name, MAX_PEOPLE);
    await this.audit.record({
      actor: actor.label,
      actorUserId: actor.userId,
      action: 'member.lookup',
      outcome: 'success',
      targetType: 'member',
      targetId: people.length === 1 ? people[0]!.kvnr : undefined,
      requestId: actor.requestId,
      ip: actor.ip,
      details: { by: 'kvnr' in query ? 'kvnr' : 'name', results: people.length },
    });
    const kvnrs = people.map((p) => p.kvnr);
    if (kvnrs.length === 0) return [];
    const [open, certificates, pins] = await Promise.all([
      this.db
        .select()
        .from(submissions)
        .where(and(inArray(submissions.kvnr, kvnrs), ne(submissions.status, 'processed')))
        .orderBy(desc(submissions.createdAt))
        .limit(MAX_ITEMS * kvnrs.length),
      this.db
        .select()
        .from(certificateRequests)
        .where(and(inArray(certificateRequests.kvnr, kvnrs), eq(certificateRequests.status, 'recorded'))),
      this.db.select().from(einmalPins).where(inArray(einmalPins.kvnr, kvnrs)),
    ]);
    return people.map((person) => ({
      kvnr: person.kvnr,
      name: `${person.firstName} ${person.lastName}`,
      birthDate: person.birthDate,
      city: person.city,
      openSubmissions: open
        .filter((s) => s.kvnr === person.kvnr)
        .slice(0, MAX_ITEMS)
        .map((s) => ({ trackingId: s.trackingId, status: s.status, declaredType: s.declaredType, receivedAt: s.createdAt.toISOString() })),
      openCertificates: certificates
        .filter((c) => c.kvnr === person.kvnr)
        .map((c) => ({ reference: c.reference, requestedAt: c.createdAt.toISOString() })),
      openPinLetters: pins
        .filter((p) => p.kvnr === person.kvnr && !p.spentAt && !p.lockedAt && !p.revokedAt)
        .map((p) => ({ purpose: p.purpose, letterDate: p.letterDate })),
    }));
  }
}
