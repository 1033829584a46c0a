import { PinLetters } from './pin-letters.js';
import { StaffUsers } from './staff-users.js';

/** Accounts and letters, without a shell. */
export function AdministrationSection({ selfId }: { selfId: string }) {
  return (
    <section aria-labelledby="administration-title">
      <h1 id="administration-title">Verwaltung</h1>
      <StaffUsers selfId={selfId} />
      <PinLetters />
    </section>
  );
}
