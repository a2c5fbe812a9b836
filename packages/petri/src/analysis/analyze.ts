import type { PetriNet } from '../model/net.js';
import {
  buildCoverabilityGraph,
  coverabilityPath,
  OMEGA,
  type PumpingEvidence,
} from '../state-space/coverability.js';
import type { NetStopReason, SpaceLimits } from '../state-space/limits.js';
import {
  buildReachabilityGraph,
  idOf,
  markingOf,
  pathTo,
  type ReachabilityGraph,
} from '../state-space/reachability.js';
import { stronglyConnectedComponents } from '../state-space/scc.js';
import { nonDecreasingSums, pInvariants, structuralBounds, tInvariants } from './invariants.js';
import {
  type CommonerResult,
  commonerCondition,
  minimalSiphons,
  minimalTraps,
  type RankTheoremResult,
  rankTheorem,
} from './siphons.js';
import { type NetClasses, netClasses, type WorkflowStructure, workflowStructure } from './structure.js';
import { provesDeadlockFreedom } from './unbounded-deadlock.js';

/** The analyses `--check` can pick. */
export const CHECKS = [
  'deadlock',
  'bounded',
  'safe',
  'quasi-live',
  'live',
  'reversible',
  'home',
  'sound',
  'invariants',
  'siphons',
  'classes',
] as const;
export type CheckName = (typeof CHECKS)[number];

export interface AnalyzeOptions extends SpaceLimits {
  readonly checks?: readonly CheckName[];
  /** Nodes of the Karp–Miller graph before it gives up (default 200,000). */
  readonly maxCoverabilityNodes?: number;
  /** Places above which minimal siphons and traps are not enumerated (default 64). */
  readonly maxSiphonPlaces?: number;
}

/** A firing sequence from the initial marking and the marking it reaches (both replayable). */
export interface FiringEvidence {
  readonly sequence: number[];
  readonly marking: number[];
}

export interface StateSpaceInfo {
  readonly method: 'reachability' | 'coverability' | 'none';
  /** Reachable markings and edges; null when the net is unbounded or the search stopped. */
  readonly markings: number | null;
  readonly edges: number | null;
  /** What the search saw before it finished or stopped. */
  readonly explored: number;
  readonly exploredEdges: number;
  readonly complete: boolean;
  readonly stopped?: NetStopReason;
  readonly depth: number;
  readonly seconds: number;
  readonly bytes: number;
  readonly coverabilityNodes?: number;
}

export interface BoundednessReport {
  readonly value: boolean | null;
  readonly method: 'p-invariants' | 'reachability' | 'coverability' | 'none';
  readonly unboundedPlaces: number[];
  readonly pumping?: PumpingEvidence;
  /** Max tokens per place; null for a place without bound (ω) or when unknown. */
  readonly perPlace: (number | null)[];
  readonly maxTokens: number | null;
}

export interface DeadlockReport {
  readonly value: boolean | null;
  readonly witness?: FiringEvidence;
  readonly deadMarkings?: number;
  /** For workflow nets: a dead marking other than the final marking [o]. */
  readonly nonFinal?: { readonly value: boolean | null; readonly witness?: FiringEvidence };
  readonly method: 'reachability' | 'coverability' | 'none';
}

export interface QuasiLivenessReport {
  readonly value: boolean | null;
  /** Per transition: a sequence that ends by firing it, or null (never fires, or not found). */
  readonly firing: (number[] | null)[];
  /** Transitions proved never to fire (dead at the initial marking). */
  readonly dead: number[];
}

export interface LivenessReport {
  readonly value: boolean | null;
  /** Transitions that are not live, each with a reachable marking from which it can never fire. */
  readonly nonLive: { readonly transition: number; readonly witness: FiringEvidence }[];
}

export interface ReversibilityReport {
  readonly value: boolean | null;
  /** A reachable marking from which the initial marking cannot be reached again. */
  readonly witness?: FiringEvidence;
  /** Home markings: those reachable from every reachable marking (the unique bottom SCC). */
  readonly homeMarkings: number | null;
  readonly homeExample?: FiringEvidence;
  readonly bottomComponents: number | null;
}

