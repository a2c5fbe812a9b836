/**
 * Checks a parsed configuration against the root module it configures, following what TLC's
 * `SpecProcessor` (constants, overrides, INIT/NEXT/SPECIFICATION, invariants, properties) and
 * `Spec`/`Tool` (VIEW, ALIAS, SYMMETRY, POSTCONDITION) require, with better locations and hints.
 */
import {
  closestNames,
  type Diagnostic,
  makeDiagnostic,
  type RelatedSpan,
  type SourceSpan,
} from '@modelcheck/core';
import {
  CONFIG_KEYWORDS,
  type ConfigFile,
  type ConfigKeywordToken,
  type ConfigName,
  type ConfigValue,
  type ConstantAssignment,
  type ConstantEntry,
  type ConstantSubstitution,
  type NameRole,
  type NamesSection,
} from './config-ast.js';
import { CFG, CONFIG_DIAGNOSTIC_CODES, type ConfigDiagnosticCode } from './diagnostic-codes.js';

export interface DefinitionInfo {
  readonly arity: number;
  /** 0 constant, 1 state, 2 action, 3 temporal. */
  readonly level: 0 | 1 | 2 | 3;
  readonly span?: SourceSpan;
}

type Level = DefinitionInfo['level'];

/** What the checker needs from the resolved root module (implemented by the semantic phase). */
export interface ModuleSymbols {
  /** The module's file, for related spans. */
  readonly file: string;
  /** Declared CONSTANTS of the root module, in order (including those of EXTENDed modules). */
  constantNames(): readonly string[];
  /** The arity of a declared constant (`F(_, _)` has 2), or undefined when `name` is not one. */
  constantArity(name: string): number | undefined;
  variableNames(): readonly string[];
  /** A definition visible in the root module (user or library), or undefined. */
  definition(name: string): DefinitionInfo | undefined;
  /** Every name visible in the module, for did-you-mean hints. */
  allNames(): readonly string[];
  /** Symbols of another module that the root module uses (EXTENDS/INSTANCE), for `Op <- [Mod] Other`. */
  moduleNamed(name: string): ModuleSymbols | undefined;
  /** Optional: where a constant is declared, for "declared here" notes. */
  constantSpan?(name: string): SourceSpan | undefined;
  /** Optional: the names of the modules the root module uses, for did-you-mean on `[Mod]`. */
  moduleNames?(): readonly string[];
}

const LEVEL_NAMES = ['constant', 'state-level', 'action-level', 'temporal'] as const;

/** What each keyword admits: the highest level, and how to phrase it. */
const ROLE_RULES: Record<NameRole, { keyword: string; what: string; maxLevel: Level }> = {
  init: { keyword: 'INIT', what: 'the initial predicate', maxLevel: 1 },
  next: { keyword: 'NEXT', what: 'the next-state action', maxLevel: 2 },
  specification: { keyword: 'SPECIFICATION', what: 'the specification', maxLevel: 3 },
  invariant: { keyword: 'INVARIANT', what: 'an invariant', maxLevel: 1 },
  property: { keyword: 'PROPERTY', what: 'a property', maxLevel: 3 },
  constraint: { keyword: 'CONSTRAINT', what: 'a state constraint', maxLevel: 1 },
  actionConstraint: { keyword: 'ACTION_CONSTRAINT', what: 'an action constraint', maxLevel: 2 },
  // TLC evaluates the symmetry set once, without a state (Tool.getSymmetryPerms).
  symmetry: { keyword: 'SYMMETRY', what: 'the symmetry set', maxLevel: 0 },
  view: { keyword: 'VIEW', what: 'the view', maxLevel: 1 },
  // An alias is evaluated on pairs of states, so it may mention primed variables.
  alias: { keyword: 'ALIAS', what: 'the alias', maxLevel: 2 },
  // Postconditions are evaluated once, after model checking, like assumptions.
  postcondition: { keyword: 'POSTCONDITION', what: 'a postcondition', maxLevel: 0 },
  periodic: { keyword: '_PERIODIC', what: 'the periodic expression', maxLevel: 0 },
  rlReward: { keyword: '_RL_REWARD', what: 'the reward', maxLevel: 2 },
  possible: { keyword: '_POSSIBLE', what: 'a reachability predicate', maxLevel: 2 },
};

