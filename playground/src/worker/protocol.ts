/**
 * Messages between the page and the checker worker. Everything crossing is plain data (structured
 * clone): files as text, reports, graphs as arrays. The worker never receives code, only text that
 * the front-ends parse.
 */

import type { Diagnostic, Stats } from '@modelcheck/core';
import type { CheckReport } from '../../../packages/cli/src/check/report.js';

export interface ProjectFile {
  readonly name: string;
  readonly text: string;
}

export interface RunLimits {
  readonly mode: 'bfs' | 'dfs' | 'simulate';
  readonly maxStates?: number;
  readonly timeoutSeconds?: number;
  readonly noDeadlock?: boolean;
  readonly depth?: number;
  readonly seed?: number;
}

/** What the page asks. `id` ties an answer to its request (stale answers are dropped). */
export type WorkerRequest =
  | {
      readonly type: 'diagnose';
      readonly id: number;
      readonly files: readonly ProjectFile[];
      readonly main: string;
      readonly config?: string;
      /** The file being edited, when it is a module the main spec does not load. */
      readonly active?: string;
    }
  | {
      readonly type: 'run';
      readonly id: number;
      readonly files: readonly ProjectFile[];
      readonly main: string;
      readonly config?: string;
      readonly limits: RunLimits;
    }
  | { readonly type: 'stop' }
  | {
      readonly type: 'graph';
      readonly id: number;
      readonly files: readonly ProjectFile[];
      readonly main: string;
      readonly config?: string;
      readonly maxStates: number;
    }
  | {
      readonly type: 'formula';
      readonly id: number;
      readonly files: readonly ProjectFile[];
      readonly main: string;
      readonly config?: string;
      readonly logic: 'ctl' | 'ltl';
      readonly formula: string;
      readonly maxStates: number;
    };

/** A diagnostic, with the project file it belongs to (undefined: no span, or a standard module). */
export interface FileDiagnostic {
  readonly file?: string;
  readonly diagnostic: Diagnostic;
}

export interface GraphNode {
  readonly id: number;
  readonly initial: boolean;
  /** Variable -> TLC text. */
  readonly values: Readonly<Record<string, string>>;
  /** Per invariant (GraphData.invariants order): holds in this state? null: cannot be evaluated. */
  readonly invariants: readonly (boolean | null)[];
  readonly x: number;
  readonly y: number;
}

export interface GraphData {
  readonly variables: readonly string[];
  readonly invariants: readonly string[];
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly { readonly from: number; readonly to: number; readonly action: string }[];
  readonly truncated: boolean;
  readonly message?: string;
}

export interface NetPlace {
  readonly id: string;
  readonly name?: string;
  readonly tokens: number;
  readonly x: number;
  readonly y: number;
}

export interface NetTransition {
  readonly id: string;
  readonly name?: string;
  readonly pre: readonly { readonly place: number; readonly weight: number }[];
  readonly post: readonly { readonly place: number; readonly weight: number }[];
  readonly x: number;
  readonly y: number;
}

/** A firing sequence the report gives as evidence, by transition index. */
export interface NetSequence {
  readonly title: string;
  readonly sequence: readonly number[];
}

export interface NetData {
  readonly name: string;
  readonly places: readonly NetPlace[];
  readonly transitions: readonly NetTransition[];
  readonly report: readonly string[];
  readonly sequences: readonly NetSequence[];
}

export interface FormulaTree {
  readonly text: string;
  readonly holds: boolean | null;
  readonly note?: string;
  readonly children: readonly FormulaTree[];
}

export interface FormulaResult {
  readonly verdict: 'holds' | 'fails' | 'unknown' | 'error';
  readonly message: string;
  readonly diagnostics: readonly FileDiagnostic[];
  /** A witness or counterexample path: rendered states, the loop start for a lasso. */
  readonly path?: readonly {
    readonly action: string | null;
    readonly values: Readonly<Record<string, string>>;
  }[];
  readonly loopStart?: number;
  /** The lasso ends by repeating its last state forever (TLC's "Stuttering"). */
  readonly stuttering?: boolean;
  readonly pathKind?: 'witness' | 'counterexample';
  readonly tree?: FormulaTree;
  /** State ids (graph ids) where the formula holds, for colouring the graph. */
  readonly satisfying?: readonly number[];
}

/** What the worker answers. */
export type WorkerResponse =
  | {
      readonly type: 'diagnostics';
      readonly id: number;
      readonly diagnostics: readonly FileDiagnostic[];
      readonly kind: 'tla' | 'net' | 'none';
    }
  | { readonly type: 'log'; readonly id: number; readonly lines: readonly string[] }
  | {
      readonly type: 'progress';
      readonly id: number;
      readonly stats: Stats;
      readonly statesPerSecond: number;
      readonly elapsedMs: number;
    }
  | {
      readonly type: 'result';
      readonly id: number;
      readonly report: CheckReport;
      readonly message: string;
      readonly itf?: unknown;
      readonly diagnostics: readonly FileDiagnostic[];
      readonly elapsedMs: number;
    }
  | {
      readonly type: 'net';
      readonly id: number;
      readonly net?: NetData;
      readonly diagnostics: readonly FileDiagnostic[];
      readonly elapsedMs: number;
    }
  | { readonly type: 'graph'; readonly id: number; readonly graph: GraphData }
  | { readonly type: 'formula'; readonly id: number; readonly result: FormulaResult }
  | { readonly type: 'crash'; readonly id: number; readonly message: string };

/** Where the worker keeps project files for the front-ends (module lookup by folder). */
export const PROJECT_DIR = '/project';

export function projectPath(name: string): string {
  return `${PROJECT_DIR}/${name}`;
}

/** The project file a front-end path is (undefined for the standard library). */
export function projectFileOf(path: string): string | undefined {
  return path.startsWith(`${PROJECT_DIR}/`) ? path.slice(PROJECT_DIR.length + 1) : undefined;
}

export function isNetFile(name: string): boolean {
  return /\.(pnml|pnet|net|lola)$/i.test(name);
}
