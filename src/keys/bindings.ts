// The one table of keys: the app dispatches from it, and the help screen and status line are
// generated from it, so what the screen says is what the keys do. A key means a command; the
// operations that change the host (prune, backup, restore) are marked dangerous, and read-only
// sessions neither list nor offer them.

/** The views of one host. */
export type HostViewName = 'containers' | 'volumes' | 'disk' | 'findings';
/** Every view: one host's, and the Hosts view listing every host. */
export type ViewName = HostViewName | 'hosts';
/** Where a key press lands: one of the views, or the screen shown when no engine answers. */
export type KeyScope = ViewName | 'unreachable' | 'tree' | 'dialog';

/** What a key press asks for. */
export type Command =
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
  | 'viewHosts'
  | 'help'
  | 'quit'
  | 'openDemo'
  | 'prune'
  | 'backup'
  | 'restore'
  | 'truncateLog'
  | 'fix'
  | 'toggle'
  | 'yes'
  | 'no'
  | 'rename'
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
  command: Command;
  /** How the keys are written on the help screen. */
  keys: string;
  description: string;
  /** Where it works. */
  scopes: KeyScope[];
  /** Its place in the status line (lower first), with the short keys and label shown there. */
  status?: { order: number; keys: string; label: string };
  /** It changes the host: never listed in read-only sessions (--read-only, --demo, --snapshot). */
  dangerous?: true;
  /** It reaches the Hosts view: listed only where there is one (a live engine). */
  needsHosts?: true;
  match: (key: KeyPress) => boolean;
}

const char = (...chars: string[]) => (key: KeyPress) => !key.ctrl && chars.includes(key.input);
const HOST_VIEWS: KeyScope[] = ['containers', 'volumes', 'disk', 'findings'];
const VIEWS: KeyScope[] = [...HOST_VIEWS, 'hosts'];
const EVERYWHERE: KeyScope[] = [...VIEWS, 'unreachable', 'tree'];
const LISTS: KeyScope[] = [...VIEWS, 'tree'];
const DIALOG: KeyScope[] = ['dialog'];

