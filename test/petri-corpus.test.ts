import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '@modelcheck/cli';
import { analyzeNet, decodeNetFile, type NetReport, readNet, replay } from '@modelcheck/petri';
import { describe, expect, it } from 'vitest';
import { corpusRoot } from './support/corpus.js';

// Every row of ../shared/corpus/petri/MANIFEST.tsv: our answers against the contest's oracles and
// the tools' (verifypn, pm4py, WoPeD). Nets over BIG_MARKINGS reachable markings take seconds each
// (Kanban-PT-00005: 2.5 million markings, 24 million edges) and run only with
// MODELCHECK_BIG_NETS=1; Kanban-PT-00010 (10^9 markings) must stop cleanly at a limit.
const petriCorpus = join(corpusRoot, 'petri');
const hasPetriCorpus = existsSync(join(petriCorpus, 'MANIFEST.tsv'));
const BIG_MARKINGS = 300_000;
const runBig = process.env.MODELCHECK_BIG_NETS === '1';

interface Row {
  readonly [column: string]: string;
}

function manifest(): Row[] {
  const [header, ...lines] = readFileSync(join(petriCorpus, 'MANIFEST.tsv'), 'utf8').trimEnd().split('\n');
  const columns = header.split('\t');
  return lines.map((line) => {
    const cells = line.split('\t');
    return Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? '']));
  });
}

const bool = (x: boolean | null | undefined) => (x === null || x === undefined ? '' : x ? 'TRUE' : 'FALSE');

/** Our answer in the MANIFEST's own words, column by column. */
function ourColumns(report: NetReport): Record<string, string> {
  const unbounded = report.bounded.value === false;
  return {
    places: String(report.net.places.length),
    transitions: String(report.net.transitions.length),
    arcs: String(report.net.arcCount),
    ordinary: bool(report.classes.ordinary),
    ext_free_choice: bool(report.classes.extendedFreeChoice),
    wf_net: bool(report.workflow.isWorkflowNet),
    reachable_markings: unbounded ? 'infinite' : String(report.stateSpace.markings),
    rg_edges: unbounded ? 'infinite' : String(report.stateSpace.edges),
    deadlock: bool(report.deadlock.value),
    bounded: bool(report.bounded.value),
    safe: bool(report.safe),
    max_tokens_place: unbounded ? 'omega' : String(report.bounded.maxTokens),
    live: bool(report.live.value),
    quasi_live: bool(report.quasiLive.value),
    // "n/a" and "n/a (not a WF-net)" for nets that are not workflow nets.
    sound: report.workflow.isWorkflowNet ? bool(report.soundness?.sound) : 'n/a',
  };
}

describe('Petri-net corpus: every MANIFEST row', () => {
  if (!hasPetriCorpus) {
    it.skip(`needs ${petriCorpus} (absent here): nothing to compare`, () => {});
    return;
  }
  const rows = manifest().filter((r) => !r.file.includes('Kanban-PT-00010'));
  const quick = rows.filter(
    (r) => r.reachable_markings === 'infinite' || Number(r.reachable_markings) <= BIG_MARKINGS,
  );
  const big = rows.filter((r) => !quick.includes(r));

  it('has the rows it should', () => {
    expect(rows.length).toBe(60);
    expect(big.length).toBeGreaterThan(0);
  });

  const check = (row: Row) => {
    const path = join(petriCorpus, row.file);
    const read = readNet(decodeNetFile(readFileSync(path)), path);
    expect(read.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const net = read.net!;
    const report = analyzeNet(net, {
      checks: ['deadlock', 'bounded', 'safe', 'quasi-live', 'live', 'sound', 'classes'],
    });
    const ours = ourColumns(report);
    const differences: string[] = [];
    for (const [column, value] of Object.entries(ours)) {
      const expected = row[column].startsWith('n/a') ? 'n/a' : row[column];
      // An empty cell: the oracle gives no answer (liveness of unbounded nets).
      if (expected === '') continue;
      if (value !== expected) differences.push(`${column}: ours ${value}, MANIFEST ${expected}`);
    }
    expect(differences, row.file).toEqual([]);
    // The evidence replays.
    if (report.deadlock.witness) {
      const r = replay(net, report.deadlock.witness.sequence);
      expect(r.ok && r.markings[r.markings.length - 1]).toEqual(report.deadlock.witness.marking);
    }
    // The free-choice fast path agrees with the reachability graph wherever both answer.
    const s = report.soundness;
    if (s?.rankTheorem && s.method === 'reachability') expect(s.rankTheorem.sound, row.file).toBe(s.sound);
  };

  it.each(quick.map((r) => [r.file, r] as const))('%s', (_, row) => check(row));
  it.skipIf(!runBig).each(big.map((r) => [r.file, r] as const))('%s (big: MODELCHECK_BIG_NETS=1)', (_, row) =>
    check(row),
  );

  it('Kanban-PT-00010 (10^9 markings) stops cleanly at a state limit with a partial report', () => {
    const path = join(petriCorpus, 'mcc/Kanban-PT-00010.pnml');
    const result = run(['net', path, '--json', '--max-states', '200000']);
    expect(result.exitCode).toBe(3);
    const last = JSON.parse(result.stdout[result.stdout.length - 1]);
    expect(last).toMatchObject({
      event: 'result',
      places: 16,
      transitions: 16,
      stopped: 'state-limit',
      markings: null,
      bounded: true,
    });
    const details = JSON.parse(result.stdout[result.stdout.length - 2]);
    expect(details.stateSpace.explored).toBe(200000);
  });

  it('Kanban-PT-00010 stops cleanly at a time limit too', () => {
    const path = join(petriCorpus, 'mcc/Kanban-PT-00010.pnml');
    const started = Date.now();
    const result = run(['net', path, '--timeout', '1']);
    expect(result.exitCode).toBe(3);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(result.stdout.join('\n')).toMatch(/stopped at the time limit after [\d,]+ markings/);
  });
});
