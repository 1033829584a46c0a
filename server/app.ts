import path from 'node:path';
import { projectRoot } from '../platform/paths.js';
import express, { type Express, type RequestHandler } from 'express';
import { authRoutes } from '../staff-console/api/auth.routes.js';
import { loadStaffSession, requireCsrfToken, requirePasswordChanged, sessionCookieName } from '../domain/staff/session.middleware.js';
import { staffUsersRoutes } from '../staff-console/api/staff-users.routes.js';
import { UnauthenticatedError } from '../platform/errors/index.js';
import { healthRoutes } from '../platform/health/health.routes.js';
import { errorHandler, notFoundHandler } from '../platform/http/error-handler.js';
import { measureRequests } from '../platform/http/metrics.js';
import { requestLogging } from '../platform/http/request-logging.js';
import { securityHeaders } from '../platform/http/security.js';
import { secureEquals } from '../platform/secure-compare.js';
import { botRoutes } from '../bot/bot.routes.js';
import { connectorRoutes } from '../channel/connector.routes.js';
import { directLineRoutes } from '../channel/directline.routes.js';
import { newConversationId, newUserId, type DirectLineTokens } from '../channel/tokens.service.js';
import { knowledgeRoutes } from '../knowledge/knowledge.routes.js';
import { einmalPinRoutes } from '../staff-console/api/einmal-pin.routes.js';
import { SubmissionsRepository } from '../domain/submissions/submissions.repository.js';
import { IntakeChannels } from '../domain/channels/channel-keys.js';
import { intakeRoutes } from '../intake-pipeline/api/intake.routes.js';
import { INTAKE_OPENAPI } from '../intake-pipeline/api/openapi.js';
import { exportRoutes } from '../intake-pipeline/api/export.routes.js';
import { deliveriesRoutes } from '../staff-console/api/deliveries.routes.js';
import { memberErasureRoutes } from '../staff-console/api/member-erasure.routes.js';
import { DocumentSearch } from '../staff-console/review/document-search.js';
import { quarantineRoutes } from '../staff-console/api/quarantine.routes.js';
import { administrationRoutes } from '../staff-console/api/administration.routes.js';
import { statisticsRoutes } from '../staff-console/api/statistics.routes.js';
import { reviewRoutes } from '../staff-console/review/review.routes.js';
import { QUEUE_BOARD_PATH, queueBoard } from './queue-board.js';
import { widgetRoutes } from '../webchat-widget/widget.routes.js';
import { CONSOLE_PATH, consoleRoutes } from '../staff-console/console.routes.js';
import { liveChatApiRoutes } from '../staff-console/livechat-api.routes.js';
import type { Core } from './container.js';
import { OpeningHours } from '../domain/livechat/opening-hours.js';
import { MemberLookup } from '../domain/members/member-lookup.js';
import { MembersRepository } from '../domain/members/members.repository.js';
import { importCannedResponses } from '../domain/livechat/canned-import.js';
import { TypeModelsRepository } from '../intake-pipeline/classification/type-models.repository.js';
import { maintenanceRoutes } from '../staff-console/api/maintenance.routes.js';
import { jsonBody } from '../platform/http/json-body.js';

/** The widget's token endpoint plays the site backend's part: a fresh conversation per visitor. */
async function issueWidgetToken(tokens: DirectLineTokens) {
  const conversationId = newConversationId();
  const { token, expiresIn } = await tokens.issue({ conversationId, userId: newUserId() });
  return { conversationId, token, expiresIn };
}

/** Prometheus scrape endpoint; guarded by a bearer token when METRICS_TOKEN is set. */
function metricsEndpoint(core: Core): RequestHandler {
  return async (req, res) => {
    const token = core.config.metricsToken;
    if (token && !secureEquals(req.get('authorization') ?? '', `Bearer ${token}`)) throw new UnauthenticatedError();
    res.type(core.metrics.registry.contentType).send(await core.metrics.registry.metrics());
  };
}

