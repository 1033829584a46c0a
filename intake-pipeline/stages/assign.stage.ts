import type { DocumentType } from '../document-types.js';
import { typeIsSure } from './route.stage.js';
import type { MembersRepository } from '../../domain/members/members.repository.js';
import { assignMember } from '../assignment/assign.js';
import { WARNING_PREFIX } from '../../domain/documents/review.types.js';
import { findDates, findKvnrCandidates } from '../../domain/documents/kvnr-candidates.js';
import type { IntakeDocumentsRepository, PipelineDocument, StageOutcome } from '../../domain/documents/documents.repository.js';
import type { Stage } from '../stage.js';

/** Whose document it is: KVNRs in the text, checked against the members' names and birth dates. */
export class AssignStage implements Stage {
  readonly status = 'assign' as const;

  constructor(
    private readonly documents: IntakeDocumentsRepository,
    private readonly members: MembersRepository,
  ) {}

  async run(document: PipelineDocument): Promise<StageOutcome> {
    const text = (await this.documents.pages(document.id)).map((p) => p.text).join('\n');
    const candidates = findKvnrCandidates(text);
    const dates = findDates(text);
    const lookup = [...new Set([...candidates.map((c) => c.kvnr), ...(document.declaredKvnr ? [document.declaredKvnr] : [])])];
    const found = await this.members.findMany(lookup);
    const bornOnFoundDates = await this.members.bornOn(dates);
    // The families behind everyone found: a parent's claim may carry the child's number or name the child.
    const families = await this.members.familiesOf([...found, ...bornOnFoundDates]);
    const members = new Map([...found, ...families].map((m) => [m.kvnr, m]));
    // Others of the same name as a member whose number is in the text: the name alone cannot tell them apart.
    const namesakes = await this.members.namesakesOf(found);
    const assignment = assignMember({
      text,
      candidates,
      members,
      declaredKvnr: document.declaredKvnr,
      bornOnFoundDates,
      namesakes,
      dates,
      documentType: document.documentType,
      typeSure: typeIsSure((document.documentType ?? 'other') as DocumentType, document.typeConfidence),
    });
    // Warnings stay reasons of their own, so the review screen can show them as such.
    const warnings = assignment.reasons.filter((r) => r.startsWith(WARNING_PREFIX));
    const findings = assignment.reasons.filter((r) => !r.startsWith(WARNING_PREFIX));
    return {
      status: 'route',
      reasons: [`Zuordnung (${Math.round(assignment.confidence * 100)} %): ${findings.join('; ')}`, ...warnings],
      set: { assignedKvnr: assignment.assignedKvnr, suggestedKvnr: assignment.suggestedKvnr, assignmentConfidence: assignment.confidence },
    };
  }
}
