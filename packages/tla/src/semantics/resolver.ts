import { closestNames, type Diagnostic, makeDiagnostic, type SourceSpan } from '@modelcheck/core';
import { type PrimitiveOperator, STANDARD_MODULES, standardModuleFile } from '../stdlib/standard-modules.js';
import type {
  AssumeProve,
  BoundVars,
  Expr,
  FunctionDef,
  Ident,
  Instance,
  Lambda,
  LetDefinition,
  Module,
  ModuleDef,
  NewDecl,
  OpApp,
  OpDecl,
  OperatorDef,
  Unit,
} from '../syntax/ast.js';
import { parseModule } from '../syntax/parser.js';
import { SemanticCode } from './diagnostic-codes.js';
import { basename, dirname, joinPath, type SourceHost } from './source-host.js';
import type {
  Binding,
  BoundSymbol,
  BuiltinSymbol,
  ConstantSymbol,
  DefinitionSymbol,
  InstancedSymbol,
  InstanceSite,
  InstanceSymbol,
  ParamSymbol,
  RecursiveSymbol,
  ResolvedModule,
  SubstitutionValue,
  VariableSymbol,
} from './symbols.js';

/**
 * Operators and constants of the language itself. Everything else (`+`, `..`, `Len`, ...) must be
 * defined by a module in scope, as SANY requires.
 */
const BUILTIN_NAMES: ReadonlyMap<string, number> = new Map([
  ['/\\', 2],
  ['\\/', 2],
  ['~', 1],
  ['=>', 2],
  ['<=>', 2],
  ['\\equiv', 2],
  ['=', 2],
  ['#', 2],
  ['\\in', 2],
  ['\\notin', 2],
  ['\\subseteq', 2],
  ['\\cup', 2],
  ['\\cap', 2],
  ['\\', 2],
  ['SUBSET', 1],
  ['UNION', 1],
  ['DOMAIN', 1],
  ["'", 1],
  ['UNCHANGED', 1],
  ['ENABLED', 1],
  ['[]', 1],
  ['<>', 1],
  ['~>', 2],
  ['-+->', 2],
  ['\\cdot', 2],
  ['\\X', -1],
  ['TRUE', 0],
  ['FALSE', 0],
  ['BOOLEAN', 0],
  ['STRING', 0],
]);

const builtinSymbols = new Map<string, BuiltinSymbol>();
export function builtinSymbol(name: string): BuiltinSymbol | undefined {
  const arity = BUILTIN_NAMES.get(name);
  if (arity === undefined) return undefined;
  let symbol = builtinSymbols.get(name);
  if (!symbol) {
    symbol = { kind: 'builtin', name, arity, module: undefined, span: undefined };
    builtinSymbols.set(name, symbol);
  }
  return symbol;
}

export interface AnalyzeOptions {
  readonly host: SourceHost;
  /** Extra folders searched for modules after the spec's own folder (e.g. community modules). */
  readonly libraryDirs?: readonly string[];
}

export interface SpecAnalysis {
  /** The root module, when it could be parsed (it may still have diagnostics). */
  readonly root?: ResolvedModule;
  /** Every module loaded, root first, in the order they were first needed. */
  readonly modules: readonly ResolvedModule[];
  readonly diagnostics: Diagnostic[];
  /** File -> text of every file read, for printing diagnostics. */
  readonly sources: ReadonlyMap<string, string>;
  /** What each name in the ASTs refers to. */
  readonly bindings: ReadonlyMap<OpApp, Binding>;
  /** The symbol each operator, function and instance definition introduced. */
  readonly definitions: ReadonlyMap<object, Binding>;
  /** Where a PlusCal algorithm sits in the root file, if it has one. */
  readonly plusCal?: SourceSpan;
}

interface ModuleSource {
  readonly file: string;
  readonly text: string;
  readonly isStandard: boolean;
  readonly primitives: readonly PrimitiveOperator[];
}

/** A lexical frame of names bound inside an expression (parameters, bound variables, LET). */
interface Env {
  readonly names: Map<string, Binding>;
  readonly parent: Env | undefined;
}

/**
 * Standard modules never change, so each is parsed once per process: the playground analyses the
 * spec on every edit, and most specs pull in four or five of them. ASTs are immutable, and every
 * analysis keeps its own bindings, so sharing them is safe.
 */
const standardParses = new Map<string, ReturnType<typeof parseModule>>();

function parseSource(source: ModuleSource): ReturnType<typeof parseModule> {
  if (!source.isStandard) return parseModule(source.text, source.file);
  let parsed = standardParses.get(source.file);
  if (!parsed) {
    parsed = parseModule(source.text, source.file);
    standardParses.set(source.file, parsed);
  }
  return parsed;
}

const FAILED = 'failed' as const;
const LOADING = 'loading' as const;

/**
 * Loads a root module and every module it needs, resolves every name and checks arity.
 * Level checking is a separate pass (see levels.ts) over the bindings made here.
 */
export class Resolver {
  readonly diagnostics: Diagnostic[] = [];
  readonly sources = new Map<string, string>();
  readonly bindings = new Map<OpApp, Binding>();
  /** The symbol each operator, function and instance definition introduced. */
  readonly definitions = new Map<object, Binding>();
  readonly modules: ResolvedModule[] = [];
  private readonly byFile = new Map<string, ResolvedModule | typeof FAILED | typeof LOADING>();
  private readonly loadingStack: string[] = [];
  private rootDir = '.';
  plusCal: SourceSpan | undefined;

  constructor(private readonly options: AnalyzeOptions) {}

