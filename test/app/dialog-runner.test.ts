// The runner performs only the effects it knows: one it does not (a dialog newer than the runner)
// is refused at once, and never falls through to cleaning up what killed runs left.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dialogRunner, type Effect } from '../../src/app/dialog-runner.js';
import type { Engine } from '../../src/engine/engine.js';

/** An engine that records each thing asked of it and answers nothing. */
function recordingEngine(): { engine: Engine; asked: string[] } {
  const asked: string[] = [];
  const engine = new Proxy({} as Engine, {
    get: (_, name) => {
      if (name === 'then') return undefined;
      asked.push(String(name));
      return async () => [];
    },
  });
  return { engine, asked };
}

describe('the dialog runner', () => {
  it('refuses an effect it does not know, asking nothing of the engine', async () => {
    const { engine, asked } = recordingEngine();
    const runner = dialogRunner({ engine: () => engine, engineDescription: () => 'test', changed: () => undefined });
    const events: unknown[] = [];
    assert.throws(() => runner.perform({ type: 'defragment' } as unknown as Effect, (event) => events.push(event)), /no dialog effect "defragment"/);
    await runner.settle();
    assert.deepEqual(asked, []);
    assert.deepEqual(events, []);
  });

  it('still cleans up what a killed run left when asked to', async () => {
    const { engine, asked } = recordingEngine();
    const runner = dialogRunner({ engine: () => engine, engineDescription: () => 'test', changed: () => undefined });
    runner.perform({ type: 'recover' }, () => undefined);
    await runner.settle();
    assert.equal(asked[0], 'listContainersWithLabel');
  });
});
