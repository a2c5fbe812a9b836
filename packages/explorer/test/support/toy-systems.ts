import type { ActionInfo, RenderedValue, TransitionSystem } from '@modelcheck/core';

/** A toy specification: plain functions, no explorer code; both the system and the reference use it. */
export interface ToySpec<S> {
  readonly variables: readonly string[];
  readonly actions: readonly string[];
  init(): S[];
  /** Successors as [action index, state] pairs; may repeat a successor. */
  next(state: S): [number, S][];
  /** A canonical text for state equality (the reference's map key). */
  key(state: S): string;
}

/** Two independent 32-bit FNV-1a style hashes of `text`: a 64-bit fingerprint. */
export function hash64(text: string, out: Uint32Array, offset: number): void {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  out[offset] = a >>> 0;
  out[offset + 1] = (b ^ text.length) >>> 0;
}

export interface ToySystem<S> extends TransitionSystem<S> {
  /** How many times `successors` was called (to check trace rebuilding costs). */
  readonly calls: { successors: number; initialStates: number };
}

export function toSystem<S>(spec: ToySpec<S>): ToySystem<S> {
  const actions: ActionInfo[] = spec.actions.map((name) => ({ name }));
  const labels = spec.actions.map((_, index) => ({ index }));
  const calls = { successors: 0, initialStates: 0 };
  return {
    variables: spec.variables,
    actions,
    calls,
    initialStates(emit) {
      calls.initialStates++;
      for (const s of spec.init()) emit(s);
    },
    successors(state, emit) {
      calls.successors++;
      for (const [a, t] of spec.next(state)) emit(labels[a], t);
    },
    fingerprint(state, out, offset) {
      hash64(spec.key(state), out, offset);
    },
    label() {
      return undefined;
    },
    render(state) {
      const out: Record<string, RenderedValue> = {};
      const values = state as unknown as Record<string, unknown>;
      for (const v of spec.variables) out[v] = { text: JSON.stringify(values[v]), json: values[v] };
      return out;
    },
  };
}

// ---- the toys -----------------------------------------------------------------------------------

export interface Counter {
  readonly x: number;
}

/** x counts from 0 up to `max` and stops there (a deadlock at max). */
export function counter(max: number): ToySpec<Counter> {
  return {
    variables: ['x'],
    actions: ['Inc'],
    init: () => [{ x: 0 }],
    next: (s) => (s.x < max ? [[0, { x: s.x + 1 }]] : []),
    key: (s) => String(s.x),
  };
}

/** Two counters modulo `n`, each incremented by its own action: an n*n torus without deadlocks. */
export function twoCounters(n: number): ToySpec<{ readonly a: number; readonly b: number }> {
  return {
    variables: ['a', 'b'],
    actions: ['IncA', 'IncB'],
    init: () => [{ a: 0, b: 0 }],
    next: (s) => [
      [0, { a: (s.a + 1) % n, b: s.b }],
      [1, { a: s.a, b: (s.b + 1) % n }],
    ],
    key: (s) => `${s.a},${s.b}`,
  };
}

export interface Cell {
  readonly x: number;
  readonly y: number;
}

/** A walk on a w*h grid from the corner (0,0), one cell at a time in four directions. */
export function gridWalk(w: number, h: number): ToySpec<Cell> {
  return {
    variables: ['x', 'y'],
    actions: ['Right', 'Up', 'Left', 'Down'],
    init: () => [{ x: 0, y: 0 }],
    next: (s) => {
      const out: [number, Cell][] = [];
      if (s.x + 1 < w) out.push([0, { x: s.x + 1, y: s.y }]);
      if (s.y + 1 < h) out.push([1, { x: s.x, y: s.y + 1 }]);
      if (s.x > 0) out.push([2, { x: s.x - 1, y: s.y }]);
      if (s.y > 0) out.push([3, { x: s.x, y: s.y - 1 }]);
      return out;
    },
    key: (s) => `${s.x},${s.y}`,
  };
}

export type Pc = 'idle' | 'waiting' | 'critical';

export interface LockState {
  readonly pc: readonly Pc[];
  /** -1 when free, else the holder. */
  readonly lock: number;
}

/**
 * N processes and one lock: Request (idle -> waiting), Acquire (waiting -> critical when the lock is
 * free), Release (critical -> idle). With `buggy`, Acquire ignores the lock: mutual exclusion fails.
 */
