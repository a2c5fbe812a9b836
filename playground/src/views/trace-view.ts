/**
 * The trace explorer: the steps of a counterexample (each with its action; clicking one highlights
 * the action in the editor), the variables of the selected state with what changed marked deep
 * inside values, an option to hide unchanged variables, the loop of a lasso marked, arrow keys to
 * step, and ITF export/import.
 */
import type { SourceSpan } from '@modelcheck/core';
import { download, el, replaceChildren } from '../dom.js';
import { renderValue, valuesEqual } from './value-view.js';

export interface TraceStepData {
  readonly action: string | null;
  readonly location?: string;
  readonly span?: SourceSpan;
  /** Variable -> ITF JSON value. */
  readonly values: Readonly<Record<string, unknown>>;
}

export interface TraceData {
  readonly title: string;
  readonly variables: readonly string[];
  readonly steps: readonly TraceStepData[];
  readonly loopStart?: number;
  readonly stuttering?: boolean;
  /** The ITF document, for export. */
  readonly itf?: unknown;
}

export interface TraceCallbacks {
  onSelect(step: number): void;
  onAction(span: SourceSpan): void;
}

export class TraceView {
  private trace: TraceData | undefined;
  private selected = -1;
  private hideUnchanged = false;
  private readonly list = el('ol', { className: 'steps', attrs: { 'aria-label': 'Steps' } });
  private readonly table = el('div', { className: 'vars' });
  private readonly header = el('div', { className: 'trace-header' });

  constructor(
    root: HTMLElement,
    private readonly callbacks: TraceCallbacks,
  ) {
    const fileInput = el('input', { attrs: { type: 'file', accept: '.json,.itf.json', hidden: '' } });
    fileInput.addEventListener('change', () => {
      const file = fileInput.files?.[0];
      if (file) void file.text().then((text) => this.importItf(text));
      fileInput.value = '';
    });
    const hide = el('input', { attrs: { type: 'checkbox', id: 'hide-unchanged' } });
    hide.addEventListener('change', () => {
      this.hideUnchanged = hide.checked;
      this.renderState();
    });
    const toolbar = el(
      'div',
      { className: 'toolbar' },
      el('label', null, hide, ' hide unchanged variables'),
      el('button', { className: 'export-itf', onClick: () => this.exportItf() }, 'Export ITF'),
      el('button', { className: 'import-itf', onClick: () => fileInput.click() }, 'Import ITF…'),
      fileInput,
    );
    replaceChildren(
      root,
      this.header,
      toolbar,
      el('div', { className: 'trace-body' }, this.list, this.table),
    );
    root.tabIndex = 0;
    root.addEventListener('keydown', (e) => this.onKey(e));
    this.renderEmpty();
  }

  private renderEmpty(): void {
    replaceChildren(
      this.header,
      el(
        'p',
        { className: 'muted' },
        'No counterexample yet: run a spec that violates a property, or import an ITF trace.',
      ),
    );
    replaceChildren(this.list);
    replaceChildren(this.table);
  }

  get current(): TraceData | undefined {
    return this.trace;
  }

  get step(): number {
    return this.selected;
  }

  show(trace: TraceData | undefined, step = 0): void {
    this.trace = trace;
    if (!trace || trace.steps.length === 0) {
      this.selected = -1;
      this.renderEmpty();
      return;
    }
    replaceChildren(this.header, el('p', { className: 'trace-title' }, trace.title));
    this.renderList();
    this.select(Math.min(Math.max(0, step), trace.steps.length - 1), false);
  }

  private renderList(): void {
    const trace = this.trace;
    if (!trace) return;
    const items = trace.steps.map((s, i) =>
      el(
        'li',
        {
          className: `step${trace.loopStart === i ? ' loop-start' : ''}${trace.loopStart !== undefined && i >= trace.loopStart ? ' in-loop' : ''}`,
          dataset: { step: String(i) },
          onClick: () => this.select(i, true),
        },
        el('span', { className: 'step-no' }, `State ${i + 1}`),
        ' ',
        el('span', { className: 'step-action' }, s.action === null ? '<Initial predicate>' : `<${s.action}>`),
        trace.loopStart === i
          ? el('span', { className: 'loop-badge', title: 'The behaviour loops back here' }, ' ⟲ loop')
          : null,
      ),
    );
    if (trace.loopStart !== undefined)
      items.push(
        el(
          'li',
          { className: 'step loop-back' },
          trace.stuttering
            ? `State ${trace.steps.length + 1}: Stuttering`
            : `Back to state ${trace.loopStart + 1}`,
        ),
      );
    replaceChildren(this.list, ...items);
  }

