/**
 * The TLA+ pretty-printer: AST -> TLA+ text that parses back to the same AST (modulo spans).
 *
 * The AST keeps no parentheses, so the printer puts them back wherever precedence, associativity or a
 * construct that extends as far right as possible (`\A x : P`, `IF`, `LET`, `CHOOSE`, `CASE`, `LAMBDA`,
 * labels, bulleted lists) requires them. Bulleted `/\` and `\/` lists are printed as real lists, which
 * is why the printer tracks the current column: every line of a list item is indented to the right of
 * its bullet, and nothing inside an expression ever wraps left of where that expression started.
 *
 * Layout: LET, bulleted lists and CASE with more than two arms always take several lines; IF, CASE,
 * ASSUME/PROVE, comma-separated lists (arguments, sets, tuples, records, EXCEPT), chains of one infix
 * operator and the bodies of definitions, quantifiers, CHOOSE and function constructors are kept on
 * one line when they fit in `WIDTH` columns and broken otherwise. Output is ASCII, with canonical
 * operator spellings; comments are not part of the AST and are not printed.
 */

import type {
  ActionExpr,
  Assume,
  AssumeProve,
  BoundVars,
  Case,
  ExceptPathStep,
  Expr,
  Fairness,
  FunctionDef,
  IfThenElse,
  Instance,
  Junction,
  LetDefinition,
  LetIn,
  Module,
  ModuleDef,
  NewDecl,
  OpApp,
  OpDecl,
  OperatorDef,
  PathPart,
  Proof,
  ProofStep,
  SourceFile,
  StepBody,
  Theorem,
  Unit,
  UseOrHide,
} from './ast.js';
import { operatorInfo } from './operators.js';
import { subExpressions } from './sub-expressions.js';

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

/** Prints a module, from its `---- MODULE Name ----` line to its `====` line (with a final newline). */
export function printModule(module: Module): string {
  const p = new Printer();
  p.module(module);
  p.w.newline(0);
  return p.w.toString();
}

/** Prints one expression as it would appear starting at column 1. */
export function printExpression(expr: Expr): string {
  const p = new Printer();
  p.expr(expr, 'end');
  return p.w.toString();
}

/** Prints the root module of a parsed file (comments, including a PlusCal algorithm, are not kept). */
export function printSourceFile(file: SourceFile): string {
  return printModule(file.module);
}

// ---------------------------------------------------------------------------------------------
// Precedence
// ---------------------------------------------------------------------------------------------

interface Precedence {
  readonly low: number;
  readonly high: number;
  readonly assoc: 'left' | 'right' | 'none';
}

/** Precedence of an operator as written in an `OpApp` (canonical name); undefined if unknown. */
function precedence(name: string, fix: 'infix' | 'prefix' | 'postfix'): Precedence | undefined {
  return operatorInfo(name, fix);
}

/** Text of a prefix operator in an expression (unary minus is `-.` in the AST and when defined). */
function prefixText(name: string): string {
  return name === '-.' ? '-' : name;
}

// ---------------------------------------------------------------------------------------------
// Output with column tracking
// ---------------------------------------------------------------------------------------------

/** Lines longer than this get broken where the printer knows how (lists and operator chains). */
const WIDTH = 100;
/** Lists and chains that start further right than this are left on one line: breaking them won't help. */
const BREAK_LIMIT = 70;

interface Mark {
  readonly parts: number;
  readonly col: number;
  readonly overflows: number;
}

class Writer {
  private readonly parts: string[] = [];
  /** 0-based column where the next character goes. */
  col = 0;
  /** How many pieces of text ended beyond `WIDTH` (compare marks to see whether an attempt fit). */
  overflows = 0;

  text(s: string): void {
    if (s.length === 0) return;
    this.parts.push(s);
    this.col += s.length;
    if (this.col > WIDTH) this.overflows++;
  }

  /** Ends the line and indents the next one to `indent` (0-based). */
  newline(indent: number): void {
    this.parts.push(`\n${' '.repeat(indent)}`);
    this.col = indent;
  }

  mark(): Mark {
    return { parts: this.parts.length, col: this.col, overflows: this.overflows };
  }

  reset(m: Mark): void {
    this.parts.length = m.parts;
    this.col = m.col;
    this.overflows = m.overflows;
  }

  /** Whether some text written since `m` went beyond `WIDTH`. */
  overflowedSince(m: Mark): boolean {
    return this.overflows > m.overflows;
  }

  /** The text written since `m`. */
  since(m: Mark): string {
    return this.parts.slice(m.parts).join('');
  }

  toString(): string {
    return this.parts.join('');
  }
}

// ---------------------------------------------------------------------------------------------
// Expression shape helpers
// ---------------------------------------------------------------------------------------------

