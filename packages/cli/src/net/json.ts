import { type NetReport, sparseMarking } from '@modelcheck/petri';
import { sequenceIds } from './sequence.js';

/**
 * The result line of `modelcheck net --json`: exactly the object of issue 5's output contract
 * (null where unknown or not applicable; markings, edges and maxTokens null for unbounded nets).
 */
export function netResultJson(report: NetReport, file: string): Record<string, unknown> {
  const unbounded = report.bounded.value === false;
  const wf = report.workflow.isWorkflowNet;
  return {
    event: 'result',
    file,
    places: report.net.places.length,
    transitions: report.net.transitions.length,
    markings: unbounded ? null : report.stateSpace.markings,
    edges: unbounded ? null : report.stateSpace.edges,
    deadlock: report.deadlock.value,
    bounded: report.bounded.value,
    safe: report.safe,
    maxTokens: unbounded ? null : report.bounded.maxTokens,
    live: report.live.value,
    quasiLive: report.quasiLive.value,
    workflowNet: wf,
    sound: wf ? (report.soundness?.sound ?? null) : null,
    stopped: report.stateSpace.stopped ?? null,
  };
}

/** Everything the text report shows, evidence included, as one JSON object (printed before the result). */
export function netDetailsJson(report: NetReport, file: string): Record<string, unknown> {
  const net = report.net;
  const ev = (e: { sequence: number[]; marking: number[] } | undefined) =>
    e && { sequence: sequenceIds(net, e.sequence), marking: sparseMarking(net, e.marking) };
  const placeIds = (ps: readonly number[]) => ps.map((p) => net.places[p].id);
  const weighted = (v: readonly number[], ids: (i: number) => string) => {
    const out: Record<string, number> = {};
    v.forEach((x, i) => {
      if (x !== 0) out[ids(i)] = x;
    });
    return out;
  };
  const s = report.soundness;
  return {
    event: 'report',
    file,
    net: net.id,
    checks: report.checks,
    stateSpace: report.stateSpace,
    classes: report.classes,
    workflow: {
      isWorkflowNet: report.workflow.isWorkflowNet,
      source: report.workflow.source !== undefined ? net.places[report.workflow.source].id : null,
      sink: report.workflow.sink !== undefined ? net.places[report.workflow.sink].id : null,
      reason: report.workflow.reason ?? null,
    },
    deadlock: {
      value: report.deadlock.value,
      witness: ev(report.deadlock.witness) ?? null,
      deadMarkings: report.deadlock.deadMarkings ?? null,
      nonFinal: report.deadlock.nonFinal
        ? { value: report.deadlock.nonFinal.value, witness: ev(report.deadlock.nonFinal.witness) ?? null }
        : null,
    },
    bounded: {
      value: report.bounded.value,
      method: report.bounded.method,
      maxTokens: report.bounded.maxTokens,
      perPlace: Object.fromEntries(net.places.map((p, i) => [p.id, report.bounded.perPlace[i]])),
      unboundedPlaces: placeIds(report.bounded.unboundedPlaces),
      pumping: report.bounded.pumping
        ? {
            prefix: sequenceIds(net, report.bounded.pumping.prefix),
            pump: sequenceIds(net, report.bounded.pumping.pump),
            places: placeIds(report.bounded.pumping.places),
          }
        : null,
    },
    safe: report.safe,
    quasiLive: {
      value: report.quasiLive.value,
      dead: report.quasiLive.dead.map((t) => net.transitions[t].id),
      firing: Object.fromEntries(
        net.transitions.map((t, i) => [
          t.id,
          report.quasiLive.firing[i] ? sequenceIds(net, report.quasiLive.firing[i] as number[]) : null,
        ]),
      ),
    },
    live: {
      value: report.live.value,
      nonLive: report.live.nonLive.map((n) => ({
        transition: net.transitions[n.transition].id,
        witness: ev(n.witness),
      })),
    },
    reversible: {
      value: report.reversible.value,
      witness: ev(report.reversible.witness) ?? null,
      homeMarkings: report.reversible.homeMarkings,
      homeExample: ev(report.reversible.homeExample) ?? null,
      bottomComponents: report.reversible.bottomComponents,
    },
    invariants: {
      p: report.invariants.p?.map((v) => weighted(v, (i) => net.places[i].id)) ?? null,
      t: report.invariants.t?.map((v) => weighted(v, (i) => net.transitions[i].id)) ?? null,
      pStopped: report.invariants.pStopped ?? null,
      tStopped: report.invariants.tStopped ?? null,
      pCovered: report.invariants.pCovered,
      tCovered: report.invariants.tCovered,
    },
    siphons: {
      siphons: report.siphons.siphons?.map(placeIds) ?? null,
      traps: report.siphons.traps?.map(placeIds) ?? null,
      stopped: report.siphons.stopped ?? null,
      commoner: report.siphons.commoner
        ? {
            holds: report.siphons.commoner.holds ?? null,
            badSiphon: report.siphons.commoner.badSiphon ? placeIds(report.siphons.commoner.badSiphon) : null,
          }
        : null,
    },
    soundness: s
      ? {
          sound: s.sound,
          optionToComplete: s.optionToComplete,
          properCompletion: s.properCompletion,
          noDeadTransitions: s.noDeadTransitions,
          method: s.method,
          failures: s.failures.map((f) =>
            f.condition === 'unbounded'
              ? { condition: f.condition, places: placeIds(f.places) }
              : f.condition === 'dead-transition'
                ? { condition: f.condition, transitions: f.transitions.map((t) => net.transitions[t].id) }
                : { condition: f.condition, witness: ev(f.witness) },
          ),
          rankTheorem: s.rankTheorem ?? null,
        }
      : null,
  };
}
