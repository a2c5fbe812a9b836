/**
 * The Petri net view: the net drawn in SVG (places as circles with their tokens, transitions as
 * boxes, weighted arcs), the token game (click an enabled transition to fire it), the analysis
 * report as the CLI prints it, and the report's firing sequences replayed step by step.
 */
import { el, replaceChildren, svg } from '../dom.js';
import type { NetData } from '../worker/protocol.js';

export class PetriView {
  private net: NetData | undefined;
  private marking: number[] = [];
  private history: string[] = [];
  private replay: { title: string; sequence: readonly number[]; at: number } | undefined;
  private readonly drawing = el('div', { className: 'net-drawing' });
  private readonly side = el('div', { className: 'net-side' });
  private readonly report = el('pre', { className: 'net-report' });

  constructor(root: HTMLElement) {
    replaceChildren(
      root,
      el('div', { className: 'net-top' }, this.drawing, this.side),
      el('h3', null, 'Analysis'),
      this.report,
    );
    this.drawing.append(
      el('p', { className: 'muted' }, 'Open a net (.pnml, .pnet, LoLA) and run it to draw it here.'),
    );
  }

  show(net: NetData): void {
    this.net = net;
    this.marking = net.places.map((p) => p.tokens);
    this.history = [];
    this.replay = undefined;
    this.report.textContent = net.report.join('\n');
    this.render();
  }

  private enabled(t: number): boolean {
    const tr = this.net?.transitions[t];
    return !!tr && tr.pre.every((a) => this.marking[a.place] >= a.weight);
  }

  fire(t: number): boolean {
    const net = this.net;
    if (!net || !this.enabled(t)) return false;
    const tr = net.transitions[t];
    for (const a of tr.pre) this.marking[a.place] -= a.weight;
    for (const a of tr.post) this.marking[a.place] += a.weight;
    this.history.push(tr.id);
    this.render();
    return true;
  }

  private reset(): void {
    if (!this.net) return;
    this.marking = this.net.places.map((p) => p.tokens);
    this.history = [];
    this.replay = undefined;
    this.render();
  }

  private startReplay(index: number): void {
    const seq = this.net?.sequences[index];
    if (!seq || !this.net) return;
    this.marking = this.net.places.map((p) => p.tokens);
    this.history = [];
    this.replay = { title: seq.title, sequence: seq.sequence, at: 0 };
    this.render();
  }

  private replayStep(): void {
    const r = this.replay;
    if (!r || r.at >= r.sequence.length) return;
    if (this.fire(r.sequence[r.at])) {
      r.at++;
      this.render();
    }
  }