function didYouMean(names: readonly string[]): string | undefined {
  if (names.length === 0) return undefined;
  if (names.length === 1) return `did you mean \`${names[0]}\`?`;
  return `did you mean ${names
    .slice(0, -1)
    .map((n) => `\`${n}\``)
    .join(', ')} or \`${names[names.length - 1]}\`?`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

class Checker {
  readonly diagnostics: Diagnostic[] = [];
  /** Root-level `N <- Op`, by left side. The last one wins, as in TLC. */
  private readonly substitutions = new Map<string, ConstantSubstitution>();
  /** Root-level `N = v` and `F(a) = v`, by left side. */
  private readonly assignments = new Map<string, ConstantAssignment[]>();
  private readonly constants: ReadonlySet<string>;
  private readonly variables: ReadonlySet<string>;

  constructor(
    private readonly config: ConfigFile,
    private readonly symbols: ModuleSymbols,
  ) {
    this.constants = new Set(symbols.constantNames());
    this.variables = new Set(symbols.variableNames());
  }

  private report(
    code: ConfigDiagnosticCode,
    message: string,
    span: SourceSpan,
    extra: { hint?: string | undefined; related?: (RelatedSpan | undefined)[] } = {},
  ): void {
    const related = (extra.related ?? []).filter((r): r is RelatedSpan => r !== undefined);
    this.diagnostics.push(
      makeDiagnostic(code, message, span, {
        severity: CONFIG_DIAGNOSTIC_CODES[code].severity,
        ...(extra.hint ? { hint: extra.hint } : {}),
        related,
      }),
    );
  }

  private definedAt(
    name: string,
    span: SourceSpan | undefined,
    what = 'defined here',
  ): RelatedSpan | undefined {
    return span ? { span, message: `\`${name}\` ${what}` } : undefined;
  }

  private isConstant(name: string): boolean {
    return this.constants.has(name) || this.symbols.constantArity(name) !== undefined;
  }

  /** Did-you-mean among definitions and constants of the root module. */
  private nearNames(name: string, pool: Iterable<string> = this.symbols.allNames()): string[] {
    return closestNames(name, pool, 3);
  }

  run(): Diagnostic[] {
    const entries: ConstantEntry[] = [];
    for (const section of this.config.sections) {
      if (section.kind === 'Constants') entries.push(...section.entries);
    }
    this.collect(entries);
    for (const entry of entries) {
      if (entry.module) this.checkModuleScoped(entry);
      else if (entry.kind === 'Assignment') this.checkAssignment(entry);
      else this.checkSubstitution(entry);
    }
    this.checkDuplicates(entries);
    this.checkAllConstantsAssigned();
    for (const section of this.config.sections) {
      if (section.kind === 'Names') for (const name of section.names) this.checkName(section, name);
    }
    this.checkBehaviorSpec();
    return this.diagnostics;
  }

  private collect(entries: readonly ConstantEntry[]): void {
    for (const entry of entries) {
      if (entry.module) continue;
      if (entry.kind === 'Substitution') this.substitutions.set(entry.name.name, entry);
      else {
        const list = this.assignments.get(entry.name.name) ?? [];
        list.push(entry);
        this.assignments.set(entry.name.name, list);
      }
    }
  }