/**
 * What may follow an expression where it is printed:
 * - `end`: nothing that could continue it (a closing bracket, a comma, a keyword, the next bullet
 *   or unit on a line further left);
 * - `arm`: the `[]` of a further CASE arm (only a nested CASE would swallow it);
 * - `op`: an operator or anything else that would continue an expression that is open at its right.
 */
type Tail = 'end' | 'arm' | 'op';

/** Constructs that extend as far right as they can (and bulleted lists, which end by column). */
function isOpen(e: Expr): boolean {
  switch (e.kind) {
    case 'If':
    case 'Case':
    case 'Let':
    case 'Quantified':
    case 'TemporalQuantified':
    case 'Choose':
    case 'Lambda':
    case 'Labeled':
    case 'Junction':
      return true;
    default:
      return false;
  }
}

function needsTailParens(e: Expr, tail: Tail): boolean {
  if (tail === 'op') return isOpen(e);
  if (tail === 'arm') return e.kind === 'Case';
  return false;
}

/** Whether `e` can be followed directly by `[args]`, `.field` or a postfix operator. */
function isPostfixable(e: Expr): boolean {
  switch (e.kind) {
    case 'OpApp':
      return e.fix === 'call' || isPostfixApp(e); // `pc'[p]`, `can'.white`
    case 'FunctionApp':
    case 'FieldAccess':
    case 'SetEnum':
    case 'SetFilter':
    case 'SetMap':
    case 'FunctionCtor':
    case 'FunctionSet':
    case 'RecordCtor':
    case 'RecordSet':
    case 'Except':
    case 'Tuple':
    case 'String':
    case 'At':
      return true;
    default:
      return false;
  }
}

const breakCache = new WeakMap<Expr, boolean>();

/** Whether printing `e` takes more than one line (bulleted lists and LET always do). */
function hasBreak(e: Expr): boolean {
  const cached = breakCache.get(e);
  if (cached !== undefined) return cached;
  let result: boolean;
  if (e.kind === 'Junction' || e.kind === 'Let') result = true;
  else if (e.kind === 'Case' && e.arms.length + (e.other ? 1 : 0) > 2) result = true;
  else result = subExpressions(e).some(hasBreak);
  breakCache.set(e, result);
  return result;
}

const IDENT_CHAR = /[A-Za-z0-9_]/;

/** Characters after which a symbolic prefix operator may be written without a space. */
function canFollowPrefixDirectly(op: string, text: string): boolean {
  const c = text[0];
  if (c === undefined) return false;
  if (IDENT_CHAR.test(c) || c === '(' || c === '\\') return true;
  if (op === '[]' || op === '<>') {
    // `[][A]_v`, `[]<>P`, `<>[]P`, `<><<A>>_v` are the usual spellings.
    return c === '[' && text[1] !== ']' ? true : text.startsWith('<>') || text.startsWith('[]');
  }
  return false;
}

function isSimpleAtom(e: Expr): boolean {
  return (
    (e.kind === 'OpApp' && e.fix === 'call' && e.args.length === 0 && e.path.length === 0) ||
    e.kind === 'Number'
  );
}

function escapeString(value: string): string {
  let out = '';
  for (const ch of value) {
    switch (ch) {
      case '"':
        out += '\\"';
        break;
      case '\\':
        out += '\\\\';
        break;
      case '\n':
        out += '\\n';
        break;
      case '\t':
        out += '\\t';
        break;
      case '\r':
        out += '\\r';
        break;
      case '\f':
        out += '\\f';
        break;
      default:
        out += ch;
    }
  }
  return `"${out}"`;
}

// ---------------------------------------------------------------------------------------------
// The printer
// ---------------------------------------------------------------------------------------------

class Printer {
  readonly w = new Writer();

  // --- expressions ---------------------------------------------------------------------------

  /** Prints `e`, adding parentheses when it is open at its right and `tail` could be swallowed. */
  expr(e: Expr, tail: Tail): void {
    if (needsTailParens(e, tail)) {
      this.parens(e);
      return;
    }
    this.bare(e, tail);
  }

  /** Prints `e` in parentheses. */
  parens(e: Expr): void {
    this.w.text('(');
    this.bare(e, 'end');
    this.w.text(')');
  }

  /** Prints `e`, in parentheses if `paren`, else as `expr` does. */
  operand(e: Expr, tail: Tail, paren: boolean): void {
    if (paren) this.parens(e);
    else this.expr(e, tail);
  }

