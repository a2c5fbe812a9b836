import { type Diagnostic, hasErrors, LineIndex, makeDiagnostic } from '@modelcheck/core';
import {
  buildFormulaSpace,
  checkContestProperty,
  checkNetFormula,
  contestAnswer,
  type FiringPath,
  type FormulaStopReason,
  firingPath,
  markingOf,
  type NetFormulaResult,
  type NetFormulaSpace,
  type PetriNet,
  parseNetFormula,
} from '@modelcheck/petri';
import {
  type CtlExplanation,
  classifyFormula,
  type Formula,
  printFormula,
  TemporalCodes,
} from '@modelcheck/temporal';
import { formatSequence, sequenceIds, shortMarking } from './sequence.js';

/** A formula to check on a net: from the contest XML, or written with --ctl / --ltl. */
export interface NetFormulaJob {
  readonly id: string;
  readonly logic: 'ctl' | 'ltl' | 'bound';
  readonly formula?: Formula;
  readonly bound?: readonly number[];
  /** --ctl / --ltl: print the formula, the evidence (and with --explain the CTL tree). */
  readonly verbose: boolean;
}

export interface NetFormulaRun {
  readonly stdout: string[];
  readonly stderr: string[];
  readonly answers: { readonly id: string; readonly answer: string; readonly result: NetFormulaResult }[];
  readonly space: NetFormulaSpace;
  /** Why some answers are CANNOT_COMPUTE. */
  readonly stopped?: FormulaStopReason;
}

export interface NetFormulaRunOptions {
  readonly maxStates?: number;
  readonly maxSeconds?: number;
  readonly maxBytes?: number;
  readonly explain: boolean;
  readonly json: boolean;
}

/**
 * Parses a --ctl / --ltl text against the net; diagnostics point into `file` (`<--ctl 1>`): syntax
 * (LTL1xx), unknown places and transitions (PN205, PN206), and a formula outside the logic
 * asked for (LTL203 / LTL204), so that nothing is checked when one formula is wrong.
 */
export function parseCliFormula(
  text: string,
  net: PetriNet,
  file: string,
  logic: 'ctl' | 'ltl',
): { formula?: Formula; diagnostics: Diagnostic[] } {
  const parsed = parseNetFormula(text, net, file);
  if (hasErrors(parsed.diagnostics) || !parsed.formula) return { diagnostics: parsed.diagnostics };
  const cls = classifyFormula(parsed.formula);
  if (logic === 'ctl' ? cls.ctl : cls.ltl) return parsed;
  const span = new LineIndex(text).span(file, 0, text.length);
  return {
    diagnostics: [
      makeDiagnostic(
        logic === 'ctl' ? TemporalCodes.notCtl : TemporalCodes.notLtl,
        logic === 'ctl'
          ? `this formula is not CTL${cls.ltl ? ': it is LTL' : ''}`
          : `this formula is not LTL${cls.ctl ? ': it is CTL with an existential or branching part' : ''}`,
        span,
        {
          hint:
            logic === 'ctl'
              ? cls.ltl
                ? 'check it with --ltl, or put A or E right before each temporal operator (AG, EF, A[p U q])'
                : 'in CTL every temporal operator comes right after A or E'
              : cls.ctl
                ? 'check it with --ctl; LTL formulas have no E, and no A inside temporal operators'
                : 'LTL formulas have no path quantifiers (an A in front of the whole formula is allowed)',
        },
      ),
    ],
  };
}

const STOP_WORDS: Record<FormulaStopReason, string> = {
  'state-limit': 'the state limit (--max-states)',
  'time-limit': 'the time limit (--timeout)',
  'memory-limit': 'the memory limit',
  cancelled: 'a cancellation',
  unbounded: 'an unbounded net',
};

/**
 * Builds the reachability graph once and checks every job on it. Contest lines
 * (`FORMULA <id> TRUE|FALSE|<bound>|CANNOT_COMPUTE`) on stdout; for --ctl/--ltl also the formula,
 * a firing sequence that explains the verdict, and with `explain` the CTL sub-formula tree.
 */
export function runNetFormulas(
  net: PetriNet,
  jobs: readonly NetFormulaJob[],
  options: NetFormulaRunOptions,
): NetFormulaRun {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const started = performance.now();
  const space = buildFormulaSpace(net, {
    maxStates: options.maxStates,
    maxSeconds: options.maxSeconds,
    maxBytes: options.maxBytes,
  });
  const deadline =
    options.maxSeconds !== undefined ? started + options.maxSeconds * 1000 : Number.POSITIVE_INFINITY;
  const shouldStop = () => performance.now() > deadline;
  const answers: NetFormulaRun['answers'][number][] = [];
  let stopped: FormulaStopReason | undefined = space.stopped;
  for (const job of jobs) {
    const result: NetFormulaResult =
      job.logic === 'bound'
        ? checkContestProperty(space, { id: job.id, logic: 'bound', bound: job.bound })
        : checkNetFormula(space, job.formula!, job.logic, { shouldStop });
    if (result.kind === 'cannot-compute') stopped ??= result.reason;
    const answer = result.kind === 'error' ? 'CANNOT_COMPUTE' : contestAnswer(result);
    answers.push({ id: job.id, answer, result });
    if (options.json) {
      stdout.push(JSON.stringify(formulaJson(net, job, answer, result)));
      continue;
    }
    if (!job.verbose) {
      stdout.push(`FORMULA ${job.id} ${answer}`);
      continue;
    }
    stdout.push(`FORMULA ${job.id} ${answer}  ${job.logic.toUpperCase()} ${printFormula(job.formula!)}`);
    stdout.push(...evidenceLines(net, space, result, options.explain));
  }
  if (space.stopped)
    stderr.push(
      `warning: formulas not checked: the reachability graph ${space.stopped === 'unbounded' ? 'is infinite (the net is unbounded)' : `stopped at ${STOP_WORDS[space.stopped]} after ${space.markings.toLocaleString('en-US')} markings`}`,
    );
  else if (stopped) stderr.push(`warning: some formulas stopped at ${STOP_WORDS[stopped]}`);
  return { stdout, stderr, answers, space, stopped };
}

