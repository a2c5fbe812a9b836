/**
 * The state graph, drawn on a canvas (a few thousand states stay smooth where SVG would not):
 * positions come from the worker (ForceAtlas2 on the graphology graph), edges are labelled by
 * action when there are few enough to read, states are coloured by an invariant or by the truth of
 * the last formula, the counterexample path is drawn over the rest, and clicking a state shows it.
 * Drag to pan, wheel to zoom.
 */
import { el, replaceChildren } from '../dom.js';
import type { GraphData, GraphNode } from '../worker/protocol.js';

const ACTION_COLOURS = [
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#b07aa1',
  '#9c755f',
  '#76b7b2',
  '#edc948',
  '#ff9da7',
  '#bab0ac',
];

export class GraphView {
  private graph: GraphData | undefined;
  private readonly canvas = el('canvas', { className: 'graph-canvas' });
  private readonly info = el('div', { className: 'graph-info' });
  private readonly status = el('div', { className: 'graph-status muted' });
  private readonly colourBy = el('select', {
    className: 'colour-by',
    attrs: { 'aria-label': 'Colour states by' },
  });
  private readonly legend = el('div', { className: 'legend' });
  private scale = 1;
  private offset = { x: 0, y: 0 };
  private selected: number | undefined;
  private pathKeys: string[] = [];
  private formulaStates: Set<number> | undefined;
  private frame = 0;
  private byId = new Map<number, GraphNode>();

  constructor(root: HTMLElement, onRequest: () => void) {
    this.colourBy.addEventListener('change', () => this.draw());
    const toolbar = el(
      'div',
      { className: 'toolbar' },
      el('button', { className: 'draw-graph', onClick: () => onRequest() }, 'Draw the state graph'),
      el('label', null, 'colour: ', this.colourBy),
      el('button', { onClick: () => this.fit() }, 'Fit'),
    );
    replaceChildren(
      root,
      toolbar,
      this.status,
      el('div', { className: 'graph-body' }, this.canvas, this.info),
      this.legend,
    );
    this.status.textContent = 'Run a spec, then draw its state graph (up to a few thousand states).';
    this.wireMouse();
    new ResizeObserver(() => this.draw()).observe(this.canvas);
  }

  get nodeCount(): number {
    return this.graph?.nodes.length ?? 0;
  }

  setStatus(text: string): void {
    this.status.textContent = text;
  }

  /** The counterexample, as one key per state (variable texts in order). */
  setPath(keys: string[]): void {
    this.pathKeys = keys;
    this.draw();
  }

  /** States where the last formula holds (graph ids), or undefined. */
  setFormulaStates(states: readonly number[] | undefined): void {
    this.formulaStates = states ? new Set(states) : undefined;
    this.fillColourOptions();
    if (states) this.colourBy.value = 'formula';
    this.draw();
  }