  analyzeFile(path: string): SpecAnalysis {
    const text = this.options.host.readFile(path);
    if (text === undefined) {
      this.diagnostics.push(makeDiagnostic(SemanticCode.moduleUnreadable, `cannot read ${path}`));
      return this.result(undefined);
    }
    return this.analyzeText(text, path);
  }

  analyzeText(text: string, file: string): SpecAnalysis {
    this.rootDir = dirname(file);
    const root = this.loadSource({ file, text, isStandard: false, primitives: [] }, undefined, undefined);
    return this.result(root);
  }

  private result(root: ResolvedModule | undefined): SpecAnalysis {
    return {
      root,
      modules: this.modules,
      diagnostics: this.diagnostics,
      sources: this.sources,
      bindings: this.bindings,
      definitions: this.definitions,
      plusCal: this.plusCal,
    };
  }

  private error(
    code: string,
    message: string,
    span: SourceSpan | undefined,
    hint?: string,
    related?: SourceSpan,
    relatedMessage?: string,
  ): void {
    this.diagnostics.push(
      makeDiagnostic(code, message, span, {
        hint,
        related: related ? [{ span: related, message: relatedMessage ?? 'see here' }] : undefined,
      }),
    );
  }

  // -------------------------------------------------------------------------------------------
  // Finding and loading modules
  // -------------------------------------------------------------------------------------------

  private findSource(name: string, from: ResolvedModule | undefined): ModuleSource | undefined {
    const dirs: string[] = [];
    if (from && !from.isStandard) dirs.push(dirname(from.file));
    dirs.push(this.rootDir, ...(this.options.libraryDirs ?? []));
    for (const dir of new Set(dirs)) {
      const file = joinPath(dir, `${name}.tla`);
      const text = this.options.host.readFile(file);
      if (text !== undefined) return { file, text, isStandard: false, primitives: [] };
    }
    const standard = STANDARD_MODULES.get(name);
    if (standard) {
      return {
        file: standardModuleFile(name),
        text: standard.text,
        isStandard: true,
        primitives: standard.primitives,
      };
    }
    return undefined;
  }

  /** The module called `name` as seen from `from`: a nested module of it or of an enclosing one, or a file. */
  loadModule(
    name: string,
    span: SourceSpan,
    from: ResolvedModule | undefined,
    nestedScope?: Map<string, ResolvedModule>,
  ): ResolvedModule | undefined {
    const nested = nestedScope?.get(name) ?? from?.nested.get(name);
    if (nested) return nested;
    const sibling = this.siblingModules.get(name);
    if (sibling) return this.loadSibling(name, sibling, span);
    const source = this.findSource(name, from);
    if (!source) {
      const known = [...STANDARD_MODULES.keys()];
      const suggestions = closestNames(name, known);
      this.error(
        SemanticCode.moduleNotFound,
        `cannot find module ${name}: no ${name}.tla in ${[dirname(from?.file ?? this.rootDir), ...(this.options.libraryDirs ?? [])].join(', ')} and it is not a standard module`,
        span,
        suggestions.length > 0
          ? `did you mean ${suggestions.join(' or ')}?`
          : 'add the folder that holds it with --lib <dir>',
      );
      return undefined;
    }
    const state = this.byFile.get(source.file);
    if (state === LOADING) {
      const cycle = [...this.loadingStack.slice(this.loadingStack.indexOf(source.file)), source.file]
        .map((f) => basename(f).replace(/\.tla$/, ''))
        .join(' -> ');
      this.error(
        SemanticCode.circularModules,
        `circular module dependency: ${cycle}`,
        span,
        'modules may not EXTEND or INSTANCE each other in a cycle',
      );
      return undefined;
    }
    if (state === FAILED) return undefined;
    if (state) return state;
    return this.loadSource(source, name, span);
  }

  /** Top-level modules that follow the first module of a file, by name: usable from any module. */
  private readonly siblingModules = new Map<
    string,
    { readonly ast: Module; readonly source: ModuleSource }
  >();

  private loadSibling(
    name: string,
    sibling: { readonly ast: Module; readonly source: ModuleSource },
    span: SourceSpan,
  ): ResolvedModule | undefined {
    const key = `${sibling.source.file}#${name}`;
    const state = this.byFile.get(key);
    if (state === LOADING) {
      this.error(SemanticCode.circularModules, `circular module dependency through module ${name}`, span);
      return undefined;
    }
    if (state === FAILED) return undefined;
    if (state) return state;
    this.byFile.set(key, LOADING);
    this.loadingStack.push(key);
    const module = this.resolveModule(sibling.ast, sibling.source, undefined);
    this.loadingStack.pop();
    this.byFile.set(key, module);
    return module;
  }

  private loadSource(
    source: ModuleSource,
    expectedName: string | undefined,
    refSpan: SourceSpan | undefined,
  ): ResolvedModule | undefined {
    this.sources.set(source.file, source.text);
    const parsed = parseSource(source);
    this.diagnostics.push(...parsed.diagnostics);
    if (!parsed.file || parsed.diagnostics.some((d) => d.severity === 'error')) {
      this.byFile.set(source.file, FAILED);
      return undefined;
    }
    if (expectedName === undefined && parsed.file.plusCal) {
      this.plusCal = parsed.file.plusCal;
      this.diagnostics.push(
        makeDiagnostic(
          SemanticCode.plusCalPresent,
          'this file holds a PlusCal algorithm; its TLA+ translation is what gets checked',
          parsed.file.plusCal,
          {
            severity: 'info',
            hint: 'after editing the algorithm, translate it again so the TLA+ below it matches',
          },
        ),
      );
    }
    const ast = parsed.file.module;
    for (const more of parsed.file.moreModules ?? []) {
      if (!this.siblingModules.has(more.name.name))
        this.siblingModules.set(more.name.name, { ast: more, source });
    }
    if (expectedName !== undefined && ast.name.name !== expectedName) {
      this.error(
        SemanticCode.moduleNameMismatch,
        `file ${basename(source.file)} declares MODULE ${ast.name.name}, but it was loaded as module ${expectedName}`,
        ast.name.span,
        `rename the module to ${expectedName} or the file to ${ast.name.name}.tla`,
        refSpan,
        'module required here',
      );
    }
    this.byFile.set(source.file, LOADING);
    this.loadingStack.push(source.file);
    const module = this.resolveModule(ast, source, undefined);
    this.loadingStack.pop();
    this.byFile.set(source.file, module);
    return module;
  }

