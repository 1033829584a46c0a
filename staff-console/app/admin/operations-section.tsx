import { FailedDeliveries } from './failed-deliveries.js';
import { MemberErasureForm } from './member-erasure.js';
import { QuarantineList } from './quarantine-list.js';

/** What admins keep running: deliveries that failed, the quarantine, erasure on request. */
export function OperationsSection() {
  return (
    <section aria-labelledby="operations-title">
      <h1 id="operations-title">Betrieb</h1>
      <FailedDeliveries />
      <QuarantineList />
      <MemberErasureForm />
    </section>
  );
}