export function lockSystem(n: number, buggy = false): ToySpec<LockState> {
  const actions: string[] = [];
  for (let p = 0; p < n; p++) actions.push(`Request(${p})`, `Acquire(${p})`, `Release(${p})`);
  const set = (pc: readonly Pc[], p: number, v: Pc): Pc[] => pc.map((x, i) => (i === p ? v : x));
  return {
    variables: ['pc', 'lock'],
    actions,
    init: () => [{ pc: new Array<Pc>(n).fill('idle'), lock: -1 }],
    next: (s) => {
      const out: [number, LockState][] = [];
      for (let p = 0; p < n; p++) {
        if (s.pc[p] === 'idle') out.push([3 * p, { pc: set(s.pc, p, 'waiting'), lock: s.lock }]);
        if (s.pc[p] === 'waiting' && (buggy || s.lock === -1)) {
          out.push([3 * p + 1, { pc: set(s.pc, p, 'critical'), lock: p }]);
        }
        if (s.pc[p] === 'critical') out.push([3 * p + 2, { pc: set(s.pc, p, 'idle'), lock: -1 }]);
      }
      return out;
    },
    key: (s) => `${s.pc.join(',')}|${s.lock}`,
  };
}

export function mutualExclusion(s: LockState): boolean {
  return s.pc.filter((x) => x === 'critical').length <= 1;
}

/**
 * Dining philosophers with `n` philosophers who take the left fork, then the right one: the classic
 * deadlock when everyone holds their left fork.
 */
export function philosophers(n: number): ToySpec<{ readonly holds: readonly number[] }> {
  // holds[i]: 0 nothing, 1 left fork, 2 both forks
  const actions: string[] = [];
  for (let p = 0; p < n; p++) actions.push(`TakeLeft(${p})`, `TakeRight(${p})`, `Eat(${p})`);
  const forkFree = (holds: readonly number[], f: number): boolean => {
    // fork f is philosopher f's left fork and philosopher (f-1)'s right fork
    const left = f;
    const right = (f - 1 + n) % n;
    return holds[left] === 0 && holds[right] !== 2;
  };
  return {
    variables: ['holds'],
    actions,
    init: () => [{ holds: new Array<number>(n).fill(0) }],
    next: (s) => {
      const out: [number, { holds: number[] }][] = [];
      for (let p = 0; p < n; p++) {
        const h = s.holds;
        if (h[p] === 0 && forkFree(h, p)) out.push([3 * p, { holds: h.map((x, i) => (i === p ? 1 : x)) }]);
        const right = (p + 1) % n;
        if (h[p] === 1 && n > 1 && forkFree(h, right)) {
          out.push([3 * p + 1, { holds: h.map((x, i) => (i === p ? 2 : x)) }]);
        }
        if (h[p] === 2) out.push([3 * p + 2, { holds: h.map((x, i) => (i === p ? 0 : x)) }]);
      }
      return out;
    },
    key: (s) => s.holds.join(','),
  };
}

/**
 * A duplicate-heavy relation: from x, ten actions each emit (x + 1) mod m twice, (x * 2) mod m and x
 * itself, so generated states outnumber distinct ones many times over.
 */
export function duplicates(m: number): ToySpec<{ readonly x: number }> {
  const actions = Array.from({ length: 10 }, (_, k) => `A${k}`);
  return {
    variables: ['x'],
    actions,
    init: () => [{ x: 0 }, { x: 0 }, { x: 1 }],
    next: (s) => {
      const out: [number, { x: number }][] = [];
      for (let k = 0; k < 10; k++) {
        out.push(
          [k, { x: (s.x + 1) % m }],
          [k, { x: (s.x + 1) % m }],
          [k, { x: (s.x * 2) % m }],
          [k, { x: s.x }],
        );
      }
      return out;
    },
    key: (s) => String(s.x),
  };
}

/** A graph given by adjacency lists over integer states 0..n-1 (fast-check generates these). */
export interface RandomGraph {
  readonly size: number;
  readonly initial: readonly number[];
  /** edges[s]: [action, target] pairs, targets may repeat. */
  readonly edges: readonly (readonly [number, number])[][];
  readonly actionCount: number;
}

export function graphSpec(g: RandomGraph): ToySpec<number> {
  return {
    variables: ['s'],
    actions: Array.from({ length: g.actionCount }, (_, k) => `a${k}`),
    init: () => [...g.initial],
    next: (s) => g.edges[s].map(([a, t]) => [a, t] as [number, number]),
    key: (s) => String(s),
  };
}

/** A system over integers whose fingerprint is the integer itself (so state 0 has fingerprint 0/0). */
export function integerSystem(g: RandomGraph): TransitionSystem<number> {
  const base = toSystem(graphSpec(g));
  return {
    ...base,
    fingerprint(state, out, offset) {
      out[offset] = state >>> 0;
      out[offset + 1] = 0;
    },
    render: (s) => ({ s: { text: String(s), json: s } }),
  };
}
