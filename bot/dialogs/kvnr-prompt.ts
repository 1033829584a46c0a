import { KVNR_MESSAGES, kvnrProblem, normaliseKvnr } from '../../domain/members/kvnr.js';

/** The German explanation of what is wrong with a typed KVNR, or nothing when it is valid. */
export function kvnrMistake(answer: string): string | undefined {
  const problem = kvnrProblem(normaliseKvnr(answer));
  return problem ? KVNR_MESSAGES[problem] : undefined;
}