  show(graph: GraphData): void {
    this.graph = graph;
    this.byId = new Map(graph.nodes.map((n) => [n.id, n] as const));
    this.selected = undefined;
    this.fillColourOptions();
    // Colour by the first invariant some state violates (else the first one), when there are any.
    const violated = graph.invariants.findIndex((_, i) => graph.nodes.some((n) => n.invariants[i] === false));
    if (graph.invariants.length > 0) this.colourBy.value = `inv:${Math.max(0, violated)}`;
    this.status.textContent = `${graph.nodes.length} states, ${graph.edges.length} transitions.${graph.message ? ` ${graph.message}` : ''}`;
    const actions = [...new Set(graph.edges.map((e) => e.action.replace(/\(.*$/, '')))];
    replaceChildren(
      this.legend,
      ...actions.slice(0, 12).map((a, i) =>
        el(
          'span',
          { className: 'legend-item' },
          el('span', {
            className: 'swatch',
            attrs: { style: `background:${ACTION_COLOURS[i % ACTION_COLOURS.length]}` },
          }),
          a,
        ),
      ),
    );
    replaceChildren(this.info, el('p', { className: 'muted' }, 'Click a state to see it.'));
    this.fit();
  }

  private fillColourOptions(): void {
    const current = this.colourBy.value;
    const options = [el('option', { attrs: { value: '' } }, 'initial / other')];
    for (const [i, name] of (this.graph?.invariants ?? []).entries())
      options.push(el('option', { attrs: { value: `inv:${i}` } }, `invariant ${name}`));
    if (this.formulaStates) options.push(el('option', { attrs: { value: 'formula' } }, 'formula holds'));
    replaceChildren(this.colourBy, ...options);
    if ([...this.colourBy.options].some((o) => o.value === current)) this.colourBy.value = current;
    else if ((this.graph?.invariants.length ?? 0) > 0) this.colourBy.value = 'inv:0';
  }

  private keyOf(node: GraphNode): string {
    return (this.graph?.variables ?? []).map((v) => node.values[v]).join('\u0000');
  }

  private fit(): void {
    const g = this.graph;
    if (!g || g.nodes.length === 0) {
      this.draw();
      return;
    }
    let minX = Infinity,
      maxX = -Infinity,
      minY = Infinity,
      maxY = -Infinity;
    for (const n of g.nodes) {
      minX = Math.min(minX, n.x);
      maxX = Math.max(maxX, n.x);
      minY = Math.min(minY, n.y);
      maxY = Math.max(maxY, n.y);
    }
    const w = this.canvas.clientWidth || 600;
    const h = this.canvas.clientHeight || 400;
    this.scale = Math.min((w - 60) / Math.max(1, maxX - minX), (h - 60) / Math.max(1, maxY - minY), 60);
    this.offset = {
      x: w / 2 - ((minX + maxX) / 2) * this.scale,
      y: h / 2 - ((minY + maxY) / 2) * this.scale,
    };
    this.draw();
  }

  private screen(n: { x: number; y: number }) {
    return { x: n.x * this.scale + this.offset.x, y: n.y * this.scale + this.offset.y };
  }

  private wireMouse(): void {
    let drag: { x: number; y: number; moved: boolean } | undefined;
    this.canvas.addEventListener('mousedown', (e) => {
      drag = { x: e.clientX, y: e.clientY, moved: false };
    });
    window.addEventListener('mousemove', (e) => {
      if (!drag) return;
      const dx = e.clientX - drag.x;
      const dy = e.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 2) drag.moved = true;
      this.offset = { x: this.offset.x + dx, y: this.offset.y + dy };
      drag.x = e.clientX;
      drag.y = e.clientY;
      if (drag.moved) this.draw();
    });
    window.addEventListener('mouseup', (e) => {
      if (drag && !drag.moved && e.target === this.canvas) this.pick(e);
      drag = undefined;
    });
    this.canvas.addEventListener(
      'wheel',
      (e) => {
        e.preventDefault();
        const rect = this.canvas.getBoundingClientRect();
        const mx = e.clientX - rect.left;
        const my = e.clientY - rect.top;
        const factor = Math.exp(-e.deltaY * 0.0015);
        this.offset = { x: mx - (mx - this.offset.x) * factor, y: my - (my - this.offset.y) * factor };
        this.scale *= factor;
        this.draw();
      },
      { passive: false },
    );
  }

  private pick(e: MouseEvent): void {
    const g = this.graph;
    if (!g) return;
    const rect = this.canvas.getBoundingClientRect();
    const mx = e.clientX - rect.left;
    const my = e.clientY - rect.top;
    let best: GraphNode | undefined;
    let bestD = 14 * 14;
    for (const n of g.nodes) {
      const p = this.screen(n);
      const d = (p.x - mx) ** 2 + (p.y - my) ** 2;
      if (d < bestD) {
        bestD = d;
        best = n;
      }
    }
    if (best) this.selectNode(best.id);
  }

  selectNode(id: number): void {
    const g = this.graph;
    const node = this.byId.get(id);
    if (!g || !node) return;
    this.selected = id;
    const out = g.edges.filter((e) => e.from === id);
    replaceChildren(
      this.info,
      el('div', { className: 'state-title' }, `State ${id}${node.initial ? ' (initial)' : ''}`),
      el(
        'table',
        null,
        el(
          'tbody',
          null,
          ...g.variables.map((v) => el('tr', null, el('th', null, v), el('td', null, node.values[v] ?? ''))),
        ),
      ),
      g.invariants.length > 0
        ? el(
            'ul',
            { className: 'invariants' },
            ...g.invariants.map((name, i) =>
              el(
                'li',
                { className: node.invariants[i] === false ? 'error' : '' },
                `${name}: ${node.invariants[i] === null ? 'cannot be evaluated' : node.invariants[i] ? 'holds' : 'violated'}`,
              ),
            ),
          )
        : null,
      el(
        'div',
        { className: 'successors' },
        out.length === 0 ? 'No successors (deadlock).' : 'Successors: ',
        ...out.map((e) =>
          el('button', { className: 'link', onClick: () => this.selectNode(e.to) }, `${e.action} → ${e.to}`),
        ),
      ),
    );
    this.draw();
  }

