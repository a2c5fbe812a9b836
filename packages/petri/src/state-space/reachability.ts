import type { PetriNet } from '../model/net.js';
import { CompiledNet } from './compiled-net.js';
import { GrowableUint16, GrowableUint32 } from './growable.js';
import { DEFAULT_MAX_BYTES, type NetStopReason, now, type SpaceLimits } from './limits.js';
import { MarkingLayout, MarkingStore } from './marking-store.js';

export interface ReachabilityOptions extends SpaceLimits {
  /** Keep the edges (CSR) for the graph analyses; off, the search only counts them (benchmarks). */
  readonly storeEdges?: boolean;
  /** Keep parent pointers for shortest firing sequences (default true). */
  readonly storeParents?: boolean;
  /** Upper bounds per place (from P-invariants) to size the packed fields; undefined = unknown. */
  readonly bounds?: readonly (number | undefined)[];
  /** Start from this marking instead of the net's initial marking. */
  readonly initial?: readonly number[];
}

/**
 * The reachability graph of a bounded net, built breadth-first. Markings are numbered in the order
 * found (0 = initial), so marking ids grow with distance and parent pointers give shortest firing
 * sequences. Edges are in CSR form: the successors of `m` are `edgeTarget[edgeStart[m] ..
 * edgeStart[m+1])`, fired by `edgeTransition[...]` (when `storeEdges`).
 */
export interface ReachabilityGraph {
  readonly net: PetriNet;
  readonly store: MarkingStore;
  readonly markings: number;
  readonly edges: number;
  readonly complete: boolean;
  readonly stopped?: NetStopReason;
  readonly edgeStart?: Uint32Array;
  readonly edgeTarget?: Uint32Array;
  readonly edgeTransition?: Uint16Array | Uint32Array;
  readonly parent?: Uint32Array;
  readonly parentTransition?: Uint32Array;
  /** Dead markings (no transition enabled), in id order, at most the first 1000 plus their count. */
  readonly deadMarkings: number[];
  readonly deadCount: number;
  /** Largest count seen per place. */
  readonly maxTokens: Int32Array;
  /** Per transition: the first marking (smallest id) in which it is enabled, or -1. */
  readonly firstEnabled: Int32Array;
  /** Number of BFS levels (distance of the farthest marking + 1). */
  readonly depth: number;
  readonly seconds: number;
  /** Typed-array bytes held by the store and the graph. */
  readonly bytes: number;
}

class Overflow {
  constructor(
    readonly place: number,
    readonly value: number,
  ) {}
}

