import type { StaffSession } from './sessions.repository.js';
import type { StaffUser } from './staff-users.repository.js';

export interface StaffContext {
  user: StaffUser;
  session: StaffSession;
  token: string;
}

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by the session middleware when a live staff session came with the request. */
    staff?: StaffContext;
    /** True when the request carried a session cookie whose session has expired. */
    staffSessionExpired?: boolean;
  }
}
