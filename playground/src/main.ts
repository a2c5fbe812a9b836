/**
 * The playground page: wires the editor, the checker workers and the views around one `Project`,
 * which is saved as you type and travels in share links.
 */
import './styles.css';
import type { CheckReport } from '../../packages/cli/src/check/report.js';
import { CheckerClient } from './app/checker-client.js';
import {
  defaultMain,
  isValidFileName,
  loadSavedProject,
  type Project,
  sanitizeProject,
  saveProject,
  VIEWS,
  type ViewName,
} from './app/project.js';
import { el, replaceChildren } from './dom.js';
import { EditorPane, type MarkerView } from './editor/editor-pane.js';
import { LESSONS, type Lesson, lessonById } from './lessons/lessons.js';
import { renderMarkdown } from './lessons/markdown.js';
import { decodeShare, encodeShare } from './share/share-link.js';
import { FormulaView } from './views/formula-view.js';
import { GraphView } from './views/graph-view.js';
import { formatStats, OutputView } from './views/output-view.js';
import { PetriView } from './views/petri-view.js';
import { type TraceData, TraceView } from './views/trace-view.js';
import { type FileDiagnostic, isNetFile, type RunLimits, type WorkerResponse } from './worker/protocol.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const VIEW_LABELS: Record<ViewName, string> = {
  output: 'Output',
  trace: 'Trace',
  graph: 'State graph',
  net: 'Petri net',
  formula: 'Formula',
  lesson: 'Lesson',
};

const GRAPH_LIMIT = 3000;

class Playground {
  private project: Project;
  private readonly checker = new CheckerClient();
  private readonly editor: EditorPane;
  private readonly output = new OutputView($('view-output'));
  private readonly trace: TraceView;
  private readonly graph: GraphView;
  private readonly petri = new PetriView($('view-net'));
  private readonly formula: FormulaView;
  private diagnoseTimer: ReturnType<typeof setTimeout> | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private lastDiagnose = 0;
  private runId = -1;
  private graphId = -1;
  private formulaId = -1;
  private runDiagnostics: FileDiagnostic[] = [];
  private typingDiagnostics: FileDiagnostic[] = [];
  /** After loading a share link: the step to land on once the run has rebuilt the trace. */
  private pendingStep: number | undefined;
  private lastReport: CheckReport | undefined;

  constructor(initial: Project) {
    this.project = initial;
    this.editor = new EditorPane($('file-tabs'), $('editor'), {
      onChange: (name, text) => this.onEdit(name, text),
      onActivate: (name) => {
        if (this.project.active !== name) {
          this.project.active = name;
          this.scheduleSave();
        }
      },
      onAddFile: () => this.addFile(),
      onRemoveFile: (name) => this.removeFile(name),
      onRun: () => this.run(),
    });
    this.trace = new TraceView($('view-trace'), {
      onSelect: (step) => {
        this.project.step = step;
        this.scheduleSave();
      },
      onAction: (span) => {
        const file = span.file.startsWith('/project/') ? span.file.slice('/project/'.length) : undefined;
        if (file) this.editor.reveal(file, span);
      },
    });
    this.graph = new GraphView($('view-graph'), () => this.requestGraph());
    this.formula = new FormulaView($('view-formula'), {
      onCheck: (logic, text) => this.checkFormula(logic, text),
      onEdit: (logic, text) => {
        this.project.logic = logic;
        this.project.formula = text;
        this.scheduleSave();
      },
    });
    this.checker.on((m) => this.onWorker(m));
    this.wireControls();
    this.load(initial);
  }

  // --- project -------------------------------------------------------------------------------

  load(project: Project, options: { restoreStep?: boolean } = {}): void {
    this.project = project;
    this.editor.load(project.files, project.active);
    this.formula.set(project.logic, project.formula);
    this.trace.show(undefined);
    this.lastReport = undefined;
    this.graph.setPath([]);
    this.refreshSelects();
    this.renderLesson();
    this.showView(project.view);
    this.output.clear();
    $('status').textContent = '';
    this.output.outcome('info', 'Press Run (Ctrl/Cmd+Enter) to check the spec. Esc stops a run.');
    this.scheduleDiagnose(0);
    this.scheduleSave();
    if (options.restoreStep && project.step >= 0) {
      // The trace is not stored, only the step: run the checker again to rebuild it.
      this.pendingStep = project.step;
      this.run();
    }
  }

