import type { TraceFormat } from '../args.js';
import { traceToJson } from './json-reporter.js';
import { type CheckReport, outcomeMessage } from './report.js';

export interface TraceFileContext {
  /** The spec, as shown to the user. */
  readonly source: string;
  readonly version: string;
  readonly displayPath: (file: string) => string;
}

/**
 * A counterexample in ITF, the Informal Trace Format of Apalache and Quint
 * (https://apalache-mc.org/docs/adr/015adr-trace.html): `#meta`, `vars`, `states` (each with its own
 * `#meta.index`, from 0), and `loop` for a lasso. Values are the front-end's ITF JSON.
 */
export function traceToItf(report: CheckReport, context: TraceFileContext): Record<string, unknown> {
  const trace = report.trace ?? [];
  const vars = report.variables ?? (trace.length > 0 ? Object.keys(trace[0].values) : []);
  const states = trace.map((step, index) => {
    const meta: Record<string, unknown> = { index };
    if (step.action !== null) meta.action = step.action;
    if (step.span)
      meta.location = `${context.displayPath(step.span.file)}:${step.span.start.line}:${step.span.start.column}`;
    const state: Record<string, unknown> = { '#meta': meta };
    for (const name of vars) {
      const value = step.values[name];
      if (value !== undefined) state[name] = value.json;
    }
    return state;
  });
  const itf: Record<string, unknown> = {
    '#meta': {
      format: 'ITF',
      'format-description': 'https://apalache-mc.org/docs/adr/015adr-trace.html',
      source: context.source,
      description: `${outcomeMessage(report)} Counterexample found by modelcheck ${context.version}.`,
      timestamp: Date.now(),
    },
    vars: [...vars],
    states,
  };
  // A lasso goes back to `loopStart`; a stuttering behaviour repeats its last state forever.
  if (report.loopStart !== undefined) itf.loop = report.stuttering ? states.length - 1 : report.loopStart;
  return itf;
}

/** The text of `--trace-file`: ITF, or the same entries as the `--json` result's `trace`. */
export function traceFileText(report: CheckReport, format: TraceFormat, context: TraceFileContext): string {
  if (format === 'itf') return `${JSON.stringify(traceToItf(report, context), null, 2)}\n`;
  return `${JSON.stringify(
    {
      outcome: report.outcome,
      property: report.property ?? null,
      message: outcomeMessage(report),
      trace: traceToJson(report.trace ?? [], context.displayPath),
      ...(report.loopStart !== undefined ? { loopStart: report.loopStart } : {}),
    },
    null,
    2,
  )}\n`;
}
