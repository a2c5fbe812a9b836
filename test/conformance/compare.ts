/**
 * Conformance with TLC: which corpus models to run, how to run them, and whether our result agrees
 * with TLC's (manifest.json). Shared by `pnpm conformance` (run.ts) and the quick CI test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusLibraryDirs, type ManifestModel, manifestModels, tlaCorpus } from '../support/corpus.js';

/** A manifest entry with the fields of failures. */
export interface TlcModel extends ManifestModel {
  readonly violation?: string;
  readonly counterexampleStates?: number;
  readonly counterexampleEnd?: string;
  readonly communityModules?: readonly string[];
}

/** The fields of the `--json` result line that the comparison reads. */
export interface CheckJsonResult {
  readonly outcome: string;
  readonly exitCode: number;
  readonly property: string | null;
  readonly distinctStates: number | null;
  readonly generatedStates: number | null;
  readonly depth: number | null;
  readonly trace: readonly unknown[] | null;
  readonly reason?: string;
  readonly uncheckedProperties?: readonly string[];
  /** A temporal counterexample that ends by stuttering. */
  readonly stuttering?: boolean;
  readonly diagnostics?: readonly {
    code: string;
    message: string;
    span?: { file: string; start: { line: number; column: number } };
  }[];
  readonly message?: string;
}

export interface Selection {
  readonly tiers?: readonly string[];
  readonly filter?: string;
  /** Only models TLC checks in under this many seconds (one worker, JVM start included). */
  readonly maxTlcSeconds?: number;
}

export function selectModels(selection: Selection = {}): TlcModel[] {
  return (manifestModels() as TlcModel[]).filter(
    (m) =>
      (!selection.tiers || selection.tiers.includes(m.tier)) &&
      (!selection.filter || m.cfg.toLowerCase().includes(selection.filter.toLowerCase())) &&
      (selection.maxTlcSeconds === undefined ||
        (m.tlcSecondsOneWorker ?? Infinity) < selection.maxTlcSeconds),
  );
}

/** `modelcheck check` arguments for a corpus model (paths absolute; community and TLAPS modules on the path). */
export function checkArgs(model: TlcModel, timeoutSeconds: number): string[] {
  const args = ['check', join(tlaCorpus, model.module), '--config', join(tlaCorpus, model.cfg)];
  for (const lib of corpusLibraryDirs) args.push('--lib', lib);
  args.push('--json', '--no-color', '--timeout', String(timeoutSeconds));
  return args;
}

/** The last `result` line of `--json` output. */
export function resultLine(stdout: string): CheckJsonResult | undefined {
  const lines = stdout.split('\n').filter((l) => l.startsWith('{'));
  for (let i = lines.length - 1; i >= 0; i--) {
    try {
      const json = JSON.parse(lines[i]);
      if (json.event === 'result') return json as CheckJsonResult;
    } catch {
      // a Print of the spec that looks like JSON: keep looking
    }
  }
  return undefined;
}

export interface Verdict {
  readonly agree: boolean;
  /** What differs, or what agreed (for the report line). */
  readonly detail: string;
  /**
   * Our safety part agreed (counts equal) but the model has temporal properties we did not check:
   * not an agreement, and labelled so.
   */
  readonly safetyOnly?: boolean;
  /**
   * TLC's own counts cannot be reproduced (they depend on its random seed): only the outcome was
   * compared, and the model counts as skipped, not passed.
   */
  readonly skipped?: boolean;
}