function markingText(net: PetriNet, space: NetFormulaSpace, id: number): string {
  if (!space.graph) return '?';
  const text = shortMarking(net, markingOf(space.graph, id));
  return text === '' ? '(no tokens)' : text;
}

/** A firing path as indented lines: how to reach its start, what to fire, what repeats. */
export function pathLines(net: PetriNet, space: NetFormulaSpace, path: FiringPath, indent: string): string[] {
  const out: string[] = [];
  if (path.start !== 0) {
    out.push(`${indent}from the marking reached by: ${formatSequence(net, path.toStart)}`);
    out.push(`${indent}  (${markingText(net, space, path.start)})`);
  }
  out.push(`${indent}fire: ${formatSequence(net, path.prefix)}`);
  out.push(`${indent}reach: ${markingText(net, space, path.prefixEnd)}`);
  if (path.stuttering) out.push(`${indent}then: a dead marking, which repeats forever`);
  else if (path.cycle.length > 0)
    out.push(`${indent}then repeat forever: ${formatSequence(net, path.cycle)}`);
  return out;
}

function evidenceLines(
  net: PetriNet,
  space: NetFormulaSpace,
  result: NetFormulaResult,
  explain: boolean,
): string[] {
  const out: string[] = [];
  switch (result.kind) {
    case 'error':
      out.push('  not checked: the checker refused it (the message is on stderr)');
      return out;
    case 'cannot-compute':
      out.push(
        result.reason === 'unbounded'
          ? '  not decided: the net is unbounded, its reachability graph infinite'
          : `  not decided: stopped at ${STOP_WORDS[result.reason]}`,
      );
      return out;
    case 'bound':
      return out;
  }
  if (result.logic === 'ltl') {
    if (result.kind === 'holds') out.push('  holds on every path from the initial marking');
    else if (result.path) {
      out.push('  counterexample, a behaviour on which it fails:');
      out.push(...pathLines(net, space, result.path, '    '));
    }
    if (explain)
      out.push(
        '  (--explain shows sub-formula trees for CTL; for LTL the counterexample is the explanation)',
      );
    return out;
  }
  const at = result.state ?? 0;
  out.push(
    `  ${result.kind === 'holds' ? 'holds' : 'fails'} at the initial marking${at !== 0 ? ` (state ${at})` : ''}`,
  );
  if (result.path) {
    const role = result.kind === 'holds' ? 'witness' : 'counterexample';
    out.push(`  ${role} for ${result.pathFormula}: ${result.pathNote ?? 'a path'}`);
    out.push(...pathLines(net, space, result.path, '    '));
  }
  if (explain && result.labels) {
    out.push('  explanation (sub-formula: verdict at marking):');
    out.push(...explanationLines(net, space, result.labels.explain(at, 8), '    '));
  }
  return out;
}

/** The CTL explanation tree: one line per sub-formula, its verdict where it is evaluated, its path. */
export function explanationLines(
  net: PetriNet,
  space: NetFormulaSpace,
  e: CtlExplanation,
  indent: string,
): string[] {
  const out: string[] = [];
  const where = e.state === 0 ? 'the initial marking' : `marking ${markingText(net, space, e.state)}`;
  out.push(
    `${indent}${e.holds ? 'holds' : 'fails'}: ${e.text}   (at ${where})${e.note ? ` — ${e.note}` : ''}`,
  );
  if (e.path) {
    const path = firingPath(space, e.path);
    if (path) out.push(...pathLines(net, space, path, `${indent}    `));
  }
  for (const c of e.children) out.push(...explanationLines(net, space, c, `${indent}  `));
  return out;
}

function formulaJson(
  net: PetriNet,
  job: NetFormulaJob,
  answer: string,
  result: NetFormulaResult,
): Record<string, unknown> {
  const out: Record<string, unknown> = { event: 'formula', id: job.id, logic: job.logic, answer };
  if (job.formula) out.formula = printFormula(job.formula);
  if (result.kind === 'cannot-compute') out.stopped = result.reason;
  if ((result.kind === 'holds' || result.kind === 'violated') && result.path) {
    const p = result.path;
    out.path = {
      from: sequenceIds(net, p.toStart),
      fire: sequenceIds(net, p.prefix),
      repeat: sequenceIds(net, p.cycle),
      deadEnd: p.stuttering,
      ...(result.pathFormula ? { about: result.pathFormula } : {}),
    };
  }
  return out;
}
