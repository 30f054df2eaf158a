// The one table of keys: the app dispatches from it, and the help screen and status line are
// generated from it, so what the screen says is what the keys do.

export type ViewName = 'containers' | 'volumes' | 'disk' | 'findings';
/** Where a key press lands: one of the views, or the screen shown when no engine answers. */
export type KeyScope = ViewName | 'unreachable' | 'tree' | 'dialog';

export type Action =
  | 'up'
  | 'down'
  | 'pageUp'
  | 'pageDown'
  | 'top'
  | 'bottom'
  | 'nextPane'
  | 'previousPane'
  | 'open'
  | 'back'
  | 'filter'
  | 'sort'
  | 'reverseSort'
  | 'refresh'
  | 'viewContainers'
  | 'viewVolumes'
  | 'viewDisk'
  | 'viewFindings'
  | 'help'
  | 'quit'
  | 'openDemo'
  | 'prune'
  | 'backup'
  | 'restore'
  | 'toggle'
  | 'yes'
  | 'no'
  | 'stopWriters'
  | 'copyLive'
  | 'levelUp'
  | 'levelDown';

/** A key press as Ink reports it, reduced to what bindings match on. */
export interface KeyPress {
  input: string;
  upArrow?: boolean;
  downArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
  tab?: boolean;
  shift?: boolean;
  ctrl?: boolean;
  return?: boolean;
  escape?: boolean;
  backspace?: boolean;
  leftArrow?: boolean;
  delete?: boolean;
  meta?: boolean;
}

export interface Binding {
  action: Action;
  /** How the keys are written on the help screen. */
  keys: string;
  description: string;
  /** Where it works. */
  scopes: KeyScope[];
  /** Its place in the status line (lower first), with the short keys and label shown there. */
  status?: { order: number; keys: string; label: string };
  match: (key: KeyPress) => boolean;
}

const char = (...chars: string[]) => (key: KeyPress) => !key.ctrl && chars.includes(key.input);
const VIEWS: KeyScope[] = ['containers', 'volumes', 'disk', 'findings'];
const EVERYWHERE: KeyScope[] = [...VIEWS, 'unreachable', 'tree'];
const LISTS: KeyScope[] = [...VIEWS, 'tree'];
const DIALOG: KeyScope[] = ['dialog'];

