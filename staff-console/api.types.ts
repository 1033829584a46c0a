/** The live chat's REST shapes, shared by the server routes and the console (no server imports here). */

export interface CannedResponseView {
  id: string;
  shortcut: string;
  title: string;
  text: string;
  updatedAt: string;
}

export type CallbackStatusView = 'open' | 'scheduled' | 'done' | 'cancelled';

export interface CallbackView {
  id: string;
  reference: string;
  topic: string;
  name: string;
  /** E.164. */
  phone: string;
  preferredDate: string;
  timeWindow: string;
  status: CallbackStatusView;
  scheduledFor: string | null;
  notes: string;
  createdAt: string;
}
