/**
 * A Petri net: read, analysed as `modelcheck net.pnml` does (the CLI's own text report), drawn with
 * a layered layout (places and transitions in columns by their distance from the initially marked
 * places, which reads left to right for workflow nets), and the report's firing sequences listed so
 * the page can replay them.
 */
import { analyzeNet, type PetriNet, readNet } from '@modelcheck/petri';
import { formatNetReport } from '../../../packages/cli/src/net/text-report.js';
import type { NetData, NetSequence } from './protocol.js';

export function readProjectNet(text: string, path: string) {
  return readNet(text, path);
}

export function netData(
  net: PetriNet,
  file: string,
  options: { maxStates?: number; maxSeconds?: number },
): NetData {
  const report = analyzeNet(net, {
    maxStates: options.maxStates ?? 2e6,
    maxSeconds: options.maxSeconds ?? 30,
  });
  const lines = formatNetReport(report, file);
  const sequences: NetSequence[] = [];
  collectSequences(report as unknown, [], sequences, new Set());
  const { placeXY, transitionXY } = layeredLayout(net);
  return {
    name: net.name ?? net.id,
    places: net.places.map((p, i) => ({
      id: p.id,
      name: p.name,
      tokens: net.initialMarking[i] ?? 0,
      x: placeXY[i].x,
      y: placeXY[i].y,
    })),
    transitions: net.transitions.map((t, i) => ({
      id: t.id,
      name: t.name,
      pre: net.pre[i].map((a) => ({ place: a.place, weight: a.weight })),
      post: net.post[i].map((a) => ({ place: a.place, weight: a.weight })),
      x: transitionXY[i].x,
      y: transitionXY[i].y,
    })),
    report: lines,
    sequences: sequences.slice(0, 40),
  };
}

/** Every `{sequence: number[]}` in the report (firing evidence), named by where it was found. */
function collectSequences(value: unknown, path: string[], out: NetSequence[], seen: Set<unknown>): void {
  if (typeof value !== 'object' || value === null || seen.has(value) || path.length > 6) return;
  seen.add(value);
  if (path[0] === 'net' || path[0] === 'graph') return;
  const record = value as Record<string, unknown>;
  const sequence = record.sequence;
  if (Array.isArray(sequence) && sequence.every((x) => typeof x === 'number')) {
    out.push({ title: path.join(' › '), sequence: sequence as number[] });
  }
  const prefix = record.prefix;
  const pump = record.pump;
  if (Array.isArray(prefix) && Array.isArray(pump)) {
    const seq = [...prefix, ...pump, ...pump] as number[];
    if (seq.every((x) => typeof x === 'number'))
      out.push({ title: `${path.join(' › ')} (prefix, pump twice)`, sequence: seq });
  }
  for (const [k, v] of Object.entries(record)) {
    if (k === 'sequence' || k === 'marking') continue;
    if (Array.isArray(v)) {
      for (const [i, item] of v.slice(0, 20).entries())
        collectSequences(item, [...path, `${k}[${i}]`], out, seen);
    } else collectSequences(v, [...path, k], out, seen);
  }
}

function layeredLayout(net: PetriNet) {
  const P = net.places.length;
  const T = net.transitions.length;
  // Node ids: places 0..P-1, transitions P..P+T-1. Breadth-first from the marked places (else the
  // places with no producer, else place 0).
  const level = new Int32Array(P + T).fill(-1);
  const queue: number[] = [];
  const producers = new Array<number>(P).fill(0);
  for (let t = 0; t < T; t++) for (const a of net.post[t]) producers[a.place]++;
  for (let p = 0; p < P; p++) if ((net.initialMarking[p] ?? 0) > 0) queue.push(p);
  if (queue.length === 0) for (let p = 0; p < P; p++) if (producers[p] === 0) queue.push(p);
  if (queue.length === 0 && P > 0) queue.push(0);
  for (const q of queue) level[q] = 0;
  const consumers: number[][] = Array.from({ length: P }, () => []);
  for (let t = 0; t < T; t++) for (const a of net.pre[t]) consumers[a.place].push(t);
  const visit = (from: number, to: number) => {
    if (level[to] < 0) {
      level[to] = level[from] + 1;
      queue.push(to);
    }
  };
  for (let i = 0; i < queue.length; i++) {
    const n = queue[i];
    if (n < P) for (const t of consumers[n]) visit(n, P + t);
    else for (const a of net.post[n - P]) visit(n, a.place);
    // Unreached nodes get a column after everything else, reached from wherever they connect.
    if (i === queue.length - 1)
      for (let m = 0; m < P + T; m++)
        if (level[m] < 0) {
          level[m] = (level[n] ?? 0) + 1;
          queue.push(m);
          break;
        }
  }
  const rows = new Map<number, number>();
  const xy: { x: number; y: number }[] = [];
  for (let n = 0; n < P + T; n++) {
    const l = Math.max(0, level[n]);
    const r = rows.get(l) ?? 0;
    rows.set(l, r + 1);
    xy.push({ x: 60 + l * 110, y: 50 + r * 80 });
  }
  return { placeXY: xy.slice(0, P), transitionXY: xy.slice(P) };
}
