import type { Diagnostic, SourceSpan } from '@modelcheck/core';
import { PN } from '../diagnostic-codes.js';
import { NetBuilder } from '../model/builder.js';
import type { PetriNet } from '../model/net.js';
import { child, children, elementSpan, parseXml, type XmlDocument, type XmlElement } from './xml-tree.js';

export interface NetReadResult {
  /** The net, unless there was an error. */
  readonly net?: PetriNet;
  readonly diagnostics: Diagnostic[];
}

const UNSUPPORTED_TYPE = /symmetric|highlevel|hlpn|hlpng|colou?red|pt-hlpng|timed|stochastic/i;
const UNSUPPORTED_ARC = /inhibitor|reset|read|test|transfer/i;

/**
 * Reads a PNML document (ISO/IEC 15909-2) holding a place/transition net. Tolerates the dialects
 * found in the wild: no `<page>` (WoPeD), nested pages and WoPeD subprocesses (`page > net`, whose
 * border places repeat the outer ones: merged by id), `referencePlace`/`referenceTransition`,
 * NUPN and other `<toolspecific>` blocks (ignored), ProM's `<finalmarkings>` and `$invisible$`
 * transitions, `<text>` or `<value>` for numbers. Rejects what is not a P/T net (coloured nets,
 * inhibitor, reset or read arcs) with `PN105` rather than reading it wrongly.
 */
export function readPnml(text: string, file = '<pnml>'): NetReadResult {
  const doc = parseXml(text, file);
  if (!doc.root) return { diagnostics: doc.diagnostics };
  const root = doc.root;
  const nets = root.name === 'net' ? [root] : root.name === 'pnml' ? children(root, 'net') : [];
  const diagnostics: Diagnostic[] = [...doc.diagnostics];
  if (nets.length === 0) {
    diagnostics.push({
      code: PN.noNet,
      severity: 'error',
      message:
        root.name === 'pnml'
          ? 'the PNML file has no <net> element'
          : `expected a <pnml> document, found <${root.name}>`,
      span: elementSpan(doc, root),
    });
    return { diagnostics };
  }
  const netElement = nets[0];
  const builder = new NetBuilder(netElement.attributes.id ?? 'net', textOf(child(netElement, 'name')));
  if (nets.length > 1)
    builder.warning(
      PN.severalNets,
      `the file holds ${nets.length} nets; only the first (${builder.id}) is read`,
      elementSpan(doc, nets[1]),
    );
  const type = netElement.attributes.type ?? '';
  if (UNSUPPORTED_TYPE.test(type)) {
    builder.error(
      PN.unsupported,
      `net type ${type} is not a place/transition net; only P/T nets are supported`,
      elementSpan(doc, netElement),
    );
    return { diagnostics: [...diagnostics, ...builder.diagnostics] };
  }
  new PnmlWalker(doc, builder).walk(netElement, false);
  const net = builder.build();
  return { net, diagnostics: [...diagnostics, ...builder.diagnostics] };
}

function textOf(element: XmlElement | undefined): string | undefined {
  if (!element) return undefined;
  const inner = child(element, 'text') ?? child(element, 'value');
  const raw = inner ? inner.text : element.text;
  const trimmed = raw.trim();
  return trimmed === '' ? undefined : trimmed;
}

class PnmlWalker {
  private readonly aliases = new Map<string, string>();
  private readonly arcs: { source: string; target: string; weight: number; span: SourceSpan }[] = [];

  constructor(
    private readonly doc: XmlDocument,
    private readonly builder: NetBuilder,
  ) {}

  walk(container: XmlElement, nested: boolean): void {
    this.visit(container, nested);
    for (const arc of this.arcs) {
      this.builder.addArc(this.resolve(arc.source), this.resolve(arc.target), arc.weight, arc.span);
    }
  }

  private resolve(id: string): string {
    for (let i = 0; i < 100 && this.aliases.has(id); i++) id = this.aliases.get(id) as string;
    return id;
  }

  private span(element: XmlElement): SourceSpan {
    return elementSpan(this.doc, element);
  }

