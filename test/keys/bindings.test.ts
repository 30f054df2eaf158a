import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keyPressesOf } from '../../components/input/use-paced-input.js';
import { BINDINGS, commandFor, type Key, KEY_SCOPES, keyLabel, type KeyPress, keysLabel, matches, statusBindings, statusKeys } from '../../src/keys/bindings.js';
import { HOST_VIEWS, VIEW_LIST, viewCommand } from '../../src/keys/views.js';

/** The presses a key stands for: with Shift and without where the key leaves it open, with Alt and without for a character. */
function pressesOf(key: Key): KeyPress[] {
  if ('char' in key) return [{ input: key.char }, { input: key.char, meta: true }];
  if ('ctrl' in key) return [{ input: key.ctrl, ctrl: true }];
  return (key.shift === undefined ? [false, true] : [key.shift]).map((shift) => ({ input: '', [key.special]: true, shift }));
}

const binding = (command: string) => BINDINGS.find((candidate) => candidate.command === command)!;

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

  it('gives every command one binding', () => {
    const commands = BINDINGS.map((binding) => binding.command);
    assert.equal(new Set(commands).size, commands.length);
  });

  it('gives no key two commands in one place: every key of every binding, in every scope', () => {
    const checked = new Map<string, number>();
    for (const scope of KEY_SCOPES) {
      const here = BINDINGS.filter((candidate) => candidate.scopes.includes(scope));
      for (const { command, keys } of here) {
        for (const press of keys.flatMap(pressesOf)) {
          const meant = here.filter((candidate) => matches(candidate, press)).map((candidate) => candidate.command);
          assert.deepEqual(meant, [command], `${JSON.stringify(press)} in ${scope}`);
          checked.set(scope, (checked.get(scope) ?? 0) + 1);
        }
      }
    }
    assert.deepEqual([...checked.keys()], [...KEY_SCOPES], 'every scope has keys, the Hosts view too');
  });

  it('writes on the help screen exactly the keys that match', () => {
    for (const { command, keys } of BINDINGS) {
      for (const key of keys) assert.ok(pressesOf(key).every((press) => commandFor(press, binding(command).scopes[0]!) === command), `${keyLabel(key)} means ${command}`);
    }
    assert.deepEqual(['up', 'top', 'previousPane', 'open', 'back', 'toggle', 'yes', 'levelUp', 'quit'].map((command) => keysLabel(binding(command))),
      ['↑ k', 'g Home', 'Shift-Tab', 'Enter', 'Esc ←', 'Space', 'y Y', '+ =', 'q Ctrl-C']);
  });

  it('goes back with Esc and ←, which is all it says: not with Backspace, nor Delete', () => {
    for (const scope of ['containers', 'tree', 'dialog', 'unreachable', 'hosts'] as const) {
      assert.equal(commandFor({ input: '', escape: true }, scope), 'back', scope);
      assert.equal(commandFor({ input: '', leftArrow: true }, scope), 'back', scope);
      assert.equal(commandFor({ input: '', backspace: true }, scope), null, scope);
      assert.equal(commandFor({ input: '', delete: true }, scope), null, scope);
    }
  });

  it('names in the status line a key the binding has, or the range of the views', () => {
    assert.deepEqual(statusBindings('containers', { readOnly: false, hosts: true }).map((entry) => `${statusKeys(entry)} ${entry.status?.label}`),
      ['↑↓ move', '⏎ open', 'Tab pane', '/ filter', 's sort', 'r refresh', 'p prune', 'b backup', '1-4 views', '0 hosts', '? help', 'q quit', 'Esc back']);
    assert.equal(statusKeys(binding(viewCommand('containers'))), `${HOST_VIEWS[0]?.key}-${HOST_VIEWS.at(-1)?.key}`);
  });

  it('shows each view with its key, from the Hosts view and from every view of a host', () => {
    for (const view of VIEW_LIST) {
      for (const scope of VIEW_LIST.map((shown) => shown.name)) assert.equal(commandFor({ input: view.key }, scope), viewCommand(view.name), `${view.key} in ${scope}`);
      assert.equal(binding(viewCommand(view.name)).description, view.description);
    }
    assert.equal(commandFor({ input: '0' }, 'unreachable'), 'viewHosts', 'the Hosts view is a way out of an engine that does not answer');
    assert.equal(commandFor({ input: '1' }, 'unreachable'), null);
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
