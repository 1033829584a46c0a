import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { HttpError, TooManyRequestsError } from '../platform/errors/index.js';
import { redisRateLimit, type RateLimitOptions } from '../platform/http/rate-limit.js';
import { projectRoot } from '../platform/paths.js';

const WIDGET_DIR = path.join(projectRoot, 'webchat-widget');
const WEBCHAT_BUNDLE = path.join(projectRoot, 'node_modules', 'botframework-webchat', 'dist', 'webchat.js');
/**
 * React 16 for the frame's own Web Chat middleware (an agent's name and avatar), as Web Chat's
 * samples load it beside the full bundle; its elements are the kind the bundle's React 16 renders.
 */
const REACT_BUNDLE = path.join(projectRoot, 'node_modules', 'webchat-react', 'umd', 'react.production.min.js');

export interface WidgetRoutesOptions {
  /** Issues a token for a new conversation: the site's backend job, done here for the demo and the widget. */
  issueToken: () => Promise<{ conversationId: string; token: string; expiresIn: number }>;
  /** Origins allowed to embed the widget's frame (besides this server's own). */
  allowedOrigins: string[];
  tokensPerIpPer15Min: number;
  /** The largest file the channel takes: the frame refuses larger ones with the reason. */
  uploadMaxBytes: number;
  rateLimit: Pick<RateLimitOptions, 'redis' | 'logger'> & { prefix: string };
}

const frameQuery = z.object({
  title: z.string().max(80).default('Chat mit der Musterkasse'),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .default('#005a4e'),
  locale: z
    .string()
    .regex(/^[a-z]{2}-[A-Z]{2}$/)
    .default('de-DE'),
});

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON that is safe inside a <script type="application/json"> element. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function framePage(title: string, config: object): string {
  return `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/widget/frame.css">
</head>
<body>
<header class="mk-header"><h1 id="mk-title">${escapeHtml(title)}</h1><button id="mk-close" class="mk-close" type="button" aria-label="Chat schließen">×</button></header>
<main id="webchat" aria-labelledby="mk-title"></main>
<div id="mk-status" class="mk-status" role="status" aria-live="polite"></div>
<script type="application/json" id="mk-config">${jsonForScript(config)}</script>
<script src="/widget/vendor/react.js"></script>
<script src="/widget/vendor/webchat.js"></script>
<script src="/widget/frame.js"></script>
</body>
</html>`;
}

/** The embeddable widget, its frame, the token endpoint it uses, and the demo site at `/`. */
export function widgetRoutes(options: WidgetRoutesOptions): Router {
  const router = Router();
  const statics = { maxAge: '1h', index: false, fallthrough: false } as const;

  router.get('/', (_req, res) => res.sendFile(path.join(WIDGET_DIR, 'demo', 'index.html')));
  router.get('/favicon.ico', (_req, res) => res.status(204).end());
  router.use('/demo', express.static(path.join(WIDGET_DIR, 'demo'), statics));
  router.get('/widget/vendor/webchat.js', (_req, res) => res.sendFile(WEBCHAT_BUNDLE, { maxAge: '1d' }));
  router.get('/widget/vendor/react.js', (_req, res) => res.sendFile(REACT_BUNDLE, { maxAge: '1d' }));
  router.get('/widget/loader.js', (_req, res) => {
    // Embedded by other sites: may be loaded cross-origin.
    res.set('Cross-Origin-Resource-Policy', 'cross-origin');
    res.sendFile(path.join(WIDGET_DIR, 'public', 'loader.js'), { maxAge: '10m' });
  });

  router.get('/widget/frame', (req: Request, res: Response) => {
    const query = frameQuery.safeParse(req.query);
    const config = query.success ? query.data : frameQuery.parse({});
    // The frame is made to be embedded: by this server's pages and the configured sites only.
    res.removeHeader('X-Frame-Options');
    res.set(
      'Content-Security-Policy',
      [
        "default-src 'self'",
        "script-src 'self'",
        // Web Chat's styling libraries insert <style> elements that do not all carry the nonce;
        // inline styles are allowed in this frame only. Scripts stay strictly same-origin.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        // blob: lets the Direct Line client read the files a member picked before uploading them.
        "connect-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        `frame-ancestors 'self' ${options.allowedOrigins.join(' ')}`.trim(),
      ].join('; '),
    );
    res.set('Cache-Control', 'no-store');
    res.type('html').send(framePage(config.title, { ...config, uploadMaxBytes: options.uploadMaxBytes }));
  });
  router.use('/widget', express.static(path.join(WIDGET_DIR, 'public'), { ...statics, fallthrough: true }));

  const tokenLimiter = redisRateLimit({
    ...options.rateLimit,
    prefix: `${options.rateLimit.prefix}:ratelimit:widget-token:`,
    windowMs: 15 * 60 * 1000,
    limit: options.tokensPerIpPer15Min,
    onLimit: (retryAfter) =>
      new TooManyRequestsError(
        'too_many_conversations',
        'Zu viele neue Chats von dieser Adresse. Bitte versuchen Sie es später erneut.',
        retryAfter,
      ),
  });
  router.post('/widget/token', tokenLimiter, async (req: Request, res: Response) => {
    // Browsers send Sec-Fetch-Site; only our own frame may ask (other sites embed the frame, not this call).
    const site = req.get('sec-fetch-site');
    if (site && site !== 'same-origin') throw new HttpError(403, 'forbidden', 'Nicht erlaubt.');
    const { conversationId, token, expiresIn } = await options.issueToken();
    res.set('Cache-Control', 'no-store').json({ conversationId, token, expires_in: expiresIn });
  });

  return router;
}

/** Checked at start so a missing Web Chat bundle fails loudly, not on the first visitor. */
export function assertWidgetAssets(): void {
  if (!existsSync(WEBCHAT_BUNDLE)) throw new Error(`Web Chat bundle missing at ${WEBCHAT_BUNDLE}; run npm install`);
}