export function buildReachabilityGraph(net: PetriNet, options: ReachabilityOptions = {}): ReachabilityGraph {
  const started = now();
  const c = new CompiledNet(net);
  const P = c.places;
  const T = c.transitions;
  const storeEdges = options.storeEdges ?? true;
  const storeParents = options.storeParents ?? true;
  const maxStates = options.maxStates ?? Number.POSITIVE_INFINITY;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const deadline =
    options.maxSeconds !== undefined ? started + options.maxSeconds * 1000 : Number.POSITIVE_INFINITY;
  const initial = options.initial ?? net.initialMarking;
  const bounds = (options.bounds ?? []).slice();
  for (let p = 0; p < P; p++) bounds[p] = Math.max(bounds[p] ?? 0, initial[p]);
  let layout = MarkingLayout.forBounds(
    net.places.map((_, p) => (options.bounds?.[p] === undefined ? Math.max(15, initial[p]) : bounds[p])),
  );
  const store = new MarkingStore(layout);
  const edgeStart = new GrowableUint32();
  const edgeTarget = new GrowableUint32(storeEdges ? 1024 : 0);
  const edgeTransition =
    T <= 0xffff ? new GrowableUint16(storeEdges ? 1024 : 0) : new GrowableUint32(storeEdges ? 1024 : 0);
  const parent = new GrowableUint32();
  const parentTransition = new GrowableUint32();
  const deadMarkings: number[] = [];
  let deadCount = 0;
  const maxTokens = Int32Array.from(initial);
  const firstEnabled = new Int32Array(T).fill(-1);

  let scratch = new Uint32Array(layout.words);
  layout.pack(initial, scratch, 0);
  store.insert(scratch);
  if (storeParents) {
    parent.push(0);
    parentTransition.push(0xffffffff);
  }
  const cur = new Int32Array(P);
  let edges = 0;
  let stopped: NetStopReason | undefined;
  let levelEnd = 1;
  let leveled = -1;
  let depth = 1;
  let id = 0;
  const bytes = () =>
    store.bytes +
    edgeStart.array.byteLength +
    edgeTarget.array.byteLength +
    edgeTransition.array.byteLength +
    parent.array.byteLength +
    parentTransition.array.byteLength;

  outer: while (id < store.count) {
    if ((id & 255) === 0) {
      if (options.signal?.aborted) {
        stopped = 'cancelled';
        break;
      }
      if (now() > deadline) {
        stopped = 'time-limit';
        break;
      }
      if (bytes() > maxBytes) {
        stopped = 'memory-limit';
        break;
      }
    }
    if (id === levelEnd && leveled !== id) {
      leveled = id;
      levelEnd = store.count;
      depth++;
    }
    const W = layout.words;
    const base = id * W;
    store.unpack(id, cur);
    const edgesBefore = edges;
    const edgeLengthBefore = edgeTarget.length;
    if (storeEdges) edgeStart.push(edgeLengthBefore);
    let enabledAny = false;
    try {
      for (let t = 0; t < T; t++) {
        let enabled = true;
        for (let k = c.preStart[t], end = c.preStart[t + 1]; k < end; k++) {
          if (cur[c.prePlace[k]] < c.preWeight[k]) {
            enabled = false;
            break;
          }
        }
        if (!enabled) continue;
        enabledAny = true;
        if (firstEnabled[t] < 0) firstEnabled[t] = id;
        const data = store.data;
        for (let i = 0; i < W; i++) scratch[i] = data[base + i];
        for (let k = c.effectStart[t], end = c.effectStart[t + 1]; k < end; k++) {
          const p = c.effectPlace[k];
          const v = cur[p] + c.effectDelta[k];
          if (v > layout.max[p]) throw new Overflow(p, v);
          const w = layout.word[p];
          const s = layout.shift[p];
          const fieldMask = layout.bits[p] === 31 ? 0x7fffffff : (1 << layout.bits[p]) - 1;
          scratch[w] = (scratch[w] & ~(fieldMask << s)) | (v << s);
        }
        if (store.count >= maxStates) {
          // Only known markings may still be reached: a new one would pass the limit.
          const known = store.find(scratch);
          if (known < 0) {
            stopped = 'state-limit';
            if (storeEdges) edgeTarget.length = edgeLengthBefore;
            edges = edgesBefore;
            break outer;
          }
          edges++;
          if (storeEdges) {
            edgeTarget.push(known);
            edgeTransition.push(t);
          }
          continue;
        }
        let target = store.insert(scratch);
        if (target < 0) {
          target = -target - 1;
          if (storeParents) {
            parent.push(id);
            parentTransition.push(t);
          }
          for (let k = c.effectStart[t], end = c.effectStart[t + 1]; k < end; k++) {
            const p = c.effectPlace[k];
            if (c.effectDelta[k] > 0 && cur[p] + c.effectDelta[k] > maxTokens[p])
              maxTokens[p] = cur[p] + c.effectDelta[k];
          }
        }
        edges++;
        if (storeEdges) {
          edgeTarget.push(target);
          edgeTransition.push(t);
        }
      }
    } catch (error) {
      if (!(error instanceof Overflow)) throw error;
      // A count outgrew its field: widen it, re-pack the markings, and expand this marking again.
      layout = layout.widened(error.place, error.value);
      store.relayout(layout, P);
      scratch = new Uint32Array(layout.words);
      edges = edgesBefore;
      if (storeEdges) {
        edgeTarget.length = edgeLengthBefore;
        edgeTransition.length = edgeLengthBefore;
        edgeStart.length--;
      }
      continue;
    }
    if (!enabledAny) {
      deadCount++;
      if (deadMarkings.length < 1000) deadMarkings.push(id);
    }
    id++;
  }
  const complete = stopped === undefined;
  if (storeEdges) {
    // Markings not expanded (a stop) get no successors in the CSR.
    while (edgeStart.length <= store.count) edgeStart.push(edgeTarget.length);
  }
  return {
    net,
    store,
    markings: store.count,
    edges,
    complete,
    stopped,
    edgeStart: storeEdges ? edgeStart.view() : undefined,
    edgeTarget: storeEdges ? edgeTarget.view() : undefined,
    edgeTransition: storeEdges ? edgeTransition.view() : undefined,
    parent: storeParents ? parent.view() : undefined,
    parentTransition: storeParents ? parentTransition.view() : undefined,
    deadMarkings,
    deadCount,
    maxTokens,
    firstEnabled,
    depth: store.count === 0 ? 0 : depth,
    seconds: (now() - started) / 1000,
    bytes: bytes(),
  };
}

/** The transitions fired from the initial marking to marking `id`, along BFS parents (shortest). */
export function pathTo(graph: ReachabilityGraph, id: number): number[] {
  if (!graph.parent || !graph.parentTransition) throw new Error('the graph was built without parents');
  const path: number[] = [];
  while (id !== 0) {
    path.push(graph.parentTransition[id]);
    id = graph.parent[id];
  }
  return path.reverse();
}

export function markingOf(graph: ReachabilityGraph, id: number): number[] {
  const out = new Array<number>(graph.net.places.length).fill(0);
  graph.store.unpack(id, out);
  return out;
}

/** The id of a marking in the graph, or -1. */
export function idOf(graph: ReachabilityGraph, marking: readonly number[]): number {
  const layout = graph.store.layout;
  for (let p = 0; p < marking.length; p++) if (marking[p] > layout.max[p]) return -1;
  const scratch = new Uint32Array(layout.words);
  layout.pack(marking, scratch, 0);
  return graph.store.find(scratch);
}
