import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { actionFor, BINDINGS, splitKeyPresses, statusBindings } from '../../src/keys/bindings.js';

describe('the key table', () => {
  it('maps the keys to actions in the views they work in', () => {
    assert.equal(actionFor({ input: 'j' }, 'containers'), 'down');
    assert.equal(actionFor({ input: '', downArrow: true }, 'volumes'), 'down');
    assert.equal(actionFor({ input: '', tab: true }, 'containers'), 'nextPane');
    assert.equal(actionFor({ input: '', tab: true, shift: true }, 'containers'), 'previousPane');
    assert.equal(actionFor({ input: '', tab: true }, 'volumes'), null, 'no panes in the volumes view');
    assert.equal(actionFor({ input: 'c', ctrl: true }, 'disk'), 'quit');
    assert.equal(actionFor({ input: 'd' }, 'unreachable'), 'openDemo');
    assert.equal(actionFor({ input: 'd' }, 'containers'), null);
    assert.equal(actionFor({ input: 'j' }, 'unreachable'), null);
  });

  it('gives every action one binding, and no key two actions in one place', () => {
    const actions = BINDINGS.map((binding) => binding.action);
    assert.equal(new Set(actions).size, actions.length);
    const samples = ['j', 'k', 'g', 'G', '/', 's', 'S', 'r', '1', '2', '3', '4', '?', 'q', 'd', 'p', 'b', 'R', 'y', 'n', 'l', ' ', '+', '-'];
    for (const scope of ['containers', 'volumes', 'disk', 'findings', 'unreachable', 'tree', 'dialog'] as const) {
      for (const input of samples) {
        const matching = BINDINGS.filter((binding) => binding.scopes.includes(scope) && binding.match({ input }));
        assert.ok(matching.length <= 1, `${input} in ${scope}: ${matching.map((b) => b.action).join(', ')}`);
      }
    }
  });

  it('puts help and quit in every status line', () => {
    for (const scope of ['containers', 'volumes', 'disk', 'unreachable'] as const) {
      const actions = statusBindings(scope).map((binding) => binding.action);
      assert.ok(actions.includes('quit'), scope);
    }
  });

  it('splits keys that arrive together into single presses', () => {
    assert.deepEqual(splitKeyPresses({ input: 'jj\t' }), [{ input: 'j' }, { input: 'j' }, { input: '', tab: true }]);
    assert.deepEqual(splitKeyPresses({ input: 'j' }), [{ input: 'j' }]);
    assert.deepEqual(splitKeyPresses({ input: 'c', ctrl: true }), [{ input: 'c', ctrl: true }]);
  });
});
