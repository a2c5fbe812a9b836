import type { TransitionSystem } from '@modelcheck/core';
import type { Invariant } from './options.js';

/**
 * Invariants from the system's own named predicates (`TransitionSystem.label`), e.g. the INVARIANT
 * names of a TLC config. Throws a RangeError naming the first predicate the system does not have.
 */
export function invariantsFromLabels<S>(
  system: TransitionSystem<S>,
  names: readonly string[],
): Invariant<S>[] {
  return names.map((name) => {
    const predicate = system.label(name);
    if (!predicate) throw new RangeError(`the system has no predicate named ${name}`);
    return { name, check: predicate };
  });
}
