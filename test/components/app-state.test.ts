import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type AppEvent, appReducer, type AppState, initialAppState } from '../../components/state/app-state.js';
import type { Command } from '../../src/keys/bindings.js';
import { HOST_VIEW_NAMES, viewCommand } from '../../src/keys/views.js';

const rows = ['a', 'b', 'c', 'd', 'e'];
const key = (command: Command, rowKeys = rows, pageSize = 2): AppEvent => ({ type: 'key', command, list: { rowKeys, pageSize } });
const run = (...events: AppEvent[]) => events.reduce(appReducer, initialAppState);
const selected = (state: AppState) => state.positions[state.view].selectedKey;

describe('moving through a list', () => {
  it('moves one row, a page, to either end, and stops at the edges', () => {
    assert.equal(selected(run(key('down'), key('down'))), 'c');
    assert.equal(selected(run(key('down'), key('up'), key('up'))), 'a');
    assert.equal(selected(run(key('pageDown'), key('pageDown'), key('pageDown'))), 'e');
    assert.equal(selected(run(key('bottom'), key('down'))), 'e');
    assert.equal(selected(run(key('bottom'), key('top'))), 'a');
  });

  it('scrolls the window only as far as the selection needs', () => {
    const state = run(key('down'), key('down'), key('down'));
    assert.equal(state.positions.containers.top, 2, 'd is the last of a 2-row window starting at c');
    assert.equal(run(key('bottom'), key('up'), key('up')).positions.containers.top, 2);
  });

  it('keeps the selected item when the rows change order (a refresh or a re-sort)', () => {
    const state = run(key('down'), key('down'));
    const reordered = ['e', 'c', 'a', 'b', 'd'];
    assert.equal(selected(appReducer(state, key('down', reordered))), 'a', 'moves from c, where c is now');
  });

  it('stays at the same place when the selected item goes away', () => {
    const state = run(key('down'), key('down'));
    assert.equal(selected(appReducer(state, key('down', ['a', 'b', 'd', 'e']))), 'e', 'c was at index 2; down from there');
  });
});

describe('panes, views, sorting, help', () => {
  it('cycles the panes with Tab and back with Shift-Tab, and Esc returns to the list', () => {
    assert.equal(run(key('nextPane'), key('nextPane')).pane, 'binds');
    assert.equal(run(key('previousPane')).pane, 'tmpfs');
    assert.equal(run(key('nextPane'), key('back')).pane, 'list');
  });

  it('scrolls a focused pane within its lines', () => {
    const lines = Array.from({ length: 10 }, (_, index) => String(index));
    const state = run(key('nextPane'), key('bottom', lines, 4));
    assert.equal(state.paneScroll, 6);
    assert.equal(appReducer(state, key('down', lines, 4)).paneScroll, 6);
    assert.equal(appReducer(state, key('top', lines, 4)).paneScroll, 0);
  });

  it('cycles the sort columns, text A to Z and sizes biggest first', () => {
    assert.deepEqual(run(key('sort')).containerSort, { key: 'name', descending: false });
    assert.deepEqual(run(key('sort'), key('sort'), key('sort'), key('sort')).containerSort, { key: 'layer', descending: true });
    assert.deepEqual(run(key('reverseSort')).containerSort, { key: 'size', descending: false });
    assert.deepEqual(run(key('viewVolumes'), key('sort')).volumeSort, { key: 'name', descending: false });
  });

  it('keeps each view its own selection', () => {
    const state = run(key('down'), key('viewVolumes'), key('bottom'), key('viewContainers'));
    assert.equal(state.view, 'containers');
    assert.equal(selected(state), 'b');
    assert.equal(state.positions.volumes.selectedKey, 'e');
  });

  it("shows each of a host's views by its command, and leaves the Hosts view to its own event", () => {
    for (const view of HOST_VIEW_NAMES) {
      const shown = run(key('nextPane'), key('help'), key('back'), key(viewCommand(view)));
      assert.deepEqual([shown.view, shown.pane, shown.showHelp], [view, 'list', false], view);
    }
    assert.equal(appReducer(initialAppState, key('viewHosts')), initialAppState);
    assert.equal(appReducer(initialAppState, { type: 'showHosts' }).view, 'hosts');
  });

  it('closes help with ? or Esc and ignores other keys meanwhile', () => {
    const help = run(key('help'));
    assert.equal(help.showHelp, true);
    assert.equal(appReducer(help, key('down')), help);
    assert.equal(appReducer(help, key('back')).showHelp, false);
  });
});

describe('typing a filter', () => {
  const typed = (text: string): AppEvent => ({ type: 'filterText', text });

  it("takes the text field's value, keeps it with Enter and clears it with Esc", () => {
    const editing = run(key('filter'), typed('p'), typed('pg'));
    assert.equal(editing.filters.containers, 'pg');
    assert.equal(editing.filterEditing, true);
    const kept = appReducer(editing, { type: 'filterDone' });
    assert.deepEqual([kept.filters.containers, kept.filterEditing], ['pg', false]);
    const cleared = appReducer(editing, { type: 'filterCancel' });
    assert.deepEqual([cleared.filters.containers, cleared.filterEditing], ['', false]);
  });

  it('shows the filtered list from its top', () => {
    const moved = run(key('bottom'));
    assert.equal(appReducer(moved, typed('x')).positions.containers.top, 0);
  });

  it('clears a kept filter with Esc', () => {
    const kept = run(key('filter'), typed('pg'), { type: 'filterDone' });
    assert.equal(appReducer(kept, key('back')).filters.containers, '');
  });
});
