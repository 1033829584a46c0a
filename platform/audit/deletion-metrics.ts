import { Gauge, type Registry } from 'prom-client';
import type { AuditRepository } from './audit.repository.js';

const REASONS: Record<string, string> = { 'retention.purge': 'retention', 'member.erase': 'erasure' };

/**
 * `personal_data_deleted{kind,reason}`: every deletion by retention or erasure since the
 * installation began, read from the audit log when Prometheus scrapes. Workers delete, web nodes
 * serve /metrics, and the CLI erases without any server: the log is what all of them share.
 */
export function registerDeletionMetrics(registry: Registry, audit: AuditRepository): void {
  new Gauge({
    name: 'personal_data_deleted',
    help: 'Personal data deleted since installation, by kind (documents, files, transcripts, …) and reason (retention, erasure)',
    labelNames: ['kind', 'reason'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const { action, kind, total } of await audit.deletionTotals()) this.set({ kind, reason: REASONS[action] ?? action }, total);
    },
  });
}
