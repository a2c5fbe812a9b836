import { describe, expect, it } from 'vitest';
import { TraceStore } from '../src/index.js';

describe('TraceStore', () => {
  it('records parent and action per id, with an action column wide enough for the actions', () => {
    for (const actions of [3, 300, 70_000]) {
      const store = new TraceStore(actions);
      store.record(0, -1, 0);
      store.record(1, 0, actions - 1);
      expect(store.parent(0)).toBe(-1);
      expect(store.parent(1)).toBe(0);
      expect(store.action(1)).toBe(actions - 1);
    }
  });
});
