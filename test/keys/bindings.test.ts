import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keyPressesOf } from '../../components/input/use-paced-input.js';
import { commandFor, BINDINGS, statusBindings } from '../../src/keys/bindings.js';

describe('the key table', () => {
  it('maps the keys to commands in the views they work in', () => {
    assert.equal(commandFor({ input: 'j' }, 'containers'), 'down');
    assert.equal(commandFor({ input: '', downArrow: true }, 'volumes'), 'down');
    assert.equal(commandFor({ input: '', tab: true }, 'containers'), 'nextPane');
    assert.equal(commandFor({ input: '', tab: true, shift: true }, 'containers'), 'previousPane');
    assert.equal(commandFor({ input: '', tab: true }, 'volumes'), null, 'no panes in the volumes view');
    assert.equal(commandFor({ input: 'c', ctrl: true }, 'disk'), 'quit');
    assert.equal(commandFor({ input: 'd' }, 'unreachable'), 'openDemo');
    assert.equal(commandFor({ input: 'd' }, 'containers'), null);
    assert.equal(commandFor({ input: 'j' }, 'unreachable'), null);
  });

  it('gives every command one binding, and no key two commands in one place', () => {
    const commands = BINDINGS.map((binding) => binding.command);
    assert.equal(new Set(commands).size, commands.length);
    const samples = ['j', 'k', 'g', 'G', '/', 's', 'S', 'r', '1', '2', '3', '4', '?', 'q', 'd', 'p', 'b', 'R', 'y', 'n', 'l', ' ', '+', '-'];
    for (const scope of ['containers', 'volumes', 'disk', 'findings', 'unreachable', 'tree', 'dialog'] as const) {
      for (const input of samples) {
        const matching = BINDINGS.filter((binding) => binding.scopes.includes(scope) && binding.match({ input }));
        assert.ok(matching.length <= 1, `${input} in ${scope}: ${matching.map((b) => b.command).join(', ')}`);
      }
    }
  });

  it('puts help and quit in every status line', () => {
    for (const scope of ['containers', 'volumes', 'disk', 'unreachable'] as const) {
      const commands = statusBindings(scope).map((binding) => binding.command);
      assert.ok(commands.includes('quit'), scope);
    }
  });

  it('splits keys that arrive together into single presses, escape sequences whole', () => {
    assert.deepEqual(keyPressesOf('jj\t\r'), ['j', 'j', '\t', '\r']);
    assert.deepEqual(keyPressesOf('j'), ['j']);
    assert.deepEqual(keyPressesOf('\u001b[A'), ['\u001b[A']);
    assert.deepEqual(keyPressesOf('a😀b'), ['a', '😀', 'b']);
  });

  it('marks the bindings that change the host as dangerous, and leaves them out of read-only sessions', () => {
    assert.deepEqual(BINDINGS.filter((binding) => binding.dangerous).map((binding) => binding.command).sort(), ['backup', 'fix', 'prune', 'restore', 'truncateLog']);
    for (const scope of ['containers', 'volumes', 'disk', 'findings'] as const) {
      const offered = statusBindings(scope, { readOnly: true }).map((binding) => binding.command);
      assert.ok(!offered.some((command) => ['prune', 'backup', 'restore', 'truncateLog', 'fix'].includes(command)), scope);
    }
    assert.ok(statusBindings('containers', { readOnly: false }).some((binding) => binding.command === 'prune'));
  });
});
