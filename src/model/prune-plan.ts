// What a prune would delete: the exact items, chosen by kind, each with its size. The plan is
// shown, confirmed, and then carried out item by item on exactly this list.
import type { Snapshot, VolumeUsage } from './types.js';

export const PRUNE_KINDS = ['stopped-containers', 'anonymous-volumes', 'named-volumes', 'dangling-images', 'build-cache'] as const;
export type PruneKind = (typeof PRUNE_KINDS)[number];

export const PRUNE_KIND_LABELS: Record<PruneKind, string> = {
  'stopped-containers': 'stopped containers (and the anonymous volumes only they use)',
  'anonymous-volumes': 'dangling anonymous volumes',
  'named-volumes': 'dangling named volumes (possibly precious)',
  'dangling-images': 'dangling images',
  'build-cache': 'build cache not in use',
};

/** How the preview marks a volume whose anonymity rests on its 64-hex name alone. */
export const ANONYMOUS_BY_NAME_ONLY = 'anonymous by its name only: this engine does not label anonymous volumes; typed confirmation';

/** Named volumes stay out unless asked for: they may hold data someone meant to keep. */
export const DEFAULT_PRUNE_KINDS: PruneKind[] = ['stopped-containers', 'anonymous-volumes', 'dangling-images', 'build-cache'];

export interface PruneItem {
  kind: PruneKind;
  type: 'container' | 'volume' | 'image' | 'build-cache';
  /** What the engine deletes by: container id, volume name, image id, cache record id. */
  id: string;
  name: string;
  sizeBytes: number | null;
  /** Only for named volumes: they need the stronger confirmation. */
  named: boolean;
  /**
   * A volume taken as anonymous from its 64-hex name alone (no label on engines before Docker 23):
   * it may be a named volume, so it needs the stronger confirmation too.
   */
  anonymousByNameOnly: boolean;
}

export interface PrunePlan {
  kinds: PruneKind[];
  items: PruneItem[];
  totalBytes: number;
  /** The volumes that need their name (or their count) typed: named ones, and anonymous by name only. */
  namedVolumes: PruneItem[];
}

const STOPPED = new Set(['created', 'exited', 'dead']);
const TYPE_ORDER = { container: 0, volume: 1, image: 2, 'build-cache': 3 };

function volumeItem(kind: PruneKind, volume: VolumeUsage): PruneItem {
  return {
    kind, type: 'volume', id: volume.name, name: volume.name, sizeBytes: volume.sizeBytes,
    named: !volume.anonymous,
    anonymousByNameOnly: volume.anonymous && volume.anonymousInferred === true,
  };
}

export function planPrune(snapshot: Snapshot, kinds: PruneKind[]): PrunePlan {
  const items: PruneItem[] = [];
  const chosen = new Set(kinds);
  if (chosen.has('stopped-containers')) {
    const stopped = snapshot.containers.filter((container) => STOPPED.has(container.state));
    const stoppedNames = new Set(stopped.map((container) => container.name));
    for (const container of stopped) {
      items.push({ kind: 'stopped-containers', type: 'container', id: container.id, name: container.name, sizeBytes: container.writableLayer.sizeBytes, named: false, anonymousByNameOnly: false });
    }
    // Their anonymous volumes, when no container that stays uses them.
    for (const volume of snapshot.volumes) {
      if (volume.anonymous && volume.containers.length > 0 && volume.containers.every((name) => stoppedNames.has(name))) {
        items.push(volumeItem('stopped-containers', volume));
      }
    }
  }
  for (const volume of snapshot.volumes.filter((candidate) => candidate.dangling)) {
    const kind: PruneKind = volume.anonymous ? 'anonymous-volumes' : 'named-volumes';
    if (chosen.has(kind)) items.push(volumeItem(kind, volume));
  }
  if (chosen.has('dangling-images')) {
    for (const image of snapshot.images.filter((candidate) => candidate.tags.length === 0 && (candidate.containers ?? 0) === 0)) {
      const unique = image.sizeBytes === null ? null : image.sizeBytes - (image.sharedBytes ?? 0);
      items.push({ kind: 'dangling-images', type: 'image', id: image.id, name: image.id.replace(/^sha256:/, '').slice(0, 12), sizeBytes: unique, named: false, anonymousByNameOnly: false });
    }
  }
  if (chosen.has('build-cache')) {
    for (const record of snapshot.buildCache.filter((candidate) => !candidate.inUse && !candidate.shared)) {
      items.push({ kind: 'build-cache', type: 'build-cache', id: record.id, name: `${record.type} ${record.description}`.trim() || record.id, sizeBytes: record.sizeBytes, named: false, anonymousByNameOnly: false });
    }
  }
  items.sort((a, b) => TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || (b.sizeBytes ?? 0) - (a.sizeBytes ?? 0));
  return {
    kinds: PRUNE_KINDS.filter((kind) => chosen.has(kind)),
    items,
    totalBytes: items.reduce((sum, item) => sum + (item.sizeBytes ?? 0), 0),
    namedVolumes: items.filter((item) => item.named || item.anonymousByNameOnly),
  };
}

/** What the user must type to delete named volumes: the name when there is one, else their count. */
export function namedVolumeConfirmation(plan: PrunePlan): string | null {
  if (plan.namedVolumes.length === 0) return null;
  return plan.namedVolumes.length === 1 ? (plan.namedVolumes[0]?.name ?? '') : String(plan.namedVolumes.length);
}