  private render(): void {
    const net = this.net;
    if (!net) return;
    const width = Math.max(300, ...net.places.map((p) => p.x + 80), ...net.transitions.map((t) => t.x + 80));
    const height = Math.max(200, ...net.places.map((p) => p.y + 60), ...net.transitions.map((t) => t.y + 60));
    const arcs: SVGElement[] = [];
    const arrow = (
      x1: number,
      y1: number,
      x2: number,
      y2: number,
      weight: number,
      shrinkFrom: number,
      shrinkTo: number,
    ) => {
      const d = Math.hypot(x2 - x1, y2 - y1) || 1;
      const ux = (x2 - x1) / d;
      const uy = (y2 - y1) / d;
      const a = { x: x1 + ux * shrinkFrom, y: y1 + uy * shrinkFrom };
      const b = { x: x2 - ux * shrinkTo, y: y2 - uy * shrinkTo };
      arcs.push(
        svg('line', { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: 'arc', 'marker-end': 'url(#arrow)' }),
      );
      if (weight !== 1)
        arcs.push(
          svg('text', { x: (a.x + b.x) / 2 + 4, y: (a.y + b.y) / 2 - 4, class: 'weight' }, String(weight)),
        );
    };
    net.transitions.forEach((t) => {
      for (const a of t.pre) {
        const p = net.places[a.place];
        arrow(p.x, p.y, t.x, t.y, a.weight, 18, 14);
      }
      for (const a of t.post) {
        const p = net.places[a.place];
        arrow(t.x, t.y, p.x, p.y, a.weight, 14, 18);
      }
    });
    const places = net.places.map((p, i) =>
      svg(
        'g',
        { class: 'place', 'data-place': p.id },
        svg(
          'title',
          {},
          `${p.id}${p.name && p.name !== p.id ? ` (${p.name})` : ''}: ${this.marking[i]} token(s)`,
        ),
        svg('circle', { cx: p.x, cy: p.y, r: 18 }),
        tokensOf(p.x, p.y, this.marking[i]),
        svg('text', { x: p.x, y: p.y + 32, class: 'label' }, p.name ?? p.id),
      ),
    );
    const transitions = net.transitions.map((t, i) => {
      const on = this.enabled(i);
      const g = svg(
        'g',
        {
          class: `transition${on ? ' enabled' : ''}`,
          'data-transition': t.id,
          role: 'button',
          tabindex: on ? 0 : -1,
        },
        svg('title', {}, `${t.id}${on ? ' (enabled: click to fire)' : ' (not enabled)'}`),
        svg('rect', { x: t.x - 10, y: t.y - 14, width: 20, height: 28 }),
        svg('text', { x: t.x, y: t.y + 28, class: 'label' }, t.name ?? t.id),
      );
      g.addEventListener('click', () => this.fire(i));
      g.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') this.fire(i);
      });
      return g;
    });
    replaceChildren(
      this.drawing,
      svg(
        'svg',
        // Scaled to the panel's width (the viewBox keeps proportions), never wider than drawn.
        { viewBox: `0 0 ${width} ${height}`, class: 'net-svg', style: `max-width:${width}px` },
        svg(
          'defs',
          {},
          svg(
            'marker',
            {
              id: 'arrow',
              viewBox: '0 0 10 10',
              refX: 9,
              refY: 5,
              markerWidth: 7,
              markerHeight: 7,
              orient: 'auto-start-reverse',
            },
            svg('path', { d: 'M 0 0 L 10 5 L 0 10 z' }),
          ),
        ),
        ...arcs,
        ...places,
        ...transitions,
      ),
    );
    const enabled = net.transitions.filter((_, i) => this.enabled(i)).map((t) => t.id);
    const r = this.replay;
    replaceChildren(
      this.side,
      el('div', { className: 'net-name' }, `net ${net.name}`),
      el(
        'div',
        { className: 'fired' },
        `Fired: ${this.history.length === 0 ? '(nothing yet)' : this.history.join(' → ')}`,
      ),
      el(
        'div',
        { className: enabled.length === 0 ? 'error' : '' },
        enabled.length === 0 ? 'Dead marking: no transition is enabled.' : `Enabled: ${enabled.join(', ')}`,
      ),
      el('button', { className: 'reset', onClick: () => this.reset() }, 'Reset to the initial marking'),
      net.sequences.length > 0 ? el('h4', null, 'Firing sequences from the report') : null,
      ...net.sequences.map((s, i) =>
        el(
          'div',
          { className: 'sequence' },
          el('button', { className: 'play-sequence', onClick: () => this.startReplay(i) }, 'Play'),
          ` ${s.title}: ${s.sequence.length === 0 ? '(empty: the initial marking)' : s.sequence.map((t) => net.transitions[t]?.id).join(' ')}`,
        ),
      ),
      r
        ? el(
            'div',
            { className: 'replay' },
            `Replaying ${r.title}: step ${r.at} of ${r.sequence.length} `,
            el(
              'button',
              {
                className: 'replay-next',
                onClick: () => this.replayStep(),
                attrs: r.at >= r.sequence.length ? { disabled: '' } : {},
              },
              r.at < r.sequence.length ? `Fire ${net.transitions[r.sequence[r.at]]?.id}` : 'Done',
            ),
          )
        : null,
    );
  }
}

function tokensOf(x: number, y: number, n: number): SVGElement {
  if (n === 0) return svg('g', {});
  if (n <= 4) {
    const spots = [[0, 0]],
      pairs = [
        [-5, 0],
        [5, 0],
      ],
      triple = [
        [-5, 4],
        [5, 4],
        [0, -5],
      ],
      quad = [
        [-5, -5],
        [5, -5],
        [-5, 5],
        [5, 5],
      ];
    const at = [spots, pairs, triple, quad][n - 1];
    return svg(
      'g',
      { class: 'tokens' },
      ...at.map(([dx, dy]) => svg('circle', { cx: x + dx, cy: y + dy, r: 3.5, class: 'token' })),
    );
  }
  return svg('text', { x, y: y + 4, class: 'token-count' }, String(n));
}
