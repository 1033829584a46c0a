import type { Express } from 'express';
import request from 'supertest';
import type { StaffRole } from '../../platform/db/schema.js';
import type { Core } from '../../server/container.js';
import { uniqueName } from './system.js';

export const TEST_PASSWORD = 'a long enough test password';

export async function createStaff(core: Core, role: StaffRole, password = TEST_PASSWORD) {
  const username = uniqueName(`${role}-`);
  await core.staffUsers.create({ username, role, password }, { label: 'test' });
  return { username, password };
}

export interface LoggedIn {
  agent: ReturnType<typeof request.agent>;
  csrfToken: string;
  cookie: string;
}

/** Logs in through the real endpoint; the supertest agent keeps the session cookie. */
export async function loginAs(app: Express | string, username: string, password = TEST_PASSWORD): Promise<LoggedIn> {
  const agent = request.agent(app);
  const res = await agent.post('/api/auth/login').send({ username, password }).expect(200);
  const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  return { agent, csrfToken: res.body.csrfToken as string, cookie: setCookie[0]!.split(';')[0]! };
}
