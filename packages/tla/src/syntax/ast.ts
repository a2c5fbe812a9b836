import type { SourceSpan } from '@modelcheck/core';

/**
 * The TLA+ abstract syntax tree. Every node carries the span of the text it came from.
 *
 * Design notes:
 * - Every operator application, built-in or user-defined, infix, prefix, postfix or called with
 *   parentheses, is one `OpApp` node whose `name` is the operator's canonical spelling (see
 *   `operators.ts`: `\union` and `∪` both become `\cup`). Plain identifiers (variables, constants,
 *   bound names, zero-argument operators) are `OpApp` with no arguments, because TLA+ does not tell
 *   them apart syntactically; the resolver does.
 * - Parentheses are not kept: the printer puts them back where precedence needs them.
 * - Bulleted `/\` and `\/` lists are kept as `Junction` nodes so that printing restores them.
 */

export interface NodeBase {
  readonly span: SourceSpan;
}

/** A name as written, with its own span (declarations, bound variables, record fields). */
export interface Ident extends NodeBase {
  readonly kind: 'Ident';
  readonly name: string;
}

// ---------------------------------------------------------------------------------------------
// Expressions
// ---------------------------------------------------------------------------------------------

export type Expr =
  | OpApp
  | NumberLit
  | StringLit
  | BoolLit
  | At
  | IfThenElse
  | Case
  | LetIn
  | Quantified
  | TemporalQuantified
  | Choose
  | SetEnum
  | SetFilter
  | SetMap
  | FunctionCtor
  | FunctionApp
  | FunctionSet
  | RecordCtor
  | RecordSet
  | Except
  | Tuple
  | FieldAccess
  | ActionExpr
  | Fairness
  | Junction
  | Lambda
  | Labeled
  | StepRef;

/** One step of an instance path, `M!` or `M(a, b)!`, or a subexpression selector such as `!1` or `!<<` (proofs). */
export interface PathPart extends NodeBase {
  readonly kind: 'PathPart';
  readonly name: string;
  readonly args: readonly Expr[];
}

export type Fixity = 'call' | 'infix' | 'prefix' | 'postfix';

/**
 * An operator applied to arguments, or a bare name.
 * `M!N!Op(a)` has `path = [M, N]`, `name = 'Op'`, `args = [a]`, `fix = 'call'`.
 * `a + b` has `name = '+'`, `fix = 'infix'`; `x'` has `name = "'"`, `fix = 'postfix'`;
 * `~a` has `name = '~'`, `fix = 'prefix'`; unary minus is the prefix operator `-.`.
 * `SUBSET S`, `UNION S`, `DOMAIN f`, `ENABLED A`, `UNCHANGED v`, `[]F`, `<>F` are prefix applications.
 */
export interface OpApp extends NodeBase {
  readonly kind: 'OpApp';
  readonly path: readonly PathPart[];
  readonly name: string;
  readonly args: readonly Expr[];
  readonly fix: Fixity;
  /** Span of the operator symbol or name itself (for diagnostics about the operator). */
  readonly nameSpan: SourceSpan;
  /**
   * `MODULE M` used as a fact or DEF item of a proof (`BY MODULE M`, `USE DEF MODULE M`): `name`
   * is the module's name (no path, no arguments). Absent elsewhere.
   */
  readonly moduleRef?: boolean;
}

export interface NumberLit extends NodeBase {
  readonly kind: 'Number';
  /** Digits as written, without the base prefix (`\b101` is `{ digits: '101', base: 2 }`). */
  readonly digits: string;
  readonly base: 2 | 8 | 10 | 16;
  /** Fractional digits of a decimal such as `3.14` (`'14'`), absent for integers. */
  readonly fraction?: string;
}

export interface StringLit extends NodeBase {
  readonly kind: 'String';
  /** The value, with escapes (`\"`, `\\`, `\n`, `\t`, `\r`, `\f`) already decoded. */
  readonly value: string;
}

export interface BoolLit extends NodeBase {
  readonly kind: 'Bool';
  readonly value: boolean;
}

/** `@` inside an EXCEPT update: the old value at that path. */
export interface At extends NodeBase {
  readonly kind: 'At';
}

export interface IfThenElse extends NodeBase {
  readonly kind: 'If';
  readonly cond: Expr;
  readonly then: Expr;
  readonly else: Expr;
}

export interface CaseArm extends NodeBase {
  readonly kind: 'CaseArm';
  readonly guard: Expr;
  readonly body: Expr;
}

export interface Case extends NodeBase {
  readonly kind: 'Case';
  readonly arms: readonly CaseArm[];
  readonly other?: Expr;
}

