import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { relative } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { type Diagnostic, hasErrors, makeDiagnostic, type SourceSpan } from '@modelcheck/core';
import type { AbortSignalLike } from '@modelcheck/explorer';
import {
  analyzeSpec,
  buildModel,
  type CheckedSpec,
  checkConfig,
  moduleSymbols,
  parseConfig,
  type ResolvedModule,
  type TlaModel,
} from '@modelcheck/tla';
import { type ParsedArgs, UsageError } from '../args.js';
import {
  formulaModule,
  mapFormulaDiagnostic,
  notStatePredicate,
  parseAdHocFormulas,
} from '../check/formulas.js';
import { JsonReporter } from '../check/json-reporter.js';
import type { BoundFormula } from '../check/liveness.js';
import { type CheckReport, exitCodeFor, type Outcome, type SearchModeName } from '../check/report.js';
import { type CheckReporter, CheckSession, type ModuleLocator } from '../check/session.js';
import { TextReporter } from '../check/text-reporter.js';
import { traceFileText } from '../check/trace-file.js';
import { absolutePath, nodeHost, userDirectory } from '../node-host.js';

export interface CheckIo {
  stdout(line: string): void;
  stderr(line: string): void;
  readonly color: boolean;
  /** Ctrl-C: the run stops at its next check, with the counts so far. */
  readonly signal?: AbortSignalLike;
  readonly version: string;
}

/** Shows a file relative to the folder the user ran the command in, when it is below it. */
export function displayPath(file: string): string {
  if (file.startsWith('<')) return file;
  const shown = relative(userDirectory(), file);
  return shown === '' || shown.startsWith('..') ? file : shown;
}

/** Where spec and cfg problems point: the module of a span, for TLC's `... of module M`. */
export function moduleLocator(spec: CheckedSpec): ModuleLocator {
  const all: ResolvedModule[] = [];
  const visit = (m: ResolvedModule) => {
    all.push(m);
    for (const inner of m.nested.values()) visit(inner);
  };
  for (const m of spec.modules) visit(m);
  return (span: SourceSpan) => {
    let best: ResolvedModule | undefined;
    let bestSize = Number.POSITIVE_INFINITY;
    for (const m of all) {
      if (m.file !== span.file) continue;
      const s = m.ast.span;
      if (s.start.offset <= span.start.offset && span.end.offset <= s.end.offset) {
        const size = s.end.offset - s.start.offset;
        if (size < bestSize) {
          best = m;
          bestSize = size;
        }
      }
    }
    return (best ?? all.find((m) => m.file === span.file))?.name;
  };
}

function outcomeOfBuildDiagnostics(diagnostics: readonly Diagnostic[]): Outcome {
  const first = diagnostics.find((d) => d.severity === 'error');
  const code = first?.code ?? '';
  if (code.startsWith('TLA')) return 'parse-error';
  if (code.startsWith('EVAL')) return 'eval-error';
  return 'config-error';
}

function modeOf(args: ParsedArgs): SearchModeName {
  return args.check.simulate ? 'simulate' : args.check.dfs ? 'dfs' : 'bfs';
}

/**
 * `modelcheck check <spec.tla>`: loads the spec and its cfg, builds the model, checks the ASSUMEs
 * and explores, printing TLC's layout (or `--json` events). Driven in slices: `prepare()` does
 * everything up to the exploration, `step(ms)` explores for about that long, so the caller can run
 * it to the end at once (`run`) or yield between slices (the executable, for Ctrl-C).
 */
export class CheckCommand {
  private readonly reporter: CheckReporter;
  private formulaDiagnostics: ((d: Diagnostic) => Diagnostic) | undefined;
  private readonly mode: SearchModeName;
  private readonly startedAt = performance.now();
  private readonly sources = new Map<string, string>();
  private session: CheckSession | undefined;
  private finalReport: CheckReport | undefined;
  private specPath = '';
  /** The model, once built (bench, tests). */
  model: TlaModel | undefined;