  private files() {
    return this.project.files;
  }

  private onEdit(name: string, text: string): void {
    const file = this.project.files.find((f) => f.name === name);
    if (!file) return;
    this.project.files = this.project.files.map((f) => (f.name === name ? { name, text } : f));
    this.scheduleDiagnose();
    this.scheduleSave();
  }

  private addFile(): void {
    const name = prompt('New file name (e.g. Helpers.tla, Model.cfg, net.pnet):')?.trim();
    if (!name) return;
    if (!isValidFileName(name) || this.project.files.some((f) => f.name === name)) {
      alert(`"${name}" is not a valid new file name.`);
      return;
    }
    const module = name.replace(/\.tla$/, '');
    const text = name.endsWith('.tla') ? `---- MODULE ${module} ----\n\n====\n` : '';
    this.project.files = [...this.project.files, { name, text }];
    this.editor.addFile({ name, text });
    this.refreshSelects();
    this.scheduleSave();
  }

  private removeFile(name: string): void {
    if (!confirm(`Remove ${name} from the project?`)) return;
    this.project.files = this.project.files.filter((f) => f.name !== name);
    if (this.project.main === name) this.project.main = defaultMain(this.project.files);
    if (this.project.config === name) this.project.config = undefined;
    this.editor.removeFile(name);
    this.refreshSelects();
    this.scheduleDiagnose();
    this.scheduleSave();
  }