  // -------------------------------------------------------------------------------------------
  // Modules
  // -------------------------------------------------------------------------------------------

  private resolveModule(
    ast: Module,
    source: ModuleSource,
    enclosing: { scope: Map<string, Binding>; nested: Map<string, ResolvedModule> } | undefined,
  ): ResolvedModule {
    const module: ResolvedModule = {
      name: ast.name.name,
      file: source.file,
      ast,
      text: source.text,
      isStandard: source.isStandard,
      constants: [],
      variables: [],
      scope: new Map(enclosing?.scope ?? []),
      exported: new Map(),
      parameters: [],
      nested: new Map(enclosing?.nested ?? []),
    };
    this.modules.push(module);
    const scopeAdder = new ScopeAdder(this, module);
    for (const ident of ast.extends) {
      const extended = this.loadModule(ident.name, ident.span, module);
      if (!extended) continue;
      for (const [name, symbol] of extended.exported) scopeAdder.add(name, symbol, ident.span, true, true);
      for (const p of extended.parameters) if (!module.parameters.includes(p)) module.parameters.push(p);
    }
    for (const primitive of source.primitives) {
      scopeAdder.add(
        primitive.name,
        {
          kind: 'primitive',
          name: primitive.name,
          arity: primitive.arity,
          module,
          span: undefined,
          standardModule: module.name,
        },
        undefined,
        true,
      );
    }
    for (const unit of ast.units) this.resolveUnit(unit, module, scopeAdder);
    for (const symbol of module.scope.values()) {
      if (symbol.kind === 'recursive' && !symbol.definition && symbol.module === module) {
        this.error(
          SemanticCode.recursiveMismatch,
          `RECURSIVE ${symbol.name} is declared but never defined`,
          symbol.span,
          `define ${symbol.name} in this module after its RECURSIVE declaration`,
        );
      }
    }
    return module;
  }

  private resolveUnit(unit: Unit, module: ResolvedModule, scope: ScopeAdder): void {
    const env: Env | undefined = undefined;
    switch (unit.kind) {
      case 'ConstantDecl':
        for (const decl of unit.decls) {
          const symbol: ConstantSymbol = {
            kind: 'constant',
            name: decl.name.name,
            arity: decl.arity,
            module,
            span: decl.name.span,
            decl,
          };
          module.constants.push(symbol);
          module.parameters.push(symbol);
          scope.add(symbol.name, symbol, decl.name.span, true);
        }
        return;
      case 'VariableDecl':
        for (const ident of unit.names) {
          const symbol: VariableSymbol = {
            kind: 'variable',
            name: ident.name,
            arity: 0,
            module,
            span: ident.span,
            decl: ident,
          };
          module.variables.push(symbol);
          module.parameters.push(symbol);
          scope.add(symbol.name, symbol, ident.span, true);
        }
        return;
      case 'RecursiveDecl':
        for (const decl of unit.decls) {
          const symbol: RecursiveSymbol = {
            kind: 'recursive',
            name: decl.name.name,
            arity: decl.arity,
            module,
            span: decl.name.span,
            decl,
          };
          scope.add(symbol.name, symbol, decl.name.span, true);
        }
        return;
      case 'OperatorDef': {
        const symbol = this.resolveOperatorDef(unit, module, env);
        scope.add(symbol.name, symbol, unit.name.span, !unit.local);
        return;
      }
      case 'FunctionDef': {
        const symbol = this.resolveFunctionDef(unit, module, env);
        scope.add(symbol.name, symbol, unit.name.span, !unit.local);
        return;
      }
      case 'Instance': {
        const site = this.resolveInstance(unit, module, env, []);
        if (!site) return;
        for (const [name, symbol] of site.target.exported) {
          if (symbol.kind === 'constant' || symbol.kind === 'variable') continue;
          scope.add(name, instanced(symbol, site, unit.local), unit.module.span, !unit.local, true);
        }
        return;
      }
      case 'ModuleDef': {
        const symbol = this.resolveModuleDef(unit, module, env);
        if (symbol) scope.add(symbol.name, symbol, unit.name.span, !unit.local);
        return;
      }
      case 'Assume':
        this.resolveExpr(unit.expr, module, env);
        if (unit.name)
          scope.add(
            unit.name.name,
            { kind: 'theorem', name: unit.name.name, arity: 0, module, span: unit.name.span, node: unit },
            unit.name.span,
            true,
          );
        return;
      case 'Theorem':
        if (unit.body.kind === 'AssumeProve') this.resolveAssumeProve(unit.body, module, env);
        else this.resolveExpr(unit.body, module, env);
        if (unit.name)
          scope.add(
            unit.name.name,
            { kind: 'theorem', name: unit.name.name, arity: 0, module, span: unit.name.span, node: unit },
            unit.name.span,
            true,
          );
        // Proofs are parsed and printed but, as in TLC, play no part in checking.
        return;
      case 'UseOrHide':
        return;
      case 'NestedModule': {
        const inner = this.resolveModule(
          unit.module,
          { file: module.file, text: module.text, isStandard: module.isStandard, primitives: [] },
          { scope: module.scope, nested: module.nested },
        );
        module.nested.set(inner.name, inner);
        return;
      }
    }
  }