  constructor(
    private readonly args: ParsedArgs,
    private readonly io: CheckIo,
  ) {
    if (args.positional.length !== 1)
      throw new UsageError('check takes exactly one spec file: modelcheck check <spec.tla>');
    this.mode = modeOf(args);
    if (args.check.depth !== undefined && this.mode === 'bfs')
      throw new UsageError(
        '--depth applies to --simulate and --dfs (breadth-first search has no depth bound)',
      );
    if (args.check.maxTraces !== undefined && this.mode !== 'simulate')
      throw new UsageError('--max-traces applies to --simulate');
    const wrapReporter = (inner: CheckReporter): CheckReporter => ({
      start: (info) => inner.start(info),
      warning: (text) => inner.warning(text),
      print: (text) => inner.print(text),
      computingInitialStates: () => inner.computingInitialStates(),
      initialStatesDone: (stats) => inner.initialStatesDone(stats),
      checkingTemporal: (stats) => inner.checkingTemporal(stats),
      progress: (stats, ms) => inner.progress(stats, ms),
      finish: (raw) => {
        // Errors inside a --ctl/--ltl atom point at the formula, not at the generated module.
        const map = this.formulaDiagnostics;
        const report = map ? { ...raw, diagnostics: raw.diagnostics.map(map) } : raw;
        this.finalReport = report;
        inner.finish(report);
        this.writeTraceFile(report);
      },
    });
    this.reporter = wrapReporter(
      args.json
        ? new JsonReporter((line) => io.stdout(line), displayPath)
        : new TextReporter(
            { out: (text) => io.stdout(text), err: (text) => io.stderr(text) },
            {
              color: io.color,
              version: io.version,
              sources: (file) => this.sources.get(file),
              displayPath,
              elapsedMs: () => performance.now() - this.startedAt,
            },
          ),
    );
  }

  get report(): CheckReport | undefined {
    return this.finalReport;
  }

  get exitCode(): number {
    return this.finalReport?.exitCode ?? 255;
  }

  /** The session, once the model is built (bench: the explorer's memory). */
  get checkSession(): CheckSession | undefined {
    return this.session;
  }

  private fail(outcome: Outcome, diagnostics: Diagnostic[]): true {
    this.reporter.finish({ outcome, exitCode: exitCodeFor(outcome), mode: this.mode, diagnostics });
    return true;
  }

