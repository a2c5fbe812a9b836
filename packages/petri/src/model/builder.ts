import { closestNames, type Diagnostic, makeDiagnostic, type SourceSpan } from '@modelcheck/core';
import { PN } from '../diagnostic-codes.js';
import type { ArcEnd, Marking, PetriNet, Place, Transition } from './net.js';

interface PendingArc {
  readonly source: string;
  readonly target: string;
  readonly weight: number;
  readonly span?: SourceSpan;
}

/**
 * Collects places, transitions and arcs by id in any order (PNML lists arcs anywhere, pages nest),
 * then checks them and builds a `PetriNet`. Every problem becomes a located `Diagnostic`; `build`
 * returns no net when there is an error.
 */
export class NetBuilder {
  readonly diagnostics: Diagnostic[] = [];
  private readonly places: Place[] = [];
  private readonly transitions: Transition[] = [];
  private readonly initial: number[] = [];
  private readonly placeIndex = new Map<string, number>();
  private readonly transitionIndex = new Map<string, number>();
  private readonly arcs: PendingArc[] = [];
  private readonly finals: { tokens: Map<string, number>; span?: SourceSpan }[] = [];

  constructor(
    readonly id: string,
    readonly name?: string,
  ) {}

  error(code: string, message: string, span?: SourceSpan, hint?: string): void {
    this.diagnostics.push(makeDiagnostic(code, message, span, { hint }));
  }

  warning(code: string, message: string, span?: SourceSpan): void {
    this.diagnostics.push(makeDiagnostic(code, message, span, { severity: 'warning' }));
  }

  hasPlace(id: string): boolean {
    return this.placeIndex.has(id);
  }

  /**
   * Adds a place. The same id twice is accepted when it is the same place repeated (WoPeD copies
   * the border places of a subprocess into its page); the tokens are then those of the first.
   */
  addPlace(id: string, tokens: number, name?: string, span?: SourceSpan, repeatAllowed = false): void {
    if (this.transitionIndex.has(id)) {
      this.error(PN.duplicateId, `id ${id} is used by a transition and by a place`, span);
      return;
    }
    if (this.placeIndex.has(id)) {
      if (!repeatAllowed) this.error(PN.duplicateId, `two places have the id ${id}`, span);
      return;
    }
    if (tokens < 0 || !Number.isInteger(tokens)) {
      this.error(PN.badMarking, `place ${id} has ${tokens} tokens; a marking is a whole number ≥ 0`, span);
      tokens = 0;
    }
    this.placeIndex.set(id, this.places.length);
    this.places.push(name !== undefined && name !== id ? { id, name, span } : { id, span });
    this.initial.push(tokens);
  }

  addTransition(
    id: string,
    name?: string,
    span?: SourceSpan,
    invisible = false,
    repeatAllowed = false,
  ): void {
    if (this.placeIndex.has(id)) {
      this.error(PN.duplicateId, `id ${id} is used by a place and by a transition`, span);
      return;
    }
    if (this.transitionIndex.has(id)) {
      if (!repeatAllowed) this.error(PN.duplicateId, `two transitions have the id ${id}`, span);
      return;
    }
    this.transitionIndex.set(id, this.transitions.length);
    const t: { id: string; name?: string; invisible?: boolean; span?: SourceSpan } = { id, span };
    if (name !== undefined && name !== id) t.name = name;
    if (invisible) t.invisible = true;
    this.transitions.push(t);
  }

  addArc(source: string, target: string, weight: number, span?: SourceSpan): void {
    this.arcs.push({ source, target, weight, span });
  }

  addFinalMarking(tokens: Map<string, number>, span?: SourceSpan): void {
    this.finals.push({ tokens, span });
  }

  build(): PetriNet | undefined {
    const pre: Map<number, number>[] = this.transitions.map(() => new Map());
    const post: Map<number, number>[] = this.transitions.map(() => new Map());
    let arcCount = 0;
    for (const arc of this.arcs) {
      const sp = this.placeIndex.get(arc.source);
      const st = this.transitionIndex.get(arc.source);
      const tp = this.placeIndex.get(arc.target);
      const tt = this.transitionIndex.get(arc.target);
      if (sp === undefined && st === undefined) {
        this.unknown(arc.source, 'source', arc.span);
        continue;
      }
      if (tp === undefined && tt === undefined) {
        this.unknown(arc.target, 'target', arc.span);
        continue;
      }
      if ((sp !== undefined && tp !== undefined) || (st !== undefined && tt !== undefined)) {
        const kind = sp !== undefined ? 'places' : 'transitions';
        this.error(PN.arcKind, `the arc ${arc.source} -> ${arc.target} joins two ${kind}`, arc.span);
        continue;
      }
      if (!Number.isInteger(arc.weight) || arc.weight <= 0) {
        this.error(
          PN.badWeight,
          `the arc ${arc.source} -> ${arc.target} has weight ${arc.weight}; a weight is a whole number ≥ 1`,
          arc.span,
        );
        continue;
      }
      arcCount++;
      const map = sp !== undefined ? pre[tt as number] : post[st as number];
      const place = sp !== undefined ? sp : (tp as number);
      map.set(place, (map.get(place) ?? 0) + arc.weight);
    }
    const finalMarkings: Marking[] = [];
    for (const final of this.finals) {
      const m = new Array<number>(this.places.length).fill(0);
      for (const [id, n] of final.tokens) {
        const p = this.placeIndex.get(id);
        if (p === undefined) this.unknown(id, 'final marking', final.span);
        else m[p] += n;
      }
      finalMarkings.push(m);
    }
    if (this.diagnostics.some((d) => d.severity === 'error')) return undefined;
    const sorted = (m: Map<number, number>): ArcEnd[] =>
      [...m.entries()].sort((a, b) => a[0] - b[0]).map(([place, weight]) => ({ place, weight }));
    const net: {
      id: string;
      name?: string;
      places: Place[];
      transitions: Transition[];
      pre: ArcEnd[][];
      post: ArcEnd[][];
      initialMarking: number[];
      finalMarkings: Marking[];
      arcCount: number;
    } = {
      id: this.id,
      places: this.places,
      transitions: this.transitions,
      pre: pre.map(sorted),
      post: post.map(sorted),
      initialMarking: this.initial,
      finalMarkings,
      arcCount,
    };
    if (this.name !== undefined) net.name = this.name;
    return net;
  }

  private unknown(id: string, role: string, span?: SourceSpan): void {
    const names = [...this.placeIndex.keys(), ...this.transitionIndex.keys()];
    const close = closestNames(id, names, 1);
    this.error(
      PN.unknownNode,
      `the ${role} ${id} is neither a place nor a transition of the net`,
      span,
      close.length > 0 ? `did you mean ${close[0]}?` : undefined,
    );
  }
}
