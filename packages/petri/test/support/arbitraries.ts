import fc from 'fast-check';
import type { RandomNetSpec } from './nets.js';

/** Random small nets: 1–5 places, 1–5 transitions, arcs of weight 1–2, 0–2 initial tokens. */
export function randomNetSpec(): fc.Arbitrary<RandomNetSpec> {
  return fc.integer({ min: 1, max: 5 }).chain((places) =>
    fc.record({
      places: fc.constant(places),
      initial: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: places, maxLength: places }),
      transitions: fc.array(
        fc.record({
          pre: fc.array(fc.tuple(fc.integer({ min: 0, max: places - 1 }), fc.integer({ min: 1, max: 2 })), {
            maxLength: 2,
          }),
          post: fc.array(fc.tuple(fc.integer({ min: 0, max: places - 1 }), fc.integer({ min: 1, max: 2 })), {
            maxLength: 2,
          }),
        }),
        { minLength: 1, maxLength: 5 },
      ),
    }),
  );
}