export interface InvariantReport {
  readonly p?: number[][];
  readonly t?: number[][];
  readonly pStopped?: string;
  readonly tStopped?: string;
  /** Every place is in the support of a P-semiflow (the net is structurally bounded). */
  readonly pCovered: boolean | null;
  readonly tCovered: boolean | null;
}

export interface SiphonReport {
  readonly siphons?: number[][];
  readonly traps?: number[][];
  readonly stopped?: string;
  readonly commoner?: CommonerResult;
}

export type SoundnessFailure =
  | { readonly condition: 'unbounded'; readonly pumping?: PumpingEvidence; readonly places: number[] }
  | { readonly condition: 'option-to-complete'; readonly witness: FiringEvidence }
  | { readonly condition: 'proper-completion'; readonly witness: FiringEvidence }
  | { readonly condition: 'dead-transition'; readonly transitions: number[] };

export interface SoundnessReport {
  readonly sound: boolean | null;
  readonly optionToComplete: boolean | null;
  readonly properCompletion: boolean | null;
  readonly noDeadTransitions: boolean | null;
  readonly failures: SoundnessFailure[];
  readonly method: 'reachability' | 'rank-theorem' | 'coverability' | 'none';
  /** The free-choice fast path: the short-circuited net is well-formed iff the net is sound. */
  readonly rankTheorem?: RankTheoremResult & { readonly sound: boolean };
}

export interface NetReport {
  readonly net: PetriNet;
  readonly checks: readonly CheckName[];
  readonly classes: NetClasses;
  readonly workflow: WorkflowStructure;
  readonly stateSpace: StateSpaceInfo;
  readonly bounded: BoundednessReport;
  readonly safe: boolean | null;
  readonly deadlock: DeadlockReport;
  readonly quasiLive: QuasiLivenessReport;
  readonly live: LivenessReport;
  readonly reversible: ReversibilityReport;
  readonly invariants: InvariantReport;
  readonly siphons: SiphonReport;
  readonly soundness?: SoundnessReport;
  /** The reachability graph when it was built (for formulas and the playground). */
  readonly graph?: ReachabilityGraph;
}

const evidence = (graph: ReachabilityGraph, id: number): FiringEvidence => ({
  sequence: pathTo(graph, id),
  marking: markingOf(graph, id),
});

/**
 * Runs the analyses on a net. The state space is built once: P-invariants first (a net covered by
 * them is bounded, and their bounds size the packed markings); a net they do not cover goes through
 * the Karp–Miller graph first, to learn whether it is bounded; a bounded net then gets its
 * reachability graph, on which every behavioural analysis is exact. Limits stop the construction
 * cleanly: what was found stays (a deadlock, transitions fired), the rest is null (unknown).
 */