  /**
   * The left side of a root-level entry: a declared constant or a definition (TLC lets the config
   * override both). Returns its arity, or undefined after reporting.
   */
  private lhsArity(name: ConfigName): number | undefined {
    const n = name.name;
    const constArity = this.symbols.constantArity(n);
    if (constArity !== undefined) return constArity;
    if (this.constants.has(n)) return 0;
    const def = this.symbols.definition(n);
    if (def) return def.arity;
    if (this.variables.has(n)) {
      this.report(
        CFG.VariableAssigned,
        `\`${n}\` is a variable; the configuration file cannot give it a value.`,
        name.span,
        {
          hint: 'variables get their values from the initial predicate; only CONSTANTs (and definitions) can be set here',
        },
      );
      return undefined;
    }
    const near = this.nearNames(n, [...this.constants, ...this.symbols.allNames()]);
    this.report(
      CFG.UnknownConstant,
      `\`${n}\` is neither a declared constant nor a definition of the specification.`,
      name.span,
      { hint: didYouMean(near) ?? 'remove the entry, or declare it in the module with CONSTANT' },
    );
    return undefined;
  }

  private checkAssignment(entry: ConstantAssignment): void {
    const n = entry.name.name;
    const declared = this.isConstant(n) || this.symbols.definition(n) !== undefined || this.variables.has(n);
    // `p1 = p1` for an undeclared `p1` is a common way to list the model values a file uses; TLC
    // ignores the entry (it only reads entries for declared names), so it is no mistake.
    if (!declared && !entry.args && entry.value.kind === 'ModelValue' && entry.value.name === n) return;
    const arity = this.lhsArity(entry.name);
    if (arity === undefined) return;
    this.checkAssignmentArity(entry, arity, entry.name.name);
    this.checkModelValues(entry, entry.value);
  }

  private checkAssignmentArity(entry: ConstantAssignment, arity: number, n: string): void {
    const given = entry.args?.length ?? 0;
    if (given === arity) return;
    const where = this.isConstant(n) && !entry.module ? 'declared' : 'defined';
    if (given === 0) {
      this.report(
        CFG.AssignmentArity,
        `\`${n}\` is ${where} with ${plural(arity, 'parameter')}, so \`${n} = value\` cannot give it a value.`,
        entry.name.span,
        {
          hint: `substitute a definition with \`${n} <- Def\` (where \`Def\` takes ${plural(arity, 'argument')}), or give values point by point: \`${n}(${Array.from({ length: arity }, (_, i) => `a${i + 1}`).join(', ')}) = value\``,
        },
      );
    } else {
      this.report(
        CFG.AssignmentArity,
        `\`${n}\` is ${where} with ${plural(arity, 'parameter')}, but this entry gives it ${plural(given, 'argument')}.`,
        entry.name.span,
        arity === 0 ? { hint: `write \`${n} = value\`` } : {},
      );
    }
  }

  /** `N = Def` makes `N` the model value named `Def`, not the definition: usually a mistake for `<-`. */
  private checkModelValues(entry: ConstantAssignment, value: ConfigValue): void {
    if (value.kind === 'Set') {
      for (const element of value.elements) this.checkModelValues(entry, element);
      return;
    }
    if (value.kind !== 'ModelValue') return;
    const v = value.name;
    if (v === entry.name.name || this.isConstant(v)) return;
    const def = this.symbols.definition(v);
    if (!def) return;
    this.report(
      CFG.ModelValueNamesDefinition,
      `\`${v}\` here is a model value (a fresh value equal only to itself), not the definition \`${v}\` of the module.`,
      value.span,
      {
        hint:
          value === entry.value ? `to use the definition, write \`${entry.name.name} <- ${v}\`` : undefined,
        related: [this.definedAt(v, def.span)],
      },
    );
  }

  /** The right side of `<-`: a definition or a constant of the root module. Returns its arity. */
  private targetArity(lhs: string, target: ConfigName): number | undefined {
    const t = target.name;
    const def = this.symbols.definition(t);
    if (def) return def.arity;
    const constArity = this.symbols.constantArity(t);
    if (constArity !== undefined) return constArity;
    if (this.constants.has(t)) return 0;
    this.report(
      CFG.UndefinedSubstitutionTarget,
      `The configuration substitutes \`${t}\` for \`${lhs}\`, but the specification does not define \`${t}\`.`,
      target.span,
      {
        hint:
          didYouMean(this.nearNames(t)) ??
          `define \`${t} == ...\` in the module (often an MC module that EXTENDS the spec)`,
      },
    );
    return undefined;
  }

