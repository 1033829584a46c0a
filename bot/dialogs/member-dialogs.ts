import { HandoffDialog, type LiveChatDesk } from './handoff.dialog.js';
import type { ConversationState } from 'botbuilder';
import { CallbackDialog, type CallbackDeps } from './callback.dialog.js';
import { CertificateDialog, type CertificateDesk } from './certificate.dialog.js';
import { PinLoginDialog, type PinDesk } from './pin-login.dialog.js';
import { StatusDialog, type StatusDesk } from './status.dialog.js';
import { SubmitDocumentDialog, type SubmitDocumentDeps } from './submit-document.dialog.js';

/** What the member dialogs need from the rest of the system (plain interfaces; core provides them). */
export interface MemberServices {
  submitDocument: SubmitDocumentDeps;
  callback: CallbackDeps;
  certificates: CertificateDesk;
  status: StatusDesk;
  pins: PinDesk;
  liveChat: LiveChatDesk;
}

export interface MemberDialogs {
  submitDocument: SubmitDocumentDialog;
  callback: CallbackDialog;
  certificate: CertificateDialog;
  status: StatusDialog;
  pinLogin: PinLoginDialog;
  handoff: HandoffDialog;
}

export function createMemberDialogs(services: MemberServices, state: ConversationState): MemberDialogs {
  return {
    submitDocument: new SubmitDocumentDialog(services.submitDocument),
    callback: new CallbackDialog(services.callback),
    certificate: new CertificateDialog(services.certificates),
    status: new StatusDialog(services.status, state.createProperty<number>('failedStatusLookups')),
    pinLogin: new PinLoginDialog(services.pins, state.createProperty<number>('failedPinLogins')),
    handoff: new HandoffDialog(services.liveChat, services.callback.clock),
  };
}
