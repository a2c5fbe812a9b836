import { PagedArray } from './paged-array.js';

/**
 * Per-state trace bookkeeping, by state id: the id of the state it was first reached from (-1 for an
 * initial state) and the index of the action that reached it. With the fingerprints this is all the
 * explorer keeps per state; a counterexample is rebuilt by re-running the system along the chain
 * (see `rebuildTrace`). 4 bytes for the parent, 1 for the action when the system has fewer than 256
 * actions (2 or 4 bytes otherwise).
 */
export class TraceStore {
  private readonly parents = new PagedArray((n) => new Int32Array(n));
  private readonly actions: PagedArray<Uint8Array | Uint16Array | Uint32Array>;

  constructor(actionCount: number) {
    this.actions =
      actionCount <= 0x100
        ? new PagedArray<Uint8Array | Uint16Array | Uint32Array>((n) => new Uint8Array(n))
        : actionCount <= 0x10000
          ? new PagedArray<Uint8Array | Uint16Array | Uint32Array>((n) => new Uint16Array(n))
          : new PagedArray<Uint8Array | Uint16Array | Uint32Array>((n) => new Uint32Array(n));
  }

  /** Records (or, for an id already recorded, replaces) how `id` was reached. */
  record(id: number, parent: number, action: number): void {
    this.parents.set(id, parent);
    this.actions.set(id, action);
  }

  parent(id: number): number {
    return this.parents.get(id);
  }

  action(id: number): number {
    return this.actions.get(id);
  }

  bytes(): number {
    return this.parents.bytes() + this.actions.bytes();
  }
}