  private visit(container: XmlElement, nested: boolean): void {
    for (const element of container.children) {
      switch (element.name) {
        case 'page':
          this.visit(element, nested);
          break;
        case 'net':
          // WoPeD: a subprocess's page holds a <net> whose border places repeat the outer ones.
          this.visit(element, true);
          break;
        case 'place':
          this.place(element, nested);
          break;
        case 'transition':
          this.transition(element, nested);
          break;
        case 'arc':
          this.arc(element);
          break;
        case 'referencePlace':
        case 'referenceTransition': {
          const id = this.id(element);
          const ref = element.attributes.ref;
          if (id !== undefined && ref !== undefined) this.aliases.set(id, ref);
          else if (ref === undefined) this.missing(element, 'ref');
          break;
        }
        case 'finalmarkings':
          this.finalMarkings(element);
          break;
        case 'declaration':
        case 'declarations':
          this.builder.error(
            PN.unsupported,
            'the net has declarations (sorts, variables): a coloured net; only P/T nets are supported',
            this.span(element),
          );
          break;
        default:
          // name, graphics, toolspecific (NUPN units, WoPeD layout, ProM ids): not part of the net.
          break;
      }
    }
  }

  private id(element: XmlElement): string | undefined {
    const id = element.attributes.id;
    if (id === undefined || id === '') {
      this.missing(element, 'id');
      return undefined;
    }
    return id;
  }

  private missing(element: XmlElement, attribute: string): void {
    this.builder.error(
      PN.missingAttribute,
      `<${element.name}> has no ${attribute} attribute`,
      this.span(element),
    );
  }

  private number(element: XmlElement | undefined, what: string, fallback: number): number {
    if (!element) return fallback;
    const text = textOf(element);
    if (text === undefined) return fallback;
    if (!/^[+-]?\d+$/.test(text)) {
      this.builder.error(PN.notANumber, `${what} is "${text}", not a whole number`, this.span(element));
      return fallback;
    }
    const n = Number(text);
    if (!Number.isSafeInteger(n) || n > 0x7fffffff) {
      this.builder.error(PN.tooManyTokens, `${what} is ${text}, more than 2^31 - 1`, this.span(element));
      return fallback;
    }
    return n;
  }

  private rejectHighLevel(element: XmlElement, label: string): boolean {
    const high = child(element, label);
    if (!high) return false;
    this.builder.error(
      PN.unsupported,
      `<${label}> belongs to a coloured (high-level) net; only P/T nets are supported`,
      this.span(high),
    );
    return true;
  }

  private place(element: XmlElement, nested: boolean): void {
    const id = this.id(element);
    if (id === undefined) return;
    if (this.rejectHighLevel(element, 'hlinitialMarking')) return;
    const type = child(element, 'type');
    if (type && child(type, 'structure')) {
      this.builder.error(
        PN.unsupported,
        `place ${id} has a sort (<type>): a coloured net; only P/T nets are supported`,
        this.span(type),
      );
      return;
    }
    const tokens = this.number(child(element, 'initialMarking'), `the initial marking of place ${id}`, 0);
    this.builder.addPlace(id, tokens, textOf(child(element, 'name')), this.span(element), nested);
  }

  private transition(element: XmlElement, nested: boolean): void {
    const id = this.id(element);
    if (id === undefined) return;
    if (this.rejectHighLevel(element, 'condition')) return;
    const invisible = children(element, 'toolspecific').some((t) => t.attributes.activity === '$invisible$');
    this.builder.addTransition(id, textOf(child(element, 'name')), this.span(element), invisible, nested);
  }

  private arc(element: XmlElement): void {
    const source = element.attributes.source;
    const target = element.attributes.target;
    if (source === undefined || target === undefined) {
      this.missing(element, source === undefined ? 'source' : 'target');
      return;
    }
    if (this.rejectHighLevel(element, 'hlinscription')) return;
    const kinds = [
      element.attributes.type,
      child(element, 'type')?.attributes.value,
      textOf(child(element, 'type')),
      textOf(child(element, 'arctype')),
      ...children(element, 'toolspecific').map((t) => textOf(child(t, 'arctype'))),
    ];
    for (const kind of kinds) {
      if (kind !== undefined && UNSUPPORTED_ARC.test(kind)) {
        this.builder.error(
          PN.unsupported,
          `the arc ${source} -> ${target} is a ${kind} arc; only ordinary (weighted) arcs are supported`,
          this.span(element),
        );
        return;
      }
    }
    const weight = this.number(child(element, 'inscription'), `the weight of arc ${source} -> ${target}`, 1);
    this.arcs.push({ source, target, weight, span: this.span(element) });
  }

  private finalMarkings(element: XmlElement): void {
    for (const marking of children(element, 'marking')) {
      const tokens = new Map<string, number>();
      for (const place of children(marking, 'place')) {
        const idref = place.attributes.idref;
        if (idref === undefined) {
          this.missing(place, 'idref');
          continue;
        }
        const n = this.number(place, `the final marking of place ${idref}`, 0);
        if (n > 0) tokens.set(this.resolve(idref), (tokens.get(idref) ?? 0) + n);
      }
      this.builder.addFinalMarking(tokens, this.span(marking));
    }
  }
}