export const BINDINGS: Binding[] = [
  { action: 'up', keys: '↑ k', description: 'move up', scopes: [...LISTS, 'dialog'], match: (k) => Boolean(k.upArrow) || char('k')(k),
    status: { order: 1, keys: '↑↓', label: 'move' } },
  { action: 'down', keys: '↓ j', description: 'move down', scopes: [...LISTS, 'dialog'], match: (k) => Boolean(k.downArrow) || char('j')(k) },
  { action: 'pageUp', keys: 'PgUp', description: 'page up', scopes: LISTS, match: (k) => Boolean(k.pageUp) },
  { action: 'pageDown', keys: 'PgDn', description: 'page down', scopes: LISTS, match: (k) => Boolean(k.pageDown) },
  { action: 'top', keys: 'g Home', description: 'first row', scopes: LISTS, match: (k) => Boolean(k.home) || char('g')(k) },
  { action: 'bottom', keys: 'G End', description: 'last row', scopes: LISTS, match: (k) => Boolean(k.end) || char('G')(k) },
  { action: 'nextPane', keys: 'Tab', description: 'next pane of the selected container', scopes: ['containers'],
    match: (k) => Boolean(k.tab) && !k.shift, status: { order: 3, keys: 'Tab', label: 'pane' } },
  { action: 'previousPane', keys: 'Shift-Tab', description: 'previous pane', scopes: ['containers'],
    match: (k) => Boolean(k.tab) && Boolean(k.shift) },
  { action: 'open', keys: 'Enter', description: 'open the selected item; on a volume or the writable layer pane: what takes the space', scopes: ['containers', 'volumes', 'findings', 'tree', 'dialog'],
    match: (k) => Boolean(k.return), status: { order: 2, keys: '⏎', label: 'open' } },
  { action: 'back', keys: 'Esc ←', description: 'back, up a directory; clear the filter; cancel', scopes: [...LISTS, 'dialog'],
    match: (k) => Boolean(k.escape) || Boolean(k.leftArrow) || Boolean(k.backspace), status: { order: 10, keys: 'Esc', label: 'back' } },
  { action: 'filter', keys: '/', description: 'filter by name', scopes: ['containers', 'volumes', 'findings'], match: char('/'),
    status: { order: 4, keys: '/', label: 'filter' } },
  { action: 'sort', keys: 's', description: 'sort by the next column', scopes: ['containers', 'volumes'], match: char('s'),
    status: { order: 5, keys: 's', label: 'sort' } },
  { action: 'reverseSort', keys: 'S', description: 'reverse the sort order', scopes: ['containers', 'volumes'], match: char('S') },
  { action: 'refresh', keys: 'r', description: 'collect again, keeping the selection', scopes: EVERYWHERE, match: char('r'),
    status: { order: 6, keys: 'r', label: 'refresh' } },
  { action: 'viewContainers', keys: '1', description: 'containers view', scopes: VIEWS, match: char('1'),
    status: { order: 7, keys: '1-4', label: 'views' } },
  { action: 'viewVolumes', keys: '2', description: 'volumes view', scopes: VIEWS, match: char('2') },
  { action: 'viewDisk', keys: '3', description: 'disk usage view', scopes: VIEWS, match: char('3') },
  { action: 'viewFindings', keys: '4', description: 'findings: storage mistakes and their fixes', scopes: VIEWS, match: char('4') },
  { action: 'openDemo', keys: 'd', description: 'open the bundled demo host', scopes: ['unreachable'], match: char('d'),
    status: { order: 2, keys: 'd', label: 'demo' } },
  { action: 'prune', keys: 'p', description: 'prune: preview what would go, confirm, delete exactly that', scopes: VIEWS, match: char('p'),
    status: { order: 6, keys: 'p', label: 'prune' } },
  { action: 'backup', keys: 'b', description: 'back up the selected volume (or the container\'s volumes)', scopes: ['containers', 'volumes'],
    match: char('b'), status: { order: 6.5, keys: 'b', label: 'backup' } },
  { action: 'restore', keys: 'R', description: 'restore a backup of the selected volume into a new volume', scopes: ['volumes'], match: char('R') },
  { action: 'toggle', keys: 'Space', description: 'include or leave out a kind', scopes: DIALOG, match: char(' ') },
  { action: 'yes', keys: 'y', description: 'yes', scopes: DIALOG, match: char('y', 'Y') },
  { action: 'no', keys: 'n', description: 'no', scopes: DIALOG, match: char('n', 'N') },
  { action: 'stopWriters', keys: 's', description: 'stop the containers that write, start them after', scopes: DIALOG, match: char('s') },
  { action: 'copyLive', keys: 'l', description: 'copy while they run', scopes: DIALOG, match: char('l') },
  { action: 'levelUp', keys: '+', description: 'more compression', scopes: DIALOG, match: char('+', '=') },
  { action: 'levelDown', keys: '-', description: 'less compression (down to none)', scopes: DIALOG, match: char('-') },
  { action: 'help', keys: '?', description: 'show or hide this help', scopes: VIEWS, match: char('?'),
    status: { order: 8, keys: '?', label: 'help' } },
  { action: 'quit', keys: 'q Ctrl-C', description: 'quit', scopes: EVERYWHERE, match: (k) => char('q')(k) || (Boolean(k.ctrl) && k.input === 'c'),
    status: { order: 9, keys: 'q', label: 'quit' } },
];

const applies = (binding: Binding, scope: KeyScope) => binding.scopes.includes(scope);


/** The action a key press means in a scope, or null. */
export function actionFor(key: KeyPress, scope: KeyScope): Action | null {
  return BINDINGS.find((binding) => applies(binding, scope) && binding.match(key))?.action ?? null;
}

/** The bindings that work in a scope, in table order (for the help screen). */
export function bindingsFor(scope: KeyScope): Binding[] {
  return BINDINGS.filter((binding) => applies(binding, scope));
}

/** The bindings shown in a scope's status line, in their order. */
export function statusBindings(scope: KeyScope): Binding[] {
  return bindingsFor(scope)
    .filter((binding) => binding.status)
    .sort((a, b) => (a.status?.order ?? 0) - (b.status?.order ?? 0));
}

/**
 * The key presses in one read from the terminal. Keys typed faster than the screen reads them
 * (over a slow SSH link, say) arrive together as one string: each character is its own press.
 */
export function splitKeyPresses(key: KeyPress): KeyPress[] {
  const { input } = key;
  if (input.length <= 1 || key.ctrl || key.meta || input.includes('\x1b')) return [key];
  return [...input].map((character): KeyPress => {
    if (character === '\t') return { input: '', tab: true };
    if (character === '\r' || character === '\n') return { input: '', return: true };
    return { input: character };
  });
}
