/**
 * The page's side of the checker workers: one worker for diagnostics while typing, one for runs,
 * graphs and formulas. A Stop is a message (the run stops at its next slice, with the CLI's
 * `stopped` outcome); if the worker does not answer within a second (a net analysis is one long
 * call), it is terminated and replaced.
 */
import type { WorkerRequest, WorkerResponse } from '../worker/protocol.js';

type Listener = (message: WorkerResponse) => void;

function spawn(): Worker {
  return new Worker(new URL('../worker/checker-worker.ts', import.meta.url), {
    type: 'module',
    name: 'checker',
  });
}

export class CheckerClient {
  private diagnoseWorker = spawn();
  private runWorker = spawn();
  private nextId = 1;
  private readonly listeners = new Set<Listener>();
  private busyRun: number | undefined;
  private stopTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    this.wire(this.diagnoseWorker);
    this.wire(this.runWorker);
  }

  private wire(worker: Worker): void {
    worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
      const m = event.data;
      if ((m.type === 'result' || m.type === 'net' || m.type === 'crash') && m.id === this.busyRun) {
        this.busyRun = undefined;
        clearTimeout(this.stopTimer);
      }
      for (const l of this.listeners) l(m);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      const id = worker === this.runWorker ? (this.busyRun ?? -1) : -1;
      if (worker === this.runWorker) this.busyRun = undefined;
      for (const l of this.listeners)
        l({ type: 'crash', id, message: event.message || 'the checker worker failed' });
    };
  }

  on(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get running(): boolean {
    return this.busyRun !== undefined;
  }

  /** Sends a request (an id is assigned) and returns the id. */
  send(request: DistributiveOmit<Exclude<WorkerRequest, { type: 'stop' }>, 'id'>): number {
    const id = this.nextId++;
    const message = { ...request, id } as WorkerRequest;
    if (request.type === 'diagnose') this.diagnoseWorker.postMessage(message);
    else {
      if (request.type === 'run') this.busyRun = id;
      this.runWorker.postMessage(message);
    }
    return id;
  }

  /** Asks the run to stop; `onForced` is called if the worker had to be terminated. */
  stop(onForced: (id: number) => void): void {
    const id = this.busyRun;
    if (id === undefined) return;
    this.runWorker.postMessage({ type: 'stop' } satisfies WorkerRequest);
    clearTimeout(this.stopTimer);
    this.stopTimer = setTimeout(() => {
      if (this.busyRun !== id) return;
      this.runWorker.terminate();
      this.runWorker = spawn();
      this.wire(this.runWorker);
      this.busyRun = undefined;
      onForced(id);
    }, 1000);
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
