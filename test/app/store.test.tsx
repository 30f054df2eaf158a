// The one store every explorer state lives in: what a view reads stays the same object until a
// set, every set is heard (React redraws from it), and a listener can leave in the middle of a round.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Text } from 'ink';
import { useSyncExternalStore } from 'react';
import { createStore, eachValue, type Store } from '../../src/app/store.js';
import { frameWith, renderAt } from '../support/ink.js';

describe('a store', () => {
  it('gives the same object until it is set, so React reads a stable snapshot', () => {
    const store = createStore({ hosts: ['a'] });
    const first = store.getState();
    assert.equal(store.getState(), first);
    store.set({ hosts: ['a', 'b'] });
    assert.notEqual(store.getState(), first);
    assert.deepEqual(store.getState(), { hosts: ['a', 'b'] });
  });

  it('tells every listener of every set, in the order they came, the same value too', () => {
    const store = createStore(1);
    const heard: string[] = [];
    store.subscribe(() => heard.push(`first ${store.getState()}`));
    store.subscribe(() => heard.push(`second ${store.getState()}`));
    store.set(2);
    store.set(2);
    assert.deepEqual(heard, ['first 2', 'second 2', 'first 2', 'second 2']);
  });

  it('stops telling a listener once it leaves, even from inside a round', () => {
    const store = createStore('connecting');
    const heard: string[] = [];
    // As the explorer's recovery does: it leaves on the first change it hears.
    const leave = store.subscribe(() => {
      heard.push('once');
      leave();
    });
    const later = store.subscribe(() => heard.push('each'));
    store.set('ready');
    store.set('ready again');
    later();
    store.set('gone');
    assert.deepEqual(heard, ['once', 'each', 'each']);
  });

  it("hands a listener's error to whoever set, with the new value already in", () => {
    const store = createStore('before');
    const heard: string[] = [];
    store.subscribe(() => {
      throw new Error('listener failed');
    });
    store.subscribe(() => heard.push('after'));
    assert.throws(() => store.set('after'), /listener failed/);
    assert.equal(store.getState(), 'after');
    assert.deepEqual(heard, []);
  });

  it('hands each value to a listener of reports, from its subscription on', () => {
    const reports = createStore<{ time: string } | null>(null);
    reports.set({ time: 'before' });
    const heard: string[] = [];
    const leave = eachValue(reports, (report) => heard.push(report.time));
    reports.set({ time: 'first' });
    reports.set({ time: 'second' });
    leave();
    reports.set({ time: 'third' });
    assert.deepEqual(heard, ['first', 'second']);
  });

  it('redraws a view at each set', async () => {
    const store = createStore({ status: 'connecting' });
    function Status({ from }: { from: Store<{ status: string }> }) {
      return <Text>status: {useSyncExternalStore(from.subscribe, from.getState).status}</Text>;
    }
    const rendered = renderAt(<Status from={store} />);
    try {
      await frameWith(rendered, 'status: connecting');
      store.set({ status: 'ready' });
      await frameWith(rendered, 'status: ready');
    } finally {
      rendered.unmount();
    }
  });
});
