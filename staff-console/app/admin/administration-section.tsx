import { AuditLog } from './audit-log.js';
import { Certificates } from './certificates.js';
import { ChannelKeys } from './channel-keys.js';
import { PinLetters } from './pin-letters.js';
import { MemberImport } from './member-import.js';
import { ServiceHoursView } from './service-hours.js';
import { StaffUsers } from './staff-users.js';

/** Accounts, letters, certificates to post, channel keys, service hours and the audit log, without a shell. */
export function AdministrationSection({ selfId }: { selfId: string }) {
  return (
    <section aria-labelledby="administration-title">
      <h1 id="administration-title">Verwaltung</h1>
      <StaffUsers selfId={selfId} />
      <PinLetters />
      <MemberImport />
      <Certificates />
      <ChannelKeys />
      <ServiceHoursView />
      <AuditLog />
    </section>
  );
}
