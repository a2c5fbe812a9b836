import type { CheckName, FiringEvidence, NetReport } from '@modelcheck/petri';
import { formatSequence, shortMarking } from './sequence.js';

const yesNo = (v: boolean | null | undefined, unknown = 'unknown'): string =>
  v === null || v === undefined ? unknown : v ? 'yes' : 'no';

function count(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * The report a person reads in ten seconds: a header, a table of analyses with yes/no and a short
 * reason, then the evidence (firing sequences, markings, invariants) for each answer.
 */
export function formatNetReport(report: NetReport, file: string): string[] {
  const net = report.net;
  const want = (c: CheckName) => report.checks.includes(c);
  const out: string[] = [];
  const space = report.stateSpace;
  out.push(
    `net ${net.id} (${file}): ${net.places.length} places, ${net.transitions.length} transitions, ${net.arcCount} arcs`,
  );
  const stopNote = space.stopped
    ? `stopped at the ${space.stopped.replace('-', ' ')} after ${count(space.explored)} markings, ${count(space.exploredEdges)} edges; answers below hold for what was explored or are unknown`
    : '';
  if (space.method === 'reachability') {
    out.push(
      space.complete
        ? `reachability graph: ${count(space.markings ?? 0)} markings, ${count(space.edges ?? 0)} edges, depth ${space.depth} (${space.seconds.toFixed(2)} s)`
        : `reachability graph: ${stopNote}`,
    );
  } else if (space.method === 'coverability') {
    out.push(
      `unbounded: the reachability graph is infinite; Karp–Miller coverability graph: ${count(space.coverabilityNodes ?? 0)} nodes; ${count(space.explored)} markings explored for evidence`,
    );
  }
  out.push('');
  const rows: [string, string][] = [];
  if (want('deadlock')) {
    const d = report.deadlock;
    let text = yesNo(d.value);
    if (d.value && d.nonFinal)
      text += d.nonFinal.value ? ' (besides the final marking)' : ' (only the final marking [o])';
    else if (d.value && d.deadMarkings)
      text += ` (${count(d.deadMarkings)} dead marking${d.deadMarkings === 1 ? '' : 's'})`;
    else if (d.value === null)
      text += space.stopped ? ' (none in the part explored)' : ' (no proof for this unbounded net)';
    rows.push(['deadlock', text]);
  }
  if (want('bounded')) {
    const b = report.bounded;
    let text = yesNo(b.value);
    if (b.value === true && b.maxTokens !== null) text += ` (${b.maxTokens}-bounded)`;
    else if (b.value === true) text += ` (by ${b.method})`;
    else if (b.value === false)
      text += ` (${b.unboundedPlaces.length} place${b.unboundedPlaces.length === 1 ? '' : 's'} grow without bound)`;
    rows.push(['bounded', text]);
  }
  if (want('safe')) rows.push(['safe (1-bounded)', yesNo(report.safe)]);
  if (want('quasi-live')) {
    const q = report.quasiLive;
    rows.push([
      'quasi-live',
      `${yesNo(q.value)}${q.dead.length > 0 ? ` (${q.dead.length} dead transition${q.dead.length === 1 ? '' : 's'})` : ''}`,
    ]);
  }
  if (want('live')) {
    const l = report.live;
    rows.push([
      'live',
      `${yesNo(l.value, report.bounded.value === false ? 'unknown (unbounded net)' : 'unknown')}${l.nonLive.length > 0 ? ` (${l.nonLive.length} not live)` : ''}`,
    ]);
  }
  if (want('reversible')) rows.push(['reversible', yesNo(report.reversible.value)]);
  if (want('home')) {
    const h = report.reversible.homeMarkings;
    rows.push(['home markings', h === null ? 'unknown' : h > 0 ? `yes (${count(h)})` : 'no']);
  }
  if (want('sound') || want('classes')) {
    rows.push(['workflow net', report.workflow.isWorkflowNet ? 'yes' : `no (${report.workflow.reason})`]);
  }
  if (want('sound') && report.workflow.isWorkflowNet) {
    const s = report.soundness;
    let text = yesNo(s?.sound);
    if (s && s.sound === false && s.failures.length > 0)
      text += ` (${s.failures.map((f) => f.condition.replace(/-/g, ' ')).join(', ')})`;
    if (s?.method === 'rank-theorem') text += ' (rank theorem)';
    rows.push(['sound', text]);
  }
  if (want('classes')) {
    const c = report.classes;
    const names = [
      c.stateMachine && 'state machine',
      c.markedGraph && 'marked graph',
      c.freeChoice && 'free-choice',
      !c.freeChoice && c.extendedFreeChoice && 'extended free-choice',
      !c.extendedFreeChoice && c.asymmetricChoice && 'asymmetric choice',
      c.ordinary ? 'ordinary' : 'weighted arcs',
    ].filter((x): x is string => typeof x === 'string');
    rows.push(['net class', names.join(', ')]);
  }
  if (want('invariants')) {
    const i = report.invariants;
    rows.push([
      'P-invariants',
      i.p ? `${i.p.length}${i.pCovered ? ' (cover every place)' : ''}` : `not computed (${i.pStopped})`,
    ]);
    rows.push([
      'T-invariants',
      i.t ? `${i.t.length}${i.tCovered ? ' (cover every transition)' : ''}` : `not computed (${i.tStopped})`,
    ]);
  }
  if (want('siphons')) {
    const s = report.siphons;
    rows.push([
      'siphons / traps',
      s.siphons && s.traps
        ? `${s.siphons.length} minimal siphons, ${s.traps.length} minimal traps`
        : `not computed (${s.stopped})`,
    ]);
    if (s.commoner?.holds !== undefined) rows.push(["Commoner's condition", yesNo(s.commoner.holds)]);
  }
  const width = Math.max(...rows.map((r) => r[0].length));
  for (const [name, value] of rows) out.push(`  ${name.padEnd(width)}  ${value}`);
  if (stopNote && space.method !== 'reachability') out.push('', stopNote);

  const evidence = formatEvidence(report);
  if (evidence.length > 0) out.push('', 'evidence:', ...evidence);
  return out;
}

function formatEvidence(report: NetReport): string[] {
  const net = report.net;
  const want = (c: CheckName) => report.checks.includes(c);
  const out: string[] = [];
  const fire = (e: FiringEvidence) => [
    `    fire: ${formatSequence(net, e.sequence)}`,
    `    reach: ${shortMarking(net, e.marking)}`,
  ];
  const d = report.deadlock;
  if (want('deadlock') && d.witness) {
    out.push('  deadlock: a shortest firing sequence to a dead marking');
    out.push(...fire(d.witness));
    if (d.nonFinal?.witness && d.nonFinal.witness.sequence.join(' ') !== d.witness.sequence.join(' ')) {
      out.push('  deadlock other than the final marking:');
      out.push(...fire(d.nonFinal.witness));
    }
  }
  const b = report.bounded;
  if ((want('bounded') || want('safe')) && b.value === false) {
    out.push(`  unbounded places: ${b.unboundedPlaces.map((p) => net.places[p].id).join(', ')}`);
    if (b.pumping) {
      out.push(`    fire: ${formatSequence(net, b.pumping.prefix)}`);
      out.push(`    then repeat: ${formatSequence(net, b.pumping.pump)}`);
      out.push(
        `    each repetition adds tokens to ${b.pumping.places.map((p) => net.places[p].id).join(', ')} and loses none`,
      );
    }
  } else if ((want('bounded') || want('safe')) && b.maxTokens !== null && b.maxTokens > 1) {
    const most = b.perPlace
      .map((n, p) => [n ?? 0, p] as const)
      .filter(([n]) => n === b.maxTokens)
      .map(([, p]) => net.places[p].id);
    out.push(
      `  max tokens ${b.maxTokens} in: ${most.slice(0, 10).join(', ')}${most.length > 10 ? ', …' : ''}`,
    );
  }
  const q = report.quasiLive;
  if (want('quasi-live') && q.dead.length > 0) {
    out.push(
      `  dead transitions (never enabled in any reachable marking): ${q.dead.map((t) => net.transitions[t].id).join(', ')}`,
    );
  }
  if (want('live') && report.live.nonLive.length > 0) {
    out.push('  not live: after the sequence, the transitions named can never fire again');
    // Transitions that share a witness marking are listed together.
    const groups = new Map<string, { ids: string[]; witness: FiringEvidence }>();
    for (const n of report.live.nonLive) {
      const key = n.witness.sequence.join(' ');
      const group = groups.get(key) ?? { ids: [], witness: n.witness };
      group.ids.push(net.transitions[n.transition].id);
      groups.set(key, group);
    }
    let shown = 0;
    for (const group of groups.values()) {
      if (shown++ === 10) {
        out.push(`  … and ${groups.size - 10} more groups (--json lists them all)`);
        break;
      }
      const ids =
        group.ids.length > 12
          ? `${group.ids.slice(0, 12).join(', ')}, … (${group.ids.length})`
          : group.ids.join(', ');
      out.push(`  ${ids}:`);
      out.push(...fire(group.witness));
    }
  }
  if (want('reversible') && report.reversible.witness) {
    out.push('  not reversible: the initial marking cannot be reached again after');
    out.push(...fire(report.reversible.witness));
  }
  const s = report.soundness;
  if (want('sound') && s) {
    for (const f of s.failures) {
      if (f.condition === 'option-to-complete') {
        out.push('  unsound, no option to complete: from this marking the case can never reach [o]');
        out.push(...fire(f.witness));
      } else if (f.condition === 'proper-completion') {
        out.push('  unsound, improper completion: o is marked but tokens are left behind');
        out.push(...fire(f.witness));
      } else if (f.condition === 'dead-transition') {
        out.push(
          `  unsound, tasks that never run: ${f.transitions.map((t) => net.transitions[t].id).join(', ')}`,
        );
      } else {
        out.push(
          `  unsound, unbounded: ${f.places.map((p) => net.places[p].id).join(', ')} can grow without bound (a sound workflow net is bounded)`,
        );
      }
    }
    if (s.rankTheorem) {
      const r = s.rankTheorem;
      out.push(
        `  rank theorem (free-choice): short-circuited net ${r.wellFormed ? 'is' : 'is not'} well-formed (conservative ${yesNo(r.conservative)}, consistent ${yesNo(r.consistent)}, rank ${r.rank}, clusters ${r.clusters})`,
      );
    }
  }
  const inv = report.invariants;
  if (want('invariants') && inv.p && inv.p.length > 0) {
    out.push('  P-invariants (weighted token sums that never change):');
    for (const v of inv.p.slice(0, 10))
      out.push(
        `    ${weightedSum(v, (i) => net.places[i].id)} = ${v.reduce((s, y, p) => s + y * net.initialMarking[p], 0)}`,
      );
    if (inv.p.length > 10) out.push(`    … and ${inv.p.length - 10} more`);
  }
  if (want('invariants') && inv.t && inv.t.length > 0) {
    out.push('  T-invariants (firing counts that return to the same marking):');
    for (const v of inv.t.slice(0, 10)) out.push(`    ${weightedSum(v, (i) => net.transitions[i].id)}`);
    if (inv.t.length > 10) out.push(`    … and ${inv.t.length - 10} more`);
  }
  const sc = report.siphons.commoner;
  if (want('siphons') && sc?.badSiphon) {
    out.push(
      `  siphon with no marked trap (it can empty and stay empty): {${sc.badSiphon.map((p) => net.places[p].id).join(', ')}}`,
    );
  }
  return out;
}

function weightedSum(v: readonly number[], name: (i: number) => string): string {
  const parts: string[] = [];
  v.forEach((x, i) => {
    if (x !== 0) parts.push(x === 1 ? name(i) : `${x}*${name(i)}`);
  });
  return parts.join(' + ');
}