export const BINDINGS: Binding[] = [
  { command: 'up', keys: '↑ k', description: 'move up', scopes: [...LISTS, 'dialog'], match: (k) => Boolean(k.upArrow) || char('k')(k),
    status: { order: 1, keys: '↑↓', label: 'move' } },
  { command: 'down', keys: '↓ j', description: 'move down', scopes: [...LISTS, 'dialog'], match: (k) => Boolean(k.downArrow) || char('j')(k) },
  { command: 'pageUp', keys: 'PgUp', description: 'page up', scopes: LISTS, match: (k) => Boolean(k.pageUp) },
  { command: 'pageDown', keys: 'PgDn', description: 'page down', scopes: LISTS, match: (k) => Boolean(k.pageDown) },
  { command: 'top', keys: 'g Home', description: 'first row', scopes: LISTS, match: (k) => Boolean(k.home) || char('g')(k) },
  { command: 'bottom', keys: 'G End', description: 'last row', scopes: LISTS, match: (k) => Boolean(k.end) || char('G')(k) },
  { command: 'nextPane', keys: 'Tab', description: 'next pane of the selected container', scopes: ['containers'],
    match: (k) => Boolean(k.tab) && !k.shift, status: { order: 3, keys: 'Tab', label: 'pane' } },
  { command: 'previousPane', keys: 'Shift-Tab', description: 'previous pane', scopes: ['containers'],
    match: (k) => Boolean(k.tab) && Boolean(k.shift) },
  { command: 'open', keys: 'Enter', description: 'open the selected item; on a volume or the writable layer pane: what takes the space; on a host: its views', scopes: ['containers', 'volumes', 'findings', 'hosts', 'tree', 'dialog'],
    match: (k) => Boolean(k.return), status: { order: 2, keys: '⏎', label: 'open' } },
  { command: 'back', keys: 'Esc ←', description: 'back, up a directory; clear the filter; cancel; to the hosts', scopes: [...LISTS, 'dialog', 'unreachable'],
    match: (k) => Boolean(k.escape) || Boolean(k.leftArrow) || Boolean(k.backspace), status: { order: 10, keys: 'Esc', label: 'back' } },
  { command: 'filter', keys: '/', description: 'filter by name', scopes: ['containers', 'volumes', 'findings', 'hosts'], match: char('/'),
    status: { order: 4, keys: '/', label: 'filter' } },
  { command: 'sort', keys: 's', description: 'sort by the next column', scopes: ['containers', 'volumes'], match: char('s'),
    status: { order: 5, keys: 's', label: 'sort' } },
  { command: 'reverseSort', keys: 'S', description: 'reverse the sort order', scopes: ['containers', 'volumes'], match: char('S') },
  { command: 'refresh', keys: 'r', description: 'collect again, keeping the selection', scopes: EVERYWHERE, match: char('r'),
    status: { order: 6, keys: 'r', label: 'refresh' } },
  { command: 'viewContainers', keys: '1', description: 'containers view', scopes: VIEWS, match: char('1'),
    status: { order: 7, keys: '1-4', label: 'views' } },
  { command: 'viewVolumes', keys: '2', description: 'volumes view', scopes: VIEWS, match: char('2') },
  { command: 'viewDisk', keys: '3', description: 'disk usage view', scopes: VIEWS, match: char('3') },
  { command: 'viewFindings', keys: '4', description: 'findings: storage mistakes and their fixes', scopes: VIEWS, match: char('4') },
  { command: 'viewHosts', keys: '0', description: 'hosts: every docker context and local engine, side by side', scopes: [...VIEWS, 'unreachable'], needsHosts: true,
    match: char('0'), status: { order: 7.5, keys: '0', label: 'hosts' } },
  { command: 'openDemo', keys: 'd', description: 'open the bundled demo host', scopes: ['unreachable'], match: char('d'),
    status: { order: 2, keys: 'd', label: 'demo' } },
  { command: 'prune', keys: 'p', dangerous: true, description: 'prune: preview what would go, confirm, delete exactly that', scopes: HOST_VIEWS, match: char('p'),
    status: { order: 6, keys: 'p', label: 'prune' } },
  { command: 'backup', keys: 'b', dangerous: true, description: 'back up the selected volume (or the container\'s volumes)', scopes: ['containers', 'volumes'],
    match: char('b'), status: { order: 6.5, keys: 'b', label: 'backup' } },
  { command: 'restore', keys: 'R', dangerous: true, description: 'restore a backup of the selected volume into a new volume', scopes: ['volumes'], match: char('R') },
  { command: 'truncateLog', keys: 'T', dangerous: true, description: 'empty the selected container\'s log in place (a running one keeps running)', scopes: ['containers'], match: char('T') },
  { command: 'fix', keys: 'f', dangerous: true, description: 'act on the selected finding: prune, empty the log or back up the volume it names', scopes: ['findings'],
    match: char('f'), status: { order: 6, keys: 'f', label: 'fix' } },
  { command: 'toggle', keys: 'Space', description: 'include or leave out a kind', scopes: DIALOG, match: char(' ') },
  { command: 'yes', keys: 'y', description: 'yes', scopes: DIALOG, match: char('y', 'Y') },
  { command: 'no', keys: 'n', description: 'no', scopes: DIALOG, match: char('n', 'N') },
  { command: 'rename', keys: 'e', description: 'edit the volume to restore into, or the folder to back up into', scopes: DIALOG, match: char('e') },
  { command: 'stopWriters', keys: 's', description: 'stop the containers that write, start them after', scopes: DIALOG, match: char('s') },
  { command: 'copyLive', keys: 'l', description: 'copy while they run', scopes: DIALOG, match: char('l') },
  { command: 'levelUp', keys: '+', description: 'more compression', scopes: DIALOG, match: char('+', '=') },
  { command: 'levelDown', keys: '-', description: 'less compression (down to none)', scopes: DIALOG, match: char('-') },
  { command: 'help', keys: '?', description: 'show or hide this help', scopes: VIEWS, match: char('?'),
    status: { order: 8, keys: '?', label: 'help' } },
  { command: 'quit', keys: 'q Ctrl-C', description: 'quit', scopes: EVERYWHERE, match: (k) => char('q')(k) || (Boolean(k.ctrl) && k.input === 'c'),
    status: { order: 9, keys: 'q', label: 'quit' } },
];

const applies = (binding: Binding, scope: KeyScope) => binding.scopes.includes(scope);

/** Whether a command changes the host (the table marks it). */
export const isDangerous = (command: Command | null) => BINDINGS.some((binding) => binding.command === command && binding.dangerous);

/** The command a key press means in a scope, or null. */
export function commandFor(key: KeyPress, scope: KeyScope): Command | null {
  return BINDINGS.find((binding) => applies(binding, scope) && binding.match(key))?.command ?? null;
}

/** Whether a session may change the host (read-only ones leave dangerous bindings out of view), and whether it has a Hosts view. */
export interface Offer {
  readOnly: boolean;
  hosts?: boolean;
}

export const offered = (binding: Binding, offer: Offer) => !(offer.readOnly && binding.dangerous) && !(binding.needsHosts && !offer.hosts);

/** The bindings that work in a scope, in table order (for the help screen). */
export function bindingsFor(scope: KeyScope, offer: Offer = { readOnly: false }): Binding[] {
  return BINDINGS.filter((binding) => applies(binding, scope) && offered(binding, offer));
}

/** The bindings shown in a scope's status line, in their order. */
export function statusBindings(scope: KeyScope, offer: Offer = { readOnly: false }): Binding[] {
  return bindingsFor(scope, offer)
    .filter((binding) => binding.status)
    .sort((a, b) => (a.status?.order ?? 0) - (b.status?.order ?? 0));
}