  private bare(e: Expr, tail: Tail): void {
    const w = this.w;
    switch (e.kind) {
      case 'OpApp':
        this.opApp(e, tail);
        return;
      case 'Number':
        w.text(numberText(e.digits, e.base, e.fraction));
        return;
      case 'String':
        w.text(escapeString(e.value));
        return;
      case 'Bool':
        w.text(e.value ? 'TRUE' : 'FALSE');
        return;
      case 'At':
        w.text('@');
        return;
      case 'StepRef':
        w.text(e.label);
        return;
      case 'If':
        this.ifThenElse(e, tail);
        return;
      case 'Case':
        this.caseExpr(e, tail);
        return;
      case 'Let':
        this.letIn(e, tail);
        return;
      case 'Quantified': {
        const column = w.col;
        w.text(`${e.quantifier} `);
        this.bounds(e.bounds);
        this.hangingBody(' : ', e.body, tail, column + 2);
        return;
      }
      case 'TemporalQuantified': {
        const column = w.col;
        w.text(`${e.quantifier} ${e.names.map((n) => n.name).join(', ')}`);
        this.hangingBody(' : ', e.body, tail, column + 2);
        return;
      }
      case 'Choose': {
        const column = w.col;
        w.text('CHOOSE ');
        this.bounds([e.bound]);
        this.hangingBody(' : ', e.body, tail, column + 2);
        return;
      }
      case 'Lambda':
        w.text(`LAMBDA ${e.params.map((p) => p.name).join(', ')} : `);
        this.expr(e.body, tail);
        return;
      case 'Labeled':
        w.text(e.label.name);
        if (e.params.length > 0) w.text(`(${e.params.map((p) => p.name).join(', ')})`);
        w.text(':: ');
        this.expr(e.body, tail);
        return;
      case 'SetEnum':
        w.text('{');
        // `{x \in S ...` is read as the start of a filter `{x \in S : P}` (SANY rejects the
        // enumeration), so a first element that starts with `x \in` gets parentheses.
        this.commaList(e.elements, (x, i) => this.operand(x, 'end', i === 0 && startsWithIn(x)));
        w.text('}');
        return;
      case 'SetFilter':
        w.text('{');
        this.bounds([e.bound]);
        w.text(' : ');
        this.expr(e.predicate, 'end');
        w.text('}');
        return;
      case 'SetMap': {
        w.text('{');
        // `{x \in S : P}` is always a filter, so a mapped `x \in ...` needs parentheses.
        this.operand(e.body, 'end', startsWithIn(e.body));
        w.text(' : ');
        this.bounds(e.bounds);
        w.text('}');
        return;
      }
      case 'FunctionCtor': {
        const column = w.col;
        w.text('[');
        this.bounds(e.bounds);
        this.hangingBody(' |-> ', e.body, 'end', column + 2);
        w.text(']');
        return;
      }
      case 'FunctionApp':
        this.operand(e.fn, 'op', !isPostfixable(e.fn));
        w.text('[');
        this.list(e.args);
        w.text(']');
        return;
      case 'FunctionSet':
        w.text('[');
        this.operand(e.domain, 'end', startsWithIn(e.domain));
        w.text(' -> ');
        this.expr(e.codomain, 'end');
        w.text(']');
        return;
      case 'RecordCtor':
      case 'RecordSet': {
        const sep = e.kind === 'RecordCtor' ? ' |-> ' : ' : ';
        w.text('[');
        this.commaList(e.fields, (f) => {
          w.text(f.name.name + sep);
          this.expr(f.value, 'end');
        });
        w.text(']');
        return;
      }
      case 'Except':
        w.text('[');
        this.operand(e.fn, 'end', startsWithIn(e.fn));
        w.text(' EXCEPT ');
        this.commaList(e.updates, (u) => {
          w.text('!');
          for (const step of u.path) this.exceptStep(step);
          w.text(' = ');
          this.expr(u.value, 'end');
        });
        w.text(']');
        return;
      case 'Tuple':
        this.tuple(e.elements);
        return;
      case 'FieldAccess':
        this.operand(e.record, 'op', !isPostfixable(e.record));
        w.text(`.${e.field.name}`);
        return;
      case 'ActionExpr':
        this.actionExpr(e);
        return;
      case 'Fairness':
        this.fairness(e);
        return;
      case 'Junction':
        this.junction(e);
        return;
    }
  }

  private opApp(e: OpApp, tail: Tail): void {
    const w = this.w;
    if (e.moduleRef) {
      w.text(`MODULE ${e.name}`);
      return;
    }
    if (e.path.length === 0 && e.fix === 'infix' && e.args.length >= 2) {
      this.infix(e, tail);
      return;
    }
    if (e.path.length === 0 && e.fix === 'prefix' && e.args.length === 1) {
      this.prefix(e, tail);
      return;
    }
    if (e.path.length === 0 && e.fix === 'postfix' && e.args.length === 1) {
      const operand = e.args[0]!;
      this.operand(operand, 'op', !isPostfixable(operand));
      w.text(e.name);
      return;
    }
    this.path(e.path);
    w.text(e.name);
    if (e.args.length > 0) {
      w.text('(');
      this.list(e.args);
      w.text(')');
    }
  }

