// Where a key press goes: an ordered list of layers, each taking the press or passing it on, in the
// spirit of gemini-cli's keypress priorities, synchronous per press. The first that takes it wins:
//   interrupt  Ctrl-C, and a terminal too small to show what the keys would act on
//   dialog     the open dialog (only Esc unless the last frame showed it wholly at the size in force)
//   field      the filter being typed (its text field takes the keys)
//   tree       the drill-down
//   hosts      the Hosts view: open a host, collect every host again; and the ways back to it
//   commands   intents for whoever owns the data: quit, collect again, the demo, prune/backup/restore
//   view       the reducer: moving, panes, sorting, views, help
import { commandFor, isDangerous, type KeyPress } from '../../src/keys/bindings.js';
import { FIRST_HOST_VIEW, hostViewShownBy, isHostView } from '../../src/keys/views.js';
import type { AppState } from '../state/app-state.js';
import { isRunning } from '../dialogs/dialog.js';
import { isDialogCommand } from '../dialogs/dialog-step.js';
import type { HostKeys, KeyContext } from './key-context.js';

export type Layer = (press: KeyPress, context: KeyContext) => boolean;

const isCtrlC = (press: KeyPress) => Boolean(press.ctrl) && press.input === 'c';

const interrupt: Layer = (press, context) => {
  if (isCtrlC(press)) {
    // While a backup runs, Ctrl-C cancels it (stopped containers start again); else it quits, and
    // a prune or restore that runs is finished before the process ends (the explorer settles).
    const { dialog } = context;
    if (dialog && isRunning(dialog.open) && dialog.open.kind === 'backup') dialog.store.command('back');
    else context.exit();
    return true;
  }
  if (!context.interrupt.tooSmall) return false;
  if (context.dialog && press.escape) context.dialog.store.command('back');
  else if (!context.dialog && commandFor(press, 'unreachable') === 'quit') context.exit();
  else context.interrupt.ignored();
  return true;
};

const dialog: Layer = (press, context) => {
  if (!context.dialog) return false;
  const { store, shown } = context.dialog;
  // No confirmation the user cannot read: a dialog not wholly on screen at the size in force, or
  // not yet drawn at it (a resize read with the key), takes only Esc; it is drawn again and waits.
  if (!shown) {
    if (press.escape) store.command('back');
    return true;
  }
  if (context.fieldHadKeys) {
    // The dialog's text field takes the typed keys; Enter submits it here, past the check above.
    if (press.escape) store.command('back');
    else if (press.return) store.submit();
    return true;
  }
  const command = commandFor(press, 'dialog');
  if (isDialogCommand(command)) store.command(command);
  return true;
};

const field: Layer = (press, context) => {
  if (!context.fieldHadKeys) return false;
  // The filter's text field takes the typed keys and Enter (it keeps the filter); Esc clears it.
  if (press.escape) context.dispatch({ type: 'filterCancel' });
  return true;
};

const tree: Layer = (press, context) => {
  if (!context.tree) return false;
  const { state, store, list } = context.tree;
  const command = commandFor(press, 'tree');
  if (command === 'quit') context.exit();
  else if (command === 'open') {
    const directory = context.tree.selectedDirectory();
    if (directory !== null) context.dispatch({ type: 'treeInto', name: directory });
  } else if (command === 'back') {
    if (context.state.treePath.length) context.dispatch({ type: 'treeUp' });
    else store.close();
  } else if (command === 'refresh') {
    context.dispatch({ type: 'treeReset' });
    if (state.status !== 'closed') store.open(state.target);
  } else if (command) context.dispatch({ type: 'treeMove', command, list: list() });
  return true;
};

/** Nothing is open in the view to go back out of: Esc there leaves the host. */
const atTop = (state: AppState) => !state.opened && state.pane === 'list' && !state.filters[state.view] && !state.showHelp;

const hosts: Layer = (press, context) => {
  if (!context.hosts) return false;
  const command = commandFor(press, context.scope);
  if (context.scope === 'hosts') {
    if (context.state.showHelp) return false;
    if (command === 'refresh') return context.hosts.refresh(), true;
    // Enter opens the selected host on its first view; a view's key, on that view.
    const view = command === 'open' ? FIRST_HOST_VIEW : command && hostViewShownBy(command);
    if (!view) return false;
    const key = context.hosts.selected();
    if (key) context.hosts.open(key, view);
    return true;
  }
  if (command === 'viewHosts') return context.hosts.show(), true;
  if (command === 'back' && context.scope === 'unreachable') return context.hosts.show(), true;
  if (command === 'back' && context.hosts.backGoesThere && isHostView(context.scope) && atTop(context.state)) return context.hosts.show(), true;
  return false;
};

const commands: Layer = (press, context) => {
  const command = commandFor(press, context.scope);
  if (command === 'quit') return context.exit(), true;
  if (command === 'refresh') return context.commands.refresh(), true;
  if (command === 'openDemo') return context.commands.openDemo(), true;
  const { host } = context.commands;
  if (!host) return false;
  // Without a dialog store (a saved snapshot) a command that changes the host does nothing.
  if (isDangerous(command) && !host.dialogs) return true;
  if (command === 'truncateLog') {
    const container = host.selectedContainer();
    if (container) host.open.truncate(container);
    return true;
  }
  if (command === 'fix') return fixFinding(host), true;
  if (command === 'prune') return host.open.prune(), true;
  if (command === 'backup') {
    const volume = context.state.view === 'volumes' ? host.selectedVolume() : null;
    const container = context.state.view === 'containers' ? host.selectedContainer() : null;
    if (volume) host.open.backup([volume]);
    else if (container) host.open.backup(container.volumes.map((mount) => mount.name));
    return true;
  }
  if (command === 'restore') {
    const volume = host.selectedVolume();
    if (volume) host.open.restore(volume);
    return true;
  }
  if (command === 'open') {
    const target = host.drillTarget();
    if (target) {
      context.dispatch({ type: 'treeReset' });
      host.open.tree(target);
      return true;
    }
  }
  return false;
};

/** Opens what the selected finding's remedy names: the prune preview, the log's truncation, the volume's backup. */
function fixFinding(host: HostKeys): void {
  const remedy = host.selectedFinding()?.remedy;
  if (!remedy) return;
  if (remedy.kind === 'prune') return host.open.prune();
  if (remedy.kind === 'backup') return host.open.backup([remedy.volume]);
  const container = host.snapshot.containers.find((candidate) => candidate.name === remedy.container);
  if (container) host.open.truncate(container);
}

const view: Layer = (press, context) => {
  const command = commandFor(press, context.scope);
  if (command && context.view) context.dispatch({ type: 'key', command, list: context.view.list() });
  return command !== null;
};

export const LAYERS: Layer[] = [interrupt, dialog, field, tree, hosts, commands, view];

/** Hands the press to the first layer that takes it. */
export function routeKey(press: KeyPress, context: KeyContext): void {
  for (const layer of LAYERS) if (layer(press, context)) return;
}
