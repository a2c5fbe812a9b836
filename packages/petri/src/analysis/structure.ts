import { type PetriNet, placeNeighbours } from '../model/net.js';

export interface NetClasses {
  /** Every arc weight is 1. */
  readonly ordinary: boolean;
  /** Ordinary, and every transition has exactly one input and one output place. */
  readonly stateMachine: boolean;
  /** Ordinary, and every place has exactly one input and one output transition. */
  readonly markedGraph: boolean;
  /** Ordinary, and a place shared by two transitions is their only input (p• = {t} or •t = {p}). */
  readonly freeChoice: boolean;
  /** Two transitions that share an input place have the same preset (weights ignored). */
  readonly extendedFreeChoice: boolean;
  /** Two places that share an output transition have nested postsets (weights ignored). */
  readonly asymmetricChoice: boolean;
}

function sameSet(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function netClasses(net: PetriNet): NetClasses {
  const T = net.transitions.length;
  const ordinary =
    net.pre.every((arcs) => arcs.every((a) => a.weight === 1)) &&
    net.post.every((arcs) => arcs.every((a) => a.weight === 1));
  const { consumers, producers } = placeNeighbours(net);
  let sm = true;
  for (let t = 0; t < T; t++) if (net.pre[t].length !== 1 || net.post[t].length !== 1) sm = false;
  let mg = true;
  for (let p = 0; p < net.places.length; p++)
    if (consumers[p].length !== 1 || producers[p].length !== 1) mg = false;
  let fc = true;
  for (let p = 0; p < net.places.length && fc; p++) {
    if (consumers[p].length <= 1) continue;
    for (const t of consumers[p]) if (net.pre[t].length !== 1) fc = false;
  }
  const presets = net.pre.map((arcs) => arcs.map((a) => a.place));
  let efc = true;
  for (let p = 0; p < net.places.length && efc; p++) {
    const ts = consumers[p];
    for (let k = 1; k < ts.length; k++) if (!sameSet(presets[ts[0]], presets[ts[k]])) efc = false;
  }
  let ac = true;
  const postsets = consumers.map((ts) => new Set(ts));
  for (let t = 0; t < T && ac; t++) {
    const ps = presets[t];
    for (let i = 0; i < ps.length && ac; i++) {
      for (let j = i + 1; j < ps.length && ac; j++) {
        const a = postsets[ps[i]];
        const b = postsets[ps[j]];
        const aInB = [...a].every((x) => b.has(x));
        const bInA = [...b].every((x) => a.has(x));
        if (!aInB && !bInA) ac = false;
      }
    }
  }
  return {
    ordinary,
    stateMachine: ordinary && sm,
    markedGraph: ordinary && mg,
    freeChoice: ordinary && fc,
    extendedFreeChoice: efc,
    asymmetricChoice: ac,
  };
}

export interface WorkflowStructure {
  readonly isWorkflowNet: boolean;
  /** The source place i (no input arcs) and sink place o (no output arcs) when unique. */
  readonly source?: number;
  readonly sink?: number;
  /** Why it is not a workflow net, in a sentence. */
  readonly reason?: string;
}

/**
 * Workflow nets (van der Aalst): exactly one source place i, exactly one sink place o, and every
 * place and transition on a directed path from i to o.
 */
export function workflowStructure(net: PetriNet): WorkflowStructure {
  const { consumers, producers } = placeNeighbours(net);
  const P = net.places.length;
  const T = net.transitions.length;
  const sources: number[] = [];
  const sinks: number[] = [];
  for (let p = 0; p < P; p++) {
    if (producers[p].length === 0) sources.push(p);
    if (consumers[p].length === 0) sinks.push(p);
  }
  const names = (ps: number[]) =>
    ps
      .slice(0, 5)
      .map((p) => net.places[p].id)
      .join(', ') + (ps.length > 5 ? ', …' : '');
  if (sources.length !== 1)
    return {
      isWorkflowNet: false,
      reason:
        sources.length === 0
          ? 'no source place (every place has an input arc)'
          : `${sources.length} source places (${names(sources)}); a workflow net has one`,
    };
  if (sinks.length !== 1)
    return {
      isWorkflowNet: false,
      reason:
        sinks.length === 0
          ? 'no sink place (every place has an output arc)'
          : `${sinks.length} sink places (${names(sinks)}); a workflow net has one`,
    };
  const source = sources[0];
  const sink = sinks[0];
  // Nodes: places 0..P-1, transitions P..P+T-1.
  const forward = new Uint8Array(P + T);
  const stack = [source];
  forward[source] = 1;
  while (stack.length > 0) {
    const n = stack.pop() as number;
    const succ = n < P ? consumers[n].map((t) => P + t) : net.post[n - P].map((a) => a.place);
    for (const s of succ)
      if (!forward[s]) {
        forward[s] = 1;
        stack.push(s);
      }
  }
  const backward = new Uint8Array(P + T);
  stack.push(sink);
  backward[sink] = 1;
  while (stack.length > 0) {
    const n = stack.pop() as number;
    const pred = n < P ? producers[n].map((t) => P + t) : net.pre[n - P].map((a) => a.place);
    for (const s of pred)
      if (!backward[s]) {
        backward[s] = 1;
        stack.push(s);
      }
  }
  for (let n = 0; n < P + T; n++) {
    if (forward[n] && backward[n]) continue;
    const what = n < P ? `place ${net.places[n].id}` : `transition ${net.transitions[n - P].id}`;
    const where = !forward[n]
      ? `cannot be reached from the source ${net.places[source].id}`
      : `cannot reach the sink ${net.places[sink].id}`;
    return { isWorkflowNet: false, source, sink, reason: `${what} ${where}` };
  }
  return { isWorkflowNet: true, source, sink };
}
