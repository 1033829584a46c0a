import type { MemberRecord } from './members.repository.js';

/**
 * True when two members belong to one family insurance: one is insured through the other, or
 * both through the same member (the member data names, per person, the KVNR they are insured through).
 */
export function sameFamily(a: Pick<MemberRecord, 'kvnr' | 'familyOf'>, b: Pick<MemberRecord, 'kvnr' | 'familyOf'>): boolean {
  return a.familyOf === b.kvnr || b.familyOf === a.kvnr || (a.familyOf !== null && a.familyOf === b.familyOf);
}

export interface CertificateRequester {
  kvnr: string;
  birthDate: string;
  /** Set when the certificate is for someone else. */
  forKvnr?: string;
}

/**
 * Whether a certificate may be recorded: the requester is a member whose birth date matches,
 * and a certificate for someone else is for a member of their family. One answer for every
 * kind of mismatch, so the chat reveals nothing about who is insured.
 */
export async function mayRequestCertificate(
  members: { find(kvnr: string): Promise<MemberRecord | undefined> },
  request: CertificateRequester,
): Promise<boolean> {
  const requester = await members.find(request.kvnr);
  if (!requester || requester.birthDate !== request.birthDate) return false;
  if (!request.forKvnr) return true;
  const other = await members.find(request.forKvnr);
  return other !== undefined && other.kvnr !== requester.kvnr && sameFamily(requester, other);
}