  private resolveAssumeProve(node: AssumeProve, module: ResolvedModule, env: Env | undefined): void {
    const frame: Env = { names: new Map(), parent: env };
    for (const assumption of node.assumptions) {
      if (assumption.kind === 'NewDecl') this.declareNew(assumption, module, frame);
      else if (assumption.kind === 'AssumeProve') this.resolveAssumeProve(assumption, module, frame);
      else this.resolveExpr(assumption, module, frame);
    }
    this.resolveExpr(node.goal, module, frame);
  }

  private declareNew(decl: NewDecl, module: ResolvedModule, frame: Env): void {
    if (decl.set) this.resolveExpr(decl.set, module, frame);
    const symbol: BoundSymbol = {
      kind: 'bound',
      name: decl.decl.name.name,
      arity: decl.decl.arity,
      module,
      span: decl.decl.name.span,
      decl: decl.decl.name,
      temporal: decl.level !== 'CONSTANT',
    };
    frame.names.set(symbol.name, symbol);
  }

  private params(decls: readonly OpDecl[], module: ResolvedModule): ParamSymbol[] {
    return decls.map((decl) => ({
      kind: 'param',
      name: decl.name.name,
      arity: decl.arity,
      module,
      span: decl.name.span,
      decl,
    }));
  }

  private frameOf(symbols: readonly Binding[], parent: Env | undefined): Env {
    const names = new Map<string, Binding>();
    for (const s of symbols) names.set(s.name, s);
    return { names, parent };
  }

  private resolveOperatorDef(
    def: OperatorDef,
    module: ResolvedModule,
    env: Env | undefined,
  ): DefinitionSymbol {
    const params = this.params(def.params, module);
    this.checkDistinct(def.params.map((p) => p.name));
    this.resolveExpr(def.body, module, this.frameOf(params, env));
    const symbol: DefinitionSymbol = {
      kind: 'definition',
      name: def.name.name,
      arity: def.params.length,
      module,
      span: def.name.span,
      def,
      params,
      local: def.local,
    };
    this.definitions.set(def, symbol);
    return symbol;
  }

  private resolveFunctionDef(def: FunctionDef, module: ResolvedModule, env: Env | undefined): Binding {
    const symbol: Binding = {
      kind: 'function',
      name: def.name.name,
      arity: 0,
      module,
      span: def.name.span,
      def,
      local: def.local,
    };
    this.definitions.set(def, symbol);
    const bound = this.resolveBounds(def.bounds, module, env);
    // A function definition may refer to itself: f[n \in Nat] == IF n = 0 THEN 1 ELSE n * f[n-1].
    bound.names.set(symbol.name, symbol);
    this.resolveExpr(def.body, module, bound);
    return symbol;
  }

  private resolveModuleDef(
    def: ModuleDef,
    module: ResolvedModule,
    env: Env | undefined,
  ): InstanceSymbol | undefined {
    const params = this.params(def.params, module);
    const site = this.resolveInstance(def.instance, module, this.frameOf(params, env), params);
    if (!site) return undefined;
    const symbol: InstanceSymbol = {
      kind: 'instance',
      name: def.name.name,
      arity: params.length,
      module,
      span: def.name.span,
      def,
      params,
      site,
      local: def.local,
    };
    this.definitions.set(def, symbol);
    return symbol;
  }

  private resolveInstance(
    instance: Instance,
    module: ResolvedModule,
    env: Env | undefined,
    params: readonly ParamSymbol[],
  ): InstanceSite | undefined {
    const target = this.loadModule(instance.module.name, instance.module.span, module);
    if (!target) return undefined;
    const substitutions = new Map<ConstantSymbol | VariableSymbol, SubstitutionValue>();
    const byName = new Map(target.parameters.map((p) => [p.name, p] as const));
    for (const sub of instance.substitutions) {
      const parameter = byName.get(sub.target.name);
      // An operator constant (CONSTANT Leader(_)) is substituted by an operator: a name or a LAMBDA.
      if (parameter && parameter.arity > 0)
        this.resolveOperatorArgument(sub.value, parameter.arity, parameter.name, 0, module, env);
      else this.resolveExpr(sub.value, module, env);
      if (!parameter) {
        const hint = closestNames(sub.target.name, byName.keys());
        this.error(
          SemanticCode.badSubstitution,
          `${sub.target.name} is not a CONSTANT or VARIABLE of module ${target.name}; WITH can only substitute those`,
          sub.target.span,
          hint.length > 0
            ? `did you mean ${hint.join(' or ')}?`
            : `module ${target.name} declares ${[...byName.keys()].join(', ') || 'no constants or variables'}`,
        );
        continue;
      }
      substitutions.set(parameter, { kind: 'expr', expr: sub.value });
    }
    for (const parameter of target.parameters) {
      if (substitutions.has(parameter)) continue;
      const here = this.lookup(parameter.name, module, env);
      if (!here) {
        this.error(
          SemanticCode.missingSubstitution,
          `INSTANCE ${target.name} needs a value for its ${parameter.kind} ${parameter.name}: add "WITH ${parameter.name} <- ..." or define ${parameter.name} before this INSTANCE`,
          instance.module.span,
          undefined,
          parameter.span,
          `${parameter.name} is declared here`,
        );
        continue;
      }
      substitutions.set(parameter, { kind: 'symbol', symbol: here });
    }
    return { instance, from: module, target, substitutions, params };
  }