export interface LetIn extends NodeBase {
  readonly kind: 'Let';
  readonly defs: readonly LetDefinition[];
  readonly body: Expr;
}

export type LetDefinition = OperatorDef | FunctionDef | ModuleDef | RecursiveDecl;

/**
 * A bound in a quantifier, set former, function constructor or CHOOSE:
 * `x, y \in S` is `{ names: [x, y], tuple: false, set: S }`;
 * `<<a, b>> \in S` is `{ names: [a, b], tuple: true, set: S }`;
 * `x` in an unbounded `\A x : P` has no `set`.
 */
export interface BoundVars extends NodeBase {
  readonly kind: 'Bound';
  readonly names: readonly Ident[];
  readonly tuple: boolean;
  readonly set?: Expr;
}

/** `\A` and `\E`, bounded (`\A x \in S : P`) or not (`\A x, y : P`; then each bound has no set). */
export interface Quantified extends NodeBase {
  readonly kind: 'Quantified';
  readonly quantifier: '\\A' | '\\E';
  readonly bounds: readonly BoundVars[];
  readonly body: Expr;
}

/** `\AA x : F` and `\EE x : F`. */
export interface TemporalQuantified extends NodeBase {
  readonly kind: 'TemporalQuantified';
  readonly quantifier: '\\AA' | '\\EE';
  readonly names: readonly Ident[];
  readonly body: Expr;
}

/** `CHOOSE x \in S : P`, `CHOOSE x : P`, `CHOOSE <<a, b>> \in S : P`. */
export interface Choose extends NodeBase {
  readonly kind: 'Choose';
  readonly bound: BoundVars;
  readonly body: Expr;
}

export interface SetEnum extends NodeBase {
  readonly kind: 'SetEnum';
  readonly elements: readonly Expr[];
}

/** `{x \in S : P}` (one bound, possibly a tuple). */
export interface SetFilter extends NodeBase {
  readonly kind: 'SetFilter';
  readonly bound: BoundVars;
  readonly predicate: Expr;
}

/** `{e : x \in S, y \in T}`. */
export interface SetMap extends NodeBase {
  readonly kind: 'SetMap';
  readonly body: Expr;
  readonly bounds: readonly BoundVars[];
}

/** `[x \in S, y \in T |-> e]`. */
export interface FunctionCtor extends NodeBase {
  readonly kind: 'FunctionCtor';
  readonly bounds: readonly BoundVars[];
  readonly body: Expr;
}

/** `f[a]`, `f[a, b]` (the latter means `f[<<a, b>>]`). */
export interface FunctionApp extends NodeBase {
  readonly kind: 'FunctionApp';
  readonly fn: Expr;
  readonly args: readonly Expr[];
}

/** `[S -> T]`. */
export interface FunctionSet extends NodeBase {
  readonly kind: 'FunctionSet';
  readonly domain: Expr;
  readonly codomain: Expr;
}

export interface RecordField extends NodeBase {
  readonly kind: 'RecordField';
  readonly name: Ident;
  readonly value: Expr;
}

/** `[a |-> 1, b |-> 2]`. */
export interface RecordCtor extends NodeBase {
  readonly kind: 'RecordCtor';
  readonly fields: readonly RecordField[];
}

/** `[a : S, b : T]` (each field's `value` is the set). */
export interface RecordSet extends NodeBase {
  readonly kind: 'RecordSet';
  readonly fields: readonly RecordField[];
}

/** One step of an EXCEPT path: `.a` or `[i]` / `[i, j]`. */
export type ExceptPathStep =
  | { readonly kind: 'field'; readonly name: Ident; readonly span: SourceSpan }
  | { readonly kind: 'index'; readonly args: readonly Expr[]; readonly span: SourceSpan };

export interface ExceptUpdate extends NodeBase {
  readonly kind: 'ExceptUpdate';
  readonly path: readonly ExceptPathStep[];
  readonly value: Expr;
}

/** `[f EXCEPT ![a] = e, !.b = @ + 1]`. */
export interface Except extends NodeBase {
  readonly kind: 'Except';
  readonly fn: Expr;
  readonly updates: readonly ExceptUpdate[];
}

export interface Tuple extends NodeBase {
  readonly kind: 'Tuple';
  readonly elements: readonly Expr[];
}

/** `r.field`. */
export interface FieldAccess extends NodeBase {
  readonly kind: 'FieldAccess';
  readonly record: Expr;
  readonly field: Ident;
}

/** `[A]_v` (`box: true`) and `<<A>>_v` (`box: false`). */
export interface ActionExpr extends NodeBase {
  readonly kind: 'ActionExpr';
  readonly box: boolean;
  readonly action: Expr;
  readonly subscript: Expr;
}