  /** Loads, builds, checks the ASSUMEs; true when the run is already over (an error, a false ASSUME). */
  prepare(): boolean {
    const args = this.args;
    const specArg = args.positional[0];
    const specPath = absolutePath(specArg);
    this.specPath = specPath;
    const specText = nodeHost.readFile(specPath);
    if (specText === undefined)
      return this.fail('system-error', [
        makeDiagnostic('CLI001', `cannot read ${displayPath(specPath)}: no such file`),
      ]);

    const libraryDirs = args.libs.map((l) => absolutePath(l));
    let spec = analyzeSpec(specPath, { host: nodeHost, libraryDirs });
    for (const [file, text] of spec.sources) this.sources.set(file, text);
    if (hasErrors(spec.diagnostics) || !spec.root) return this.fail('parse-error', [...spec.diagnostics]);

    // --ctl/--ltl: the formulas' atoms become definitions of a module extending the spec's root.
    const adHoc = parseAdHocFormulas(args.net.ctl, args.net.ltl);
    for (const [file, text] of adHoc.sources) this.sources.set(file, text);
    if (hasErrors(adHoc.diagnostics)) return this.fail('parse-error', adHoc.diagnostics);
    if (adHoc.formulas.length > 0) {
      if (this.mode !== 'bfs')
        throw new UsageError(
          '--ctl and --ltl need the whole state graph: use them without --simulate and --dfs',
        );
      const moduleName = '__ModelcheckFormulas';
      const modulePath = specPath.replace(/[^/\\]*$/, `${moduleName}.tla`);
      const moduleText = formulaModule(moduleName, spec.root.name, adHoc.atoms);
      const host = { readFile: (p: string) => (p === modulePath ? moduleText : nodeHost.readFile(p)) };
      spec = analyzeSpec(modulePath, { host, libraryDirs });
      const mapped = spec.diagnostics.map((d) =>
        mapFormulaDiagnostic(d, modulePath, adHoc.atoms, adHoc.sources),
      );
      if (hasErrors(mapped) || !spec.root) return this.fail('parse-error', mapped);
      const root = spec.root;
      this.formulaDiagnostics = (d) => mapFormulaDiagnostic(d, modulePath, adHoc.atoms, adHoc.sources);
      const levelErrors = adHoc.atoms.flatMap((atom) => {
        const symbol = root.scope.get(atom.name);
        const level = symbol ? spec.levels.levelOfName(symbol).level : 0;
        return level > 1 ? [notStatePredicate(atom, adHoc.sources, level)] : [];
      });
      if (levelErrors.length > 0) return this.fail('parse-error', levelErrors);
    }

    const cfgPath =
      args.config !== undefined ? absolutePath(args.config) : specPath.replace(/\.tla$/, '.cfg');
    const cfgText = nodeHost.readFile(cfgPath);
    if (cfgText === undefined)
      return this.fail('system-error', [
        makeDiagnostic(
          'CLI002',
          `cannot read config file ${displayPath(cfgPath)}`,
          undefined,
          args.config === undefined
            ? {
                hint: `model checking needs a .cfg file (INIT/NEXT or SPECIFICATION, CONSTANTS, INVARIANTS); modelcheck looks for ${displayPath(cfgPath)} beside the spec, or give one with --config`,
              }
            : {},
        ),
      ]);
    this.sources.set(cfgPath, cfgText);
    const parsed = parseConfig(cfgText, cfgPath);
    const cfgDiagnostics = [...parsed.diagnostics];
    if (parsed.config) cfgDiagnostics.push(...checkConfig(parsed.config, moduleSymbols(spec, spec.root)));
    if (hasErrors(cfgDiagnostics) || !parsed.config) return this.fail('config-error', cfgDiagnostics);
    const warnings = cfgDiagnostics.filter((d) => d.severity !== 'error');

    const built = buildModel(spec, parsed.config, { print: (text) => this.reporter.print(text) });
    if (hasErrors(built.diagnostics) || !built.model)
      return this.fail(outcomeOfBuildDiagnostics(built.diagnostics), [...warnings, ...built.diagnostics]);
    this.model = built.model;
    warnings.push(...built.diagnostics.filter((d) => d.severity !== 'error'));
    const warningTexts = warnings.map((w) => {
      const where = w.span ? `${displayPath(w.span.file)}:${w.span.start.line}:${w.span.start.column}: ` : '';
      return `${where}${w.message}`;
    });

    const c = args.check;
    const heapLimit = getHeapStatistics().heap_size_limit;
    const model = built.model;
    const formulas: BoundFormula[] = adHoc.formulas.map((f) => ({
      kind: f.kind,
      text: f.text,
      formula: f.formula,
      atoms: new Map(
        adHoc.atoms.map((a) => [a.name, model.statePredicate(a.name) ?? (() => false)] as const),
      ),
    }));
    this.session = new CheckSession(built.model, moduleLocator(spec), this.reporter, {
      formulas,
      mode: this.mode,
      noDeadlock: c.noDeadlock,
      depth: c.depth,
      seed: c.seed,
      maxTraces: c.maxTraces,
      maxStates: c.maxStates,
      timeoutSeconds: c.timeout,
      // By default stop cleanly (exit 152) before Node's own heap limit kills the process.
      maxMemoryBytes: c.maxMemoryMb !== undefined ? c.maxMemoryMb * 2 ** 20 : Math.floor(heapLimit * 0.9),
      maxMemoryMb: c.maxMemoryMb,
      signal: this.io.signal,
      workersAsked: c.workers,
      warnings: warningTexts,
      specFile: specPath,
      configFile: cfgPath,
      heapMb: Math.round(heapLimit / 2 ** 20),
      cores: typeof availableParallelism === 'function' ? availableParallelism() : cpus().length,
    });
    this.session.begin();
    return this.session.done;
  }

  /** Explores for about `budgetMs`; true when the run is over. */
  step(budgetMs: number): boolean {
    if (this.finalReport) return true;
    if (!this.session) throw new Error('CheckCommand.step before prepare');
    return this.session.step(budgetMs);
  }

  private writeTraceFile(report: CheckReport): void {
    const file = this.args.check.traceFile;
    if (file === undefined || !report.trace || report.trace.length === 0) return;
    const path = absolutePath(file);
    try {
      writeFileSync(
        path,
        traceFileText(report, this.args.check.traceFormat ?? 'itf', {
          source: displayPath(this.specPath),
          version: this.io.version,
          displayPath,
        }),
      );
      if (!this.args.json)
        this.io.stderr(
          `The counterexample was written to ${displayPath(path)} (${this.args.check.traceFormat === 'json' ? 'JSON' : 'ITF'}).`,
        );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.io.stderr(`error: cannot write the counterexample to ${displayPath(path)}: ${message}`);
    }
  }
}