export function analyzeNet(net: PetriNet, options: AnalyzeOptions = {}): NetReport {
  const checks = options.checks ?? CHECKS;
  const want = (c: CheckName) => checks.includes(c);
  const P = net.places.length;
  const T = net.transitions.length;
  const classes = netClasses(net);
  const workflow = workflowStructure(net);
  const behavioural = [
    'deadlock',
    'bounded',
    'safe',
    'quasi-live',
    'live',
    'reversible',
    'home',
    'sound',
  ].some((c) => want(c as CheckName));

  // P-invariants: cheap for most nets, bounded by a row limit for the rest.
  const pResult = pInvariants(net);
  const tResult =
    want('invariants') || (want('sound') && workflow.isWorkflowNet) ? tInvariants(net) : undefined;
  const coveredBy = (vectors: number[][] | undefined, size: number): boolean | null => {
    if (!vectors) return null;
    const covered = new Uint8Array(size);
    for (const v of vectors) {
      for (let i = 0; i < v.length; i++) if (v[i] > 0) covered[i] = 1;
    }
    return covered.every((x) => x === 1);
  };
  const invariants: InvariantReport = {
    p: pResult.vectors,
    t: tResult?.vectors,
    pStopped: pResult.stopped,
    tStopped: tResult?.stopped,
    pCovered: coveredBy(pResult.vectors, P),
    tCovered: tResult ? coveredBy(tResult.vectors, T) : null,
  };
  const bounds = pResult.vectors ? structuralBounds(net, pResult.vectors) : net.places.map(() => undefined);
  const structurallyBounded = bounds.every((b) => b !== undefined);

  let siphons: SiphonReport = {};
  if (want('siphons')) {
    if (P > (options.maxSiphonPlaces ?? 64))
      siphons = { stopped: `not enumerated: more than ${options.maxSiphonPlaces ?? 64} places` };
    else {
      const s = minimalSiphons(net);
      const tr = minimalTraps(net);
      siphons = {
        siphons: s.siphons,
        traps: tr.siphons,
        stopped: s.stopped ?? tr.stopped,
        commoner: classes.extendedFreeChoice ? commonerCondition(net, s.siphons) : undefined,
      };
    }
  }

  const unknownBounds: BoundednessReport = {
    value: null,
    method: 'none',
    unboundedPlaces: [],
    perPlace: net.places.map(() => null),
    maxTokens: null,
  };
  let stateSpace: StateSpaceInfo = {
    method: 'none',
    markings: null,
    edges: null,
    explored: 0,
    exploredEdges: 0,
    complete: false,
    depth: 0,
    seconds: 0,
    bytes: 0,
  };
  let bounded = unknownBounds;
  let deadlock: DeadlockReport = { value: null, method: 'none' };
  let quasiLive: QuasiLivenessReport = { value: null, firing: net.transitions.map(() => null), dead: [] };
  let live: LivenessReport = { value: null, nonLive: [] };
  let reversible: ReversibilityReport = { value: null, homeMarkings: null, bottomComponents: null };
  let graph: ReachabilityGraph | undefined;
  let soundness: SoundnessReport | undefined;

  if (behavioural) {
    let knownBounded = structurallyBounded;
    let coverability: ReturnType<typeof buildCoverabilityGraph> | undefined;
    if (!structurallyBounded) {
      coverability = buildCoverabilityGraph(net, {
        maxNodes: options.maxCoverabilityNodes ?? Math.min(options.maxStates ?? 200_000, 200_000),
        maxSeconds: options.maxSeconds,
        signal: options.signal,
      });
      if (coverability.complete) knownBounded = coverability.unboundedPlaces.length === 0;
    }
    if (coverability && coverability.unboundedPlaces.length > 0) {
      // Unbounded: the reachability graph is infinite. A bounded search still finds deadlocks and
      // firing sequences; the coverability graph decides quasi-liveness and may prove no deadlock.
      const cov = coverability;
      const probe = buildReachabilityGraph(net, {
        maxStates: Math.min(options.maxStates ?? 20_000, 20_000),
        maxSeconds: options.maxSeconds,
        signal: options.signal,
      });
      stateSpace = {
        method: 'coverability',
        markings: null,
        edges: null,
        explored: probe.markings,
        exploredEdges: probe.edges,
        complete: cov.complete,
        stopped: cov.stopped,
        depth: probe.depth,
        seconds: probe.seconds,
        bytes: probe.bytes,
        coverabilityNodes: cov.nodes.length,
      };
      bounded = {
        value: false,
        method: 'coverability',
        unboundedPlaces: cov.unboundedPlaces,
        pumping: cov.pumping,
        perPlace: cov.maxTokens.map((x) => (x === OMEGA || !cov.complete ? null : x)),
        maxTokens: null,
      };
      if (probe.deadCount > 0)
        deadlock = { value: true, witness: evidence(probe, probe.deadMarkings[0]), method: 'reachability' };
      else {
        const sums = nonDecreasingSums(net).vectors ?? [];
        const free = provesDeadlockFreedom(net, cov, sums);
        deadlock = { value: free ? false : null, method: 'coverability' };
      }
      const firing = net.transitions.map((_, t) =>
        probe.firstEnabled[t] >= 0 ? [...pathTo(probe, probe.firstEnabled[t]), t] : null,
      );
      const enabledSomewhere = new Uint8Array(T);
      for (let e = 0; e < cov.edgeTransition.length; e++) enabledSomewhere[cov.edgeTransition[e]] = 1;
      const dead: number[] = [];
      if (cov.complete) for (let t = 0; t < T; t++) if (!enabledSomewhere[t]) dead.push(t);
      quasiLive = {
        value: cov.complete ? dead.length === 0 : firing.every((f) => f !== null) ? true : null,
        firing,
        dead,
      };
      if (dead.length > 0) live = { value: false, nonLive: [] };
      soundness = workflow.isWorkflowNet
        ? {
            sound: false,
            optionToComplete: null,
            properCompletion: null,
            noDeadTransitions: cov.complete ? dead.length === 0 : null,
            failures: [{ condition: 'unbounded', pumping: cov.pumping, places: cov.unboundedPlaces }],
            method: 'coverability',
          }
        : undefined;
      void coverabilityPath;
    } else {
      const fieldBounds = knownBounded && coverability ? coverability.maxTokens.map((x) => x) : bounds;
      graph = buildReachabilityGraph(net, {
        bounds: fieldBounds,
        maxStates: options.maxStates,
        maxSeconds: options.maxSeconds,
        maxBytes: options.maxBytes,
        signal: options.signal,
      });
      const g = graph;
      const complete = g.complete;
      stateSpace = {
        method: 'reachability',
        markings: complete ? g.markings : null,
        edges: complete ? g.edges : null,
        explored: g.markings,
        exploredEdges: g.edges,
        complete,
        stopped: g.stopped,
        depth: g.depth,
        seconds: g.seconds,
        bytes: g.bytes,
      };
      if (complete) {
        const perPlace = Array.from(g.maxTokens);
        bounded = {
          value: true,
          method: structurallyBounded ? 'p-invariants' : 'reachability',
          unboundedPlaces: [],
          perPlace,
          maxTokens: perPlace.length > 0 ? Math.max(...perPlace) : 0,
        };
      } else {
        bounded = {
          ...unknownBounds,
          value: knownBounded ? true : null,
          method: knownBounded ? (structurallyBounded ? 'p-invariants' : 'coverability') : 'none',
        };
      }
      deadlock =
        g.deadCount > 0
          ? {
              value: true,
              witness: evidence(g, g.deadMarkings[0]),
              deadMarkings: complete ? g.deadCount : undefined,
              method: 'reachability',
            }
          : {
              value: complete ? false : null,
              deadMarkings: complete ? 0 : undefined,
              method: 'reachability',
            };
      const firing = net.transitions.map((_, t) =>
        g.firstEnabled[t] >= 0 ? [...pathTo(g, g.firstEnabled[t]), t] : null,
      );
      const dead: number[] = [];
      if (complete) for (let t = 0; t < T; t++) if (g.firstEnabled[t] < 0) dead.push(t);
      quasiLive = {
        value: complete ? dead.length === 0 : firing.every((f) => f !== null) ? true : null,
        firing,
        dead,
      };
      if (complete && (want('live') || want('reversible') || want('home'))) {
        const behaviour = liveness(g);
        live = behaviour.live;
        reversible = behaviour.reversible;
      }
      if (workflow.isWorkflowNet && want('sound')) soundness = workflowSoundness(net, workflow, g, options);
    }
  }
  if (workflow.isWorkflowNet && want('sound') && classes.freeChoice) {
    const fast = rankTheoremSoundness(net, workflow);
    if (fast) {
      if (!soundness || soundness.sound === null)
        soundness = {
          sound: fast.sound,
          optionToComplete: null,
          properCompletion: null,
          noDeadTransitions: null,
          failures: soundness?.failures ?? [],
          method: 'rank-theorem',
          rankTheorem: fast,
        };
      else soundness = { ...soundness, rankTheorem: fast };
    }
  }
  if (workflow.isWorkflowNet && soundness && deadlock.value !== null && graph?.complete) {
    const final = new Array<number>(P).fill(0);
    final[workflow.sink as number] = 1;
    const finalId = idOf(graph, final);
    const other = graph.deadMarkings.find((id) => id !== finalId);
    deadlock = {
      ...deadlock,
      nonFinal: {
        value: other !== undefined,
        witness: other !== undefined ? evidence(graph, other) : undefined,
      },
    };
  }
  const safe =
    bounded.value === false
      ? false
      : bounded.maxTokens !== null
        ? bounded.maxTokens <= 1
        : bounds.every((b) => b !== undefined && b <= 1)
          ? true
          : null;
  return {
    net,
    checks,
    classes,
    workflow,
    stateSpace,
    bounded,
    safe,
    deadlock,
    quasiLive,
    live,
    reversible,
    invariants,
    siphons,
    soundness,
    graph,
  };
}

