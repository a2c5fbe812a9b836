import {
  type ActionInfo,
  EvaluationError,
  makeDiagnostic,
  type RenderedValue,
  type SourceSpan,
  type TransitionSystem,
} from '@modelcheck/core';
import type { Assumption, TlaModel, TlaState } from '@modelcheck/tla';

/** A span in a made-up file, 1-based columns, end exclusive (as the front-end's spans). */
export function span(
  file: string,
  line: number,
  column: number,
  endLine: number,
  endColumn: number,
): SourceSpan {
  return {
    file,
    start: { line, column, offset: line * 1000 + column },
    end: { line: endLine, column: endColumn, offset: endLine * 1000 + endColumn },
  };
}

export interface ToySpec {
  readonly variables: readonly string[];
  readonly init: readonly (readonly number[])[];
  /** Successors of a state, each with the index of its action. */
  readonly next: (s: readonly number[]) => readonly [number, readonly number[]][];
  readonly actions: readonly ActionInfo[];
  /** Variable -> how its value prints (default: the number). */
  readonly text?: (variable: string, value: number) => string;
  readonly invariants?: readonly { name: string; check: (s: readonly number[]) => boolean }[];
  readonly actionProperties?: readonly {
    name: string;
    check: (s: readonly number[], t: readonly number[]) => boolean;
  }[];
  readonly temporalProperties?: readonly string[];
  readonly assumptions?: readonly Assumption[];
  readonly checkDeadlock?: boolean;
}

/** A hand-made `TlaModel` over integer-valued variables (tests of the output, without the front-end). */
export function toyModel(spec: ToySpec): TlaModel {
  const text = spec.text ?? ((_, v) => String(v));
  const system: TransitionSystem<TlaState> = {
    variables: spec.variables,
    actions: spec.actions,
    initialStates(emit) {
      for (const s of spec.init) emit(s as TlaState);
    },
    successors(state, emit) {
      for (const [action, t] of spec.next(state as readonly number[])) emit({ index: action }, t as TlaState);
    },
    fingerprint(state, out, offset) {
      let h = 0x811c9dc5;
      let g = 0x1234567;
      for (const v of state as readonly number[]) {
        h = Math.imul(h ^ (v & 0xffff), 16777619) >>> 0;
        g = Math.imul(g ^ (v >>> 16) ^ h, 2246822519) >>> 0;
      }
      out[offset] = h;
      out[offset + 1] = g;
    },
    label: () => undefined,
    render(state) {
      const out: Record<string, RenderedValue> = {};
      spec.variables.forEach((name, i) => {
        const v = (state as readonly number[])[i];
        out[name] = { text: text(name, v), json: { '#bigint': String(v) } };
      });
      return out;
    },
  };
  return {
    system,
    rootModule: 'Toy',
    invariants: (spec.invariants ?? []).map((i) => ({
      name: i.name,
      check: (s: TlaState) => i.check(s as readonly number[]),
    })),
    actionProperties: (spec.actionProperties ?? []).map((p) => ({
      name: p.name,
      check: (s: TlaState, t: TlaState) => p.check(s as readonly number[], t as readonly number[]),
    })),
    checkDeadlock: spec.checkDeadlock ?? true,
    temporalProperties: (spec.temporalProperties ?? []).map((name) => ({ name })),
    fairness: [],
    assumptions: spec.assumptions ?? [],
    postconditions: [],
    statePredicate: () => undefined,
    quotient: false,
    liveness: { properties: [], fairness: [], fairnessFormulas: [], fairnessComplete: true },
    updateStatistics: () => {},
    initialAction: { name: 'Initial predicate' },
    diagnostics: [],
  };
}

/** An evaluation error as the front-end throws it. */
export function evaluationError(message: string, where: SourceSpan, code = 'EVAL100'): EvaluationError {
  return new EvaluationError(makeDiagnostic(code, message, where));
}
