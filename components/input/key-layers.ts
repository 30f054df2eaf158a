// Where a key press goes: an ordered list of layers, each taking the press or passing it on, in the
// spirit of gemini-cli's keypress priorities, synchronous per press. The first that takes it wins:
//   interrupt  Ctrl-C, and a terminal too small to show what the keys would act on
//   dialog     the open dialog (only Esc unless the last frame showed it wholly at the size in force)
//   field      the filter being typed (its text field takes the keys)
//   tree       the drill-down
//   hosts      the Hosts view: open a host, collect every host again; and the ways back to it
//   commands   intents for whoever owns the data: quit, collect again, the demo, prune/backup/restore
//   view       the reducer: moving, panes, sorting, views, help
import type { TreeState, TreeStore, TreeTarget } from '../../src/app/tree-store.js';
import { type Command, commandFor, type HostViewName, isDangerous, type KeyPress, type KeyScope, type ViewName } from '../../src/keys/bindings.js';
import type { ContainerStorage, Finding, Snapshot } from '../../src/model/types.js';
import type { AppEvent, AppState, ListContext } from '../state/app-state.js';
import type { DialogStore } from '../state/dialog-store.js';
import { type Dialog, isRunning } from '../dialogs/dialog.js';
import { isDialogCommand } from '../dialogs/dialog-step.js';

/** The one answer to "which keys apply here", for dispatch, the status line and help alike. */
export function scopeOf(where: { unreachable: boolean; dialogOpen: boolean; treeOpen: boolean; view: ViewName }): KeyScope {
  if (where.dialogOpen) return 'dialog';
  // The Hosts view shows every host, whether or not the open one answered.
  if (where.view === 'hosts') return 'hosts';
  if (where.unreachable) return 'unreachable';
  if (where.treeOpen) return 'tree';
  return where.view;
}

export interface KeyContext {
  /** The reducer's state after the presses before this one. */
  state: AppState;
  dispatch(event: AppEvent): void;
  scope: KeyScope;
  /** The terminal, at the size it has as this press is handled, is too small for the explorer. */
  tooSmall: boolean;
  /** A text field (the filter, a dialog's) had the keys when this press went out: it takes them. */
  fieldHadKeys: boolean;
  /** The dialog as it is now. */
  dialog: Dialog | null;
  /** The last frame drawn showed all of the dialog, at the size the terminal has as this press is handled. */
  dialogShown: boolean;
  dialogs: DialogStore | null;
  /** The open drill-down: its state, store, list, and the selected entry when it is a directory. */
  tree: { state: TreeState; store: TreeStore; list: () => ListContext; selectedDirectory: () => string | null } | null;
  snapshot: Snapshot | null;
  /** What the list keys move through in the current view. */
  list: () => ListContext;
  /** The selected volume's name in the volumes view; the selected container in the containers view. */
  selectedVolume: () => string | null;
  selectedContainer: () => ContainerStorage | null;
  /** What Enter drills into here, if anything. */
  drillTarget: () => TreeTarget | null;
  /** The selected finding in the findings view. */
  selectedFinding: () => Finding | null;
  open: {
    prune(): void;
    backup(volumes: string[]): void;
    restore(volume: string): void;
    truncate(container: ContainerStorage): void;
    tree(target: TreeTarget): void;
  };
  refresh(): void;
  openDemo(): void;
  /** The Hosts view, on a live engine; null in the demo and on a saved snapshot. */
  hosts: {
    /** The key of the host selected on the Hosts view. */
    selected(): string | null;
    /** Shows that host's views, starting with `view`. */
    open(key: string, view: HostViewName): void;
    /** Shows the Hosts view (and starts collecting every host, the first time). */
    show(): void;
    refresh(): void;
    /** Esc at the top of a host's views goes back to the Hosts view (it was opened from there). */
    backGoesThere: boolean;
  } | null;
  exit(): void;
  /** A press the too-small screen did not take, counted there. */
  ignored(): void;
}

export type Layer = (press: KeyPress, context: KeyContext) => boolean;

const isCtrlC = (press: KeyPress) => Boolean(press.ctrl) && press.input === 'c';

const interrupt: Layer = (press, context) => {
  if (isCtrlC(press)) {
    // While a backup runs, Ctrl-C cancels it (stopped containers start again); else it quits, and
    // a prune or restore that runs is finished before the process ends (the explorer settles).
    if (context.dialogs && isRunning(context.dialog) && context.dialog?.kind === 'backup') context.dialogs.command('back');
    else context.exit();
    return true;
  }
  if (!context.tooSmall) return false;
  if (context.dialog && press.escape) context.dialogs?.command('back');
  else if (!context.dialog && commandFor(press, 'unreachable') === 'quit') context.exit();
  else context.ignored();
  return true;
};

