/// <reference lib="webworker" />
/**
 * The checker's Web Worker. The page runs two of them: one answers `diagnose` while the user types,
 * the other runs checks, graphs and formulas, so a long run never delays the markers. Everything
 * here works on text the page sent; nothing here ever evaluates JavaScript built from it.
 */
import { analyzeSpec, memoryHost } from '@modelcheck/tla';
import { CheckRun } from './check-run.js';
import { tagged } from './diagnostic-tags.js';
import { checkFormula } from './formula.js';
import { netData, readProjectNet } from './net-run.js';
import {
  type FileDiagnostic,
  isNetFile,
  type ProjectFile,
  projectPath,
  type WorkerRequest,
  type WorkerResponse,
} from './protocol.js';
import { buildStateGraph } from './state-graph.js';
import { prepareTla } from './tla-prepare.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;
let current: CheckRun | undefined;

function post(message: WorkerResponse): void {
  scope.postMessage(message);
}

function diagnose(files: readonly ProjectFile[], main: string, config: string | undefined, active?: string) {
  const out: FileDiagnostic[] = [];
  let kind: 'tla' | 'net' | 'none' = 'none';
  if (main.endsWith('.tla')) {
    kind = 'tla';
    const prepared = prepareTla(files, main, config, { build: false });
    // A spec error is the spec's; a cfg error comes with the spec's warnings; a missing cfg is a
    // run-time matter (the CLI says so then), no marker.
    const found =
      prepared.kind === 'failed'
        ? [
            ...(prepared.outcome === 'parse-error'
              ? []
              : (prepared.spec?.diagnostics ?? []).filter((d) => d.severity !== 'error')),
            ...prepared.diagnostics,
          ]
        : prepared.kind === 'analysed'
          ? prepared.diagnostics
          : [];
    out.push(...tagged(found.filter((d) => d.code !== 'CLI002')));
    if (active?.endsWith('.tla') && active !== main && !prepared.sources.has(projectPath(active))) {
      const map = new Map(files.map((f) => [projectPath(f.name), f.text] as const));
      const spec = analyzeSpec(projectPath(active), { host: memoryHost(map) });
      out.push(...tagged(spec.diagnostics));
    }
  }
  for (const f of files)
    if (isNetFile(f.name)) {
      if (f.name === main) kind = 'net';
      out.push(...tagged(readProjectNet(f.text, projectPath(f.name)).diagnostics));
    }
  return { diagnostics: out, kind };
}

async function handle(request: WorkerRequest): Promise<void> {
  switch (request.type) {
    case 'stop':
      current?.stop();
      return;
    case 'diagnose': {
      const { diagnostics, kind } = diagnose(request.files, request.main, request.config, request.active);
      post({ type: 'diagnostics', id: request.id, diagnostics, kind });
      return;
    }
    case 'run': {
      const started = performance.now();
      if (isNetFile(request.main)) {
        const file = request.files.find((f) => f.name === request.main);
        const read = readProjectNet(file?.text ?? '', projectPath(request.main));
        if (!read.net) {
          post({ type: 'net', id: request.id, diagnostics: tagged(read.diagnostics), elapsedMs: 0 });
          return;
        }
        const net = netData(read.net, request.main, {
          maxStates: request.limits.maxStates,
          maxSeconds: request.limits.timeoutSeconds,
        });
        post({
          type: 'net',
          id: request.id,
          net,
          diagnostics: tagged(read.diagnostics),
          elapsedMs: performance.now() - started,
        });
        return;
      }
      // One check at a time: the new run interns names afresh (see check-run.ts).
      current?.stop();
      const run = new CheckRun({
        lines: (lines) => post({ type: 'log', id: request.id, lines }),
        progress: (stats, statesPerSecond, elapsedMs) =>
          post({ type: 'progress', id: request.id, stats, statesPerSecond, elapsedMs }),
        done: (report, message, itf) =>
          post({
            type: 'result',
            id: request.id,
            report,
            message,
            itf,
            diagnostics: tagged(report.diagnostics),
            elapsedMs: performance.now() - started,
          }),
      });
      current = run;
      try {
        await run.run(request.files, request.main, request.config, request.limits);
      } finally {
        if (current === run) current = undefined;
      }
      return;
    }
    case 'graph': {
      const prepared = prepareTla(request.files, request.main, request.config, { build: true });
      if (prepared.kind !== 'ready') {
        post({
          type: 'graph',
          id: request.id,
          graph: {
            variables: [],
            invariants: [],
            nodes: [],
            edges: [],
            truncated: false,
            message: `The spec does not build: ${prepared.kind === 'failed' ? (prepared.diagnostics[0]?.message ?? prepared.outcome) : prepared.kind}`,
          },
        });
        return;
      }
      post({ type: 'graph', id: request.id, graph: buildStateGraph(prepared.model, request.maxStates) });
      return;
    }
    case 'formula': {
      post({ type: 'formula', id: request.id, result: checkFormula(request) });
      return;
    }
  }
}

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  handle(request).catch((error: unknown) => {
    const id = 'id' in request ? request.id : -1;
    // An exception here is a bug of the checker (the CLI's internal-error); say so, without a stack.
    post({ type: 'crash', id, message: error instanceof Error ? error.message : String(error) });
  });
};
