/**
 * Spec + cfg (+ `--ctl`/`--ltl` formulas) -> a model ready to check: the steps `modelcheck check`
 * takes before it explores, in its order and with its outcomes. Node-free: files come from a
 * `SourceHost`, so the CLI (files on disk) and the browser playground (files in memory) share it.
 */
import { type Diagnostic, hasErrors, makeDiagnostic, type SourceSpan } from '@modelcheck/core';
import {
  analyzeSpec,
  buildModel,
  type CheckedSpec,
  type ConfigFile,
  checkConfig,
  moduleSymbols,
  parseConfig,
  type ResolvedModule,
  type SourceHost,
  type TlaModel,
} from '@modelcheck/tla';
import { formulaModule, mapFormulaDiagnostic, notStatePredicate, parseAdHocFormulas } from './formulas.js';
import type { BoundFormula } from './liveness.js';
import type { Outcome } from './report.js';
import type { ModuleLocator } from './session.js';

export interface PrepareInput {
  readonly host: SourceHost;
  /** The spec's path, as the host knows it (absolute, with `/`). */
  readonly specPath: string;
  /** The cfg's path; `configGiven` false when it is the default `<Spec>.cfg`. */
  readonly configPath: string;
  readonly configGiven: boolean;
  readonly libraryDirs?: readonly string[];
  /** `--ctl` and `--ltl` formulas; their atoms are TLA+ state predicates of the spec. */
  readonly ctl?: readonly string[];
  readonly ltl?: readonly string[];
  /**
   * False when the search mode cannot check formulas (they need the whole state graph): preparing
   * then stops with `kind: 'usage'` once the spec and the formulas parse, as the CLI does.
   */
  readonly formulasAllowed?: boolean;
  /** How files are named in messages (warnings, the missing cfg). */
  readonly displayPath: (file: string) => string;
  /** The hint when the default cfg is missing; default: the CLI's (`give one with --config`). */
  readonly missingConfigHint?: (shownPath: string) => string;
  /** Print/PrintT output while the model is built (constants, ASSUMEs). */
  readonly print?: (text: string) => void;
  /** Environment variables for IOUtils' IOEnv (the CLI's own; none in the playground). */
  readonly environment?: Readonly<Record<string, string | undefined>>;
  /** Intern names afresh for this model (see BuildModelOptions.freshNames): one model runs at a time. */
  readonly freshNames?: boolean;
  /** False: stop after the spec, formulas and cfg are checked, without building the model (markers while typing). */
  readonly build?: boolean;
}

/** What is known in every case: the text of every file read, for diagnostics with a source excerpt. */
interface PreparedBase {
  readonly sources: ReadonlyMap<string, string>;
  readonly specPath: string;
  readonly configPath: string;
  /** Maps a diagnostic inside a formula atom back to the formula's text (identity without formulas). */
  readonly mapDiagnostic: (d: Diagnostic) => Diagnostic;
}

/** Preparation decided the run: a spec, formula or cfg error, a missing file. */
export interface PrepareFailure extends PreparedBase {
  readonly kind: 'failed';
  readonly outcome: Outcome;
  readonly diagnostics: readonly Diagnostic[];
  /** The analysed spec, when it got that far (markers for the other files). */
  readonly spec?: CheckedSpec;
}

/** Formulas were given to a search mode that cannot check them. */
export interface PrepareUsage extends PreparedBase {
  readonly kind: 'usage';
  readonly message: string;
}