/** Liveness, reversibility and home markings from the bottom SCCs of a complete reachability graph. */
function liveness(g: ReachabilityGraph): { live: LivenessReport; reversible: ReversibilityReport } {
  const n = g.markings;
  const T = g.net.transitions.length;
  const edgeStart = g.edgeStart as Uint32Array;
  const edgeTarget = g.edgeTarget as Uint32Array;
  const edgeTransition = g.edgeTransition as Uint16Array | Uint32Array;
  const scc = stronglyConnectedComponents(n, edgeStart, edgeTarget);
  // Smallest marking id (closest to the initial marking) of each component.
  const first = new Int32Array(scc.count).fill(-1);
  for (let v = 0; v < n; v++) if (first[scc.of[v]] < 0) first[scc.of[v]] = v;
  const witness = new Int32Array(T).fill(-1);
  let bottoms = 0;
  let bottomComponent = -1;
  const has = new Int32Array(T).fill(-1);
  const members: number[][] = [];
  const bottomIndex = new Int32Array(scc.count).fill(-1);
  for (let c = 0; c < scc.count; c++)
    if (scc.bottom[c]) {
      bottomIndex[c] = members.length;
      members.push([]);
      bottoms++;
      bottomComponent = c;
    }
  for (let v = 0; v < n; v++) {
    const b = bottomIndex[scc.of[v]];
    if (b >= 0) members[b].push(v);
  }
  for (let b = 0; b < members.length; b++) {
    const c = scc.of[members[b][0]];
    let distinct = 0;
    for (const v of members[b]) {
      for (let e = edgeStart[v]; e < edgeStart[v + 1]; e++) {
        const t = edgeTransition[e];
        if (has[t] !== c) {
          has[t] = c;
          distinct++;
        }
      }
    }
    if (distinct === T) continue;
    for (let t = 0; t < T; t++)
      if (has[t] !== c && (witness[t] < 0 || first[c] < witness[t])) witness[t] = first[c];
  }
  const nonLive: LivenessReport['nonLive'] = [];
  for (let t = 0; t < T; t++)
    if (witness[t] >= 0) nonLive.push({ transition: t, witness: evidence(g, witness[t]) });
  const initialComponent = scc.of[0];
  let notBack = -1;
  for (let v = 0; v < n && notBack < 0; v++) if (scc.of[v] !== initialComponent) notBack = v;
  const reversible: ReversibilityReport = {
    value: notBack < 0,
    witness: notBack >= 0 ? evidence(g, notBack) : undefined,
    homeMarkings: bottoms === 1 ? members[0].length : 0,
    homeExample: bottoms === 1 ? evidence(g, first[bottomComponent]) : undefined,
    bottomComponents: bottoms,
  };
  return { live: { value: nonLive.length === 0, nonLive }, reversible };
}

