import { type Diagnostic, makeDiagnostic } from '@modelcheck/core';
import { type Formula, f } from '@modelcheck/temporal';
import { PN } from '../diagnostic-codes.js';
import { children, elementSpan, parseXml, type XmlDocument, type XmlElement } from '../formats/xml-tree.js';
import type { PetriNet } from '../model/net.js';
import { type ComparisonOp, NetNames, type NetPredicate, type NetTerm, predicateAtom } from './predicates.js';

/**
 * Which checker a contest property goes to: its examination, read from the id
 * (`<model>-CTLFireability-03`), else from the formula's shape.
 */
export type PropertyLogic = 'ctl' | 'ltl' | 'bound';

/** One `<property>` of a Model Checking Contest property file. */
export interface ContestProperty {
  readonly id: string;
  /** `ctl` (CTL*, Reachability*), `ltl` (LTL*), or `bound` (UpperBounds: a number, not a verdict). */
  readonly logic: PropertyLogic;
  /** The formula (absent for `bound`), atoms carrying resolved `NetPredicate`s. */
  readonly formula?: Formula;
  /** UpperBounds: the places whose token sum is bounded. */
  readonly bound?: readonly number[];
}

export interface PropertyFile {
  readonly properties: ContestProperty[];
  readonly diagnostics: Diagnostic[];
}

class PropertyError extends Error {}

const COMPARISONS: Record<string, ComparisonOp> = {
  'integer-le': '<=',
  'integer-lt': '<',
  'integer-ge': '>=',
  'integer-gt': '>',
  'integer-eq': '=',
  'integer-ne': '!=',
};

/**
 * Reads the contest's property XML (`CTLCardinality.xml`, `LTLFireability.xml`,
 * `ReachabilityDeadlock.xml`, `UpperBounds.xml`, ...) into formulas of the temporal AST whose
 * atoms test markings of `net`. Malformed XML is PN100; an element the contest does not write (or
 * in the wrong place) PN106; a place/transition the net lacks PN205/PN206, each at its line and
 * column. A property with an error is left out (the others are still read).
 */
export function readPropertyXml(text: string, file: string, net: PetriNet): PropertyFile {
  const doc = parseXml(text, file);
  const diagnostics: Diagnostic[] = [...doc.diagnostics];
  const properties: ContestProperty[] = [];
  if (!doc.root) return { properties, diagnostics };
  const names = new NetNames(net);
  const bad = (element: XmlElement, message: string, hint?: string): never => {
    diagnostics.push(
      makeDiagnostic(PN.badProperty, message, elementSpan(doc, element), hint ? { hint } : {}),
    );
    throw new PropertyError();
  };
  const root = doc.root;
  const propertyElements =
    root.name === 'property-set' ? children(root, 'property') : root.name === 'property' ? [root] : [];
  if (propertyElements.length === 0) {
    diagnostics.push(
      makeDiagnostic(
        PN.badProperty,
        `expected <property-set> with <property> elements, found <${root.name}>`,
        elementSpan(doc, root),
        { hint: 'a Model Checking Contest property file, such as CTLFireability.xml' },
      ),
    );
    return { properties, diagnostics };
  }
  for (const element of propertyElements) {
    const id = children(element, 'id')[0]?.text.trim();
    if (!id) {
      diagnostics.push(
        makeDiagnostic(PN.missingAttribute, 'this <property> has no <id>', elementSpan(doc, element)),
      );
      continue;
    }
    const formulaElement = children(element, 'formula')[0];
    if (!formulaElement) {
      diagnostics.push(
        makeDiagnostic(PN.badProperty, `property ${id} has no <formula>`, elementSpan(doc, element)),
      );
      continue;
    }
    const before = diagnostics.length;
    try {
      const body = only(formulaElement, bad);
      if (body.name === 'place-bound') {
        const places = resolvePlaces(body, names, doc, diagnostics, bad);
        if (diagnostics.length === before) properties.push({ id, logic: 'bound', bound: places });
        continue;
      }
      const formula = new Translator(net, names, doc, diagnostics, bad).formula(body);
      if (diagnostics.length === before) properties.push({ id, logic: logicOf(id, formula), formula });
    } catch (error) {
      if (!(error instanceof PropertyError)) throw error;
    }
  }
  return { properties, diagnostics };
}

function logicOf(id: string, formula: Formula): PropertyLogic {
  if (/-LTL[A-Za-z]*-\d+$/.test(id)) return 'ltl';
  if (/-(CTL|Reachability)[A-Za-z]*-\d+$/.test(id)) return 'ctl';
  // No examination in the id: CTL when every temporal operator has its own path quantifier.
  const quantifiedOnlyAtTop = (g: Formula, top: boolean): boolean => {
    switch (g.kind) {
      case 'all':
      case 'exists':
        return top && quantifiedOnlyAtTop(g.arg, false);
      case 'atom':
      case 'true':
      case 'false':
        return true;
      case 'not':
      case 'next':
      case 'finally':
      case 'globally':
        return quantifiedOnlyAtTop(g.arg, false);
      default:
        return quantifiedOnlyAtTop(g.left, false) && quantifiedOnlyAtTop(g.right, false);
    }
  };
  return formula.kind === 'all' && quantifiedOnlyAtTop(formula, true) ? 'ltl' : 'ctl';
}

