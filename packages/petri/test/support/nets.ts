import { type PetriNet, readNetText } from '../../src/index.js';

/** Reads a .pnet text and fails loudly if it does not read (test nets must be valid). */
export function net(text: string): PetriNet {
  const result = readNetText(text, 'test.pnet');
  if (!result.net) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return result.net;
}

/** A small random net (seeded by fast-check): weights 1..2, up to 2 initial tokens per place. */
export interface RandomNetSpec {
  readonly places: number;
  readonly initial: number[];
  readonly transitions: { pre: [number, number][]; post: [number, number][] }[];
}

export function netFromSpec(spec: RandomNetSpec): PetriNet {
  const lines = ['net random'];
  for (let p = 0; p < spec.places; p++) lines.push(`place p${p} = ${spec.initial[p] ?? 0}`);
  spec.transitions.forEach((t, i) => {
    const arcs = (list: [number, number][]) => list.map(([p, w]) => `${w}*p${p % spec.places}`).join(', ');
    lines.push(`transition t${i} : ${arcs(t.pre)} -> ${arcs(t.post)}`);
  });
  return net(lines.join('\n'));
}

/** Brute-force reachable markings (strings), with a cap: an independent oracle for the BFS. */
export function bruteForce(
  n: PetriNet,
  cap = 5000,
): { markings: Set<string>; edges: number; capped: boolean } {
  const key = (m: number[]) => m.join(',');
  const seen = new Set<string>([key([...n.initialMarking])]);
  const todo: number[][] = [[...n.initialMarking]];
  let edges = 0;
  while (todo.length > 0) {
    const m = todo.pop() as number[];
    for (let t = 0; t < n.transitions.length; t++) {
      if (!n.pre[t].every((a) => m[a.place] >= a.weight)) continue;
      const next = m.slice();
      for (const a of n.pre[t]) next[a.place] -= a.weight;
      for (const a of n.post[t]) next[a.place] += a.weight;
      edges++;
      const k = key(next);
      if (!seen.has(k)) {
        if (seen.size >= cap) return { markings: seen, edges, capped: true };
        seen.add(k);
        todo.push(next);
      }
    }
  }
  return { markings: seen, edges, capped: false };
}