/** `WF_v(A)` and `SF_v(A)`. */
export interface Fairness extends NodeBase {
  readonly kind: 'Fairness';
  readonly strong: boolean;
  readonly subscript: Expr;
  readonly action: Expr;
}

/**
 * A bulleted list: `/\ a` above `/\ b`, all bullets in one column. `column` is the 1-based column of
 * the bullets as written (the printer chooses its own).
 */
export interface Junction extends NodeBase {
  readonly kind: 'Junction';
  readonly op: '/\\' | '\\/';
  readonly items: readonly Expr[];
  readonly column: number;
}

/** `LAMBDA x, y : e`. */
export interface Lambda extends NodeBase {
  readonly kind: 'Lambda';
  readonly params: readonly Ident[];
  readonly body: Expr;
}

/** `lbl:: e` or `lbl(x, y):: e` (PlusCal translations and proofs). */
export interface Labeled extends NodeBase {
  readonly kind: 'Labeled';
  readonly label: Ident;
  readonly params: readonly Ident[];
  readonly body: Expr;
}

/** A proof step name used as a fact, `<1>2` or `<2>a` (proofs only). */
export interface StepRef extends NodeBase {
  readonly kind: 'StepRef';
  readonly label: string;
}

// ---------------------------------------------------------------------------------------------
// Declarations and definitions
// ---------------------------------------------------------------------------------------------

/**
 * A formal parameter or a declared constant: `x` (arity 0), `F(_, _)` (arity 2),
 * `_ + _` (infix, arity 2), `-. _` (prefix), `_ ^+` (postfix).
 */
export interface OpDecl extends NodeBase {
  readonly kind: 'OpDecl';
  readonly name: Ident;
  readonly arity: number;
  readonly fix: Fixity;
}

/**
 * `Op == e`, `Op(x, F(_)) == e`, `a ++ b == e` (fix infix), `-. a == e` (prefix), `a ^+ == e` (postfix).
 * `nameSpan` points at the operator's name for diagnostics.
 */
export interface OperatorDef extends NodeBase {
  readonly kind: 'OperatorDef';
  readonly name: Ident;
  readonly params: readonly OpDecl[];
  readonly fix: Fixity;
  readonly body: Expr;
  readonly local: boolean;
}

/** `f[x \in S, y \in T] == e`. */
export interface FunctionDef extends NodeBase {
  readonly kind: 'FunctionDef';
  readonly name: Ident;
  readonly bounds: readonly BoundVars[];
  readonly body: Expr;
  readonly local: boolean;
}

export interface Substitution extends NodeBase {
  readonly kind: 'Substitution';
  /** The constant, variable or operator of the instantiated module (`x` or an operator symbol). */
  readonly target: Ident;
  readonly value: Expr;
}

/** `INSTANCE M WITH a <- e, b <- f`. */
export interface Instance extends NodeBase {
  readonly kind: 'Instance';
  readonly module: Ident;
  readonly substitutions: readonly Substitution[];
  readonly local: boolean;
}

/** `I == INSTANCE M ...` and `I(x, y) == INSTANCE M ...`. */
export interface ModuleDef extends NodeBase {
  readonly kind: 'ModuleDef';
  readonly name: Ident;
  readonly params: readonly OpDecl[];
  readonly instance: Instance;
  readonly local: boolean;
}

export interface ConstantDecl extends NodeBase {
  readonly kind: 'ConstantDecl';
  readonly decls: readonly OpDecl[];
}

export interface VariableDecl extends NodeBase {
  readonly kind: 'VariableDecl';
  readonly names: readonly Ident[];
}

/** `RECURSIVE F(_), G`. */
export interface RecursiveDecl extends NodeBase {
  readonly kind: 'RecursiveDecl';
  readonly decls: readonly OpDecl[];
}

/** `ASSUME e`, `ASSUMPTION e`, `AXIOM e`, `ASSUME Name == e`. */
export interface Assume extends NodeBase {
  readonly kind: 'Assume';
  readonly keyword: 'ASSUME' | 'ASSUMPTION' | 'AXIOM';
  readonly name?: Ident;
  readonly expr: Expr;
}

/** A declaration inside `ASSUME ... PROVE`: `NEW x`, `NEW x \in S`, `NEW CONSTANT F(_)`, `NEW VARIABLE v`. */
export interface NewDecl extends NodeBase {
  readonly kind: 'NewDecl';
  readonly level: 'CONSTANT' | 'VARIABLE' | 'STATE' | 'ACTION' | 'TEMPORAL';
  /** Whether the keyword NEW was written (it may be left out before CONSTANT and the others). */
  readonly isNew: boolean;
  readonly decl: OpDecl;
  readonly set?: Expr;
}

