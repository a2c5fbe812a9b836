import type { PetriNet } from '../model/net.js';
import { type CoverabilityGraph, OMEGA } from '../state-space/coverability.js';

/**
 * Proves that an unbounded net has no reachable dead marking, or says it cannot. Every reachable
 * marking M agrees with some coverability node m on m's finite places; a dead M must disable every
 * transition. So a node is safe when a transition is enabled by its finite places alone; else the
 * dead candidates lie below corners u (each transition blocked by one ω place with fewer tokens than
 * its arc needs), and a corner is impossible when some never-decreasing sum y·M ≥ y·M0 fails there.
 * Sound, not complete: `false` means no proof, not a deadlock.
 */
export function provesDeadlockFreedom(
  net: PetriNet,
  graph: CoverabilityGraph,
  sums: readonly (readonly number[])[],
  maxCorners = 2000,
): boolean {
  if (!graph.complete) return false;
  const P = net.places.length;
  const floor = sums.map((y) => y.reduce((s, yp, p) => s + yp * net.initialMarking[p], 0));
  for (const m of graph.nodes) {
    // Transitions not blocked by a finite place: each must be blocked by one of its ω places.
    const open: { place: number; weight: number }[][] = [];
    let safe = false;
    for (let t = 0; t < net.transitions.length && !safe; t++) {
      let blockedFinite = false;
      let omegaInputs = 0;
      for (const a of net.pre[t]) {
        if (m[a.place] === OMEGA) omegaInputs++;
        else if (m[a.place] < a.weight) blockedFinite = true;
      }
      if (blockedFinite) continue;
      if (omegaInputs === 0) safe = true;
      else open.push(net.pre[t].filter((a) => m[a.place] === OMEGA));
    }
    if (safe) continue;
    // Enumerate corners: upper bounds per ω place, the tightest choice per open transition.
    let corners = 0;
    const upper = new Map<number, number>();
    const possible = (): boolean => {
      for (let i = 0; i < sums.length; i++) {
        const y = sums[i];
        let total = 0;
        for (let p = 0; p < P; p++) {
          if (y[p] === 0) continue;
          if (m[p] === OMEGA) {
            const u = upper.get(p);
            if (u === undefined) {
              total = OMEGA;
              break;
            }
            total += y[p] * u;
          } else total += y[p] * m[p];
        }
        if (total < floor[i]) return false;
      }
      return true;
    };
    const explore = (k: number): boolean => {
      if (++corners > maxCorners) return true;
      if (k === open.length) return possible();
      for (const arc of open[k]) {
        const p = arc.place;
        const bound = arc.weight - 1;
        const old = upper.get(p);
        if (old !== undefined && old <= bound) {
          if (explore(k + 1)) return true;
          continue;
        }
        upper.set(p, bound);
        const found = explore(k + 1);
        if (old === undefined) upper.delete(p);
        else upper.set(p, old);
        if (found) return true;
      }
      return false;
    };
    if (explore(0)) return false;
  }
  return true;
}
