import type { SourceSpan } from '@modelcheck/core';

/** A place: `id` is what files and formulas use to refer to it, `name` what a person reads. */
export interface Place {
  readonly id: string;
  readonly name?: string;
  readonly span?: SourceSpan;
}

export interface Transition {
  readonly id: string;
  readonly name?: string;
  /** A silent step (ProM's `$invisible$` activity, pm4py's tau): fires like any other. */
  readonly invisible?: boolean;
  readonly span?: SourceSpan;
}

/** One arc between a place and a transition, seen from the transition. */
export interface ArcEnd {
  readonly place: number;
  readonly weight: number;
}

/** A marking: tokens per place, indexed like `PetriNet.places`. */
export type Marking = readonly number[];

/**
 * A place/transition net with arc weights and one initial marking. Places and transitions are
 * numbered by their position in the arrays; `pre[t]` and `post[t]` list the weighted arcs into and
 * out of transition `t`, sorted by place and with parallel arcs summed (PNML allows them).
 */
export interface PetriNet {
  readonly id: string;
  readonly name?: string;
  readonly places: readonly Place[];
  readonly transitions: readonly Transition[];
  readonly pre: readonly (readonly ArcEnd[])[];
  readonly post: readonly (readonly ArcEnd[])[];
  readonly initialMarking: Marking;
  /** Final markings the file declares (ProM's `<finalmarkings>`, our text format's `final`). */
  readonly finalMarkings: readonly Marking[];
  /** How many arcs the file had (parallel arcs counted once each before summing). */
  readonly arcCount: number;
}

/** The places with an arc to transition `t` (its preset, `•t`). */
export function preset(net: PetriNet, t: number): number[] {
  return net.pre[t].map((a) => a.place);
}

export function postset(net: PetriNet, t: number): number[] {
  return net.post[t].map((a) => a.place);
}

/** For each place, the transitions it feeds (`p•`) and the transitions that feed it (`•p`). */
export function placeNeighbours(net: PetriNet): { consumers: number[][]; producers: number[][] } {
  const consumers: number[][] = net.places.map(() => []);
  const producers: number[][] = net.places.map(() => []);
  for (let t = 0; t < net.transitions.length; t++) {
    for (const a of net.pre[t]) consumers[a.place].push(t);
    for (const a of net.post[t]) producers[a.place].push(t);
  }
  return { consumers, producers };
}

/** The label a report shows: the name when it differs from the id, else the id. */
export function placeLabel(net: PetriNet, p: number): string {
  return net.places[p].id;
}

export function transitionLabel(net: PetriNet, t: number): string {
  return net.transitions[t].id;
}

/** `{p1: 2, p3: 1}`: the marked places of a marking, for reports and JSON. */
export function sparseMarking(net: PetriNet, marking: ArrayLike<number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (let p = 0; p < net.places.length; p++) if (marking[p] !== 0) out[net.places[p].id] = marking[p];
  return out;
}

/** `p1*2 p3` (ω shown as `ω`): a marking as one short line. */
export function formatMarking(net: PetriNet, marking: ArrayLike<number>): string {
  const parts: string[] = [];
  for (let p = 0; p < net.places.length; p++) {
    const n = marking[p];
    if (n === 0) continue;
    const id = net.places[p].id;
    parts.push(n === 1 ? id : `${id}*${n === Number.POSITIVE_INFINITY || n < 0 ? 'ω' : n}`);
  }
  return parts.length === 0 ? '(empty)' : parts.join(' ');
}

/** Whether `t` is enabled in `marking`. */
export function isEnabled(net: PetriNet, marking: ArrayLike<number>, t: number): boolean {
  for (const a of net.pre[t]) if (marking[a.place] < a.weight) return false;
  return true;
}

/** The marking after firing `t` (which must be enabled). */
export function fire(net: PetriNet, marking: ArrayLike<number>, t: number): number[] {
  const next = Array.from(marking);
  for (const a of net.pre[t]) next[a.place] -= a.weight;
  for (const a of net.post[t]) next[a.place] += a.weight;
  return next;
}

/**
 * Replays a firing sequence from `from` (default: the initial marking) and returns every marking
 * it passes through, or the index of the first transition that is not enabled.
 */
export function replay(
  net: PetriNet,
  sequence: readonly number[],
  from: Marking = net.initialMarking,
): { ok: true; markings: number[][] } | { ok: false; failedAt: number; markings: number[][] } {
  let current = Array.from(from);
  const markings = [current];
  for (let i = 0; i < sequence.length; i++) {
    if (!isEnabled(net, current, sequence[i])) return { ok: false, failedAt: i, markings };
    current = fire(net, current, sequence[i]);
    markings.push(current);
  }
  return { ok: true, markings };
}

/** The incidence matrix as rows per place: `C[p][t] = post(t,p) - pre(t,p)`. */
export function incidenceMatrix(net: PetriNet): number[][] {
  const c = net.places.map(() => new Array<number>(net.transitions.length).fill(0));
  for (let t = 0; t < net.transitions.length; t++) {
    for (const a of net.pre[t]) c[a.place][t] -= a.weight;
    for (const a of net.post[t]) c[a.place][t] += a.weight;
  }
  return c;
}
