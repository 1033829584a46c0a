import { FailedDeliveries } from './failed-deliveries.js';
import { MemberErasureForm } from './member-erasure.js';
import { QuarantineList } from './quarantine-list.js';
import { RunTask } from './run-task.js';

/** What admins keep running: deliveries that failed, the quarantine, erasure on request, the document-type model. */
export function OperationsSection() {
  return (
    <section aria-labelledby="operations-title">
      <h1 id="operations-title">Betrieb</h1>
      <FailedDeliveries />
      <QuarantineList />
      <MemberErasureForm />
      <RunTask<{ shippedExamples: number; clerkExamples: number }>
        id="classifier"
        title="Dokumenttyp-Modell"
        description="Lernt aus den mitgelieferten Beispielen und jeder Entscheidung des Posteingangs neu; die Worker übernehmen es innerhalb einer Minute."
        label="Neu trainieren"
        path="/api/admin/classifier/train"
        describe={(r) =>
          `Neu trainiert mit ${r.shippedExamples} mitgelieferten Beispielen und ${r.clerkExamples} Entscheidungen des Posteingangs.`
        }
      />
    </section>
  );
}
