import type { DraftSummary } from '../../domain/submissions/submission.service.js';
import { submissionType } from '../../domain/submissions/submission-types.js';
import type { SubmissionDraft } from './submission-draft.js';

/** The summary the member confirms before sending: everything given, the IBAN shortened. */
export function buildSummary(draft: SubmissionDraft, files: DraftSummary): string {
  const type = submissionType(draft.typeId!)!;
  const lines = [
    `**Bitte prüfen Sie Ihre Angaben:**`,
    '',
    `- Art des Dokuments: ${type.label}`,
    `- Versicherte Person: ${draft.forSelf === false ? 'eine andere versicherte Person' : 'Sie selbst'} (${draft.kvnr!})`,
    ...type.fields.map((f) => `- ${f.label}: ${f.show(draft.details[f.key]!)}`),
    `- Dateien: ${files.files === 1 ? '1 Datei' : `${files.files} Dateien`} mit ${files.pages === 1 ? '1 Seite' : `${files.pages} Seiten`}`,
    `- Nachricht: ${draft.note ? escapeMarkdown(draft.note) : 'keine'}`,
    '',
    'Stimmt alles?',
  ];
  return lines.join('\n');
}

/** The member's own text is shown as text, never as formatting or links. */
function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_{}[\]()#+\-.!<>|~])/g, '\\$1').replace(/\n+/g, ' ');
}