  private colourOf(node: GraphNode): string {
    const by = this.colourBy.value;
    if (by.startsWith('inv:')) {
      const v = node.invariants[Number(by.slice(4))];
      return v === false ? '#d62728' : v === null ? '#999' : '#2ca02c';
    }
    if (by === 'formula' && this.formulaStates)
      return this.formulaStates.has(node.id) ? '#2ca02c' : '#d62728';
    return node.initial ? '#1f77b4' : '#aec7e8';
  }

  private draw(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.paint();
    });
  }

  private paint(): void {
    const canvas = this.canvas;
    const dpr = window.devicePixelRatio || 1;
    const w = canvas.clientWidth;
    const h = canvas.clientHeight;
    if (w === 0 || h === 0) return;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    const g = this.graph;
    if (!g) return;
    const actions = [...new Set(g.edges.map((e) => e.action.replace(/\(.*$/, '')))];
    const colourOfAction = new Map(
      actions.map((a, i) => [a, ACTION_COLOURS[i % ACTION_COLOURS.length]] as const),
    );
    const pathIds: number[] = [];
    if (this.pathKeys.length > 0) {
      const byKey = new Map(g.nodes.map((n) => [this.keyOf(n), n.id] as const));
      for (const k of this.pathKeys) {
        const id = byKey.get(k);
        if (id !== undefined) pathIds.push(id);
      }
    }
    const onPath = new Set<string>();
    for (let i = 1; i < pathIds.length; i++) onPath.add(`${pathIds[i - 1]}>${pathIds[i]}`);
    const labels = g.edges.length <= 300 || this.scale > 20;
    ctx.lineWidth = 1;
    ctx.font = '10px sans-serif';
    for (const e of g.edges) {
      const a = this.byId.get(e.from);
      const b = this.byId.get(e.to);
      if (!a || !b) continue;
      const p = this.screen(a);
      const q = this.screen(b);
      const colour = colourOfAction.get(e.action.replace(/\(.*$/, '')) ?? '#888';
      ctx.strokeStyle = colour;
      ctx.globalAlpha = pathIds.length > 0 ? 0.35 : 0.7;
      ctx.beginPath();
      if (a === b) ctx.arc(p.x + 6, p.y - 6, 6, 0, Math.PI * 2);
      else {
        ctx.moveTo(p.x, p.y);
        ctx.lineTo(q.x, q.y);
        arrowHead(ctx, p, q);
      }
      ctx.stroke();
      if (labels && a !== b) {
        ctx.globalAlpha = 0.9;
        ctx.fillStyle = '#333';
        ctx.fillText(e.action, (p.x + q.x) / 2 + 3, (p.y + q.y) / 2 - 3);
      }
    }
    ctx.globalAlpha = 1;
    if (pathIds.length > 1) {
      ctx.strokeStyle = '#ff7f0e';
      ctx.lineWidth = 3;
      for (let i = 1; i < pathIds.length; i++) {
        const a = this.byId.get(pathIds[i - 1]);
        const b = this.byId.get(pathIds[i]);
        if (!a || !b) continue;
        const p = this.screen(a);
        const q = this.screen(b);
        ctx.beginPath();
        ctx.moveTo(p.x, p.y);
        ctx.lineTo(q.x, q.y);
        arrowHead(ctx, p, q);
        ctx.stroke();
      }
    }
    const pathSet = new Set(pathIds);
    const r = Math.max(2.5, Math.min(8, this.scale * 0.6 + 2));
    for (const n of g.nodes) {
      const p = this.screen(n);
      if (p.x < -10 || p.y < -10 || p.x > w + 10 || p.y > h + 10) continue;
      ctx.fillStyle = this.colourOf(n);
      ctx.beginPath();
      ctx.arc(p.x, p.y, pathSet.has(n.id) ? r + 2 : r, 0, Math.PI * 2);
      ctx.fill();
      if (pathSet.has(n.id) || n.id === this.selected) {
        ctx.lineWidth = 2;
        ctx.strokeStyle = n.id === this.selected ? '#000' : '#ff7f0e';
        ctx.stroke();
      }
    }
  }
}

function arrowHead(
  ctx: CanvasRenderingContext2D,
  p: { x: number; y: number },
  q: { x: number; y: number },
): void {
  const angle = Math.atan2(q.y - p.y, q.x - p.x);
  const tip = { x: q.x - Math.cos(angle) * 6, y: q.y - Math.sin(angle) * 6 };
  ctx.moveTo(tip.x, tip.y);
  ctx.lineTo(tip.x - Math.cos(angle - 0.4) * 6, tip.y - Math.sin(angle - 0.4) * 6);
  ctx.moveTo(tip.x, tip.y);
  ctx.lineTo(tip.x - Math.cos(angle + 0.4) * 6, tip.y - Math.sin(angle + 0.4) * 6);
}
