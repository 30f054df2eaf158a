// The one table of keys: the app dispatches from it, and the help screen and status line are
// generated from it, so what the screen says is what the keys do (keys are data, read by one
// matcher and written by one labeller). A key means a command; the operations that change the
// host (prune, backup, restore) are marked dangerous, and read-only sessions neither list nor
// offer them.

import { HOST_VIEW_NAMES, HOST_VIEWS, HOSTS_VIEW, VIEW_NAMES, viewCommand, type ViewCommand } from './views.js';

/** Where a key press lands: one of the views, the screen shown when no engine answers, the drill-down or a dialog. */
export const KEY_SCOPES = [...VIEW_NAMES, 'unreachable', 'tree', 'dialog'] as const;
export type KeyScope = (typeof KEY_SCOPES)[number];

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
  | ViewCommand
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

/** How each key without a character of its own is written on the help screen. */
const SPECIAL_KEYS = {
  upArrow: '↑', downArrow: '↓', pageUp: 'PgUp', pageDown: 'PgDn', home: 'Home', end: 'End', tab: 'Tab', return: 'Enter', escape: 'Esc', leftArrow: '←',
} as const;
export type SpecialKey = keyof typeof SPECIAL_KEYS;
/** Shorter where room is short (the status line). */
const SHORT_SPECIAL_KEYS: Partial<Record<SpecialKey, string>> = { return: '⏎' };

/**
 * A key, as data: a character typed without Ctrl (with or without Alt), a key with no character
 * (`shift` says whether Shift must be held, or not; left out, either), or Ctrl with a letter.
 */
export type Key = { char: string } | { special: SpecialKey; shift?: boolean } | { ctrl: string };

/** The one matcher: whether a press is this key. */
export function isKey(key: Key, press: KeyPress): boolean {
  if ('char' in key) return !press.ctrl && press.input === key.char;
  if ('ctrl' in key) return Boolean(press.ctrl) && press.input === key.ctrl;
  return Boolean(press[key.special]) && (key.shift === undefined || Boolean(press.shift) === key.shift);
}

/** How a key is written on the help screen. */
export function keyLabel(key: Key): string {
  if ('char' in key) return key.char === ' ' ? 'Space' : key.char;
  if ('ctrl' in key) return `Ctrl-${key.ctrl.toUpperCase()}`;
  return `${key.shift ? 'Shift-' : ''}${SPECIAL_KEYS[key.special]}`;
}

/** How a key is written where room is short (the status line). */
function shortLabel(key: Key): string {
  return ('special' in key ? SHORT_SPECIAL_KEYS[key.special] : undefined) ?? keyLabel(key);
}

export interface Binding {
  command: Command;
  /** The keys that mean it here; the help screen lists them all. */
  keys: readonly Key[];
  description: string;
  /** Where it works. */
  scopes: readonly KeyScope[];
  /**
   * Its place in the status line (lower first) and the label shown there, after its first key
   * (or `keys`, when the entry stands for several bindings: `↑↓ move`).
   */
  status?: { order: number; label: string; keys?: string };
  /** It changes the host: never listed in read-only sessions (--read-only, --demo, --snapshot). */
  dangerous?: true;
  /** It reaches the Hosts view: listed only where there is one (a live engine). */
  needsHosts?: true;
}

/** A binding's keys as the help screen writes them: `↑ k`, `q Ctrl-C`. */
export const keysLabel = (binding: Binding) => binding.keys.map(keyLabel).join(' ');

/** The keys a status line entry names. */
export function statusKeys(binding: Binding): string {
  const [first] = binding.keys;
  return binding.status?.keys ?? (first ? shortLabel(first) : '');
}

const chars = (...typed: string[]): Key[] => typed.map((char) => ({ char }));
const special = (name: SpecialKey, shift?: boolean): Key => (shift === undefined ? { special: name } : { special: name, shift });
const VIEWS: readonly KeyScope[] = VIEW_NAMES;
const EVERYWHERE: KeyScope[] = [...VIEWS, 'unreachable', 'tree'];
const LISTS: KeyScope[] = [...VIEWS, 'tree'];
const DIALOG: KeyScope[] = ['dialog'];

/** The keys that show each view: one host's views, their status entry naming the range (`1-4 views`); then the Hosts view. */
function viewBindings(): Binding[] {
  const range = `${HOST_VIEWS[0]?.key}-${HOST_VIEWS.at(-1)?.key}`;
  const hostViews = HOST_VIEWS.map((view, index): Binding => ({
    command: viewCommand(view.name), keys: chars(view.key), description: view.description, scopes: VIEWS,
    ...(index === 0 ? { status: { order: 7, label: 'views', keys: range } } : {}),
  }));
  return [...hostViews, {
    command: viewCommand(HOSTS_VIEW.name), keys: chars(HOSTS_VIEW.key), description: HOSTS_VIEW.description, scopes: [...VIEWS, 'unreachable'], needsHosts: true,
    status: { order: 7.5, label: 'hosts' },
  }];
}