/** Operators whose value TLC draws at random, seeded afresh on every run unless `-seed` is given. */
const RANDOM_OPERATORS = /\b(RandomElement|RandomSubset|RandomSetOfSubsets|RandomSubsetSet)\s*\(/;

/**
 * Whether the model's module draws values at random (TLC.RandomElement, Randomization): TLC's
 * manifest counts then come from one random seed (TLC picks a new one per run in model-checking
 * mode, tlc2/TLC.java), so no checker, TLC included, reproduces them.
 */
export function seedDependent(model: TlcModel): boolean {
  const text = readFileSync(join(tlaCorpus, model.module), 'utf8')
    .replace(/\(\*[\s\S]*?\*\)/g, '')
    .replace(/\\\*.*$/gm, '');
  return RANDOM_OPERATORS.test(text);
}

/** `Invariant X is violated.` -> `{kind: 'invariant', name: 'X'}` (TLC's wording in the manifest). */
function parseViolation(text: string | undefined): { kind: string; name?: string } {
  if (!text) return { kind: 'unknown' };
  let m = /^Invariant (\S+) is violated/.exec(text);
  if (m) return { kind: 'invariant-violated', name: m[1] };
  m = /^Temporal propert(?:y|ies) (\S+) was violated/.exec(text);
  if (m) return { kind: 'property-violated', name: m[1] };
  m = /^Action property (\S+) is violated/.exec(text);
  if (m) return { kind: 'property-violated', name: m[1] };
  if (/^Deadlock reached/.test(text)) return { kind: 'deadlock' };
  if (/^Assumption/.test(text)) return { kind: 'assumption-violated' };
  return { kind: 'unknown' };
}

function ourSummary(r: CheckJsonResult): string {
  if (r.outcome === 'ok' || r.outcome === 'unsupported-property' || r.outcome === 'stopped')
    return `${r.outcome}${r.reason ? ` (${r.reason})` : ''}: ${r.distinctStates} distinct, ${r.generatedStates} generated, depth ${r.depth}`;
  const first = r.diagnostics?.[0];
  const where = first?.span
    ? ` at ${first.span.file.split('/').pop()}:${first.span.start.line}:${first.span.start.column}`
    : '';
  if (first)
    return `${r.outcome} (exit ${r.exitCode}): ${first.code} ${first.message.split('\n')[0]}${where}`;
  return `${r.outcome} (exit ${r.exitCode})${r.property ? ` ${r.property}` : ''}${r.trace ? `, ${r.trace.length} states` : ''}`;
}

/** Whether our `--json` result agrees with TLC's on outcome and exit code, counts or counterexample. */
export function compare(model: TlcModel, ours: CheckJsonResult | undefined): Verdict {
  if (!ours) return { agree: false, detail: 'no result line' };
  if (model.exitCode === 0) {
    const counts =
      ours.distinctStates === model.distinctStates &&
      ours.generatedStates === model.generatedStates &&
      ours.depth === model.depth;
    const tlc = `TLC: ${model.distinctStates} distinct, ${model.generatedStates} generated, depth ${model.depth}`;
    if (ours.outcome === 'ok' && ours.exitCode === 0 && seedDependent(model))
      return {
        agree: true,
        skipped: true,
        detail: `outcome ok agrees; counts not comparable, TLC's depend on its random seed (ours: ${ours.distinctStates} distinct, ${ours.generatedStates} generated, depth ${ours.depth}; ${tlc})`,
      };
    if (ours.outcome === 'ok' && ours.exitCode === 0 && counts)
      return {
        agree: true,
        detail: `${model.distinctStates} distinct, ${model.generatedStates} generated, depth ${model.depth}`,
      };
    if (ours.outcome === 'unsupported-property' && counts)
      return {
        agree: false,
        safetyOnly: true,
        detail: `temporal properties not checked (${(ours.uncheckedProperties ?? []).join(', ')}); safety part agrees: ${model.distinctStates} distinct, ${model.generatedStates} generated, depth ${model.depth}`,
      };
    return { agree: false, detail: `ours: ${ourSummary(ours)}; ${tlc}` };
  }
  const expected = parseViolation(model.violation);
  const tlc = `TLC: ${model.violation} (exit ${model.exitCode}), ${model.counterexampleStates} states`;
  // A liveness counterexample agrees in its form (TLC's lassos need not be the shortest): it
  // ends by stuttering, or it goes back to an earlier state.
  const lassoEnd = model.counterexampleEnd;
  const liveness = lassoEnd !== undefined && lassoEnd !== 'finite';
  const sameLasso = !liveness || (lassoEnd === 'Stuttering') === (ours.stuttering === true);
  const same =
    ours.outcome === expected.kind &&
    ours.exitCode === model.exitCode &&
    (expected.name === undefined || ours.property === expected.name) &&
    (liveness
      ? sameLasso
      : model.counterexampleStates === undefined || ours.trace?.length === model.counterexampleStates);
  if (same) return { agree: true, detail: `${model.violation} ${model.counterexampleStates} states` };
  return { agree: false, detail: `ours: ${ourSummary(ours)}; ${tlc}` };
}