const dialog: Layer = (press, context) => {
  if (!context.dialog || !context.dialogs) return false;
  // No confirmation the user cannot read: a dialog not wholly on screen at the size in force, or
  // not yet drawn at it (a resize read with the key), takes only Esc; it is drawn again and waits.
  if (!context.dialogShown) {
    if (press.escape) context.dialogs.command('back');
    return true;
  }
  if (context.fieldHadKeys) {
    // The dialog's text field takes the typed keys; Enter submits it here, past the check above.
    if (press.escape) context.dialogs.command('back');
    else if (press.return) context.dialogs.submit();
    return true;
  }
  const command = commandFor(press, 'dialog');
  if (isDialogCommand(command)) context.dialogs.command(command);
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

const VIEW_OF: Partial<Record<Command, HostViewName>> = {
  open: 'containers', viewContainers: 'containers', viewVolumes: 'volumes', viewDisk: 'disk', viewFindings: 'findings',
};
const HOST_SCOPES: KeyScope[] = ['containers', 'volumes', 'disk', 'findings'];

/** Nothing is open in the view to go back out of: Esc there leaves the host. */
const atTop = (state: AppState) => !state.opened && state.pane === 'list' && !state.filters[state.view] && !state.showHelp;

const hosts: Layer = (press, context) => {
  if (!context.hosts) return false;
  const command = commandFor(press, context.scope);
  if (context.scope === 'hosts') {
    if (context.state.showHelp) return false;
    if (command === 'refresh') return context.hosts.refresh(), true;
    const view = command ? VIEW_OF[command] : undefined;
    if (!view) return false;
    const key = context.hosts.selected();
    if (key) context.hosts.open(key, view);
    return true;
  }
  if (command === 'viewHosts') return context.hosts.show(), true;
  if (command === 'back' && context.scope === 'unreachable') return context.hosts.show(), true;
  if (command === 'back' && context.hosts.backGoesThere && HOST_SCOPES.includes(context.scope) && atTop(context.state)) return context.hosts.show(), true;
  return false;
};

const commands: Layer = (press, context) => {
  const command = commandFor(press, context.scope);
  if (command === 'quit') return context.exit(), true;
  if (command === 'refresh') return context.refresh(), true;
  if (command === 'openDemo') return context.openDemo(), true;
  if (!context.snapshot) return false;
  // Without a dialog store (a saved snapshot) a command that changes the host does nothing.
  if (isDangerous(command) && !context.dialogs) return true;
  if (command === 'truncateLog') {
    const container = context.selectedContainer();
    if (container) context.open.truncate(container);
    return true;
  }
  if (command === 'fix') return fixFinding(context), true;
  if (command === 'prune') return context.open.prune(), true;
  if (command === 'backup') {
    const volume = context.state.view === 'volumes' ? context.selectedVolume() : null;
    const container = context.state.view === 'containers' ? context.selectedContainer() : null;
    if (volume) context.open.backup([volume]);
    else if (container) context.open.backup(container.volumes.map((mount) => mount.name));
    return true;
  }
  if (command === 'restore') {
    const volume = context.selectedVolume();
    if (volume) context.open.restore(volume);
    return true;
  }
  if (command === 'open') {
    const target = context.drillTarget();
    if (target) {
      context.dispatch({ type: 'treeReset' });
      context.open.tree(target);
      return true;
    }
  }
  return false;
};

/** Opens what the selected finding's remedy names: the prune preview, the log's truncation, the volume's backup. */
function fixFinding(context: KeyContext): void {
  const remedy = context.selectedFinding()?.remedy;
  if (!remedy || !context.snapshot) return;
  if (remedy.kind === 'prune') return context.open.prune();
  if (remedy.kind === 'backup') return context.open.backup([remedy.volume]);
  const container = context.snapshot.containers.find((candidate) => candidate.name === remedy.container);
  if (container) context.open.truncate(container);
}

const view: Layer = (press, context) => {
  const command = commandFor(press, context.scope);
  if (command && (context.snapshot || context.scope === 'hosts')) context.dispatch({ type: 'key', command, list: context.list() });
  return command !== null;
};

export const LAYERS: Layer[] = [interrupt, dialog, field, tree, hosts, commands, view];

/** Hands the press to the first layer that takes it. */
export function routeKey(press: KeyPress, context: KeyContext): void {
  for (const layer of LAYERS) if (layer(press, context)) return;
}