export const BINDINGS: readonly Binding[] = [
  { command: 'up', keys: [special('upArrow'), ...chars('k')], description: 'move up', scopes: [...LISTS, 'dialog'],
    status: { order: 1, label: 'move', keys: '↑↓' } },
  { command: 'down', keys: [special('downArrow'), ...chars('j')], description: 'move down', scopes: [...LISTS, 'dialog'] },
  { command: 'pageUp', keys: [special('pageUp')], description: 'page up', scopes: LISTS },
  { command: 'pageDown', keys: [special('pageDown')], description: 'page down', scopes: LISTS },
  { command: 'top', keys: [...chars('g'), special('home')], description: 'first row', scopes: LISTS },
  { command: 'bottom', keys: [...chars('G'), special('end')], description: 'last row', scopes: LISTS },
  { command: 'nextPane', keys: [special('tab', false)], description: 'next pane of the selected container', scopes: ['containers'],
    status: { order: 3, label: 'pane' } },
  { command: 'previousPane', keys: [special('tab', true)], description: 'previous pane', scopes: ['containers'] },
  { command: 'open', keys: [special('return')], description: 'open the selected item; on a volume or the writable layer pane: what takes the space; on a host: its views', scopes: ['containers', 'volumes', 'findings', 'hosts', 'tree', 'dialog'],
    status: { order: 2, label: 'open' } },
  { command: 'back', keys: [special('escape'), special('leftArrow')], description: 'back, up a directory; clear the filter; cancel; to the hosts', scopes: [...LISTS, 'dialog', 'unreachable'],
    status: { order: 10, label: 'back' } },
  { command: 'filter', keys: chars('/'), description: 'filter by name', scopes: ['containers', 'volumes', 'findings', 'hosts'], status: { order: 4, label: 'filter' } },
  { command: 'sort', keys: chars('s'), description: 'sort by the next column', scopes: ['containers', 'volumes'], status: { order: 5, label: 'sort' } },
  { command: 'reverseSort', keys: chars('S'), description: 'reverse the sort order', scopes: ['containers', 'volumes'] },
  { command: 'refresh', keys: chars('r'), description: 'collect again, keeping the selection', scopes: EVERYWHERE, status: { order: 6, label: 'refresh' } },
  ...viewBindings(),
  { command: 'openDemo', keys: chars('d'), description: 'open the bundled demo host', scopes: ['unreachable'], status: { order: 2, label: 'demo' } },
  { command: 'prune', keys: chars('p'), dangerous: true, description: 'prune: preview what would go, confirm, delete exactly that', scopes: HOST_VIEW_NAMES,
    status: { order: 6, label: 'prune' } },
  { command: 'backup', keys: chars('b'), dangerous: true, description: 'back up the selected volume (or the container\'s volumes)', scopes: ['containers', 'volumes'],
    status: { order: 6.5, label: 'backup' } },
  { command: 'restore', keys: chars('R'), dangerous: true, description: 'restore a backup of the selected volume into a new volume', scopes: ['volumes'] },
  { command: 'truncateLog', keys: chars('T'), dangerous: true, description: 'empty the selected container\'s log in place (a running one keeps running)', scopes: ['containers'] },
  { command: 'fix', keys: chars('f'), dangerous: true, description: 'act on the selected finding: prune, empty the log or back up the volume it names', scopes: ['findings'],
    status: { order: 6, label: 'fix' } },
  { command: 'toggle', keys: chars(' '), description: 'include or leave out a kind', scopes: DIALOG },
  { command: 'yes', keys: chars('y', 'Y'), description: 'yes', scopes: DIALOG },
  { command: 'no', keys: chars('n', 'N'), description: 'no', scopes: DIALOG },
  { command: 'rename', keys: chars('e'), description: 'edit the volume to restore into, or the folder to back up into', scopes: DIALOG },
  { command: 'stopWriters', keys: chars('s'), description: 'stop the containers that write, start them after', scopes: DIALOG },
  { command: 'copyLive', keys: chars('l'), description: 'copy while they run', scopes: DIALOG },
  { command: 'levelUp', keys: chars('+', '='), description: 'more compression', scopes: DIALOG },
  { command: 'levelDown', keys: chars('-'), description: 'less compression (down to none)', scopes: DIALOG },
  { command: 'help', keys: chars('?'), description: 'show or hide this help', scopes: VIEWS, status: { order: 8, label: 'help' } },
  { command: 'quit', keys: [...chars('q'), { ctrl: 'c' }], description: 'quit', scopes: EVERYWHERE, status: { order: 9, label: 'quit' } },
];

const applies = (binding: Binding, scope: KeyScope) => binding.scopes.includes(scope);

/** Whether a press is one of a binding's keys. */
export const matches = (binding: Binding, press: KeyPress) => binding.keys.some((key) => isKey(key, press));

/** Whether a command changes the host (the table marks it). */
export const isDangerous = (command: Command | null) => BINDINGS.some((binding) => binding.command === command && binding.dangerous);

/** The command a key press means in a scope, or null. */
export function commandFor(key: KeyPress, scope: KeyScope): Command | null {
  return BINDINGS.find((binding) => applies(binding, scope) && matches(binding, key))?.command ?? null;
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
