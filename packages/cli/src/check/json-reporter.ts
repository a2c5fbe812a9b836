import type { Diagnostic, SourceSpan, Stats } from '@modelcheck/core';
import { type CheckReport, outcomeMessage, type TraceView } from './report.js';
import type { CheckReporter, StartInfo } from './session.js';

/** A trace entry of `--json` and `--trace-format json`. */
export interface JsonTraceEntry {
  readonly action: string | null;
  /** `file:line:column` of the action's definition, or null (initial states, unknown). */
  readonly location: string | null;
  /** TLC's `line 5, col 9 to line 5, col 24 of module M`, or null. */
  readonly tlcLocation: string | null;
  /** Variable -> ITF JSON value. */
  readonly state: Record<string, unknown>;
}

export function traceToJson(
  trace: readonly TraceView[],
  displayPath: (f: string) => string,
): JsonTraceEntry[] {
  return trace.map((step) => {
    const state: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(step.values)) state[name] = value.json;
    return {
      action: step.action,
      location: step.span ? spanText(step.span, displayPath) : null,
      tlcLocation: step.tlcLocation ?? null,
      state,
    };
  });
}

function spanText(span: SourceSpan, displayPath: (f: string) => string): string {
  return `${displayPath(span.file)}:${span.start.line}:${span.start.column}`;
}

export function diagnosticToJson(d: Diagnostic, displayPath: (f: string) => string): Diagnostic {
  return {
    ...d,
    span: d.span && { ...d.span, file: displayPath(d.span.file) },
    related: d.related?.map((r) => ({ ...r, span: { ...r.span, file: displayPath(r.span.file) } })),
  };
}

/** The `--json` result line: the verdict, the counts, the counterexample. */
export function resultToJson(
  report: CheckReport,
  displayPath: (f: string) => string,
): Record<string, unknown> {
  const stats = report.stats;
  const json: Record<string, unknown> = {
    event: 'result',
    command: 'check',
    outcome: report.outcome,
    exitCode: report.exitCode,
    property: report.property ?? null,
    message: outcomeMessage(report),
    distinctStates: stats?.distinctStates ?? null,
    generatedStates: stats?.generatedStates ?? null,
    statesLeftOnQueue: stats?.statesLeftOnQueue ?? null,
    depth: stats?.depth ?? null,
    seconds: stats ? Math.round(stats.seconds * 1000) / 1000 : null,
    mode: report.mode,
    trace: report.trace ? traceToJson(report.trace, displayPath) : null,
  };
  if (report.loopStart !== undefined) json.loopStart = report.loopStart;
  if (report.stuttering) json.stuttering = true;
  if (report.loopAction)
    json.loopAction = {
      action: report.loopAction.action,
      tlcLocation: report.loopAction.tlcLocation ?? null,
    };
  if (report.formulas) json.formulas = report.formulas;
  if (report.reason !== undefined) json.reason = report.reason;
  if (report.mode === 'simulate') {
    json.seed = report.seed ?? null;
    json.behaviours = report.behaviours ?? null;
  }
  if (report.unchecked && report.unchecked.length > 0) json.uncheckedProperties = report.unchecked;
  json.diagnostics = report.diagnostics.map((d) => diagnosticToJson(d, displayPath));
  return json;
}

function statsToJson(stats: Stats): Record<string, number> {
  return {
    depth: stats.depth,
    generatedStates: stats.generatedStates,
    distinctStates: stats.distinctStates,
    statesLeftOnQueue: stats.statesLeftOnQueue,
    seconds: Math.round(stats.seconds * 1000) / 1000,
  };
}

/** `--json`: one JSON object per line (start, warnings, prints, progress), then the result line. */
export class JsonReporter implements CheckReporter {
  constructor(
    private readonly out: (line: string) => void,
    private readonly displayPath: (file: string) => string,
  ) {}

  private emit(event: Record<string, unknown>): void {
    this.out(JSON.stringify(event));
  }

  start(info: StartInfo): void {
    this.emit({
      event: 'start',
      command: 'check',
      spec: info.specFile ? this.displayPath(info.specFile) : null,
      config: info.configFile ? this.displayPath(info.configFile) : null,
      mode: info.mode,
      workers: 1,
      ...(info.seed !== undefined ? { seed: info.seed } : {}),
      uncheckedProperties: info.unchecked,
    });
    if (info.unchecked.length > 0)
      this.warning(`Temporal properties not checked: ${info.unchecked.join(', ')}`);
  }

  warning(text: string): void {
    this.emit({ event: 'warning', message: text });
  }

  print(text: string): void {
    this.emit({ event: 'print', text });
  }

  computingInitialStates(): void {
    this.emit({ event: 'phase', phase: 'initial-states' });
  }

  checkingTemporal(stats: Stats): void {
    this.emit({ event: 'phase', phase: 'temporal-properties', ...statsToJson(stats) });
  }

  initialStatesDone(stats: Stats): void {
    this.emit({ event: 'initial-states', ...statsToJson(stats) });
  }

  progress(stats: Stats, elapsedMs: number): void {
    const seconds = elapsedMs / 1000;
    this.emit({
      event: 'progress',
      ...statsToJson(stats),
      statesPerSecond: seconds > 0 ? Math.round(stats.generatedStates / seconds) : 0,
      distinctStatesPerSecond: seconds > 0 ? Math.round(stats.distinctStates / seconds) : 0,
    });
  }

  finish(report: CheckReport): void {
    this.emit(resultToJson(report, this.displayPath));
  }
}