  private checkSubstitution(entry: ConstantSubstitution): void {
    const n = entry.name.name;
    const t = entry.target.name;
    const lhsArity = this.lhsArity(entry.name);
    this.checkChain(entry);
    const targetArity = this.targetArity(n, entry.target);
    if (lhsArity === undefined || targetArity === undefined) return;
    if (lhsArity !== targetArity) {
      const where = this.isConstant(n) ? 'declared' : 'defined';
      this.report(
        CFG.SubstitutionArity,
        `\`${n}\` is ${where} with ${plural(lhsArity, 'parameter')} but \`${t}\` takes ${plural(targetArity, 'argument')}; a substitution must keep the arity.`,
        entry.target.span,
        {
          related: [
            this.definedAt(t, this.symbols.definition(t)?.span),
            this.definedAt(
              n,
              this.isConstant(n) ? this.symbols.constantSpan?.(n) : this.symbols.definition(n)?.span,
              `${where} here`,
            ),
          ],
        },
      );
      return;
    }
    const def = this.symbols.definition(t);
    // TLC accepts an operator constant replaced by an action (NanoBlockchain's CalculateHash(_, _, _));
    // only a plain constant replaced by a state- or action-level definition is refused.
    if (this.isConstant(n) && def && def.level > 0 && (this.symbols.constantArity(n) ?? 0) === 0) {
      this.report(
        CFG.NonConstantSubstitution,
        `The constant \`${n}\` is substituted by \`${t}\`, which is ${LEVEL_NAMES[def.level]} (it depends on variables); a constant can only be replaced by a constant expression.`,
        entry.target.span,
        { related: [this.definedAt(t, def.span)] },
      );
    }
  }

  /** TLC: the right side of `<-` must not itself be the left side of a `<-`. */
  private checkChain(
    entry: ConstantSubstitution,
    scope: ReadonlyMap<string, ConstantSubstitution> = this.substitutions,
  ): void {
    const other = scope.get(entry.target.name);
    if (!other || other === entry) return;
    this.report(
      CFG.ChainedSubstitution,
      `\`${entry.target.name}\` appears on the right of \`<-\` but is itself substituted (\`${other.name.name} <- ${other.target.name}\`); TLC does not chain substitutions.`,
      entry.target.span,
      {
        hint: `write \`${entry.name.name} <- ${other.target.name}\` directly`,
        related: [{ span: other.span, message: `\`${entry.target.name}\` is substituted here` }],
      },
    );
  }

  private checkModuleScoped(entry: ConstantEntry): void {
    const modName = entry.module!;
    const mod = this.symbols.moduleNamed(modName.name);
    if (!mod) {
      this.report(
        CFG.UnknownModule,
        `The module \`${modName.name}\` is not part of the specification (the root module neither EXTENDS nor INSTANCEs it).`,
        modName.span,
        { hint: didYouMean(closestNames(modName.name, this.symbols.moduleNames?.() ?? [], 3)) },
      );
      return;
    }
    const n = entry.name.name;
    const def = mod.definition(n);
    if (!def) {
      if (mod.constantArity(n) !== undefined || mod.constantNames().includes(n)) {
        this.report(
          CFG.ModuleScopedConstant,
          `\`${n}\` is a declared constant of \`${modName.name}\`; TLC lets \`[${modName.name}]\` override only definitions.`,
          entry.name.span,
          {
            hint: `give the constant its value where \`${modName.name}\` is instantiated, or without \`[${modName.name}]\``,
          },
        );
      } else {
        this.report(
          CFG.NotInModule,
          `The module \`${modName.name}\` does not define \`${n}\`.`,
          entry.name.span,
          {
            hint: didYouMean(closestNames(n, mod.allNames(), 3)),
          },
        );
      }
      return;
    }
    if (entry.kind === 'Assignment') {
      this.checkAssignmentArity(entry, def.arity, n);
      this.checkModelValues(entry, entry.value);
      return;
    }
    // `N <- [Mod] Op`: `N` of `Mod` is replaced by `Op` of the root module.
    const targetArity = this.targetArity(n, entry.target);
    if (targetArity !== undefined && targetArity !== def.arity) {
      this.report(
        CFG.SubstitutionArity,
        `\`${n}\` of \`${modName.name}\` takes ${plural(def.arity, 'argument')} but \`${entry.target.name}\` takes ${plural(targetArity, 'argument')}; a substitution must keep the arity.`,
        entry.target.span,
        {
          related: [
            this.definedAt(n, def.span),
            this.definedAt(entry.target.name, this.symbols.definition(entry.target.name)?.span),
          ],
        },
      );
    }
  }

