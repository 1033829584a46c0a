import type { RequestHandler } from 'express';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  httpRequestDuration: Histogram<'method' | 'route' | 'status'>;
  jobsProcessed: Counter<'queue' | 'outcome'>;
  /** Intake pipeline: how long each stage took, by stage and where the document went next. */
  intakeStageDuration: Histogram<'stage' | 'next'>;
  /** Hand-overs of routed documents to the core system, by target kind and outcome. */
  documentDeliveries: Counter<'kind' | 'outcome'>;
}

/** One registry per process; tests get their own so they do not share counters. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequestDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by route template',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    intakeStageDuration: new Histogram({
      name: 'intake_stage_duration_seconds',
      help: 'Intake pipeline stage duration by stage and next status',
      labelNames: ['stage', 'next'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
      registers: [registry],
    }),
    documentDeliveries: new Counter({
      name: 'document_deliveries_total',
      help: 'Hand-overs of routed documents to the core system by target kind and outcome (delivered, error)',
      labelNames: ['kind', 'outcome'],
      registers: [registry],
    }),
    jobsProcessed: new Counter({
      name: 'jobs_processed_total',
      help: 'Queue jobs finished by this process',
      labelNames: ['queue', 'outcome'],
      registers: [registry],
    }),
  };
}

/** Records each request under its route template (never the raw path: ids would explode the series). */
export function measureRequests(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const stop = metrics.httpRequestDuration.startTimer();
    res.on('finish', () => {
      const template = req.route?.path;
      const route = typeof template === 'string' ? `${req.baseUrl}${template}` : 'unmatched';
      stop({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}
