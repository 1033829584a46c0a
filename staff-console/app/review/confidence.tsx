import { DOUBTFUL, percent } from '../format.js';

/** A confidence as a percentage, marked when it is too low to trust. */
export function Confidence({ value }: { value: number | null }) {
  const doubtful = value === null || value < DOUBTFUL;
  return (
    <span class={doubtful ? 'confidence doubtful' : 'confidence'} title={doubtful ? 'unsicher' : 'sicher'}>
      {percent(value)}
    </span>
  );
}