  /** The same constant given a value twice: TLC silently keeps the last, which is rarely intended. */
  private checkDuplicates(entries: readonly ConstantEntry[]): void {
    const seen = new Map<string, ConstantEntry>();
    for (const entry of entries) {
      if (entry.kind === 'Assignment' && entry.args && entry.args.length > 0) continue;
      const key = `${entry.module?.name ?? ''}\u0000${entry.name.name}`;
      const first = seen.get(key);
      if (first) {
        this.report(
          CFG.DuplicateAssignment,
          `\`${entry.name.name}\` is given a value more than once; TLC uses ${first.kind === entry.kind ? 'the last one' : 'the substitution (`<-` takes precedence over `=`)'}.`,
          entry.name.span,
          { related: [{ span: first.span, message: 'first given here' }] },
        );
      } else {
        seen.set(key, entry);
      }
    }
  }

  private checkAllConstantsAssigned(): void {
    const firstConstants = this.config.sections.find((s) => s.kind === 'Constants');
    const anchor: SourceSpan = firstConstants
      ? firstConstants.keyword.span
      : { file: this.config.file, start: this.config.span.start, end: this.config.span.start };
    for (const c of this.symbols.constantNames()) {
      if (this.assignments.has(c) || this.substitutions.has(c)) continue;
      const arity = this.symbols.constantArity(c) ?? 0;
      const declared = this.symbols.constantSpan?.(c);
      this.report(
        CFG.ConstantNotAssigned,
        `The constant ${c} is not assigned a value by the configuration file.`,
        anchor,
        {
          hint:
            arity > 0
              ? `add \`${c} <- Def\` under CONSTANTS, where \`Def\` is a definition with ${plural(arity, 'parameter')}`
              : `add \`${c} = value\` (or \`${c} <- Def\`) under CONSTANTS`,
          related: [declared ? { span: declared, message: `\`${c}\` declared here` } : undefined],
        },
      );
    }
  }

  /** The definition a section name stands for once root-level `<-` substitutions apply. */
  private effectiveDefinition(name: string): DefinitionInfo | undefined {
    const sub = this.substitutions.get(name);
    if (sub) {
      const target = this.symbols.definition(sub.target.name);
      if (target) return target;
    }
    return this.symbols.definition(name);
  }

