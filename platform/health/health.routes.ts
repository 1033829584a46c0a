import { Router } from 'express';
import type { Logger } from '../logging/logger.js';
import { checkReadiness, type ReadinessCheck } from './readiness.js';

export function healthRoutes(checks: ReadinessCheck[], logger: Logger): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const report = await checkReadiness(checks);
    if (!report.ready) logger.warn({ failing: report.failing }, 'Not ready');
    res
      .status(report.ready ? 200 : 503)
      .json({ status: report.ready ? 'ready' : 'not_ready', checks: report.checks, failing: report.failing });
  });
  return router;
}
