/**
 * The editor: one monaco model per project file, tabs to switch, markers from the worker's
 * diagnostics, and a way to highlight a span (a trace step's action, a diagnostic's place).
 */
import type { Diagnostic, SourceSpan } from '@modelcheck/core';
import { el, replaceChildren } from '../dom.js';
import type { FileDiagnostic, ProjectFile } from '../worker/protocol.js';
import { monaco } from './monaco.js';
import { languageOf, registerLanguages } from './tla-language.js';

export interface EditorCallbacks {
  onChange(name: string, text: string): void;
  onActivate(name: string): void;
  onAddFile(): void;
  onRemoveFile(name: string): void;
  onRun(): void;
}

const MARKER_OWNER = 'modelcheck';

/** An editor marker as tests read it. */
export interface MarkerView {
  file: string;
  line: number;
  column: number;
  severity: string;
  code: string;
  message: string;
}

export class EditorPane {
  readonly editor: monaco.editor.IStandaloneCodeEditor;
  private readonly models = new Map<string, monaco.editor.ITextModel>();
  private active = '';
  private highlight: monaco.editor.IEditorDecorationsCollection;
  private muted = false;

  constructor(
    private readonly tabs: HTMLElement,
    host: HTMLElement,
    private readonly callbacks: EditorCallbacks,
  ) {
    registerLanguages();
    monaco.editor.defineTheme('modelcheck', {
      base: 'vs',
      inherit: true,
      rules: [
        { token: 'keyword', foreground: '0000c0', fontStyle: 'bold' },
        { token: 'keyword.pluscal', foreground: '8a2be2', fontStyle: 'bold' },
        { token: 'keyword.module', foreground: '0000c0', fontStyle: 'bold' },
        { token: 'delimiter.module', foreground: '808080' },
        { token: 'operator', foreground: 'a0522d' },
        { token: 'constant', foreground: '008080' },
        { token: 'type.label', foreground: 'b8860b', fontStyle: 'italic' },
        { token: 'comment', foreground: '6a8759', fontStyle: 'italic' },
        { token: 'string', foreground: 'a31515' },
        { token: 'number', foreground: '098658' },
      ],
      colors: {},
    });
    this.editor = monaco.editor.create(host, {
      theme: 'modelcheck',
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      fontFamily: "'DejaVu Sans Mono', 'Menlo', 'Consolas', monospace",
      folding: true,
      showFoldingControls: 'always',
      matchBrackets: 'always',
      bracketPairColorization: { enabled: true },
      renderWhitespace: 'none',
      scrollBeyondLastLine: false,
      unicodeHighlight: { ambiguousCharacters: false },
      tabSize: 2,
      insertSpaces: true,
    });
    this.highlight = this.editor.createDecorationsCollection();
    this.editor.addAction({
      id: 'modelcheck.run',
      label: 'Run the checker',
      keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
      run: () => callbacks.onRun(),
    });
  }

  get activeFile(): string {
    return this.active;
  }

  /** Replaces all files (a lesson, a share link, a reload). */
  load(files: readonly ProjectFile[], active: string): void {
    this.muted = true;
    for (const model of this.models.values()) model.dispose();
    this.models.clear();
    for (const f of files) this.addModel(f);
    this.muted = false;
    this.open(files.some((f) => f.name === active) ? active : (files[0]?.name ?? ''));
  }

  private addModel(file: ProjectFile): void {
    const uri = monaco.Uri.from({ scheme: 'file', path: `/project/${file.name}` });
    const model = monaco.editor.createModel(file.text, languageOf(file.name), uri);
    model.onDidChangeContent(() => {
      if (!this.muted) this.callbacks.onChange(file.name, model.getValue());
    });
    this.models.set(file.name, model);
  }

  addFile(file: ProjectFile): void {
    this.addModel(file);
    this.open(file.name);
  }

  removeFile(name: string): void {
    this.models.get(name)?.dispose();
    this.models.delete(name);
    if (this.active === name) this.open([...this.models.keys()][0] ?? '');
    else this.renderTabs();
  }

