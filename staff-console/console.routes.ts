import express, { Router } from 'express';
import { CONSOLE_ASSETS_DIR, type ConsoleBundle } from './bundle.js';

export const CONSOLE_PATH = '/console';

const SHELL = `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Musterkasse · Mitarbeiterkonsole</title>
<link rel="stylesheet" href="${CONSOLE_PATH}/console.css">
<script type="module" src="${CONSOLE_PATH}/app.js"></script>
</head>
<body>
<div id="app"><p class="loading" role="status">Konsole wird geladen …</p></div>
<noscript>Die Mitarbeiterkonsole braucht JavaScript.</noscript>
</body>
</html>`;

/**
 * The staff console: one page for agents, clerks and admins. The page itself holds no data;
 * everything comes from the staff API, which checks the session and role on every call.
 */
export function consoleRoutes(bundle: ConsoleBundle): Router {
  const router = Router();
  router.get('/', (_req, res) => void res.set('Cache-Control', 'no-store').type('html').send(SHELL));
  router.get('/app.js', async (_req, res) => {
    res
      .set('Cache-Control', 'no-cache')
      .type('text/javascript')
      .send(await bundle.javascript());
  });
  router.use(express.static(CONSOLE_ASSETS_DIR, { index: false, maxAge: '10m' }));
  return router;
}