  private checkName(section: NamesSection, name: ConfigName): void {
    const n = name.name;
    const rule = ROLE_RULES[section.role];
    const keyword = section.keyword.text;
    // `Inv = TRUE` under CONSTANT: TLC uses the value; nothing to check here.
    if (this.assignments.has(n)) return;
    const own = this.symbols.definition(n);
    if (!own) {
      if (this.isConstant(n) || this.variables.has(n)) {
        const what = this.isConstant(n) ? 'a declared constant' : 'a variable';
        this.report(
          CFG.NotADefinition,
          `${keyword} needs the name of a definition, but \`${n}\` is ${what}.`,
          name.span,
          {
            hint: `define ${rule.what} in the module (\`${exampleFor(section.role)} == ...\`) and name it here`,
          },
        );
        return;
      }
      const near = this.nearNames(n);
      const keywordNear = /^[A-Z_]+$/.test(n) ? closestNames(n, CONFIG_KEYWORDS, 2) : [];
      this.report(
        CFG.UnknownName,
        `${keyword} names \`${n}\`, which is not defined in the specification.`,
        name.span,
        {
          hint:
            didYouMean(near) ??
            (keywordNear.length > 0
              ? `if \`${n}\` was meant as a keyword, did you mean ${keywordNear.join(' or ')}?`
              : undefined),
        },
      );
      return;
    }
    const def = this.effectiveDefinition(n) ?? own;
    if (def.arity !== 0) {
      this.report(
        CFG.NeedsNoArguments,
        `${keyword} needs a definition without parameters, but \`${n}\` takes ${plural(def.arity, 'argument')}.`,
        name.span,
        {
          hint: `define \`${n}${suffix(section.role)} == ${n}(...)\` with the arguments you want checked, and name that here`,
          related: [this.definedAt(n, def.span)],
        },
      );
      return;
    }
    this.checkLevel(section, name, def, rule);
  }

  private checkLevel(
    section: NamesSection,
    name: ConfigName,
    def: DefinitionInfo,
    rule: { keyword: string; what: string; maxLevel: Level },
  ): void {
    const n = name.name;
    const related = [this.definedAt(n, def.span)];
    const role = section.role;
    if (role === 'property') {
      if (def.level === 2) {
        this.report(
          CFG.PropertyIsAction,
          `PROPERTY ${n} is an action (it contains primed variables but no temporal operator); a property must be a temporal formula.`,
          name.span,
          { hint: `check it in every step with a property \`[][${n}]_vars\``, related },
        );
      } else if (def.level === 1) {
        this.report(
          CFG.PropertyIsStatePredicate,
          `PROPERTY ${n} is a state predicate, so TLC checks it only in the initial states.`,
          name.span,
          {
            hint: `to check it in every reachable state, use INVARIANT ${n} (or the property \`[]${n}\`)`,
            related,
          },
        );
      }
      return;
    }
    if (role === 'invariant' && def.level === 0) {
      this.report(
        CFG.ConstantInvariant,
        `INVARIANT ${n} is a constant formula (it mentions no variables), so it says nothing about states.`,
        name.span,
        { hint: `state it as an assumption in the module: \`ASSUME ${n}\``, related },
      );
      return;
    }
    if (def.level <= rule.maxLevel) return;
    let message: string;
    let hint: string | undefined;
    if (role === 'invariant' && def.level === 2) {
      message = `INVARIANT ${n} is an action (it contains primed variables); an invariant must be a state predicate. Did you mean to check it as a PROPERTY [][${n}]_vars?`;
      hint = `define \`${n}Prop == [][${n}]_vars\` in the module and write \`PROPERTY ${n}Prop\``;
    } else if (role === 'invariant') {
      message = `INVARIANT ${n} is a temporal formula; an invariant must be a state predicate.`;
      hint = `check it with PROPERTY ${n}`;
    } else if (rule.maxLevel === 0) {
      message = `${rule.keyword} ${n} must be a constant expression (${rule.what} is evaluated without a state), but it is ${LEVEL_NAMES[def.level]}.`;
    } else {
      message = `${rule.keyword} ${n} is ${LEVEL_NAMES[def.level]}, but ${rule.what} must be ${rule.maxLevel === 1 ? 'a state predicate or state function (no primes, no temporal operators)' : 'at most an action (no temporal operators)'}.`;
      if (role === 'init' && def.level === 2) hint = 'an initial predicate cannot mention primed variables';
      if ((role === 'init' || role === 'next') && def.level === 3) {
        hint = `\`${n}\` looks like a whole specification: write SPECIFICATION ${n} instead of INIT/NEXT`;
      }
      if (role === 'constraint' && def.level === 2)
        hint = `use ACTION_CONSTRAINT ${n} for a constraint on steps`;
    }
    this.report(CFG.LevelTooHigh, message, name.span, { hint, related });
  }

