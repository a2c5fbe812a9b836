import { formatMarking, type PetriNet } from '@modelcheck/petri';

/** How many transitions of a firing sequence the text report shows before eliding (JSON has all). */
export const SHOWN_STEPS = 60;

/** `t1 t2 t3` (or `ε` for none), elided past `SHOWN_STEPS`. */
export function formatSequence(net: PetriNet, sequence: readonly number[]): string {
  if (sequence.length === 0) return 'ε (the initial marking)';
  const ids = sequence.slice(0, SHOWN_STEPS).map((t) => net.transitions[t].id);
  const more = sequence.length - ids.length;
  return `${ids.join(' ')}${more > 0 ? ` … (${more} more; --json lists them all)` : ''}`;
}

export function sequenceIds(net: PetriNet, sequence: readonly number[]): string[] {
  return sequence.map((t) => net.transitions[t].id);
}

export function shortMarking(net: PetriNet, marking: ArrayLike<number>): string {
  const text = formatMarking(net, marking);
  return text.length > 300 ? `${text.slice(0, 300)} …` : text;
}