  select(step: number, fromUser: boolean): void {
    const trace = this.trace;
    if (!trace || step < 0 || step >= trace.steps.length) return;
    this.selected = step;
    for (const li of this.list.querySelectorAll('li.step')) {
      li.classList.toggle('selected', (li as HTMLElement).dataset.step === String(step));
    }
    this.list.querySelector('li.selected')?.scrollIntoView({ block: 'nearest' });
    this.renderState();
    this.callbacks.onSelect(step);
    const span = trace.steps[step].span;
    if (fromUser && span) this.callbacks.onAction(span);
  }

  private renderState(): void {
    const trace = this.trace;
    if (!trace || this.selected < 0) return;
    const state = trace.steps[this.selected];
    const before = this.selected > 0 ? trace.steps[this.selected - 1] : undefined;
    const names = trace.variables.length > 0 ? trace.variables : Object.keys(state.values);
    const rows = names.flatMap((name) => {
      const changed = before !== undefined && !valuesEqual(state.values[name], before.values[name]);
      if (this.hideUnchanged && before && !changed) return [];
      return [
        el(
          'tr',
          { className: changed ? 'changed-row' : '', dataset: { var: name } },
          el('th', null, name),
          el(
            'td',
            null,
            renderValue(state.values[name], before && changed ? { value: before.values[name] } : undefined),
          ),
        ),
      ];
    });
    const where = state.location ? el('div', { className: 'muted' }, state.location) : null;
    replaceChildren(
      this.table,
      el(
        'div',
        { className: 'state-title' },
        `State ${this.selected + 1}: `,
        state.action === null ? '<Initial predicate>' : `<${state.action}>`,
      ),
      where,
      el('table', null, el('tbody', null, ...rows)),
    );
  }

  private onKey(e: KeyboardEvent): void {
    if (!this.trace) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowRight') {
      this.select(Math.min(this.selected + 1, this.trace.steps.length - 1), true);
      e.preventDefault();
    } else if (e.key === 'ArrowUp' || e.key === 'ArrowLeft') {
      this.select(Math.max(this.selected - 1, 0), true);
      e.preventDefault();
    } else if (e.key === 'Home') {
      this.select(0, true);
      e.preventDefault();
    } else if (e.key === 'End') {
      this.select(this.trace.steps.length - 1, true);
      e.preventDefault();
    }
  }

  private exportItf(): void {
    const trace = this.trace;
    if (!trace) return;
    download('counterexample.itf.json', `${JSON.stringify(trace.itf ?? traceToItf(trace), null, 2)}\n`);
  }

  importItf(text: string): void {
    const trace = traceFromItf(text);
    if (typeof trace === 'string') {
      replaceChildren(this.header, el('p', { className: 'error' }, trace));
      return;
    }
    this.show(trace);
  }
}

function traceToItf(trace: TraceData): unknown {
  return {
    '#meta': { format: 'ITF', source: 'modelcheck playground' },
    vars: [...trace.variables],
    states: trace.steps.map((s, index) => ({
      '#meta': s.action === null ? { index } : { index, action: s.action },
      ...s.values,
    })),
    ...(trace.loopStart !== undefined ? { loop: trace.loopStart } : {}),
  };
}

/** An ITF document as a trace, or the reason it is not one. */
export function traceFromItf(text: string): TraceData | string {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return 'This file is not JSON.';
  }
  if (typeof doc !== 'object' || doc === null || !Array.isArray((doc as { states?: unknown }).states))
    return 'This is not an ITF trace: it has no "states" array.';
  const d = doc as { vars?: unknown; states: unknown[]; loop?: unknown };
  const vars = Array.isArray(d.vars) ? d.vars.filter((v): v is string => typeof v === 'string') : [];
  const steps: TraceStepData[] = [];
  for (const raw of d.states) {
    if (typeof raw !== 'object' || raw === null) return 'An ITF state is not an object.';
    const { '#meta': meta, ...values } = raw as Record<string, unknown>;
    const m = (typeof meta === 'object' && meta !== null ? meta : {}) as Record<string, unknown>;
    steps.push({
      action: steps.length === 0 ? null : typeof m.action === 'string' ? m.action : 'step',
      location: typeof m.location === 'string' ? m.location : undefined,
      values,
    });
  }
  return {
    title: `Imported ITF trace: ${steps.length} state${steps.length === 1 ? '' : 's'}`,
    variables: vars.length > 0 ? vars : Object.keys(steps[0]?.values ?? {}),
    steps,
    loopStart: typeof d.loop === 'number' && d.loop >= 0 && d.loop < steps.length ? d.loop : undefined,
    itf: doc,
  };
}