/** The HTTP application. Everything it uses comes in through `core`, so tests build it for real. */
export function createApp(core: Core): Express {
  const { config } = core;
  const app = express();
  app.disable('x-powered-by');
  if (config.http.trustProxyHops > 0) app.set('trust proxy', config.http.trustProxyHops);

  app.use(requestLogging(core.logger));
  app.use(securityHeaders(config.isProduction));
  app.use(measureRequests(core.metrics));
  app.use(healthRoutes(core.readiness, core.logger));
  app.get('/metrics', metricsEndpoint(core));

  const { chat } = core;
  const rateLimit = { redis: core.redis.command, logger: core.logger, prefix: config.redis.prefix };
  app.use(
    widgetRoutes({
      issueToken: () => issueWidgetToken(chat.tokens),
      allowedOrigins: config.chat.widgetAllowedOrigins,
      tokensPerIpPer15Min: config.chat.widgetTokensPerIpPer15Min,
      uploadMaxBytes: config.storage.maxFileBytes,
      rateLimit,
    }),
  );
  app.use(
    '/v3/directline',
    directLineRoutes({
      service: chat.directLine,
      tokens: chat.tokens,
      secret: chat.secret,
      storage: core.storage,
      files: core.storedFiles,
      attachmentUrls: chat.attachmentUrls,
      attachments: chat.attachments,
      uploadLimits: { maxFileBytes: config.storage.maxFileBytes, maxFiles: config.storage.maxFiles },
      scanner: core.clamd,
      logger: core.logger,
      clientKeys: chat.clientKeys,
      messagesPerMinute: config.chat.messagesPerMinute,
      rateLimit,
      clock: core.clock,
    }),
  );
  app.use('/botconnector', connectorRoutes(chat.directLine, chat.hopKey));
  app.use(
    botRoutes({ adapter: core.bot.adapter, bot: core.bot.bot, hopKey: chat.hopKey, channelServiceUrl: config.chat.channelServiceUrl }),
  );

  const cookieName = sessionCookieName(config.isProduction);
  const api = express.Router();
  api.use(...jsonBody({ limit: '100kb' }));
  api.use(loadStaffSession(core.sessions, cookieName, core.clock));
  api.use(requireCsrfToken(['/auth/login']));
  api.use(requirePasswordChanged(['/auth/login', '/auth/me', '/auth/logout', '/auth/password']));
  api.use(
    '/auth',
    authRoutes({
      login: core.login,
      users: core.staffUsers,
      sessions: core.sessions,
      redis: core.redis.command,
      redisPrefix: config.redis.prefix,
      cookieName,
      secureCookies: config.isProduction,
      attemptsPerIpPer15Min: config.auth.loginAttemptsPerIpPer15Min,
      logger: core.logger,
    }),
  );
  api.use('/admin/staff-users', staffUsersRoutes(core.staffUsers));
  api.use('/admin/einmal-pins', einmalPinRoutes(core.pins));
  api.use('/admin/members', memberErasureRoutes(core.memberErasure));
  api.use(
    '/admin',
    maintenanceRoutes({
      members: new MembersRepository(core.database.db),
      audit: core.audit,
      retrainClassifier: () => new TypeModelsRepository(core.database.db).retrain(),
      importStarterAnswers: () => importCannedResponses(path.join(projectRoot, 'data', 'canned-responses.yaml'), core.livechat.canned),
    }),
  );
  api.use(
    '/admin',
    administrationRoutes({
      channels: new IntakeChannels(core.database.db),
      requests: core.serviceRequests,
      audit: core.audit,
      timeZone: config.timeZone,
      clock: core.clock,
      serviceHours: { hours: new OpeningHours(config.livechat.openingHours, config.timeZone), spec: config.livechat.openingHours },
    }),
  );
  api.use('/statistics', statisticsRoutes({ statistics: core.statistics, clock: core.clock, timeZone: config.timeZone }));
  api.use('/admin/quarantine', quarantineRoutes(core.quarantine));
  api.use('/admin/deliveries', deliveriesRoutes({ deliveries: core.delivery.deliveries, outbox: core.delivery.outbox, audit: core.audit }));
  api.use(
    '/knowledge',
    knowledgeRoutes({
      knowledge: core.knowledge,
      editor: core.knowledgeEditor,
      feedback: core.faqFeedback,
      reviewMaxAgeDays: core.config.knowledgeReviewMaxAgeDays,
    }),
  );
  api.use(
    '/intake',
    intakeRoutes({
      channels: new IntakeChannels(core.database.db),
      submissions: core.submissions,
      repository: new SubmissionsRepository(core.database.db),
      audit: core.audit,
      limits: { maxFileBytes: config.storage.maxFileBytes, maxFiles: config.storage.maxFiles },
    }),
  );
  api.use(
    '/export',
    exportRoutes({
      db: core.database.db,
      channels: new IntakeChannels(core.database.db),
      deliveries: core.delivery.deliveries,
      targets: config.delivery.targets,
      storage: core.storage,
      links: core.delivery.links,
      audit: core.audit,
      clock: core.clock,
    }),
  );
  api.use(
    '/review',
    reviewRoutes(core.review, new DocumentSearch(core.database.db, core.delivery.deliveries, core.audit, config.timeZone)),
  );
  api.use(
    '/livechat',
    liveChatApiRoutes({
      canned: core.livechat.canned,
      requests: core.serviceRequests,
      audit: core.audit,
      chats: core.livechat.queue,
      members: new MemberLookup(core.database.db, core.audit),
      clock: core.clock,
      timeZone: config.timeZone,
    }),
  );
  api.get('/docs', (_req, res) => void res.json(INTAKE_OPENAPI));
  app.use('/api', api);
  app.use(QUEUE_BOARD_PATH, queueBoard(core, cookieName));
  app.use(CONSOLE_PATH, consoleRoutes(core.consoleBundle));

  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
