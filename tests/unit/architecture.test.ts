import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../platform/paths.js';

const PARTS = ['platform', 'domain', 'channel', 'bot', 'webchat-widget', 'staff-console', 'intake-pipeline', 'knowledge', 'server'];

/** Runs the project's architecture check on a made-up tree of files, and returns what it reported. */
function checkTree(files: Record<string, string>): { ok: boolean; report: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'mk-architecture-'));
  try {
    copyFileSync(path.join(projectRoot, 'architecture.config.cjs'), path.join(dir, 'architecture.config.cjs'));
    writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', strict: true } }),
    );
    for (const part of PARTS) mkdirSync(path.join(dir, part), { recursive: true });
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    const bin = path.join(projectRoot, 'node_modules', '.bin', 'depcruise');
    const run = spawnSync(bin, ['--config', 'architecture.config.cjs', '--output-type', 'err', ...PARTS], { cwd: dir, encoding: 'utf8' });
    return { ok: run.status === 0, report: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the architecture check', () => {
  it('passes a tree that keeps the layers', () => {
    const result = checkTree({
      'platform/clock.ts': 'export const now = () => new Date();\n',
      'domain/members/member.ts': "import { now } from '../../platform/clock.js';\nexport const since = now();\n",
      'bot/dialog.ts': "import { since } from '../domain/members/member.js';\nexport const x = since;\n",
      'server/main.ts': "import { x } from '../bot/dialog.js';\nexport default x;\n",
    });
    assert.ok(result.ok, result.report);
  });

  it('finds a cycle made only of type imports', () => {
    const result = checkTree({
      'bot/a.ts': "import type { B } from './b.js';\nexport interface A { b?: B }\n",
      'bot/b.ts': "import type { A } from './a.js';\nexport interface B { a?: A }\n",
    });
    assert.equal(result.ok, false);
    assert.match(result.report, /no-cycle: bot\/a\.ts/);
  });

  it('refuses the platform depending on the domain, the domain on a surface, and anything on server/', () => {
    const result = checkTree({
      'domain/rules.ts': "import type { Bot } from '../bot/bot.js';\nexport type Rule = Bot;\n",
      'bot/bot.ts': 'export type Bot = string;\n',
      'platform/db.ts': "import type { Rule } from '../domain/rules.js';\nexport type Row = Rule;\n",
      'server/container.ts': 'export const core = 1;\n',
      'knowledge/index.ts': "import { core } from '../server/container.js';\nexport const k = core;\n",
    });
    assert.equal(result.ok, false);
    assert.match(result.report, /platform-is-the-base: platform\/db\.ts → domain\/rules\.ts/);
    assert.match(result.report, /domain-below-surfaces: domain\/rules\.ts → bot\/bot\.ts/);
    assert.match(result.report, /only-server-composes: knowledge\/index\.ts → server\/container\.ts/);
  });

  it('refuses a surface reaching into another, but not into itself', () => {
    const result = checkTree({
      'channel/activity.ts': 'export const CHANNEL = 1;\n',
      'channel/routes.ts': "import { CHANNEL } from './activity.js';\nexport const r = CHANNEL;\n",
      'staff-console/socket.ts': "import { CHANNEL } from '../channel/activity.js';\nexport const s = CHANNEL;\n",
    });
    assert.equal(result.ok, false);
    assert.match(result.report, /surfaces-stay-apart: staff-console\/socket\.ts → channel\/activity\.ts/);
    assert.doesNotMatch(result.report, /channel\/routes\.ts/);
  });
});
