/** The run's output: the CLI's lines, a banner with the outcome, and live progress. */
import type { Stats } from '@modelcheck/core';
import { el, replaceChildren } from '../dom.js';

export class OutputView {
  private readonly banner = el('div', { className: 'banner', attrs: { role: 'status' } });
  private readonly log = el('pre', { className: 'log', attrs: { 'aria-label': 'Checker output' } });

  constructor(root: HTMLElement) {
    replaceChildren(root, this.banner, this.log);
    this.banner.textContent = 'Press Run (Ctrl/Cmd+Enter) to check the spec. Esc stops a run.';
  }

  clear(): void {
    this.log.textContent = '';
  }

  lines(lines: readonly string[]): void {
    // Text nodes only: spec output (Print, values) is shown as typed, never as markup.
    this.log.append(document.createTextNode(`${lines.join('\n')}\n`));
    if (this.log.textContent && this.log.textContent.length > 400_000)
      this.log.textContent = this.log.textContent.slice(-200_000);
    this.log.scrollTop = this.log.scrollHeight;
  }

  outcome(kind: 'ok' | 'error' | 'stopped' | 'running' | 'info', text: string): void {
    this.banner.className = `banner banner-${kind}`;
    this.banner.textContent = text;
  }
}

export function formatStats(stats: Stats, statesPerSecond: number): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return `${n(stats.generatedStates)} states, ${n(stats.distinctStates)} distinct, ${n(stats.statesLeftOnQueue)} on queue, depth ${stats.depth}, ${n(Math.round(statesPerSecond))} distinct states/s`;
}