  private path(parts: readonly PathPart[]): void {
    for (const part of parts) {
      this.w.text(part.name);
      if (part.args.length > 0) {
        this.w.text('(');
        this.list(part.args);
        this.w.text(')');
      }
      this.w.text('!');
    }
  }

  /**
   * Prints an infix application. A chain of one left-associative operator (`a \\cup b \\cup c`) that
   * does not fit in the line width is broken before each operator, the operators lined up under the
   * first operand. For `/\\` and `\\/` that column is right of any enclosing bullet, so the
   * continuation lines stay infix operators rather than bullets.
   */
  private infix(e: OpApp, tail: Tail): void {
    const w = this.w;
    const info = precedence(e.name, 'infix');
    const operands: Expr[] = [];
    const parens: boolean[] = [];
    if (e.args.length > 2) {
      e.args.forEach((arg) => {
        operands.push(arg);
        parens.push(infixOperandNeedsParens(arg, e.name, info, 'middle'));
      });
    } else {
      // Flatten `(a op b) op c` when the left operand needs no parentheses.
      const rights: Expr[] = [];
      let cur: Expr = e;
      while (true) {
        const node: OpApp = cur as OpApp;
        rights.push(node.args[1]!);
        const left = node.args[0]!;
        const leftParens = infixOperandNeedsParens(left, e.name, info, 'left');
        if (
          !leftParens &&
          left.kind === 'OpApp' &&
          left.fix === 'infix' &&
          left.name === e.name &&
          left.path.length === 0 &&
          left.args.length === 2
        ) {
          cur = left;
          continue;
        }
        operands.push(left);
        parens.push(leftParens);
        break;
      }
      for (const r of rights.reverse()) {
        operands.push(r);
        parens.push(infixOperandNeedsParens(r, e.name, info, 'right'));
      }
    }
    const n = operands.length;
    const column = w.col;
    const print = (broken: boolean) => {
      const tight = !broken && e.name === '..' && operands.every(isSimpleAtom);
      operands.forEach((arg, i) => {
        if (i > 0) {
          if (broken) {
            w.newline(column);
            w.text(`${e.name} `);
          } else {
            w.text(tight ? e.name : ` ${e.name} `);
          }
        }
        this.operand(arg, i === n - 1 ? tail : 'op', parens[i]!);
      });
    };
    const m = w.mark();
    print(false);
    if (n < 3 || column > BREAK_LIMIT || !w.overflowedSince(m)) return;
    w.reset(m);
    print(true);
  }

  private prefix(e: OpApp, tail: Tail): void {
    const w = this.w;
    const operand = e.args[0]!;
    const info = precedence(e.name, 'prefix');
    const paren = prefixOperandNeedsParens(operand, info);
    const text = prefixText(e.name);
    w.text(text);
    if (/[A-Za-z]$/.test(text)) {
      w.text(' ');
      this.operand(operand, tail, paren);
      return;
    }
    const m = w.mark();
    this.operand(operand, tail, paren);
    if (!canFollowPrefixDirectly(text, w.since(m))) {
      w.reset(m);
      w.text(' ');
      this.operand(operand, tail, paren);
    }
  }

  private list(items: readonly Expr[]): void {
    this.commaList(items, (x) => this.expr(x, 'end'));
  }

  /**
   * Prints items separated by `, `. A list that does not fit in the line width is filled instead:
   * an item that does not fit on the current line starts a new one, at the column where the list
   * started.
   */
  private commaList<T>(items: readonly T[], item: (x: T, i: number) => void): void {
    const w = this.w;
    const column = w.col;
    const m = w.mark();
    items.forEach((x, i) => {
      if (i > 0) w.text(', ');
      item(x, i);
    });
    if (items.length < 2 || column > BREAK_LIMIT || !w.overflowedSince(m)) return;
    w.reset(m);
    items.forEach((x, i) => {
      if (i > 0) {
        w.text(',');
        const before = w.mark();
        w.text(' ');
        item(x, i);
        if (!w.overflowedSince(before)) return;
        w.reset(before);
        w.newline(column);
      }
      item(x, i);
    });
  }

  private tuple(elements: readonly Expr[]): void {
    const w = this.w;
    w.text('<<');
    const m = w.mark();
    this.list(elements);
    const text = w.since(m);
    if (text.startsWith('<') || text.endsWith('>')) {
      // Keep `<<` and `>>` from merging with operators at the edges (`<< <>P >>`).
      w.reset(m);
      w.text(' ');
      this.list(elements);
      w.text(' ');
    }
    w.text('>>');
  }