  private checkDistinct(idents: readonly Ident[]): void {
    const seen = new Map<string, Ident>();
    for (const ident of idents) {
      const first = seen.get(ident.name);
      if (first)
        this.error(
          SemanticCode.duplicateDefinition,
          `parameter ${ident.name} is declared twice`,
          ident.span,
          undefined,
          first.span,
          'first declared here',
        );
      else seen.set(ident.name, ident);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Expressions
  // -------------------------------------------------------------------------------------------

  lookup(name: string, module: ResolvedModule, env: Env | undefined): Binding | undefined {
    for (let frame = env; frame; frame = frame.parent) {
      const symbol = frame.names.get(name);
      if (symbol) return symbol;
    }
    return module.scope.get(name);
  }

  private namesInScope(module: ResolvedModule, env: Env | undefined): string[] {
    const names: string[] = [];
    for (let frame = env; frame; frame = frame.parent) names.push(...frame.names.keys());
    names.push(...module.scope.keys());
    // Suggest names for names: an operator symbol (+, %) is never what a misspelt name meant.
    return names.filter((n) => /^[A-Za-z0-9_]+$/.test(n));
  }

  private resolveBounds(
    bounds: readonly BoundVars[],
    module: ResolvedModule,
    env: Env | undefined,
    temporal = false,
  ): Env {
    const frame: Env = { names: new Map(), parent: env };
    for (const bound of bounds) {
      // The sets are evaluated outside the new names: in \A x \in S, y \in T, T cannot mention y (but may mention x in TLA+? no: all sets are outside).
      if (bound.set) this.resolveExpr(bound.set, module, env);
    }
    for (const bound of bounds) {
      for (const ident of bound.names) {
        frame.names.set(ident.name, {
          kind: 'bound',
          name: ident.name,
          arity: 0,
          module,
          span: ident.span,
          decl: ident,
          temporal,
        });
      }
    }
    return frame;
  }

  resolveExpr(expr: Expr, module: ResolvedModule, env: Env | undefined): void {
    switch (expr.kind) {
      case 'OpApp':
        this.resolveOpApp(expr, module, env);
        return;
      case 'Number':
      case 'String':
      case 'Bool':
      case 'At':
      case 'StepRef':
        return;
      case 'If':
        this.resolveExpr(expr.cond, module, env);
        this.resolveExpr(expr.then, module, env);
        this.resolveExpr(expr.else, module, env);
        return;
      case 'Case':
        for (const arm of expr.arms) {
          this.resolveExpr(arm.guard, module, env);
          this.resolveExpr(arm.body, module, env);
        }
        if (expr.other) this.resolveExpr(expr.other, module, env);
        return;
      case 'Let': {
        const frame: Env = { names: new Map(), parent: env };
        for (const def of expr.defs) this.resolveLetDef(def, module, frame);
        this.resolveExpr(expr.body, module, frame);
        return;
      }
      case 'Quantified':
        this.resolveExpr(expr.body, module, this.resolveBounds(expr.bounds, module, env));
        return;
      case 'TemporalQuantified': {
        const frame: Env = { names: new Map(), parent: env };
        for (const ident of expr.names) frame.names.set(ident.name, boundSymbol(ident, module, true));
        this.resolveExpr(expr.body, module, frame);
        return;
      }
      case 'Choose':
        this.resolveExpr(expr.body, module, this.resolveBounds([expr.bound], module, env));
        return;
      case 'SetEnum':
      case 'Tuple':
        for (const e of expr.elements) this.resolveExpr(e, module, env);
        return;
      case 'SetFilter':
        this.resolveExpr(expr.predicate, module, this.resolveBounds([expr.bound], module, env));
        return;
      case 'SetMap':
        this.resolveExpr(expr.body, module, this.resolveBounds(expr.bounds, module, env));
        return;
      case 'FunctionCtor':
        this.resolveExpr(expr.body, module, this.resolveBounds(expr.bounds, module, env));
        return;
      case 'FunctionApp':
        this.resolveExpr(expr.fn, module, env);
        for (const a of expr.args) this.resolveExpr(a, module, env);
        return;
      case 'FunctionSet':
        this.resolveExpr(expr.domain, module, env);
        this.resolveExpr(expr.codomain, module, env);
        return;
      case 'RecordCtor':
      case 'RecordSet':
        for (const f of expr.fields) this.resolveExpr(f.value, module, env);
        return;
      case 'Except':
        this.resolveExpr(expr.fn, module, env);
        for (const update of expr.updates) {
          for (const step of update.path)
            if (step.kind === 'index') for (const a of step.args) this.resolveExpr(a, module, env);
          this.resolveExpr(update.value, module, env);
        }
        return;
      case 'FieldAccess':
        this.resolveExpr(expr.record, module, env);
        return;
      case 'ActionExpr':
        this.resolveExpr(expr.action, module, env);
        this.resolveExpr(expr.subscript, module, env);
        return;
      case 'Fairness':
        this.resolveExpr(expr.subscript, module, env);
        this.resolveExpr(expr.action, module, env);
        return;
      case 'Junction':
        for (const item of expr.items) this.resolveExpr(item, module, env);
        return;
      case 'Lambda': {
        const frame: Env = { names: new Map(), parent: env };
        for (const p of expr.params) frame.names.set(p.name, boundSymbol(p, module, false, expr));
        this.resolveExpr(expr.body, module, frame);
        return;
      }
      case 'Labeled': {
        const frame: Env = { names: new Map(), parent: env };
        for (const p of expr.params) frame.names.set(p.name, boundSymbol(p, module, false));
        this.resolveExpr(expr.body, module, expr.params.length > 0 ? frame : env);
        return;
      }
    }
  }

  private resolveLetDef(def: LetDefinition, module: ResolvedModule, frame: Env): void {
    switch (def.kind) {
      case 'OperatorDef': {
        const existing = frame.names.get(def.name.name);
        const symbol = this.resolveOperatorDef(def, module, frame);
        if (existing?.kind === 'recursive') existing.definition = symbol;
        frame.names.set(symbol.name, existing?.kind === 'recursive' ? existing : symbol);
        return;
      }
      case 'FunctionDef': {
        const symbol = this.resolveFunctionDef(def, module, frame);
        frame.names.set(symbol.name, symbol);
        return;
      }
      case 'ModuleDef': {
        const symbol = this.resolveModuleDef(def, module, frame);
        if (symbol) frame.names.set(symbol.name, symbol);
        return;
      }
      case 'RecursiveDecl':
        for (const decl of def.decls) {
          frame.names.set(decl.name.name, {
            kind: 'recursive',
            name: decl.name.name,
            arity: decl.arity,
            module,
            span: decl.name.span,
            decl,
          });
        }
        return;
    }
  }

  private resolveOpApp(app: OpApp, module: ResolvedModule, env: Env | undefined): void {
    if (app.path.length > 0) {
      this.resolvePath(app, module, env);
      return;
    }
    let symbol: Binding | undefined;
    if (app.fix !== 'call') symbol = builtinSymbol(app.name) ?? this.lookup(app.name, module, env);
    else symbol = this.lookup(app.name, module, env) ?? builtinSymbol(app.name);
    if (!symbol) {
      const libraryHint = unknownNameHint(app.name);
      const suggestions =
        libraryHint || !/^[A-Za-z0-9_]+$/.test(app.name)
          ? []
          : closestNames(app.name, this.namesInScope(module, env));
      const what = app.fix === 'call' ? 'name' : 'operator';
      this.error(
        SemanticCode.unknownName,
        `unknown ${what} ${app.name}`,
        app.nameSpan,
        libraryHint ?? (suggestions.length > 0 ? `did you mean ${suggestions.join(' or ')}?` : undefined),
      );
      for (const a of app.args) this.resolveExpr(a, module, env);
      return;
    }
    this.bindings.set(app, symbol);
    this.checkApplication(app, symbol, app.args, module, env);
  }

  /** Checks the argument count and resolves the arguments, allowing operator arguments where the callee takes them. */
  private checkApplication(
    app: OpApp,
    symbol: Binding,
    args: readonly Expr[],
    module: ResolvedModule,
    env: Env | undefined,
  ): void {
    const arity = arityOf(symbol);
    if (arity >= 0 && args.length !== arity) {
      if (args.length === 0) {
        if (!this.operatorArgumentAllowed) {
          this.error(
            SemanticCode.operatorAsValue,
            `${app.name} is an operator that takes ${arity} argument${arity === 1 ? '' : 's'}; it cannot be used as a value`,
            app.nameSpan,
            `write ${app.name}(${Array.from({ length: arity }, (_, i) => String.fromCharCode(97 + i)).join(', ')})`,
            symbol.span,
            `${app.name} is defined here`,
          );
        }
      } else {
        this.error(
          SemanticCode.wrongArity,
          `${app.name} takes ${arity} argument${arity === 1 ? '' : 's'}, but ${args.length} ${args.length === 1 ? 'is' : 'are'} given`,
          app.nameSpan,
          undefined,
          symbol.span,
          `${app.name} is defined here`,
        );
      }
    }
    const expected = paramArities(symbol);
    args.forEach((arg, i) => {
      const want = expected[i] ?? 0;
      if (want > 0) this.resolveOperatorArgument(arg, want, app.name, i, module, env);
      else this.resolveExpr(arg, module, env);
    });
  }

  private operatorArgumentAllowed = false;

  private resolveOperatorArgument(
    arg: Expr,
    want: number,
    callee: string,
    index: number,
    module: ResolvedModule,
    env: Env | undefined,
  ): void {
    if (arg.kind === 'Lambda') {
      if (arg.params.length !== want) {
        this.error(
          SemanticCode.higherOrderArity,
          `argument ${index + 1} of ${callee} must be an operator of ${want} argument${want === 1 ? '' : 's'}, but this LAMBDA takes ${arg.params.length}`,
          arg.span,
        );
      }
      this.resolveExpr(arg, module, env);
      return;
    }
    if (arg.kind === 'OpApp' && arg.args.length === 0) {
      this.operatorArgumentAllowed = true;
      try {
        this.resolveExpr(arg, module, env);
      } finally {
        this.operatorArgumentAllowed = false;
      }
      const symbol = this.bindings.get(arg);
      if (symbol && arityOf(symbol) >= 0 && arityOf(symbol) !== want) {
        this.error(
          SemanticCode.higherOrderArity,
          `argument ${index + 1} of ${callee} must be an operator of ${want} argument${want === 1 ? '' : 's'}, but ${arg.name} takes ${arityOf(symbol)}`,
          arg.span,
        );
      }
      return;
    }
    this.error(
      SemanticCode.higherOrderArity,
      `argument ${index + 1} of ${callee} must be an operator of ${want} argument${want === 1 ? '' : 's'}: pass an operator name or a LAMBDA`,
      arg.span,
    );
    this.resolveExpr(arg, module, env);
  }

  /** `A!B!Op(args)`: each step must be an instance (or, in proofs, a definition with a subexpression selector). */
  private resolvePath(app: OpApp, module: ResolvedModule, env: Env | undefined): void {
    const [first, ...rest] = app.path;
    let symbol = this.lookup(first.name, module, env);
    for (const a of first.args) this.resolveExpr(a, module, env);
    if (!symbol) {
      const suggestions = closestNames(first.name, this.namesInScope(module, env));
      this.error(
        SemanticCode.unknownName,
        `unknown name ${first.name}`,
        first.span,
        suggestions.length > 0 ? `did you mean ${suggestions.join(' or ')}?` : undefined,
      );
      for (const a of app.args) this.resolveExpr(a, module, env);
      return;
    }
    const sites: InstanceSite[] = [];
    let part = first;
    const steps = [
      ...rest,
      { name: app.name, args: app.args, span: app.nameSpan, kind: 'PathPart' as const },
    ];
    for (const next of steps) {
      const instance = unwrapInstance(symbol);
      if (!instance) {
        if (symbol.kind === 'definition' || symbol.kind === 'theorem' || symbol.kind === 'instanced') {
          // A subexpression selector (Op!1, Thm!:) names part of a definition: used in proofs only.
          for (const a of next.args) this.resolveExpr(a, module, env);
          return;
        }
        this.error(
          SemanticCode.badInstancePath,
          `${part.name} is not a module instance, so ${part.name}!${next.name} means nothing`,
          part.span,
          `define it as ${part.name} == INSTANCE SomeModule`,
        );
        for (const a of next.args) this.resolveExpr(a, module, env);
        return;
      }
      if (instance.symbol.arity !== part.args.length) {
        this.error(
          SemanticCode.wrongArity,
          `instance ${part.name} takes ${instance.symbol.arity} argument${instance.symbol.arity === 1 ? '' : 's'}, but ${part.args.length} ${part.args.length === 1 ? 'is' : 'are'} given`,
          part.span,
          undefined,
          instance.symbol.span,
          `${part.name} is defined here`,
        );
      }
      sites.push(...instance.outerSites, instance.symbol.site);
      const target = instance.symbol.site.target;
      const found = target.exported.get(next.name);
      if (!found || found.kind === 'constant' || found.kind === 'variable') {
        const suggestions = closestNames(next.name, [...target.exported.keys()]);
        this.error(
          SemanticCode.badInstancePath,
          found
            ? `${next.name} is a ${found.kind} of ${target.name}; through an instance only its definitions can be used`
            : `module ${target.name} (instance ${part.name}) has no definition ${next.name}`,
          next.span,
          suggestions.length > 0 ? `did you mean ${part.name}!${suggestions[0]}?` : undefined,
        );
        for (const a of next.args) this.resolveExpr(a, module, env);
        return;
      }
      symbol = found;
      part = next as typeof first;
      if (next !== steps[steps.length - 1]) for (const a of next.args) this.resolveExpr(a, module, env);
    }
    let bound: Binding = symbol;
    for (let i = sites.length - 1; i >= 0; i--) bound = instanced(bound, sites[i], false);
    this.bindings.set(app, bound);
    this.checkApplication(app, bound, app.args, module, env);
  }
}

/** Adds names to a module's scope, reporting clashes of different symbols under one name. */
class ScopeAdder {
  constructor(
    private readonly resolver: Resolver,
    private readonly module: ResolvedModule,
  ) {}

  /**
   * `imported`: the name comes from EXTENDS or INSTANCE. As in SANY, two imported definitions of one
   * name from different modules are a warning (the first one stays); a clash with a name the module
   * itself defines or declares, or between a definition and a declaration, is an error.
   */
  add(
    name: string,
    symbol: Binding,
    span: SourceSpan | undefined,
    exported: boolean,
    imported = false,
  ): void {
    const { module } = this;
    const existing = module.scope.get(name);
    if (existing && !sameSymbol(existing, symbol)) {
      if (existing.kind === 'recursive' && symbol.kind === 'definition' && existing.module === module) {
        if (existing.arity !== symbol.arity) {
          this.resolver.diagnostics.push(
            makeDiagnostic(
              SemanticCode.recursiveMismatch,
              `${name} is declared RECURSIVE with ${existing.arity} argument(s) but defined with ${symbol.arity}`,
              span,
              {
                related: existing.span ? [{ span: existing.span, message: 'declared here' }] : undefined,
              },
            ),
          );
        }
        existing.definition = symbol;
        if (exported) module.exported.set(name, existing);
        return;
      }
      // SANY tolerates, with a warning, a second definition whose text is the same as the first, and
      // two different imported definitions (the first one stays).
      const identical = sameDefinitionText(existing, symbol);
      const bothImportedDefinitions =
        identical ||
        (imported && existing.module !== module && isDefinition(existing) && isDefinition(symbol));
      this.resolver.diagnostics.push(
        makeDiagnostic(
          bothImportedDefinitions ? SemanticCode.importedTwice : SemanticCode.duplicateDefinition,
          bothImportedDefinitions
            ? identical
              ? `${name} is defined twice with the same text; the first definition is used`
              : `${name} is defined both in module ${symbol.module?.name ?? '?'} and in module ${existing.module?.name ?? '?'}; the definition from ${existing.module?.name ?? '?'} is used`
            : `${name} is already ${describeOrigin(existing, module)}`,
          span,
          {
            severity: bothImportedDefinitions ? 'warning' : 'error',
            hint: bothImportedDefinitions
              ? undefined
              : 'rename one of them; TLA+ does not allow a name to be defined twice in one module',
            related: existing.span ? [{ span: existing.span, message: 'first defined here' }] : undefined,
          },
        ),
      );
      return;
    }
    if (!existing) module.scope.set(name, symbol);
    if (exported) module.exported.set(name, existing ?? symbol);
  }
}

/** Whether two operator definitions have the same text, white space aside. */
function sameDefinitionText(a: Binding, b: Binding): boolean {
  const x = originalOf(a);
  const y = originalOf(b);
  const text = (symbol: Binding): string | undefined => {
    const target = symbol.kind === 'recursive' ? symbol.definition : symbol;
    if (!target || (target.kind !== 'definition' && target.kind !== 'function') || !target.module)
      return undefined;
    const { span } = target.def;
    return target.module.text.slice(span.start.offset, span.end.offset).replace(/\s+/g, ' ').trim();
  };
  const tx = text(x);
  return tx !== undefined && tx === text(y);
}

function isDefinition(symbol: Binding): boolean {
  return symbol.kind !== 'constant' && symbol.kind !== 'variable';
}

function describeOrigin(symbol: Binding, module: ResolvedModule): string {
  const origin = symbol.module && symbol.module !== module ? ` in module ${symbol.module.name}` : '';
  switch (symbol.kind) {
    case 'constant':
      return `declared as a CONSTANT${origin}`;
    case 'variable':
      return `declared as a VARIABLE${origin}`;
    case 'primitive':
      return `defined by the standard module ${symbol.standardModule}`;
    default:
      return `defined${origin}`;
  }
}

function unknownNameHint(name: string): string | undefined {
  const standard: Record<string, string> = {
    '+': 'Naturals',
    '-': 'Naturals',
    '*': 'Naturals',
    '..': 'Naturals',
    '<': 'Naturals',
    '<=': 'Naturals',
    '>': 'Naturals',
    '>=': 'Naturals',
    '%': 'Naturals',
    '\\div': 'Naturals',
    '^': 'Naturals',
    Nat: 'Naturals',
    Int: 'Integers',
    '-.': 'Integers',
    Real: 'Reals',
    '/': 'Reals',
    Seq: 'Sequences',
    Len: 'Sequences',
    Append: 'Sequences',
    Head: 'Sequences',
    Tail: 'Sequences',
    SubSeq: 'Sequences',
    SelectSeq: 'Sequences',
    '\\circ': 'Sequences',
    Cardinality: 'FiniteSets',
    IsFiniteSet: 'FiniteSets',
    Print: 'TLC',
    PrintT: 'TLC',
    Assert: 'TLC',
    ':>': 'TLC',
    '@@': 'TLC',
    Permutations: 'TLC',
    ToString: 'TLC',
    TLCGet: 'TLC',
    TLCSet: 'TLC',
  };
  const module = standard[name];
  return module ? `${name} is defined in the standard module ${module}: add EXTENDS ${module}` : undefined;
}

/** A symbol seen through an INSTANCE; symbols of modules with nothing to substitute stay as they are. */
function instanced(symbol: Binding, site: InstanceSite, local: boolean): Binding {
  if (site.substitutions.size === 0) return symbol;
  // A definition of a module without parameters (Naturals, Sequences, ...) means the same through
  // any INSTANCE: SANY does not copy it either, so a cfg override of it applies everywhere.
  const origin = originalOf(symbol).module;
  if (symbol.kind !== 'instanced' && origin && !origin.parameters.some((p) => site.substitutions.has(p)))
    return symbol;
  const result: InstancedSymbol = {
    kind: 'instanced',
    name: symbol.name,
    arity: symbol.arity,
    module: symbol.module,
    span: symbol.span,
    inner: symbol,
    site,
    local,
  };
  return result;
}

/**
 * Two symbols are the same definition when they come from the same original declaration, whatever
 * INSTANCE they were seen through (SANY compares the original definitions the same way).
 */
function sameSymbol(a: Binding, b: Binding): boolean {
  return originalOf(a) === originalOf(b);
}

function originalOf(symbol: Binding): Binding {
  while (symbol.kind === 'instanced') symbol = symbol.inner;
  return symbol;
}

function unwrapInstance(symbol: Binding): { symbol: InstanceSymbol; outerSites: InstanceSite[] } | undefined {
  const outerSites: InstanceSite[] = [];
  let current = symbol;
  while (current.kind === 'instanced') {
    outerSites.push(current.site);
    current = current.inner;
  }
  return current.kind === 'instance' ? { symbol: current, outerSites } : undefined;
}

/** The symbol of a name bound by a quantifier, set former, LAMBDA, label or `\EE`. */
function boundSymbol(ident: Ident, module: ResolvedModule, temporal: boolean, lambda?: Lambda): BoundSymbol {
  return {
    kind: 'bound',
    name: ident.name,
    arity: 0,
    module,
    span: ident.span,
    decl: ident,
    temporal,
    lambda,
  };
}

/** -1 for n-ary operators (`\X`). */
export function arityOf(symbol: Binding): number {
  if (symbol.kind === 'recursive') return symbol.definition ? symbol.definition.arity : symbol.arity;
  return symbol.arity;
}

/** For each parameter of an operator, how many arguments it takes itself (0 for ordinary ones). */
export function paramArities(symbol: Binding): readonly number[] {
  switch (symbol.kind) {
    case 'definition':
      return symbol.def.params.map((p) => p.arity);
    case 'instanced':
      return paramArities(symbol.inner);
    case 'recursive':
      return symbol.definition ? paramArities(symbol.definition) : [];
    case 'instance':
      return symbol.def.params.map((p) => p.arity);
    default:
      return [];
  }
}

export function analyzeSpecFile(path: string, options: AnalyzeOptions): SpecAnalysis {
  return new Resolver(options).analyzeFile(path);
}

export function analyzeSpecText(text: string, file: string, options: AnalyzeOptions): SpecAnalysis {
  return new Resolver(options).analyzeText(text, file);
}

export type { DefinitionSymbol, Env, ModuleDef };