  private scheduleSave(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => saveProject(this.project), 300);
  }

  private scheduleDiagnose(delay = 250): void {
    clearTimeout(this.diagnoseTimer);
    this.diagnoseTimer = setTimeout(() => {
      this.lastDiagnose = this.checker.send({
        type: 'diagnose',
        files: this.files(),
        main: this.project.main,
        config: this.project.config,
        active: this.project.active,
      });
    }, delay);
  }

  private refreshSelects(): void {
    const mainSelect = $<HTMLSelectElement>('main-select');
    const checkable = this.project.files.filter((f) => f.name.endsWith('.tla') || isNetFile(f.name));
    replaceChildren(mainSelect, ...checkable.map((f) => el('option', { attrs: { value: f.name } }, f.name)));
    mainSelect.value = this.project.main;
    const configSelect = $<HTMLSelectElement>('config-select');
    const cfgs = this.project.files.filter((f) => f.name.endsWith('.cfg'));
    replaceChildren(
      configSelect,
      el('option', { attrs: { value: '' } }, `${this.project.main.replace(/\.tla$/, '')}.cfg (default)`),
      ...cfgs.map((f) => el('option', { attrs: { value: f.name } }, f.name)),
    );
    configSelect.value = this.project.config ?? '';
    configSelect.disabled = isNetFile(this.project.main);
  }

  // --- controls ------------------------------------------------------------------------------

  private wireControls(): void {
    $('run-button').addEventListener('click', () => this.run());
    $('stop-button').addEventListener('click', () => this.stop());
    $('share-button').addEventListener('click', () => this.share());
    $('lessons-button').addEventListener('click', () => this.openLessons());
    $<HTMLSelectElement>('main-select').addEventListener('change', (e) => {
      this.project.main = (e.target as HTMLSelectElement).value;
      this.refreshSelects();
      this.scheduleDiagnose(0);
      this.scheduleSave();
    });
    $<HTMLSelectElement>('config-select').addEventListener('change', (e) => {
      this.project.config = (e.target as HTMLSelectElement).value || undefined;
      this.scheduleDiagnose(0);
      this.scheduleSave();
    });
    replaceChildren(
      $('view-tabs'),
      ...VIEWS.map((v) =>
        el(
          'button',
          { className: 'view-tab', dataset: { view: v }, onClick: () => this.showView(v) },
          VIEW_LABELS[v],
        ),
      ),
    );
    // Ctrl/Cmd+Enter runs and Esc stops, wherever the focus is (monaco handles its own Ctrl+Enter).
    document.addEventListener('keydown', (e) => {
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
        if (!(e.target as HTMLElement)?.closest?.('.monaco-editor')) {
          e.preventDefault();
          this.run();
        }
      } else if (e.key === 'Escape' && this.checker.running) {
        e.preventDefault();
        this.stop();
      }
    });
    window.addEventListener('hashchange', () => this.openShareFromHash());
  }

  showView(view: ViewName): void {
    this.project.view = view;
    for (const panel of document.querySelectorAll<HTMLElement>('.view'))
      panel.classList.toggle('active', panel.dataset.view === view);
    for (const tab of document.querySelectorAll<HTMLElement>('.view-tab'))
      tab.classList.toggle('active', tab.dataset.view === view);
    if (
      view === 'graph' &&
      this.graph.nodeCount === 0 &&
      this.lastReport?.stats &&
      this.lastReport.stats.distinctStates <= GRAPH_LIMIT
    )
      this.requestGraph();
    this.scheduleSave();
  }

  private limits(): RunLimits {
    const num = (id: string) => {
      const v = Number($<HTMLInputElement>(id).value);
      return Number.isFinite(v) && v > 0 ? v : undefined;
    };
    return {
      mode: $<HTMLSelectElement>('mode-select').value as RunLimits['mode'],
      maxStates: num('max-states'),
      timeoutSeconds: num('timeout'),
      noDeadlock: $<HTMLInputElement>('no-deadlock').checked,
    };
  }

  run(): void {
    if (this.checker.running) return;
    this.output.clear();
    this.runDiagnostics = [];
    this.updateMarkers();
    this.trace.show(undefined);
    this.graph.setPath([]);
    this.lastReport = undefined;
    this.output.outcome('running', `Checking ${this.project.main}…`);
    $<HTMLButtonElement>('run-button').disabled = true;
    $<HTMLButtonElement>('stop-button').disabled = false;
    $('status').textContent = 'starting…';
    this.runId = this.checker.send({
      type: 'run',
      files: this.files(),
      main: this.project.main,
      config: this.project.config,
      limits: this.limits(),
    });
  }

  stop(): void {
    this.checker.stop((id) => {
      if (id !== this.runId) return;
      this.finishRun();
      this.output.outcome('stopped', 'Stopped (Stop button or Esc) before the analysis finished.');
    });
  }

  private finishRun(): void {
    $<HTMLButtonElement>('run-button').disabled = false;
    $<HTMLButtonElement>('stop-button').disabled = true;
  }

  private updateMarkers(): void {
    this.editor.setMarkers([...this.typingDiagnostics, ...this.runDiagnostics]);
  }

  // --- worker answers ------------------------------------------------------------------------

  private onWorker(m: WorkerResponse): void {
    switch (m.type) {
      case 'diagnostics':
        if (m.id !== this.lastDiagnose) return;
        this.typingDiagnostics = [...m.diagnostics];
        this.updateMarkers();
        return;
      case 'log':
        if (m.id === this.runId) this.output.lines(m.lines);
        return;
      case 'progress':
        if (m.id === this.runId) $('status').textContent = formatStats(m.stats, m.statesPerSecond);
        return;
      case 'result':
        if (m.id === this.runId) this.onResult(m);
        return;
      case 'net':
        if (m.id !== this.runId) return;
        this.finishRun();
        this.runDiagnostics = [...m.diagnostics];
        this.updateMarkers();
        if (!m.net) {
          this.output.outcome('error', `${this.project.main} has errors: see the markers in the editor.`);
          for (const { diagnostic: d } of m.diagnostics)
            this.output.lines([`${d.severity}[${d.code}]: ${d.message}`]);
          return;
        }
        this.output.lines(m.net.report);
        this.output.outcome('ok', `Net analysed in ${(m.elapsedMs / 1000).toFixed(2)} s.`);
        $('status').textContent = `${m.net.places.length} places, ${m.net.transitions.length} transitions`;
        this.petri.show(m.net);
        this.showView('net');
        return;
      case 'graph':
        if (m.id !== this.graphId) return;
        this.graph.show(m.graph);
        this.applyPathToGraph();
        return;
      case 'formula':
        if (m.id !== this.formulaId) return;
        this.formula.show(m.result);
        this.graph.setFormulaStates(m.result.satisfying);
        return;
      case 'crash':
        if (m.id === this.runId) {
          this.finishRun();
          this.output.outcome('error', `Internal error in the checker (a bug in modelcheck): ${m.message}`);
        } else if (m.id === this.formulaId)
          this.formula.show({ verdict: 'error', message: m.message, diagnostics: [] });
        else if (m.id === this.graphId) this.graph.setStatus(`Internal error: ${m.message}`);
        return;
    }
  }

  private onResult(m: Extract<WorkerResponse, { type: 'result' }>): void {
    this.finishRun();
    const report = m.report;
    this.lastReport = report;
    this.runDiagnostics = [...m.diagnostics];
    this.updateMarkers();
    const kind =
      report.outcome === 'ok'
        ? 'ok'
        : report.outcome === 'stopped' || report.outcome === 'unsupported-property'
          ? 'stopped'
          : 'error';
    this.output.outcome(kind, `${m.message} (${report.outcome}, exit code ${report.exitCode})`);
    if (report.stats) {
      const rate = report.stats.seconds > 0 ? report.stats.distinctStates / report.stats.seconds : 0;
      $('status').textContent =
        `${formatStats(report.stats, rate)} — finished in ${(m.elapsedMs / 1000).toFixed(2)} s`;
    }
    if (report.trace && report.trace.length > 0) {
      const data: TraceData = {
        title: m.message,
        variables: report.variables ?? Object.keys(report.trace[0].values),
        steps: report.trace.map((s) => ({
          action: s.action,
          location: s.tlcLocation,
          span: s.span,
          values: Object.fromEntries(Object.entries(s.values).map(([k, v]) => [k, v.json])),
        })),
        loopStart: report.loopStart,
        stuttering: report.stuttering,
        itf: m.itf,
      };
      const step = this.pendingStep ?? report.trace.length - 1;
      this.pendingStep = undefined;
      this.trace.show(data, step);
      this.applyPathToGraph();
      this.showView('trace');
      $('view-trace').focus();
    } else this.pendingStep = undefined;
    if (this.project.view === 'graph') this.requestGraph();
  }

  private applyPathToGraph(): void {
    const trace = this.lastReport?.trace;
    if (!trace) {
      this.graph.setPath([]);
      return;
    }
    const vars = this.lastReport?.variables ?? Object.keys(trace[0]?.values ?? {});
    this.graph.setPath(trace.map((s) => vars.map((v) => s.values[v]?.text).join('\u0000')));
  }

  private requestGraph(): void {
    if (!this.project.main.endsWith('.tla')) {
      this.graph.setStatus('The state graph is drawn for TLA+ specs; a net is drawn in the Petri net view.');
      return;
    }
    this.graph.setStatus('Exploring and laying out the state graph…');
    this.graphId = this.checker.send({
      type: 'graph',
      files: this.files(),
      main: this.project.main,
      config: this.project.config,
      maxStates: GRAPH_LIMIT,
    });
  }

  private checkFormula(logic: 'ctl' | 'ltl', text: string): void {
    this.project.logic = logic;
    this.project.formula = text;
    this.scheduleSave();
    this.formula.busy();
    this.formulaId = this.checker.send({
      type: 'formula',
      files: this.files(),
      main: this.project.main,
      config: this.project.config,
      logic,
      formula: text,
      maxStates: 200_000,
    });
  }

  // --- lessons -------------------------------------------------------------------------------

  private openLessons(): void {
    const dialog = $<HTMLDialogElement>('lessons-dialog');
    replaceChildren(
      dialog,
      el(
        'div',
        { className: 'toolbar' },
        el('h2', null, 'Lessons and examples'),
        el('button', { onClick: () => dialog.close() }, 'Close'),
      ),
      ...LESSONS.map((lesson) =>
        el(
          'div',
          { className: 'lesson-card', dataset: { lesson: lesson.id } },
          el('h3', null, lesson.title),
          el('p', null, lesson.summary),
          el('div', { className: 'muted' }, lesson.files.map((f) => f.name).join(', ')),
          el(
            'div',
            { className: 'toolbar' },
            el(
              'button',
              {
                className: 'open-lesson',
                onClick: () => {
                  dialog.close();
                  this.openLesson(lesson, false);
                },
              },
              'Open',
            ),
            el(
              'button',
              {
                className: 'run-lesson primary',
                onClick: () => {
                  dialog.close();
                  this.openLesson(lesson, true);
                },
              },
              'Open and run',
            ),
          ),
        ),
      ),
    );
    dialog.showModal();
  }

  openLesson(lesson: Lesson, run: boolean): void {
    const files = lesson.files.map((f) => ({ ...f }));
    const main = lesson.main ?? defaultMain(files);
    const cfgs = files.filter((f) => f.name.endsWith('.cfg')).map((f) => f.name);
    // The README's cfg, else <Spec>.cfg, else the first cfg (a lesson's cfgs rarely match its spec's name).
    const config =
      lesson.config ??
      (cfgs.includes(main.replace(/\.tla$/, '.cfg'))
        ? undefined
        : (cfgs.find((c) => !/liveness/i.test(c)) ?? cfgs[0]));
    this.load({
      files,
      main,
      config: main.endsWith('.tla') ? config : undefined,
      active: main,
      formula: isNetFile(main) ? 'AG EF true' : '',
      logic: 'ctl',
      step: -1,
      view: lesson.text ? 'lesson' : 'output',
      lesson: lesson.id,
    });
    if (run) this.run();
  }

  private renderLesson(): void {
    const lesson = lessonById(this.project.lesson);
    const root = $('view-lesson');
    if (!lesson) {
      replaceChildren(
        root,
        el('p', { className: 'muted' }, 'Pick a lesson from the gallery (Lessons, top left).'),
      );
      return;
    }
    // One button per cfg (a lesson often shows a correct model and its broken variants) and per
    // net: those the README runs first, in its order, each with the spec its run line names.
    const names = new Set(this.project.files.map((f) => f.name));
    const specs = this.project.files.filter((f) => f.name.endsWith('.tla')).map((f) => f.name);
    const specOf = (config: string) => {
      const named = lesson.runs.find((r) => r.config === config)?.main;
      if (named && names.has(named)) return named;
      const own = config.replace(/\.cfg$/, '.tla');
      if (names.has(own)) return own;
      if (this.project.main.endsWith('.tla')) return this.project.main;
      return lesson.main?.endsWith('.tla') && names.has(lesson.main) ? lesson.main : specs[0];
    };
    const order = (files: string[]) => {
      const rank = (n: string) => {
        const i = lesson.runs.findIndex((r) => r.config === n || (r.config === undefined && r.main === n));
        return i < 0 ? Number.MAX_SAFE_INTEGER : i;
      };
      return files.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    };
    const cfgs = specs.length > 0 ? order([...names].filter((n) => n.endsWith('.cfg'))) : [];
    const nets = order([...names].filter(isNetFile));
    const runWith = (main: string, config: string | undefined) => {
      this.project.main = main;
      this.project.config = config;
      this.refreshSelects();
      this.scheduleDiagnose(0);
      this.run();
    };
    replaceChildren(
      root,
      el(
        'div',
        { className: 'toolbar lesson-runs' },
        el('button', { className: 'primary', onClick: () => this.run() }, 'Run this lesson'),
        ...cfgs.map((c) => {
          const main = specOf(c);
          return el(
            'button',
            {
              className: 'lesson-run-config',
              dataset: { config: c, main: main ?? '' },
              title: main ? `modelcheck ${main} --config ${c}` : c,
              onClick: () => main && runWith(main, c),
            },
            `Run with ${c}`,
          );
        }),
        ...nets.map((n) =>
          el(
            'button',
            { className: 'lesson-run-net', dataset: { net: n }, onClick: () => runWith(n, undefined) },
            `Analyse ${n}`,
          ),
        ),
      ),
      lesson.text ? renderMarkdown(lesson.text) : el('p', null, lesson.summary),
    );
  }

  // --- inspection (tests) --------------------------------------------------------------------

  openRaw(raw: unknown): boolean {
    const project = sanitizeProject(raw);
    if (project) this.load(project, { restoreStep: true });
    return project !== undefined;
  }

  markers(): MarkerView[] {
    return this.editor.markers();
  }

  fileText(name: string): string | undefined {
    return this.editor.text(name);
  }

  lastRun(): { outcome: string; distinct: number; generated: number; seconds: number } | undefined {
    const r = this.lastReport;
    if (!r) return undefined;
    return {
      outcome: r.outcome,
      distinct: r.stats?.distinctStates ?? 0,
      generated: r.stats?.generatedStates ?? 0,
      seconds: r.stats?.seconds ?? 0,
    };
  }

  shareUrl(): string {
    this.project.step = this.trace.step;
    return `${location.origin}${location.pathname}${location.search}#${encodeShare(this.project)}`;
  }

  // --- share ---------------------------------------------------------------------------------

  private share(): void {
    const url = this.shareUrl();
    const dialog = $<HTMLDialogElement>('share-dialog');
    const input = el('input', { className: 'share-url', attrs: { type: 'text', readonly: '' } });
    input.value = url;
    const status = el('span', { className: 'muted' });
    replaceChildren(
      dialog,
      el('h3', null, 'Share this project'),
      el(
        'p',
        null,
        'The link carries the files, the formula and the selected trace step (compressed, in the part after #, which is never sent to a server).',
      ),
      input,
      el(
        'div',
        { className: 'toolbar' },
        el(
          'button',
          {
            onClick: () => {
              input.select();
              navigator.clipboard?.writeText(url).then(
                () => {
                  status.textContent = 'Copied.';
                },
                () => {
                  status.textContent = 'Select the link and copy it.';
                },
              );
            },
          },
          'Copy',
        ),
        el('button', { onClick: () => dialog.close() }, 'Close'),
        status,
      ),
    );
    dialog.showModal();
    input.select();
  }

  openShareFromHash(): boolean {
    const decoded = decodeShare(location.hash);
    if (!decoded) return false;
    // The link has been read: drop it from the address bar so a reload opens the saved work.
    history.replaceState(null, '', `${location.pathname}${location.search}`);
    if ('error' in decoded) {
      this.output.outcome('error', decoded.error);
      this.showView('output');
      return true;
    }
    this.load(decoded.project, { restoreStep: true });
    return true;
  }
}

function firstProject(): Project {
  const lesson = lessonById('examples/die-hard') ?? LESSONS[0];
  const files = lesson
    ? lesson.files.map((f) => ({ ...f }))
    : [{ name: 'Spec.tla', text: '---- MODULE Spec ----\n====\n' }];
  const main = defaultMain(files);
  return {
    files,
    main,
    active: main,
    formula: '',
    logic: 'ctl',
    step: -1,
    view: 'lesson',
    lesson: lesson?.id,
  };
}

const app = new Playground(loadSavedProject() ?? firstProject());
app.openShareFromHash();
// For tests and the curious: read the page's state, or open a project exactly as a share link
// would (through the same sanitising gate). Nothing here runs code built from text.
(window as unknown as { playground: unknown }).playground = {
  lessons: () => LESSONS.map((l) => ({ id: l.id, title: l.title })),
  open: (raw: unknown) => app.openRaw(raw),
  markers: () => app.markers(),
  fileText: (name: string) => app.fileText(name),
  shareUrl: () => app.shareUrl(),
  lastRun: () => app.lastRun(),
};
