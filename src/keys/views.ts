// The explorer's views: one list, in the order of their tabs, from which the view names, the
// commands and keys that show them, their key scopes and the per-view records derive. How each is
// drawn lives in components/views/views.tsx.

export const VIEW_LIST = [
  { name: 'hosts', key: '0', tab: 'Hosts', description: 'hosts: every docker context and local engine, side by side' },
  { name: 'containers', key: '1', tab: 'Containers', description: 'containers view' },
  { name: 'volumes', key: '2', tab: 'Volumes', description: 'volumes view' },
  { name: 'disk', key: '3', tab: 'Disk', description: 'disk usage view' },
  { name: 'findings', key: '4', tab: 'Findings', description: 'findings: storage mistakes and their fixes' },
] as const;

export type View = (typeof VIEW_LIST)[number];
/** Every view: one host's, and the Hosts view listing every host. */
export type ViewName = View['name'];
/** The views of one host. */
export type HostViewName = Exclude<ViewName, 'hosts'>;
/** The command that shows a view: `viewContainers` for `containers`. */
export type ViewCommand = `view${Capitalize<ViewName>}`;

export const viewCommand = <Name extends ViewName>(name: Name) => `view${name.charAt(0).toUpperCase()}${name.slice(1)}` as `view${Capitalize<Name>}`;

export const VIEW_NAMES: readonly ViewName[] = VIEW_LIST.map((view) => view.name);
export const HOST_VIEWS = VIEW_LIST.filter((view): view is Extract<View, { name: HostViewName }> => view.name !== 'hosts');
export const HOST_VIEW_NAMES: readonly HostViewName[] = HOST_VIEWS.map((view) => view.name);
/** The Hosts view: first in the list, which the type holds to. */
export const HOSTS_VIEW: Extract<View, { name: 'hosts' }> = VIEW_LIST[0];
/** The view a host opens on. */
export const FIRST_HOST_VIEW: HostViewName = 'containers';

export const isView = (name: string): name is ViewName => (VIEW_NAMES as readonly string[]).includes(name);
export const isHostView = (name: string): name is HostViewName => (HOST_VIEW_NAMES as readonly string[]).includes(name);

/** The host view a command shows, or null when it shows none. */
export function hostViewShownBy(command: string): HostViewName | null {
  return HOST_VIEW_NAMES.find((name) => viewCommand(name) === command) ?? null;
}

/** A record with a value for every view, each made by `value`. */
export function perView<T>(value: (name: ViewName) => T): Record<ViewName, T> {
  return Object.fromEntries(VIEW_NAMES.map((name) => [name, value(name)])) as Record<ViewName, T>;
}