/** Van der Aalst soundness on the reachability graph from [i]: option to complete, proper completion, no dead transitions. */
function workflowSoundness(
  net: PetriNet,
  workflow: WorkflowStructure,
  fromNet: ReachabilityGraph,
  options: AnalyzeOptions,
): SoundnessReport {
  const P = net.places.length;
  const i = workflow.source as number;
  const o = workflow.sink as number;
  const start = new Array<number>(P).fill(0);
  start[i] = 1;
  const sameStart = net.initialMarking.every((x, p) => x === start[p]);
  const g = sameStart
    ? fromNet
    : buildReachabilityGraph(net, {
        initial: start,
        maxStates: options.maxStates,
        maxSeconds: options.maxSeconds,
        maxBytes: options.maxBytes,
        signal: options.signal,
      });
  const failures: SoundnessFailure[] = [];
  const n = g.markings;
  let properCompletion: boolean | null = true;
  for (let v = 0; v < n; v++) {
    const m = markingOf(g, v);
    if (m[o] >= 1 && m.some((x, p) => (p === o ? x !== 1 : x !== 0))) {
      properCompletion = false;
      failures.push({ condition: 'proper-completion', witness: evidence(g, v) });
      break;
    }
  }
  if (!g.complete) {
    return {
      sound: properCompletion === false ? false : null,
      optionToComplete: null,
      properCompletion: properCompletion === false ? false : null,
      noDeadTransitions: null,
      failures,
      method: 'reachability',
    };
  }
  const final = new Array<number>(P).fill(0);
  final[o] = 1;
  const finalId = idOf(g, final);
  const canFinish = new Uint8Array(n);
  if (finalId >= 0) {
    // Backward search from [o] over reversed edges.
    const edgeStart = g.edgeStart as Uint32Array;
    const edgeTarget = g.edgeTarget as Uint32Array;
    const inCount = new Uint32Array(n + 1);
    for (let e = 0; e < edgeTarget.length; e++) inCount[edgeTarget[e] + 1]++;
    for (let v = 0; v < n; v++) inCount[v + 1] += inCount[v];
    const fill = inCount.slice(0, n);
    const source = new Uint32Array(edgeTarget.length);
    for (let v = 0; v < n; v++)
      for (let e = edgeStart[v]; e < edgeStart[v + 1]; e++) source[fill[edgeTarget[e]]++] = v;
    const queue = [finalId];
    canFinish[finalId] = 1;
    while (queue.length > 0) {
      const v = queue.pop() as number;
      for (let k = inCount[v]; k < inCount[v + 1]; k++) {
        const u = source[k];
        if (!canFinish[u]) {
          canFinish[u] = 1;
          queue.push(u);
        }
      }
    }
  }
  let stuck = -1;
  for (let v = 0; v < n && stuck < 0; v++) if (!canFinish[v]) stuck = v;
  const optionToComplete = stuck < 0;
  if (!optionToComplete) failures.unshift({ condition: 'option-to-complete', witness: evidence(g, stuck) });
  const dead: number[] = [];
  for (let t = 0; t < net.transitions.length; t++) if (g.firstEnabled[t] < 0) dead.push(t);
  if (dead.length > 0) failures.push({ condition: 'dead-transition', transitions: dead });
  return {
    sound: optionToComplete && properCompletion === true && dead.length === 0,
    optionToComplete,
    properCompletion,
    noDeadTransitions: dead.length === 0,
    failures,
    method: 'reachability',
  };
}

/** Free-choice workflow nets: sound iff the short-circuited net (o → i) is well-formed (rank theorem). */
export function rankTheoremSoundness(
  net: PetriNet,
  workflow: WorkflowStructure,
): (RankTheoremResult & { sound: boolean }) | undefined {
  if (!workflow.isWorkflowNet) return undefined;
  const shortCircuit: PetriNet = {
    ...net,
    transitions: [...net.transitions, { id: '__short_circuit__' }],
    pre: [...net.pre, [{ place: workflow.sink as number, weight: 1 }]],
    post: [...net.post, [{ place: workflow.source as number, weight: 1 }]],
  };
  const p = pInvariants(shortCircuit);
  const t = tInvariants(shortCircuit);
  if (!p.vectors || !t.vectors) return undefined;
  const covers = (vectors: number[][], size: number) => {
    const c = new Uint8Array(size);
    for (const v of vectors) {
      for (let k = 0; k < v.length; k++) if (v[k] > 0) c[k] = 1;
    }
    return c.every((x) => x === 1);
  };
  const result = rankTheorem(
    shortCircuit,
    covers(p.vectors, net.places.length),
    covers(t.vectors, shortCircuit.transitions.length),
  );
  return { ...result, sound: result.wellFormed };
}
