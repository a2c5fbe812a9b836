import type { Binding } from '../semantics/symbols.js';
import type { Value } from '../values/value.js';

/**
 * Runtime environment of bound names: one frame per operator call (its parameters and the names
 * its quantifiers bind), linked to the frame the operator was defined in (LET, LAMBDA, a
 * parameterised INSTANCE). Slots are assigned at compile time, so a name is read by walking a
 * known number of parents and indexing an array: no maps on the hot path.
 */
export interface Frame {
  readonly v: Value[];
  readonly p: Frame | null;
}

export const EMPTY_FRAME: Frame = { v: [], p: null };

/** The compile-time shape of a frame: which symbol sits in which slot. */
export class Layout {
  private readonly slots = new Map<Binding, number>();
  size = 0;

  constructor(readonly parent: Layout | null) {}

  add(symbol: Binding): number {
    const existing = this.slots.get(symbol);
    if (existing !== undefined) return existing;
    const index = this.size++;
    this.slots.set(symbol, index);
    return index;
  }

  /** Where a symbol lives, as (frames to walk up, slot), or undefined if it is not bound here. */
  find(symbol: Binding): { up: number; index: number } | undefined {
    let up = 0;
    for (let layout: Layout | null = this; layout; layout = layout.parent, up++) {
      const index = layout.slots.get(symbol);
      if (index !== undefined) return { up, index };
    }
    return undefined;
  }

  /** How many parents separate this layout from `ancestor` (null: the root, i.e. no frame needed). */
  distanceTo(ancestor: Layout | null): number {
    if (ancestor === null) return -1;
    let up = 0;
    for (let layout: Layout | null = this; layout; layout = layout.parent, up++)
      if (layout === ancestor) return up;
    throw new Error('internal: layout is not an ancestor');
  }
}

export function ascend(frame: Frame, up: number): Frame | null {
  if (up < 0) return null;
  let f: Frame | null = frame;
  for (let i = 0; i < up && f; i++) f = f.p;
  return f;
}

/** A copy of a frame chain, for closures that outlive the evaluation that made them (lazy values). */
export function snapshot(frame: Frame | null): Frame | null {
  return frame ? { v: frame.v.slice(), p: snapshot(frame.p) } : null;
}