  open(name: string): void {
    const model = this.models.get(name);
    this.active = name;
    if (model && this.editor.getModel() !== model) this.editor.setModel(model);
    this.renderTabs();
    this.callbacks.onActivate(name);
  }

  text(name: string): string | undefined {
    return this.models.get(name)?.getValue();
  }

  private renderTabs(): void {
    const tabs = [...this.models.keys()].map((name) =>
      el(
        'span',
        { className: `tab${name === this.active ? ' active' : ''}`, dataset: { file: name } },
        el('button', { className: 'tab-name', onClick: () => this.open(name), title: name }, name),
        this.models.size > 1
          ? el(
              'button',
              {
                className: 'tab-close',
                title: `Remove ${name}`,
                attrs: { 'aria-label': `Remove ${name}` },
                onClick: () => this.callbacks.onRemoveFile(name),
              },
              '×',
            )
          : null,
      ),
    );
    replaceChildren(
      this.tabs,
      ...tabs,
      el(
        'button',
        { className: 'tab-add', title: 'Add a file', onClick: () => this.callbacks.onAddFile() },
        '+',
      ),
    );
  }

  /** Shows diagnostics as markers, each in the file its span is in. */
  setMarkers(diagnostics: readonly FileDiagnostic[]): void {
    const byFile = new Map<string, monaco.editor.IMarkerData[]>();
    for (const { file, diagnostic } of diagnostics) {
      if (!file || !diagnostic.span) continue;
      const list = byFile.get(file) ?? [];
      list.push(markerOf(diagnostic, diagnostic.span));
      byFile.set(file, list);
    }
    for (const [name, model] of this.models)
      monaco.editor.setModelMarkers(model, MARKER_OWNER, byFile.get(name) ?? []);
  }

  /** The markers shown, for tests. */
  markers(): MarkerView[] {
    return monaco.editor.getModelMarkers({ owner: MARKER_OWNER }).map((m) => ({
      file: m.resource.path.replace(/^\/project\//, ''),
      line: m.startLineNumber,
      column: m.startColumn,
      severity:
        m.severity === monaco.MarkerSeverity.Error
          ? 'error'
          : m.severity === monaco.MarkerSeverity.Warning
            ? 'warning'
            : 'info',
      code: typeof m.code === 'string' ? m.code : (m.code?.value ?? ''),
      message: m.message,
    }));
  }

  /** Opens the file a span is in and highlights the span (the action of a trace step). */
  reveal(file: string, span: SourceSpan): void {
    if (!this.models.has(file)) return;
    this.open(file);
    const range = new monaco.Range(span.start.line, span.start.column, span.end.line, span.end.column);
    this.highlight.set([
      {
        range,
        options: {
          className: 'action-highlight',
          isWholeLine: false,
          inlineClassName: 'action-highlight-inline',
        },
      },
    ]);
    this.editor.revealRangeInCenterIfOutsideViewport(range);
    this.editor.setSelection(
      new monaco.Range(span.start.line, span.start.column, span.start.line, span.start.column),
    );
  }

  clearHighlight(): void {
    this.highlight.clear();
  }
}

function markerOf(d: Diagnostic, span: SourceSpan): monaco.editor.IMarkerData {
  const sameSpot = span.end.line === span.start.line && span.end.column <= span.start.column;
  return {
    severity:
      d.severity === 'error'
        ? monaco.MarkerSeverity.Error
        : d.severity === 'warning'
          ? monaco.MarkerSeverity.Warning
          : monaco.MarkerSeverity.Info,
    code: d.code,
    message: d.hint ? `${d.message}\nhint: ${d.hint}` : d.message,
    startLineNumber: span.start.line,
    startColumn: span.start.column,
    endLineNumber: span.end.line,
    endColumn: sameSpot ? span.start.column + 1 : span.end.column,
    source: 'modelcheck',
  };
}