  private bounds(bounds: readonly BoundVars[]): void {
    bounds.forEach((b, i) => {
      if (i > 0) this.w.text(', ');
      const names = b.names.map((n) => n.name).join(', ');
      this.w.text(b.tuple ? `<<${names}>>` : names);
      if (b.set) {
        this.w.text(' \\in ');
        this.expr(b.set, 'end');
      }
    });
  }

  private exceptStep(step: ExceptPathStep): void {
    if (step.kind === 'field') {
      this.w.text(`.${step.name.name}`);
    } else {
      this.w.text('[');
      this.list(step.args);
      this.w.text(']');
    }
  }

  /** A `_v` subscript: a name (possibly through instances) or a tuple; anything else in parentheses. */
  private subscript(e: Expr): void {
    this.w.text('_');
    if (e.kind === 'Tuple') this.tuple(e.elements);
    else if (e.kind === 'OpApp' && e.fix === 'call' && e.args.length === 0) this.expr(e, 'end');
    else this.parens(e);
  }

  private actionExpr(e: ActionExpr): void {
    if (e.box) {
      this.w.text('[');
      this.operand(e.action, 'end', startsWithIn(e.action));
      this.w.text(']');
    } else {
      this.tuple([e.action]);
    }
    this.subscript(e.subscript);
  }

  private fairness(e: Fairness): void {
    this.w.text(e.strong ? 'SF' : 'WF');
    this.subscript(e.subscript);
    this.w.text('(');
    this.expr(e.action, 'end');
    this.w.text(')');
  }

  private junction(e: Junction): void {
    const w = this.w;
    const column = w.col;
    e.items.forEach((item, i) => {
      if (i > 0) w.newline(column);
      w.text(`${e.op} `);
      this.expr(item, 'end');
    });
  }

  private ifThenElse(e: IfThenElse, tail: Tail): void {
    const w = this.w;
    if (!hasBreak(e)) {
      const m = w.mark();
      this.ifLayout(e, tail, false);
      if (!w.overflowedSince(m) || m.col > BREAK_LIMIT) return;
      w.reset(m);
    }
    this.ifLayout(e, tail, true);
  }

  private ifLayout(e: IfThenElse, tail: Tail, multiline: boolean): void {
    const w = this.w;
    const column = w.col;
    w.text('IF ');
    this.expr(e.cond, 'end');
    if (multiline) w.newline(column + 2);
    else w.text(' ');
    w.text('THEN ');
    this.expr(e.then, 'end');
    if (multiline) w.newline(column + 2);
    else w.text(' ');
    w.text('ELSE ');
    this.expr(e.else, tail);
  }

  private caseExpr(e: Case, tail: Tail): void {
    const w = this.w;
    if (!hasBreak(e)) {
      const m = w.mark();
      this.caseLayout(e, tail, false);
      if (!w.overflowedSince(m) || e.arms.length + (e.other ? 1 : 0) < 2) return;
      w.reset(m);
    }
    this.caseLayout(e, tail, true);
  }

  private caseLayout(e: Case, tail: Tail, multiline: boolean): void {
    const w = this.w;
    const column = w.col;
    w.text('CASE ');
    e.arms.forEach((arm, i) => {
      if (i > 0) {
        if (multiline) w.newline(column + 2);
        else w.text(' ');
        w.text('[] ');
      }
      this.expr(arm.guard, 'arm');
      w.text(' -> ');
      this.expr(arm.body, i === e.arms.length - 1 && !e.other ? tail : 'arm');
    });
    if (e.other) {
      if (multiline) w.newline(column + 2);
      else w.text(' ');
      w.text('[] OTHER -> ');
      this.expr(e.other, tail);
    }
  }

  private letIn(e: LetIn, tail: Tail): void {
    const w = this.w;
    const column = w.col;
    w.text('LET ');
    e.defs.forEach((d, i) => {
      if (i > 0) w.newline(column + 4);
      this.letDef(d);
    });
    w.newline(column);
    w.text('IN  ');
    this.expr(e.body, tail);
  }

  private letDef(d: LetDefinition): void {
    switch (d.kind) {
      case 'OperatorDef':
        this.operatorDef(d);
        return;
      case 'FunctionDef':
        this.functionDef(d);
        return;
      case 'ModuleDef':
        this.moduleDef(d);
        return;
      case 'RecursiveDecl':
        this.w.text(`RECURSIVE ${d.decls.map(opDeclText).join(', ')}`);
        return;
    }
  }

  // --- definitions and units -----------------------------------------------------------------

  private local(local: boolean): void {
    if (local) this.w.text('LOCAL ');
  }

