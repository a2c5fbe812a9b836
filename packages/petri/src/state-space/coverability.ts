import type { PetriNet } from '../model/net.js';
import { CompiledNet } from './compiled-net.js';
import { type NetStopReason, now, type SpaceLimits } from './limits.js';

/** ω: a count that can grow without bound. Markings of the coverability graph hold it as Infinity. */
export const OMEGA = Number.POSITIVE_INFINITY;

export interface PumpingEvidence {
  /** Fire `prefix` from the initial marking to reach M, then `pump` from M reaches M' ≥ M ... */
  readonly prefix: number[];
  readonly pump: number[];
  /** ... with more tokens in these places: repeating `pump` makes them grow without bound. */
  readonly places: number[];
}

/**
 * The Karp–Miller coverability graph: breadth-first, each new marking compared with its ancestors
 * on the tree path; a marking strictly above an ancestor gets ω where it is larger. Nodes with
 * equal generalised markings are merged, so it is a graph. Finite, and every reachable marking M is
 * covered by a node that agrees with M on the node's finite places.
 */
export interface CoverabilityGraph {
  readonly nodes: Float64Array[];
  readonly parent: number[];
  readonly parentTransition: number[];
  readonly edgeFrom: number[];
  readonly edgeTo: number[];
  readonly edgeTransition: number[];
  readonly complete: boolean;
  readonly stopped?: NetStopReason;
  /** Places that are ω somewhere (the places that grow without bound), sorted. */
  readonly unboundedPlaces: number[];
  /** The first acceleration found, on a path with no ω before it: a replayable pumping witness. */
  readonly pumping?: PumpingEvidence;
  /** Largest count per place over the nodes (Infinity for ω). */
  readonly maxTokens: number[];
}

export function buildCoverabilityGraph(
  net: PetriNet,
  limits: SpaceLimits & { maxNodes?: number } = {},
): CoverabilityGraph {
  const started = now();
  const c = new CompiledNet(net);
  const P = c.places;
  const T = c.transitions;
  const maxNodes = limits.maxNodes ?? limits.maxStates ?? 200_000;
  const deadline =
    limits.maxSeconds !== undefined ? started + limits.maxSeconds * 1000 : Number.POSITIVE_INFINITY;
  const nodes: Float64Array[] = [Float64Array.from(net.initialMarking)];
  const parent = [-1];
  const parentTransition = [-1];
  const index = new Map<string, number>([[nodes[0].join(','), 0]]);
  const edgeFrom: number[] = [];
  const edgeTo: number[] = [];
  const edgeTransition: number[] = [];
  let pumping: PumpingEvidence | undefined;
  let stopped: NetStopReason | undefined;
  const pathTo = (id: number): number[] => {
    const path: number[] = [];
    while (id > 0) {
      path.push(parentTransition[id]);
      id = parent[id];
    }
    return path.reverse();
  };
  outer: for (let id = 0; id < nodes.length; id++) {
    if ((id & 63) === 0) {
      if (limits.signal?.aborted) {
        stopped = 'cancelled';
        break;
      }
      if (now() > deadline) {
        stopped = 'time-limit';
        break;
      }
    }
    const m = nodes[id];
    const hasOmega = m.some((x) => x === OMEGA);
    for (let t = 0; t < T; t++) {
      if (!c.enabled(m, t)) continue;
      const next = Float64Array.from(m);
      for (let k = c.effectStart[t]; k < c.effectStart[t + 1]; k++)
        next[c.effectPlace[k]] += c.effectDelta[k];
      let changed = true;
      while (changed) {
        changed = false;
        for (let a = id; a >= 0; a = parent[a]) {
          const anc = nodes[a];
          let covers = true;
          let strictly = false;
          for (let p = 0; p < P; p++) {
            if (anc[p] > next[p]) {
              covers = false;
              break;
            }
            if (anc[p] < next[p]) strictly = true;
          }
          if (!covers || !strictly) continue;
          const grown: number[] = [];
          for (let p = 0; p < P; p++) {
            if (anc[p] < next[p] && next[p] !== OMEGA) {
              next[p] = OMEGA;
              grown.push(p);
            }
          }
          if (grown.length > 0) {
            changed = true;
            if (!pumping && !hasOmega) {
              const toAncestor = pathTo(a);
              pumping = {
                prefix: toAncestor,
                pump: [...pathTo(id).slice(toAncestor.length), t],
                places: grown,
              };
            }
          }
        }
      }
      const key = next.join(',');
      let target = index.get(key);
      if (target === undefined) {
        if (nodes.length >= maxNodes) {
          stopped = 'state-limit';
          break outer;
        }
        target = nodes.length;
        nodes.push(next);
        parent.push(id);
        parentTransition.push(t);
        index.set(key, target);
      }
      edgeFrom.push(id);
      edgeTo.push(target);
      edgeTransition.push(t);
    }
  }
  const maxTokens = new Array<number>(P).fill(0);
  for (const m of nodes) for (let p = 0; p < P; p++) if (m[p] > maxTokens[p]) maxTokens[p] = m[p];
  const unboundedPlaces: number[] = [];
  for (let p = 0; p < P; p++) if (maxTokens[p] === OMEGA) unboundedPlaces.push(p);
  return {
    nodes,
    parent,
    parentTransition,
    edgeFrom,
    edgeTo,
    edgeTransition,
    complete: stopped === undefined,
    stopped,
    unboundedPlaces,
    pumping,
    maxTokens,
  };
}

/** Transitions from the initial node to node `id` of a coverability graph. */
export function coverabilityPath(graph: CoverabilityGraph, id: number): number[] {
  const path: number[] = [];
  while (id > 0) {
    path.push(graph.parentTransition[id]);
    id = graph.parent[id];
  }
  return path.reverse();
}
