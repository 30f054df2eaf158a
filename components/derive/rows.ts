// What each list shows, in which order: pure derivations from the snapshot and the view's state.
import { containerGrowth, type ContainerGrowth } from '../../src/model/growth.js';
import type { ContainerStorage, Finding, Snapshot, VolumeUsage } from '../../src/model/types.js';
export interface SortOrder<K extends string> {
  key: K;
  descending: boolean;
}

export const CONTAINER_SORT_KEYS = ['size', 'name', 'state', 'image', 'layer', 'volumes', 'binds', 'tmpfs', 'log', 'growth'] as const;
export type ContainerSortKey = (typeof CONTAINER_SORT_KEYS)[number];
export const VOLUME_SORT_KEYS = ['size', 'name', 'kind', 'users', 'project'] as const;
export type VolumeSortKey = (typeof VOLUME_SORT_KEYS)[number];

const TEXT_KEYS = new Set(['name', 'state', 'image', 'kind', 'project']);
/** Text sorts A to Z first, sizes biggest first. */
export const defaultDescending = (key: string) => !TEXT_KEYS.has(key);

const sum = (values: (number | null)[]) => values.reduce<number>((total, value) => total + (value ?? 0), 0);

/** What the explorer knows of each container's growth, by id: null when nothing samples it (demo, snapshot). */
export type GrowthById = ReadonlyMap<string, ContainerGrowth>;

/** A container's bytes per second over its layer, volumes and log; null when unknown. */
export const growthOf = (growth: GrowthById | null, container: ContainerStorage): number | null => {
  const known = growth?.get(container.id);
  return known ? containerGrowth(known) : null;
};

export const volumeBytes = (container: ContainerStorage) => sum(container.volumes.map((volume) => volume.sizeBytes));
export const tmpfsBytes = (container: ContainerStorage) => sum(container.tmpfs.map((mount) => mount.sizeBytes));
/** Disk bytes a container accounts for: its writable layer, its volumes and its log. */
export const containerBytes = (container: ContainerStorage) =>
  sum([container.writableLayer.sizeBytes, volumeBytes(container), container.log.sizeBytes]);

const CONTAINER_SORT: Record<ContainerSortKey, (c: ContainerStorage, growth: GrowthById | null) => number | string> = {
  size: containerBytes,
  name: (c) => c.name,
  state: (c) => c.state,
  image: (c) => c.image,
  layer: (c) => c.writableLayer.sizeBytes ?? -1,
  volumes: volumeBytes,
  binds: (c) => c.bindMounts.length,
  tmpfs: tmpfsBytes,
  log: (c) => c.log.sizeBytes ?? -1,
  growth: (c, growth) => growthOf(growth, c) ?? -1,
};

const VOLUME_SORT: Record<VolumeSortKey, (v: VolumeUsage) => number | string> = {
  size: (v) => v.sizeBytes ?? -1,
  name: (v) => v.name,
  kind: (v) => (v.anonymous ? 'anonymous' : 'named'),
  users: (v) => v.refCount,
  project: (v) => v.composeProject ?? '',
};

/** Sorts by `value`, then name; each item's value is worked out once, not at every comparison. */
function sortBy<T>(items: T[], value: (item: T) => number | string, descending: boolean, name: (item: T) => string): T[] {
  const keyed = items.map((item) => ({ item, key: value(item), name: name(item) }));
  keyed.sort((a, b) => {
    const order = typeof a.key === 'number' && typeof b.key === 'number' ? a.key - b.key : String(a.key).localeCompare(String(b.key));
    return (descending ? -order : order) || a.name.localeCompare(b.name);
  });
  return keyed.map((entry) => entry.item);
}

const matches = (filter: string, ...texts: string[]) => {
  const needle = filter.trim().toLowerCase();
  return !needle || texts.some((text) => text.toLowerCase().includes(needle));
};

/** `growth` is read only to sort by it: pass it only then, so new samples re-sort nothing else. */
export function containerRows(snapshot: Snapshot, filter: string, sort: SortOrder<ContainerSortKey>, growth: GrowthById | null = null): ContainerStorage[] {
  const shown = snapshot.containers.filter((c) => matches(filter, c.name, c.image));
  const value = CONTAINER_SORT[sort.key];
  return sortBy(shown, (c) => value(c, growth), sort.descending, (c) => c.name);
}

export function volumeRows(snapshot: Snapshot, filter: string, sort: SortOrder<VolumeSortKey>): VolumeUsage[] {
  const shown = snapshot.volumes.filter((v) => matches(filter, v.name, v.composeProject ?? '', ...v.containers));
  return sortBy(shown, VOLUME_SORT[sort.key], sort.descending, (v) => v.name);
}

/** The next sort key in the cycle, with that key's natural direction. */
export function nextSort<K extends string>(keys: readonly K[], current: SortOrder<K>): SortOrder<K> {
  const key = keys[(keys.indexOf(current.key) + 1) % keys.length] as K;
  return { key, descending: defaultDescending(key) };
}

/** Findings, most severe first (as the model sorts them), filtered by what they are about or say. */
export function findingRows(snapshot: Snapshot, filter: string): Finding[] {
  return (snapshot.findings ?? []).filter((finding) => matches(filter, finding.subject.name, finding.title, ...finding.containers, ...finding.volumes));
}