  operatorDef(d: OperatorDef): void {
    const w = this.w;
    const column = w.col;
    this.local(d.local);
    const name = d.name.name;
    const params = d.params;
    if (d.fix === 'infix' && params.length === 2) {
      w.text(`${params[0]!.name.name} ${name} ${params[1]!.name.name}`);
    } else if (d.fix === 'prefix' && params.length === 1) {
      w.text(`${name} ${params[0]!.name.name}`);
    } else if (d.fix === 'postfix' && params.length === 1) {
      w.text(`${params[0]!.name.name}${name}`);
    } else {
      w.text(name);
      if (params.length > 0) w.text(`(${params.map(opDeclText).join(', ')})`);
    }
    this.hangingBody(' == ', d.body, 'end', column + 4);
  }

  functionDef(d: FunctionDef): void {
    const column = this.w.col;
    this.local(d.local);
    this.w.text(`${d.name.name}[`);
    this.bounds(d.bounds);
    this.w.text(']');
    this.hangingBody(' == ', d.body, 'end', column + 4);
  }

  /**
   * Prints `sep` and then `body` on the same line; if that goes beyond the line width, ends the line
   * after `sep` and prints `body` on the next one at `indent` instead (when that is further left).
   */
  private hangingBody(sep: string, body: Expr, tail: Tail, indent: number): void {
    this.hanging(sep, indent, () => this.expr(body, tail));
  }

  private hanging(sep: string, indent: number, print: () => void): void {
    const w = this.w;
    const m = w.mark();
    w.text(sep);
    print();
    if (!w.overflowedSince(m) || indent + 4 > m.col + sep.length) return;
    w.reset(m);
    w.text(sep.trimEnd());
    w.newline(indent);
    print();
  }

  moduleDef(d: ModuleDef): void {
    this.local(d.local);
    this.w.text(d.name.name);
    if (d.params.length > 0) this.w.text(`(${d.params.map(opDeclText).join(', ')})`);
    this.w.text(' == ');
    this.instance({ ...d.instance, local: false });
  }

  instance(i: Instance): void {
    const w = this.w;
    this.local(i.local);
    w.text(`INSTANCE ${i.module.name}`);
    if (i.substitutions.length === 0) return;
    w.text(' WITH ');
    this.commaList(i.substitutions, (s) => {
      w.text(`${s.target.name} <- `);
      this.expr(s.value, 'end');
    });
  }

  private assume(a: Assume): void {
    this.w.text(a.keyword);
    if (a.name) this.w.text(` ${a.name.name}`);
    this.hangingBody(a.name ? ' == ' : ' ', a.expr, 'end', 2);
  }

  private useOrHide(u: UseOrHide): void {
    this.w.text(u.keyword);
    if (u.only) this.w.text(' ONLY');
    this.factsAndDefs(u.facts, u.defs);
  }

  private factsAndDefs(facts: readonly Expr[], defs: readonly Expr[]): void {
    if (facts.length > 0) {
      this.w.text(' ');
      this.list(facts);
    }
    if (defs.length > 0) {
      this.w.text(' DEF ');
      this.list(defs);
    }
  }

  private newDecl(d: NewDecl): void {
    const w = this.w;
    if (d.isNew) w.text('NEW ');
    if (d.level !== 'CONSTANT' || !d.isNew) w.text(`${d.level} `);
    w.text(opDeclText(d.decl));
    if (d.set) {
      w.text(' \\in ');
      this.expr(d.set, 'end');
    }
  }

  /** `ASSUME a, b PROVE g` on one line if it fits, else one assumption per line with PROVE below. */
  private assumeProve(a: AssumeProve): void {
    const w = this.w;
    if (a.label) w.text(`${a.label.name}:: `);
    const flat =
      !hasBreak(a.goal) &&
      a.assumptions.every((x) =>
        x.kind === 'NewDecl' ? !x.set || !hasBreak(x.set) : x.kind !== 'AssumeProve' && !hasBreak(x),
      );
    if (flat) {
      const m = w.mark();
      this.assumeProveLayout(a, false);
      if (!w.overflowedSince(m)) return;
      w.reset(m);
    }
    this.assumeProveLayout(a, true);
  }

  private assumeProveLayout(a: AssumeProve, multiline: boolean): void {
    const w = this.w;
    const column = w.col;
    w.text('ASSUME ');
    const itemColumn = w.col;
    a.assumptions.forEach((x, i) => {
      if (i > 0) {
        w.text(',');
        if (multiline) w.newline(itemColumn);
        else w.text(' ');
      }
      if (x.kind === 'NewDecl') this.newDecl(x);
      else if (x.kind === 'AssumeProve') this.assumeProve(x);
      else this.expr(x, 'end');
    });
    if (multiline) w.newline(column);
    else w.text(' ');
    w.text(multiline ? 'PROVE  ' : 'PROVE ');
    this.expr(a.goal, 'end');
  }