  private checkBehaviorSpec(): void {
    const first = (role: NameRole): { keyword: ConfigKeywordToken; name?: ConfigName } | undefined => {
      for (const s of this.config.sections) {
        if (s.kind === 'Names' && s.role === role) return { keyword: s.keyword, name: s.names[0] };
      }
      return undefined;
    };
    const spec = first('specification');
    const init = first('init');
    const next = first('next');
    if (spec && (init || next)) {
      const other = (init ?? next)!;
      this.report(
        CFG.SpecAndInitNext,
        'The configuration file cannot give both SPECIFICATION and INIT/NEXT.',
        other.keyword.span,
        {
          hint: 'keep SPECIFICATION (it includes the initial predicate, next-state action and fairness), or remove it and keep INIT and NEXT',
          related: [{ span: spec.keyword.span, message: 'SPECIFICATION given here' }],
        },
      );
      return;
    }
    if (spec) return;
    if (init && !next) {
      this.report(
        CFG.MissingNext,
        'INIT is given without NEXT: the configuration does not specify the next-state action.',
        init.keyword.span,
        {
          hint: this.suggestDefinition('NEXT', ['Next']),
        },
      );
      return;
    }
    if (next && !init) {
      this.report(
        CFG.MissingInit,
        'NEXT is given without INIT: the configuration does not specify the initial predicate.',
        next.keyword.span,
        {
          hint: this.suggestDefinition('INIT', ['Init']),
        },
      );
      return;
    }
    if (init && next) return;
    // Neither: TLC only complains when there is a behavior to check.
    const checksBehaviors = this.config.sections.some(
      (s) => s.kind === 'Names' && (s.role === 'invariant' || s.role === 'property') && s.names.length > 0,
    );
    if (this.variables.size === 0 && !checksBehaviors) return;
    const anchor: SourceSpan = {
      file: this.config.file,
      start: this.config.span.start,
      end: this.config.span.start,
    };
    this.report(
      CFG.MissingInit,
      'The configuration file did not specify the initial state predicate: give SPECIFICATION (or INIT and NEXT).',
      anchor,
      {
        hint:
          this.suggestDefinition('SPECIFICATION', ['Spec', 'Specification']) ??
          this.suggestDefinition('INIT', ['Init']),
      },
    );
  }

  private suggestDefinition(keyword: string, candidates: readonly string[]): string | undefined {
    for (const c of candidates) {
      const def = this.symbols.definition(c);
      if (def && def.arity === 0) return `the module defines \`${c}\`: add \`${keyword} ${c}\``;
    }
    return undefined;
  }
}

function exampleFor(role: NameRole): string {
  const names: Record<NameRole, string> = {
    init: 'Init',
    next: 'Next',
    specification: 'Spec',
    invariant: 'Inv',
    property: 'Prop',
    constraint: 'Constraint',
    actionConstraint: 'ActionConstraint',
    symmetry: 'Symmetry',
    view: 'View',
    alias: 'Alias',
    postcondition: 'PostCondition',
    periodic: 'Periodic',
    rlReward: 'Reward',
    possible: 'Reachable',
  };
  return names[role];
}

function suffix(role: NameRole): string {
  return role === 'invariant' ? 'Inv' : role === 'property' ? 'Prop' : 'Checked';
}

/**
 * Checks a configuration against the symbols of its root module. Run it on a config without
 * syntax errors: entries that failed to parse are absent, which can cause follow-on reports (a
 * constant whose entry was malformed is reported as unassigned).
 */
export function checkConfig(config: ConfigFile, symbols: ModuleSymbols): Diagnostic[] {
  const diagnostics = new Checker(config, symbols).run();
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => (a.d.span?.start.offset ?? 0) - (b.d.span?.start.offset ?? 0) || a.i - b.i)
    .map(({ d }) => d);
}