/** `build: false`: the spec, the formulas and the cfg are fine (warnings aside). */
export interface PrepareAnalysed extends PreparedBase {
  readonly kind: 'analysed';
  readonly spec: CheckedSpec;
  readonly config: ConfigFile;
  /** The spec's and the cfg's warnings. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Everything a `CheckSession` needs. */
export interface PrepareReady extends PreparedBase {
  readonly kind: 'ready';
  readonly spec: CheckedSpec;
  readonly config: ConfigFile;
  readonly model: TlaModel;
  readonly moduleOf: ModuleLocator;
  /** cfg and model warnings (not the spec's), as the run prints them after its start lines. */
  readonly warnings: readonly Diagnostic[];
  /** The same, as `file:line:column: message` lines. */
  readonly warningTexts: readonly string[];
  /** The `--ctl`/`--ltl` formulas, their atoms bound to the model's state predicates. */
  readonly formulas: readonly BoundFormula[];
}

export type Prepared = PrepareFailure | PrepareUsage | PrepareAnalysed | PrepareReady;

export const FORMULAS_NEED_BFS =
  '--ctl and --ltl need the whole state graph: use them without --simulate and --dfs';

/** The module the formulas' atoms are defined in (beside the spec, so its EXTENDS resolves). */
const FORMULA_MODULE = '__ModelcheckFormulas';

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

/** The outcome of a model that does not build: a spec error, an evaluation error, else a cfg error. */
export function outcomeOfBuildDiagnostics(diagnostics: readonly Diagnostic[]): Outcome {
  const first = diagnostics.find((d) => d.severity === 'error');
  const code = first?.code ?? '';
  if (code.startsWith('TLA')) return 'parse-error';
  if (code.startsWith('EVAL')) return 'eval-error';
  return 'config-error';
}

const cliConfigHint = (shown: string) =>
  `model checking needs a .cfg file (INIT/NEXT or SPECIFICATION, CONSTANTS, INVARIANTS); modelcheck looks for ${shown} beside the spec, or give one with --config`;

/**
 * Analyses the spec, parses the formulas (their atoms become definitions of a generated module
 * that EXTENDS the spec's root, so its names, constants and cfg apply), parses and checks the cfg,
 * and builds the model.
 */
export function prepareCheck(input: PrepareInput): Prepared {
  const { specPath, configPath, displayPath } = input;
  const sources = new Map<string, string>();
  let mapDiagnostic = (d: Diagnostic) => d;
  const base = () => ({ sources, specPath, configPath, mapDiagnostic });
  const fail = (
    outcome: Outcome,
    diagnostics: readonly Diagnostic[],
    spec?: CheckedSpec,
  ): PrepareFailure => ({
    ...base(),
    kind: 'failed',
    outcome,
    // Past the formulas, an error inside an atom points at the formula, as the run's errors do.
    diagnostics: diagnostics.map(mapDiagnostic),
    spec,
  });

  if (input.host.readFile(specPath) === undefined)
    return fail('system-error', [
      makeDiagnostic('CLI001', `cannot read ${displayPath(specPath)}: no such file`),
    ]);

  const libraryDirs = input.libraryDirs ? [...input.libraryDirs] : undefined;
  let spec = analyzeSpec(specPath, { host: input.host, libraryDirs });
  for (const [file, text] of spec.sources) sources.set(file, text);
  if (hasErrors(spec.diagnostics) || !spec.root) return fail('parse-error', [...spec.diagnostics], spec);

  const adHoc = parseAdHocFormulas(input.ctl ?? [], input.ltl ?? []);
  for (const [file, text] of adHoc.sources) sources.set(file, text);
  if (hasErrors(adHoc.diagnostics)) return fail('parse-error', adHoc.diagnostics, spec);
  if (adHoc.formulas.length > 0) {
    if (input.formulasAllowed === false) return { ...base(), kind: 'usage', message: FORMULAS_NEED_BFS };
    const modulePath = specPath.replace(/[^/\\]*$/, `${FORMULA_MODULE}.tla`);
    const moduleText = formulaModule(FORMULA_MODULE, spec.root.name, adHoc.atoms);
    const host: SourceHost = {
      readFile: (p: string) => (p === modulePath ? moduleText : input.host.readFile(p)),
    };
    const userSpec = spec;
    spec = analyzeSpec(modulePath, { host, libraryDirs });
    const mapped = spec.diagnostics.map((d) =>
      mapFormulaDiagnostic(d, modulePath, adHoc.atoms, adHoc.sources),
    );
    if (hasErrors(mapped) || !spec.root) return fail('parse-error', mapped, userSpec);
    const root = spec.root;
    mapDiagnostic = (d) => mapFormulaDiagnostic(d, modulePath, adHoc.atoms, adHoc.sources);
    const levels = spec.levels;
    const levelErrors = adHoc.atoms.flatMap((atom) => {
      const symbol = root.scope.get(atom.name);
      const level = symbol ? levels.levelOfName(symbol).level : 0;
      return level > 1 ? [notStatePredicate(atom, adHoc.sources, level)] : [];
    });
    if (levelErrors.length > 0) return fail('parse-error', levelErrors, userSpec);
  }

  const cfgText = input.host.readFile(configPath);
  if (cfgText === undefined) {
    const shown = displayPath(configPath);
    return fail(
      'system-error',
      [
        makeDiagnostic(
          'CLI002',
          `cannot read config file ${shown}`,
          undefined,
          input.configGiven ? {} : { hint: (input.missingConfigHint ?? cliConfigHint)(shown) },
        ),
      ],
      spec,
    );
  }
  sources.set(configPath, cfgText);
  const parsed = parseConfig(cfgText, configPath);
  const cfgDiagnostics = [...parsed.diagnostics];
  if (parsed.config) cfgDiagnostics.push(...checkConfig(parsed.config, moduleSymbols(spec, spec.root)));
  if (hasErrors(cfgDiagnostics) || !parsed.config) return fail('config-error', cfgDiagnostics, spec);
  const warnings = cfgDiagnostics.filter((d) => d.severity !== 'error');
  if (input.build === false)
    return {
      ...base(),
      kind: 'analysed',
      spec,
      config: parsed.config,
      diagnostics: [...spec.diagnostics.filter((d) => d.severity !== 'error'), ...warnings],
    };

  const built = buildModel(spec, parsed.config, {
    print: input.print,
    environment: input.environment,
    freshNames: input.freshNames,
  });
  if (hasErrors(built.diagnostics) || !built.model)
    return fail(outcomeOfBuildDiagnostics(built.diagnostics), [...warnings, ...built.diagnostics], spec);
  const model = built.model;
  warnings.push(...built.diagnostics.filter((d) => d.severity !== 'error'));
  const warningTexts = warnings.map((w) => {
    const where = w.span ? `${displayPath(w.span.file)}:${w.span.start.line}:${w.span.start.column}: ` : '';
    return `${where}${w.message}`;
  });
  const formulas: BoundFormula[] = adHoc.formulas.map((f) => ({
    kind: f.kind,
    text: f.text,
    formula: f.formula,
    atoms: new Map(adHoc.atoms.map((a) => [a.name, model.statePredicate(a.name) ?? (() => false)] as const)),
  }));
  return {
    ...base(),
    kind: 'ready',
    spec,
    config: parsed.config,
    model,
    moduleOf: moduleLocator(spec),
    warnings,
    warningTexts,
    formulas,
  };
}
