import fc from 'fast-check';
import type { RandomGraph } from './toy-systems.js';

/** Small random graphs over integer states: random initial states (repeats allowed), random edges. */
export function randomGraph(maxSize = 30): fc.Arbitrary<RandomGraph> {
  return fc
    .record({ size: fc.integer({ min: 1, max: maxSize }), actionCount: fc.integer({ min: 1, max: 3 }) })
    .chain(({ size, actionCount }) =>
      fc.record({
        size: fc.constant(size),
        actionCount: fc.constant(actionCount),
        initial: fc.array(fc.nat({ max: size - 1 }), { minLength: 0, maxLength: 3 }),
        edges: fc.array(
          fc.array(fc.tuple(fc.nat({ max: actionCount - 1 }), fc.nat({ max: size - 1 })), { maxLength: 5 }),
          { minLength: size, maxLength: size },
        ),
      }),
    );
}