/** `ASSUME a, NEW x, ... PROVE g`. */
export interface AssumeProve extends NodeBase {
  readonly kind: 'AssumeProve';
  readonly assumptions: readonly (Expr | NewDecl | AssumeProve | Labeled)[];
  readonly goal: Expr;
  /** A label in front of the whole, `lbl:: ASSUME ... PROVE ...` (rare). */
  readonly label?: Ident;
}

export interface Theorem extends NodeBase {
  readonly kind: 'Theorem';
  readonly keyword: 'THEOREM' | 'LEMMA' | 'PROPOSITION' | 'COROLLARY';
  readonly name?: Ident;
  readonly body: Expr | AssumeProve;
  readonly proof?: Proof;
}

/** `USE`/`HIDE` at module level or as a proof step. */
export interface UseOrHide extends NodeBase {
  readonly kind: 'UseOrHide';
  readonly keyword: 'USE' | 'HIDE';
  readonly only: boolean;
  readonly facts: readonly Expr[];
  /** Names after DEF/DEFS (operator names, possibly with an instance path, as `OpApp` without args). */
  readonly defs: readonly Expr[];
}

export interface NestedModule extends NodeBase {
  readonly kind: 'NestedModule';
  readonly module: Module;
}

export type Unit =
  | ConstantDecl
  | VariableDecl
  | RecursiveDecl
  | OperatorDef
  | FunctionDef
  | Instance
  | ModuleDef
  | Assume
  | Theorem
  | UseOrHide
  | NestedModule;

// ---------------------------------------------------------------------------------------------
// Proofs (parsed, printed and kept out of evaluation)
// ---------------------------------------------------------------------------------------------

/** `BY [ONLY] facts [DEF names]`, `OBVIOUS`, `OMITTED`. */
export interface TerminalProof extends NodeBase {
  readonly kind: 'TerminalProof';
  readonly form: 'BY' | 'OBVIOUS' | 'OMITTED';
  /** Whether the keyword PROOF was written before it. */
  readonly proofKeyword: boolean;
  readonly only: boolean;
  readonly facts: readonly Expr[];
  readonly defs: readonly Expr[];
}

export interface StepsProof extends NodeBase {
  readonly kind: 'StepsProof';
  readonly proofKeyword: boolean;
  readonly steps: readonly ProofStep[];
}

export type Proof = TerminalProof | StepsProof;

export type StepBody =
  | { readonly kind: 'Assert'; readonly suffices: boolean; readonly body: Expr | AssumeProve }
  | { readonly kind: 'Case'; readonly body: Expr }
  | { readonly kind: 'Pick'; readonly bounds: readonly BoundVars[]; readonly body: Expr }
  | { readonly kind: 'Have'; readonly body: Expr }
  | { readonly kind: 'Take'; readonly bounds: readonly BoundVars[] }
  | { readonly kind: 'Witness'; readonly exprs: readonly Expr[] }
  | { readonly kind: 'Qed' }
  | { readonly kind: 'Define'; readonly defs: readonly (OperatorDef | FunctionDef | ModuleDef)[] }
  | { readonly kind: 'UseOrHide'; readonly use: UseOrHide }
  | { readonly kind: 'Instance'; readonly instance: Instance };

/**
 * One step: `<1>2. body` with its own proof. `label` is the step name as written, e.g. `<1>2`,
 * `<2>a`, `<1>` (unnamed), `<*>` or `<+>`; `dot` says whether a `.` followed it.
 */
export interface ProofStep extends NodeBase {
  readonly kind: 'ProofStep';
  readonly label: string;
  readonly dot: boolean;
  readonly body: StepBody;
  readonly proof?: Proof;
}

// ---------------------------------------------------------------------------------------------
// Modules
// ---------------------------------------------------------------------------------------------

export interface Module extends NodeBase {
  readonly kind: 'Module';
  readonly name: Ident;
  readonly extends: readonly Ident[];
  readonly units: readonly Unit[];
}

/**
 * A parsed file: the root module (the first module in the file), plus facts the front-end reports
 * about text that is not TLA+ (a PlusCal algorithm in a comment).
 */
export interface SourceFile {
  readonly kind: 'SourceFile';
  readonly file: string;
  readonly module: Module;
  /**
   * Further top-level modules after the first one's `====` (SANY reads them too, and the first
   * module may EXTEND or INSTANCE them by name).
   */
  readonly moreModules?: readonly Module[];
  /** Span of `--algorithm` / `--fair algorithm` inside a comment, if there is one. */
  readonly plusCal?: SourceSpan;
}