  private theorem(t: Theorem): void {
    const w = this.w;
    const body = t.body;
    w.text(t.keyword);
    if (t.name) w.text(` ${t.name.name}`);
    this.hanging(t.name ? ' == ' : ' ', 2, () => {
      if (body.kind === 'AssumeProve') this.assumeProve(body);
      else this.expr(body, 'end');
    });
    if (t.proof) this.proof(t.proof, 2);
  }

  /** Prints a proof on new lines, at `indent`. */
  private proof(p: Proof, indent: number): void {
    const w = this.w;
    w.newline(indent);
    if (p.kind === 'TerminalProof') {
      if (p.proofKeyword) w.text('PROOF ');
      if (p.form !== 'BY') {
        w.text(p.form);
        return;
      }
      w.text('BY');
      if (p.only) w.text(' ONLY');
      this.factsAndDefs(p.facts, p.defs);
      return;
    }
    if (p.proofKeyword) w.text('PROOF');
    p.steps.forEach((step, i) => {
      if (i > 0 || p.proofKeyword) w.newline(indent);
      this.step(step, indent);
    });
  }

  private step(s: ProofStep, indent: number): void {
    this.w.text(`${s.label}${s.dot ? '.' : ''} `);
    this.stepBody(s.body);
    if (s.proof) this.proof(s.proof, indent + 2);
  }

  private stepBody(b: StepBody): void {
    const w = this.w;
    switch (b.kind) {
      case 'Assert':
        if (b.suffices) w.text('SUFFICES ');
        if (b.body.kind === 'AssumeProve') this.assumeProve(b.body);
        // A CASE expression would read as a CASE step.
        else this.operand(b.body, 'end', b.body.kind === 'Case');
        return;
      case 'Case':
        w.text('CASE ');
        this.expr(b.body, 'end');
        return;
      case 'Pick':
        w.text('PICK ');
        this.bounds(b.bounds);
        w.text(' : ');
        this.expr(b.body, 'end');
        return;
      case 'Have':
        w.text('HAVE ');
        this.expr(b.body, 'end');
        return;
      case 'Take':
        w.text('TAKE ');
        this.bounds(b.bounds);
        return;
      case 'Witness':
        w.text('WITNESS ');
        this.list(b.exprs);
        return;
      case 'Qed':
        w.text('QED');
        return;
      case 'Define': {
        w.text('DEFINE ');
        const column = w.col;
        b.defs.forEach((d, i) => {
          if (i > 0) w.newline(column);
          this.letDef(d);
        });
        return;
      }
      case 'UseOrHide':
        this.useOrHide(b.use);
        return;
      case 'Instance':
        this.instance(b.instance);
        return;
    }
  }

  private unit(u: Unit): void {
    const w = this.w;
    switch (u.kind) {
      case 'ConstantDecl':
        w.text(u.decls.length > 1 ? 'CONSTANTS ' : 'CONSTANT ');
        this.commaList(u.decls.map(opDeclText), (d) => w.text(d));
        return;
      case 'VariableDecl':
        w.text(u.names.length > 1 ? 'VARIABLES ' : 'VARIABLE ');
        this.commaList(
          u.names.map((n) => n.name),
          (n) => w.text(n),
        );
        return;
      case 'RecursiveDecl':
        w.text(`RECURSIVE ${u.decls.map(opDeclText).join(', ')}`);
        return;
      case 'OperatorDef':
        this.operatorDef(u);
        return;
      case 'FunctionDef':
        this.functionDef(u);
        return;
      case 'Instance':
        this.instance(u);
        return;
      case 'ModuleDef':
        this.moduleDef(u);
        return;
      case 'Assume':
        this.assume(u);
        return;
      case 'Theorem':
        this.theorem(u);
        return;
      case 'UseOrHide':
        this.useOrHide(u);
        return;
      case 'NestedModule':
        this.module(u.module);
        return;
    }
  }

  module(m: Module): void {
    const w = this.w;
    w.text(`---- MODULE ${m.name.name} ----`);
    if (m.extends.length > 0) {
      w.newline(0);
      w.text(`EXTENDS ${m.extends.map((x) => x.name).join(', ')}`);
    }
    let previous: Unit['kind'] | undefined;
    for (const u of m.units) {
      w.newline(0);
      // Blank lines between units, except inside a run of declarations.
      const isDecl = (k: Unit['kind'] | undefined) => k === 'ConstantDecl' || k === 'VariableDecl';
      if (!(isDecl(previous) && isDecl(u.kind))) w.newline(0);
      this.unit(u);
      previous = u.kind;
    }
    w.newline(0);
    w.text('====');
  }
}

