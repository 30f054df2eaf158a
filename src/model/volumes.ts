import type { RawVolume } from '../engine/raw.js';
import type { ContainerStorage, VolumeUsage } from './types.js';
import { knownSize } from './units.js';

/** Every volume with its size and the containers that mount it. */
export function describeVolumes(
  volumes: RawVolume[],
  containers: ContainerStorage[],
  volumeSizes: Map<string, number | null>,
  isAnonymous: (name: string, volume: RawVolume) => boolean,
): VolumeUsage[] {
  const users = new Map<string, string[]>();
  for (const container of containers) {
    for (const mount of container.volumes) {
      const names = users.get(mount.name) ?? [];
      if (!names.includes(container.name)) names.push(container.name);
      users.set(mount.name, names);
    }
  }
  return volumes.map((volume) => {
    const labels = volume.Labels ?? {};
    const mountedBy = (users.get(volume.Name) ?? []).sort();
    return {
      name: volume.Name,
      driver: volume.Driver ?? 'local',
      anonymous: isAnonymous(volume.Name, volume),
      sizeBytes: volumeSizes.get(volume.Name) ?? knownSize(volume.UsageData?.Size),
      refCount: mountedBy.length,
      containers: mountedBy,
      dangling: mountedBy.length === 0,
      composeProject: labels['com.docker.compose.project'] ?? null,
      composeVolume: labels['com.docker.compose.volume'] ?? null,
      createdAt: volume.CreatedAt || null,
      mountpoint: volume.Mountpoint || null,
      labels,
    };
  });
}