/** The one element child (whitespace aside), or PN106. */
function only(element: XmlElement, bad: (e: XmlElement, m: string, h?: string) => never): XmlElement {
  if (element.children.length !== 1)
    bad(element, `<${element.name}> must contain exactly one element, it has ${element.children.length}`);
  return element.children[0];
}

function resolvePlaces(
  element: XmlElement,
  names: NetNames,
  doc: XmlDocument,
  diagnostics: Diagnostic[],
  bad: (e: XmlElement, m: string, h?: string) => never,
): number[] {
  const places: number[] = [];
  for (const c of element.children) {
    if (c.name !== 'place') bad(c, `<${element.name}> lists <place> elements, not <${c.name}>`);
    const name = c.text.trim();
    const p = names.place(name);
    if (p === undefined) diagnostics.push(names.unknown('place', name, elementSpan(doc, c)));
    else places.push(p);
  }
  if (element.children.length === 0) bad(element, `<${element.name}> needs at least one <place>`);
  return places;
}

class Translator {
  constructor(
    private readonly net: PetriNet,
    private readonly names: NetNames,
    private readonly doc: XmlDocument,
    private readonly diagnostics: Diagnostic[],
    private readonly bad: (e: XmlElement, m: string, h?: string) => never,
  ) {}

  formula(e: XmlElement): Formula {
    const sub = () => this.formula(only(e, this.bad));
    const list = (): Formula[] => {
      if (e.children.length === 0) this.bad(e, `<${e.name}> needs at least one operand`);
      return e.children.map((c) => this.formula(c));
    };
    switch (e.name) {
      case 'true':
        return f.true();
      case 'false':
        return f.false();
      case 'negation':
        return f.not(sub());
      case 'conjunction':
        return list().reduce((a, b) => f.and(a, b));
      case 'disjunction':
        return list().reduce((a, b) => f.or(a, b));
      case 'exclusive-disjunction':
        return list().reduce((a, b) => f.not(f.iff(a, b)));
      case 'implication': {
        const [a, b] = this.pair(e);
        return f.implies(this.formula(a), this.formula(b));
      }
      case 'equivalence': {
        const [a, b] = this.pair(e);
        return f.iff(this.formula(a), this.formula(b));
      }
      case 'all-paths':
        return f.A(sub());
      case 'exists-path':
        return f.E(sub());
      case 'globally':
        return f.G(sub());
      case 'finally':
        return f.F(sub());
      case 'next':
        return f.X(sub());
      case 'until': {
        const before = children(e, 'before')[0];
        const reach = children(e, 'reach')[0];
        if (!before || !reach || e.children.length !== 2)
          this.bad(e, '<until> must contain <before> and <reach>');
        return f.U(this.formula(only(before, this.bad)), this.formula(only(reach, this.bad)));
      }
      case 'deadlock':
        return this.atom({ kind: 'deadlock' });
      case 'is-fireable': {
        if (e.children.length === 0) this.bad(e, '<is-fireable> needs at least one <transition>');
        const transitions: number[] = [];
        for (const c of e.children) {
          if (c.name !== 'transition')
            this.bad(c, `<is-fireable> lists <transition> elements, not <${c.name}>`);
          const name = c.text.trim();
          const t = this.names.transition(name);
          if (t === undefined)
            this.diagnostics.push(this.names.unknown('transition', name, elementSpan(this.doc, c)));
          else transitions.push(t);
        }
        return this.atom({ kind: 'fireable', transitions });
      }
      default: {
        const op = COMPARISONS[e.name];
        if (op !== undefined) {
          const [a, b] = this.pair(e);
          return this.atom({ kind: 'compare', op, left: this.term(a), right: this.term(b) });
        }
        return this.bad(
          e,
          `<${e.name}> is not an element of the contest's property language here`,
          e.name === 'place-bound' ? 'place-bound is a whole UpperBounds formula, not an operand' : undefined,
        );
      }
    }
  }

  private pair(e: XmlElement): [XmlElement, XmlElement] {
    if (e.children.length !== 2)
      this.bad(e, `<${e.name}> must contain exactly two elements, it has ${e.children.length}`);
    return [e.children[0], e.children[1]];
  }

  private term(e: XmlElement): NetTerm {
    switch (e.name) {
      case 'integer-constant': {
        const text = e.text.trim();
        if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
          this.diagnostics.push(
            makeDiagnostic(
              PN.notANumber,
              `<integer-constant> must hold a whole number, not "${text}"`,
              elementSpan(this.doc, e),
            ),
          );
          throw new PropertyError();
        }
        return { kind: 'constant', value: Number(text) };
      }
      case 'tokens-count':
        return {
          kind: 'tokens',
          places: resolvePlaces(e, this.names, this.doc, this.diagnostics, this.bad),
        };
      case 'integer-sum': {
        // A sum of token counts is one token count; constants in a sum are not supported.
        const places: number[] = [];
        for (const c of e.children) {
          const t = this.term(c);
          if (t.kind !== 'tokens') this.bad(c, 'only sums of <tokens-count> are supported');
          else places.push(...t.places);
        }
        return { kind: 'tokens', places };
      }
      default:
        return this.bad(e, `<${e.name}> is not an integer expression (integer-constant, tokens-count)`);
    }
  }

  private atom(predicate: NetPredicate): Formula {
    return predicateAtom(this.net, predicate);
  }
}