/**
 * Whether `e` is printed starting with `x \in`: inside `{`/`[` that reads as the bound of a set filter
 * or function constructor, so such an expression needs parentheses there.
 */
function startsWithIn(e: Expr): boolean {
  while (e.kind === 'OpApp' && e.fix === 'infix' && e.path.length === 0 && e.args.length >= 2) {
    if (e.name === '\\in') return true;
    e = e.args[0]!;
  }
  return false;
}

function isPostfixApp(e: Expr): boolean {
  return e.kind === 'OpApp' && e.fix === 'postfix' && e.path.length === 0 && e.args.length === 1;
}

/**
 * Whether an operand of an infix operator needs parentheses for precedence. Open constructs are left
 * to the tail logic; atoms never need them.
 */
function infixOperandNeedsParens(
  child: Expr,
  parentName: string,
  parent: Precedence | undefined,
  side: 'left' | 'right' | 'middle',
): boolean {
  if (child.kind !== 'OpApp' || child.path.length > 0 || child.fix === 'call') return false;
  if (child.fix === 'postfix') return child.args.length !== 1;
  if (!parent) return true;
  if (child.fix === 'prefix') {
    if (child.args.length !== 1) return false;
    const low = prefixChainLow(child);
    return low === undefined || !(low > parent.high);
  }
  // infix
  if (child.args.length < 2) return false;
  const c = precedence(child.name, 'infix');
  if (!c) return true;
  if (c.low > parent.high) return false;
  if (c.high < parent.low) return true;
  // A nested `\X` would merge into the n-ary product.
  if (child.name !== parentName || side === 'middle' || parentName === '\\X') return true;
  if (side === 'left' && parent.assoc === 'left') return false;
  if (side === 'right' && parent.assoc === 'right') return false;
  return true;
}

/**
 * The lowest precedence among directly nested prefix operators (`DOMAIN <>x`): when an infix operator
 * follows, the parser meets the innermost one first, so all of them must bind tighter than it.
 */
function prefixChainLow(e: OpApp): number | undefined {
  let low = Number.POSITIVE_INFINITY;
  let cur: Expr = e;
  while (cur.kind === 'OpApp' && cur.fix === 'prefix' && cur.path.length === 0 && cur.args.length === 1) {
    const info = precedence(cur.name, 'prefix');
    if (!info) return undefined;
    low = Math.min(low, info.low);
    cur = cur.args[0]!;
  }
  return low;
}

function prefixOperandNeedsParens(child: Expr, parent: Precedence | undefined): boolean {
  if (child.kind === 'FunctionApp' || child.kind === 'FieldAccess' || isPostfixApp(child)) {
    // `UNCHANGED x'` and `[]f'[i]`: the prime meets the prefix operator first.
    const low = exposedPostfixLow(child);
    return low !== undefined && (!parent || !(low > parent.high));
  }
  if (child.kind !== 'OpApp' || child.path.length > 0 || child.fix === 'call') return false;
  if (child.fix === 'prefix') return child.args.length !== 1;
  if (!parent) return true;
  if (child.args.length < 2) return false;
  const c = precedence(child.name, child.fix);
  return !c || !(c.low > parent.high);
}

/**
 * The lowest precedence among the postfix operators that `e` starts with when printed without
 * parentheses (`x'`, `f'[i]`, `r^+.a`), or undefined if there are none.
 */
function exposedPostfixLow(e: Expr): number | undefined {
  let low: number | undefined;
  while (true) {
    if (isPostfixApp(e)) {
      const info = precedence((e as OpApp).name, 'postfix');
      const l = info ? info.low : Number.NEGATIVE_INFINITY;
      low = low === undefined ? l : Math.min(low, l);
      e = (e as OpApp).args[0]!;
    } else if (e.kind === 'FunctionApp') {
      e = e.fn;
    } else if (e.kind === 'FieldAccess') {
      e = e.record;
    } else {
      return low;
    }
    if (!isPostfixable(e)) return low;
  }
}

function numberText(digits: string, base: 2 | 8 | 10 | 16, fraction: string | undefined): string {
  const prefix = base === 2 ? '\\b' : base === 8 ? '\\o' : base === 16 ? '\\h' : '';
  return prefix + digits + (fraction !== undefined ? `.${fraction}` : '');
}

/** `x`, `F(_, _)`, `_ + _`, `-. _`, `_ ^+`. */
function opDeclText(d: OpDecl): string {
  const name = d.name.name;
  switch (d.fix) {
    case 'infix':
      return `_ ${name} _`;
    case 'prefix':
      return `${name} _`;
    case 'postfix':
      return `_ ${name}`;
    case 'call':
      return d.arity > 0 ? `${name}(${Array.from({ length: d.arity }, () => '_').join(', ')})` : name;
  }
}
