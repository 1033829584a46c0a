import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { addDaysIso, isoDateIn, type Clock } from '../../platform/clock.js';
import { ForbiddenError } from '../../platform/errors/index.js';
import { toCsv } from '../../platform/http/csv.js';
import { parseInput } from '../../platform/http/validate.js';
import {
  statisticsRangeSchema,
  type ServiceFigures,
  type ServiceStatistics,
  type StatisticsRange,
} from '../../domain/statistics/service-statistics.js';
import { authorize } from '../../domain/staff/session.middleware.js';

/** Without a range: the last 30 days, by day. */
const DEFAULT_DAYS = 30;

/** The tables as CSV files, by the name in the URL. */
const TABLES = {
  conversations: 'conversations',
  'live-chat': 'liveChat',
  callbacks: 'callbacks',
  documents: 'documents',
  'document-types': 'documentTypes',
} as const satisfies Record<string, keyof ServiceFigures>;
const tableName = z.enum(Object.keys(TABLES) as [keyof typeof TABLES], { error: 'Diese Tabelle gibt es nicht.' });

export interface StatisticsDeps {
  statistics: ServiceStatistics;
  clock: Clock;
  timeZone: string;
}

/**
 * `GET /api/statistics?from&to&period`: every figure for admins; agents get the live chat
 * figures of their own chats only. `GET /api/statistics/<table>.csv` exports one table.
 */
export function statisticsRoutes(deps: StatisticsDeps): Router {
  const router = Router();
  router.use(authorize('admin', 'agent'));

  const rangeOf = (req: Request): StatisticsRange => {
    const today = isoDateIn(deps.timeZone, deps.clock());
    return parseInput(statisticsRangeSchema, { from: addDaysIso(today, -(DEFAULT_DAYS - 1)), to: today, ...req.query });
  };
  /** What this person may see: all for admins, their own chats for agents. */
  const figuresFor = async (req: Request, range: StatisticsRange): Promise<Partial<ServiceFigures>> => {
    const user = req.staff!.user;
    if (user.role === 'admin') return deps.statistics.figures(range);
    return { liveChat: await deps.statistics.liveChat(range, user.id) };
  };

  router.get('/', async (req: Request, res: Response) => {
    const range = rangeOf(req);
    res.json({ range, scope: req.staff!.user.role === 'admin' ? 'all' : 'own', ...(await figuresFor(req, range)) });
  });

  router.get('/:table.csv', async (req: Request, res: Response) => {
    const table = TABLES[parseInput(tableName, req.params.table)];
    const rows = (await figuresFor(req, rangeOf(req)))[table] as Array<Record<string, unknown>> | undefined;
    if (!rows) throw new ForbiddenError('forbidden', 'Diese Tabelle sehen nur Administratoren.');
    // Every table but the document types has a row per period; that one may be empty.
    const header = rows[0] ? Object.keys(rows[0]) : ['period', 'documentType', 'channel', 'documents'];
    res
      .type('text/csv; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="statistik-${req.params.table}.csv"`)
      .send(
        toCsv(
          header,
          rows.map((row) => header.map((column) => row[column])),
        ),
      );
  });

  return router;
}
