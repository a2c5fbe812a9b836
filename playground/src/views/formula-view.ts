/**
 * The formula box: a CTL or LTL formula on the current spec or net, its verdict, the witness or
 * counterexample path, and (CTL) the explanation tree of why each sub-formula holds or fails.
 */
import { el, replaceChildren } from '../dom.js';
import type { FormulaResult, FormulaTree } from '../worker/protocol.js';

export interface FormulaCallbacks {
  onCheck(logic: 'ctl' | 'ltl', formula: string): void;
  onEdit(logic: 'ctl' | 'ltl', formula: string): void;
}

export class FormulaView {
  readonly input = el('input', {
    className: 'formula-input',
    attrs: {
      type: 'text',
      spellcheck: 'false',
      placeholder: 'AG EF (x = 0), G (x = 1 -> F y = 2), AG EF deadlock (nets)',
      'aria-label': 'Formula',
    },
  });
  private readonly logic = el(
    'select',
    { className: 'formula-logic', attrs: { 'aria-label': 'Logic' } },
    el('option', { attrs: { value: 'ctl' } }, 'CTL'),
    el('option', { attrs: { value: 'ltl' } }, 'LTL'),
  );
  private readonly result = el('div', { className: 'formula-result' });

  constructor(root: HTMLElement, callbacks: FormulaCallbacks) {
    const check = () => callbacks.onCheck(this.logic.value as 'ctl' | 'ltl', this.input.value);
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') check();
    });
    const edit = () => callbacks.onEdit(this.logic.value as 'ctl' | 'ltl', this.input.value);
    this.input.addEventListener('input', edit);
    this.logic.addEventListener('change', edit);
    replaceChildren(
      root,
      el(
        'div',
        { className: 'toolbar' },
        this.logic,
        this.input,
        el('button', { className: 'check-formula', onClick: check }, 'Check'),
      ),
      el(
        'p',
        { className: 'muted help' },
        'Atoms — specs: any TLA+ state predicate of the spec, as modelcheck --ctl/--ltl (x = 3, pc["p1"] = "cs", TypeOK, ~ENABLED Next for a deadlock; between backquotes when it starts with a parenthesis or reads as formula syntax), checked under the spec\'s fairness. Nets: a place (marked), a transition (enabled), deadlock, {p >= 2}. Operators: AG EF AX EU A[p U q], G F X U R W, !, &, |, ->, <->.',
      ),
      this.result,
    );
  }

  set(logic: 'ctl' | 'ltl', formula: string): void {
    this.logic.value = logic;
    this.input.value = formula;
  }

  busy(): void {
    replaceChildren(this.result, el('p', { className: 'muted' }, 'Checking…'));
  }

  show(result: FormulaResult): void {
    const verdict = el(
      'div',
      { className: `verdict verdict-${result.verdict}` },
      result.verdict === 'holds'
        ? '✔ holds'
        : result.verdict === 'fails'
          ? '✘ fails'
          : result.verdict === 'unknown'
            ? '? unknown'
            : '⚠ error',
    );
    const diagnostics = result.diagnostics.map(({ diagnostic: d }) =>
      el(
        'div',
        { className: d.severity === 'error' ? 'error' : 'warning' },
        `${d.severity}[${d.code}]: ${d.message}${d.hint ? ` (hint: ${d.hint})` : ''}`,
      ),
    );
    const path = result.path
      ? el(
          'div',
          { className: 'formula-path' },
          el('h4', null, result.pathKind === 'witness' ? 'Witness' : 'Counterexample'),
          el(
            'ol',
            null,
            ...result.path.map((step, i) =>
              el(
                'li',
                { className: result.loopStart === i ? 'loop-start' : '' },
                el(
                  'span',
                  { className: 'step-action' },
                  step.action === null ? '<initial>' : `<${step.action}>`,
                ),
                result.loopStart === i ? ' ⟲ loop' : '',
                ' ',
                el(
                  'code',
                  null,
                  Object.entries(step.values)
                    .map(([k, v]) => `${k} = ${v}`)
                    .join(', '),
                ),
              ),
            ),
          ),
          result.loopStart !== undefined
            ? el(
                'div',
                { className: 'muted loop-note' },
                result.stuttering
                  ? `then step ${result.loopStart + 1} stutters forever`
                  : `then back to step ${result.loopStart + 1}`,
              )
            : null,
        )
      : null;
    const tree = result.tree
      ? el('div', { className: 'formula-tree' }, el('h4', null, 'Explanation'), treeNode(result.tree))
      : null;
    replaceChildren(this.result, verdict, el('p', null, result.message), ...diagnostics, path, tree);
  }
}

function treeNode(t: FormulaTree): HTMLElement {
  const label = el(
    'span',
    { className: t.holds === true ? 'holds' : t.holds === false ? 'fails' : 'unknown' },
    t.holds === true ? '✔ ' : t.holds === false ? '✘ ' : '? ',
    el('code', null, t.text),
    t.note ? el('span', { className: 'muted' }, ` — ${t.note}`) : null,
  );
  if (t.children.length === 0) return el('div', { className: 'tree-leaf' }, label);
  const details = el(
    'details',
    { attrs: { open: '' } },
    el('summary', null, label),
    ...t.children.map(treeNode),
  );
  return details;
}
