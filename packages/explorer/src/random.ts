/**
 * A small seeded pseudo-random generator for simulation: a Weyl sequence (step 0x9e3779b9) passed
 * through a 32-bit avalanche mix. Same seed, same numbers, on every host, so a reported seed
 * reproduces a random run exactly.
 */
export class SeededRandom {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  nextUint32(): number {
    this.state = (this.state + 0x9e3779b9) >>> 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  }

  /** An integer in `[0, bound)`; `bound` must be positive and at most 2^32. */
  nextInt(bound: number): number {
    return Math.floor((this.nextUint32() / 4294967296) * bound);
  }
}

/** A fresh seed when the caller gives none (not reproducible by design; the run reports it). */
export function randomSeed(): number {
  return Math.floor(Math.random() * 4294967296) >>> 0;
}
