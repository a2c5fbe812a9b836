import type { SourceSpan } from '@modelcheck/core';
import type {
  Assume,
  FunctionDef,
  Ident,
  Instance,
  Lambda,
  Module,
  ModuleDef,
  OpDecl,
  OperatorDef,
  Theorem,
} from '../syntax/ast.js';

/** TLA+ levels: constant, state (variables), action (primes), temporal ([] <> WF SF). */
export type Level = 0 | 1 | 2 | 3;
export const LEVEL_NAMES = ['constant', 'state', 'action', 'temporal'] as const;

/**
 * What a name refers to. One object per declaration: two references to the same symbol are `===`,
 * which is how EXTENDS diamonds (A and B both extend Naturals) are recognised as one definition.
 */
export type Binding =
  | ConstantSymbol
  | VariableSymbol
  | DefinitionSymbol
  | FunctionSymbol
  | PrimitiveSymbol
  | BuiltinSymbol
  | InstanceSymbol
  | InstancedSymbol
  | TheoremSymbol
  | ParamSymbol
  | BoundSymbol
  | RecursiveSymbol;

interface SymbolBase {
  readonly name: string;
  /** Number of arguments the name must be applied to (0: used as a value). */
  readonly arity: number;
  /** The module that declares it (for standard modules, their name). */
  readonly module: ResolvedModule | undefined;
  readonly span: SourceSpan | undefined;
}

export interface ConstantSymbol extends SymbolBase {
  readonly kind: 'constant';
  readonly decl: OpDecl;
}

export interface VariableSymbol extends SymbolBase {
  readonly kind: 'variable';
  readonly decl: Ident;
}

export interface DefinitionSymbol extends SymbolBase {
  readonly kind: 'definition';
  readonly def: OperatorDef;
  readonly params: readonly ParamSymbol[];
  readonly local: boolean;
}

export interface FunctionSymbol extends SymbolBase {
  readonly kind: 'function';
  readonly def: FunctionDef;
  readonly local: boolean;
}

/** An operator of Naturals, Integers or Reals that the evaluator implements natively. */
export interface PrimitiveSymbol extends SymbolBase {
  readonly kind: 'primitive';
  readonly standardModule: string;
}

/** An operator of the language itself: `/\`, `\in`, `'`, `ENABLED`, `TRUE`, ... */
export interface BuiltinSymbol extends SymbolBase {
  readonly kind: 'builtin';
}

/** `I == INSTANCE M ...` or `I(x) == INSTANCE M ...`: used as `I!Op`. */
export interface InstanceSymbol extends SymbolBase {
  readonly kind: 'instance';
  readonly def: ModuleDef;
  readonly params: readonly ParamSymbol[];
  readonly site: InstanceSite;
  readonly local: boolean;
}

/** A definition of module M seen through `INSTANCE M WITH ...` (substitutions apply to it). */
export interface InstancedSymbol extends SymbolBase {
  readonly kind: 'instanced';
  readonly inner: Binding;
  readonly site: InstanceSite;
  readonly local: boolean;
}

/** A named THEOREM, LEMMA, ... or ASSUME. */
export interface TheoremSymbol extends SymbolBase {
  readonly kind: 'theorem';
  readonly node: Theorem | Assume;
}

/** A formal parameter of an operator or instance definition; `arity > 0` for `F(_, _)`. */
export interface ParamSymbol extends SymbolBase {
  readonly kind: 'param';
  readonly decl: OpDecl | Ident;
}

/** A name bound by a quantifier, set former, function constructor, CHOOSE, LAMBDA or `\EE`. */
export interface BoundSymbol extends SymbolBase {
  readonly kind: 'bound';
  readonly decl: Ident;
  /** `\EE x` and `\AA x` bind temporal variables (state level); everything else binds constants. */
  readonly temporal: boolean;
  readonly lambda?: Lambda;
}

/** `RECURSIVE Op(_)`: stands for the definition that comes later. */
export interface RecursiveSymbol extends SymbolBase {
  readonly kind: 'recursive';
  readonly decl: OpDecl;
  definition?: DefinitionSymbol;
}

/**
 * One INSTANCE: in module `from`, module `target` is instantiated with `substitutions`, which map
 * every constant and variable of the target to a symbol or expression of `from`.
 */
export interface InstanceSite {
  readonly instance: Instance;
  readonly from: ResolvedModule;
  readonly target: ResolvedModule;
  /** Explicit `WITH x <- e` substitutions and implicit ones (a same-named symbol of `from`). */
  readonly substitutions: ReadonlyMap<ConstantSymbol | VariableSymbol, SubstitutionValue>;
  /** Parameters of `I(p, q) == INSTANCE ...`, in scope of the substitutions. */
  readonly params: readonly ParamSymbol[];
}

export type SubstitutionValue =
  | { readonly kind: 'expr'; readonly expr: import('../syntax/ast.js').Expr }
  | { readonly kind: 'symbol'; readonly symbol: Binding };

/** A module after name resolution. */
export interface ResolvedModule {
  readonly name: string;
  readonly file: string;
  readonly ast: Module;
  /** The text of the file the module is in (for diagnostics). */
  readonly text: string;
  readonly isStandard: boolean;
  /** CONSTANTs and VARIABLEs the module declares itself, in order. */
  readonly constants: ConstantSymbol[];
  readonly variables: VariableSymbol[];
  /** Everything visible at the end of the module: own, extended and instantiated. */
  readonly scope: Map<string, Binding>;
  /** What EXTENDS and `I!Op` see: the scope minus LOCAL definitions and what LOCAL INSTANCE brought in. */
  readonly exported: Map<string, Binding>;
  /** All constants and variables in scope (own and extended), which INSTANCE must substitute. */
  readonly parameters: (ConstantSymbol | VariableSymbol)[];
  readonly nested: Map<string, ResolvedModule>;
}

/** Follows RECURSIVE placeholders to their definitions. */
export function definitionOf(symbol: Binding): Binding {
  return symbol.kind === 'recursive' && symbol.definition ? symbol.definition : symbol;
}
