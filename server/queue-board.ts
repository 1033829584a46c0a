import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import express, { type Express, type Router } from 'express';
import helmet from 'helmet';
import { authorize, loadStaffSession, requirePasswordChanged, requireSameOrigin } from '../domain/staff/session.middleware.js';
import { QUEUE_NAMES } from '../platform/queue/job-map.js';
import type { Core } from './container.js';

export const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * bull-board for admins: every queue with its jobs, retries and failures. Its page needs
 * inline styles (React style attributes), so its CSP allows those and nothing else extra; the
 * admin's session cookie is SameSite=Strict, which keeps other sites from posting to it.
 */
export function queueBoard(core: Core, cookieName: string): Router {
  const adapter = new ExpressAdapter();
  adapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: QUEUE_NAMES.map((name) => new BullMQAdapter(core.queues.queue(name), { readOnlyMode: false })),
    serverAdapter: adapter,
  });
  const router = express.Router();
  router.use(
    helmet.contentSecurityPolicy({
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        // The dashboard's page sets <base href> to its own path; 'none' left it loading forever.
        baseUri: ["'self'"],
      },
    }),
  );
  router.use(loadStaffSession(core.sessions, cookieName, core.clock));
  router.use(authorize('admin'));
  router.use(requirePasswordChanged([]));
  // bull-board's page cannot send our CSRF header, so its changes (clean, pause, retry) must come from our own origin.
  router.use(requireSameOrigin(new URL(core.config.http.publicUrl).origin));
  const board = adapter.getRouter() as Express;
  board.disable('x-powered-by');
  router.use(board as unknown as Router);
  return router;
}
